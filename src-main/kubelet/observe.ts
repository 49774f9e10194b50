// Engine inspect results → the observed-container records the status and restart logic read.
// Pure.
import type { ContainerDetails } from '../engine/container-spec';
import { parseBerthLabels } from '../engine/labels';
import type { PodSpec } from '../kube/types';
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

/** Linux signal numbers 1–31 by name (the container's kernel is Linux, whatever the host runs). */
const LINUX_SIGNALS = [
  'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGKILL', 'SIGUSR1', 'SIGSEGV',
  'SIGUSR2', 'SIGPIPE', 'SIGALRM', 'SIGTERM', 'SIGSTKFLT', 'SIGCHLD', 'SIGCONT', 'SIGSTOP', 'SIGTSTP', 'SIGTTIN',
  'SIGTTOU', 'SIGURG', 'SIGXCPU', 'SIGXFSZ', 'SIGVTALRM', 'SIGPROF', 'SIGWINCH', 'SIGIO', 'SIGPWR', 'SIGSYS',
];

/** A Linux signal number as its name (`10` → `SIGUSR1`, `36` → `SIGRTMIN+2`); unknown numbers stay numbers. */
export function linuxSignalName(signal: number): string | undefined {
  if (signal >= 1 && signal <= 31) return LINUX_SIGNALS[signal - 1];
  if (signal === 34) return 'SIGRTMIN';
  if (signal >= 35 && signal <= 49) return `SIGRTMIN+${signal - 34}`;
  if (signal >= 50 && signal <= 63) return `SIGRTMAX-${64 - signal}`;
  if (signal === 64) return 'SIGRTMAX';
  return undefined;
}

/**
 * The stop signal the engine would use: lifecycle.stopSignal or the image's STOPSIGNAL, else
 * SIGTERM — by name. Podman's inspect reports it as a number (`15`, `10` for SIGUSR1), Docker's
 * as given.
 */
export function stopSignalOf(details: ContainerDetails): string {
  const configured = (details.raw.Config as { StopSignal?: string } | undefined)?.StopSignal;
  if (!configured) return 'SIGTERM';
  if (/^\d+$/.test(configured)) return linuxSignalName(Number(configured)) ?? configured;
  return configured.startsWith('SIG') ? configured : `SIG${configured}`;
}
