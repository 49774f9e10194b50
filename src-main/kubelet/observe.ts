// Engine inspect results → the observed-container records the status and restart logic read.
// Pure.
import type { ContainerDetails } from '../engine/container-spec';
import { parseBerthLabels } from '../engine/labels';
import { signalName } from '../engine/signals';
import type { PodSpec } from '../model';
import type { ContainerKind, ObservedContainer, ObservedState } from './status/observed';

export function containerKind(spec: PodSpec, name: string): ContainerKind | undefined {
  const init = (spec.initContainers ?? []).find((c) => c.name === name);
  if (init) return init.restartPolicy === 'Always' ? 'sidecar' : 'init';
  return spec.containers.some((c) => c.name === name) ? 'app' : undefined;
}

function observedState(details: ContainerDetails): ObservedState {
  if (details.state.running) return 'running';
  // Created but never started (Podman also says `configured`): not exited yet.
  if (details.state.startedAt === undefined && !details.state.error && ['created', 'configured'].includes(details.state.status)) return 'created';
  return 'exited';
}

/** Undefined for an engine container that is not one of this spec's containers. */
export function observeContainer(details: ContainerDetails, spec: PodSpec): ObservedContainer | undefined {
  const labels = parseBerthLabels(details.labels);
  if (!labels || labels.role !== 'container' || !labels.containerName) return undefined;
  const kind = containerKind(spec, labels.containerName);
  if (!kind) return undefined;
  const state = observedState(details);
  const observed: ObservedContainer = {
    name: labels.containerName,
    kind,
    attempt: labels.restartCount ?? 0,
    engineId: details.id,
    state,
    image: details.image,
    imageID: details.imageId,
    createdAt: details.created,
  };
  if (details.state.startedAt !== undefined) observed.startedAt = details.state.startedAt;
  if (state === 'exited') {
    observed.finishedAt = details.state.finishedAt ?? details.state.startedAt ?? details.created;
    observed.exitCode = details.state.exitCode;
    if (details.state.oomKilled) observed.oomKilled = true;
    if (details.state.error && details.state.startedAt === undefined) observed.startError = details.state.error;
  }
  return observed;
}

export { linuxSignalName } from '../engine/signals';

/**
 * The stop signal the engine would use: lifecycle.stopSignal or the image's STOPSIGNAL, else
 * SIGTERM — by name. Podman's inspect reports it as a number (`15`, `10` for SIGUSR1), Docker's
 * as given.
 */
export function stopSignalOf(details: ContainerDetails): string {
  return details.stopSignal ? signalName(details.stopSignal) : 'SIGTERM';
}
