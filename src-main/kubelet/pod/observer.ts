// What the engine shows of the pod right now: its sandboxes and containers (list + inspect, by the
// pod-uid label, answered from the engine observer's in-memory view: ../observation/) as a
// PodView, with what the engine cannot know filled in — a failed start, whether postStart and the
// probes let a container count as started and ready, the termination message.
// The kubelet's GetPodStatus / convertToAPIContainerStatuses (kuberuntime_manager.go,
// kubelet_pods.go), reading the engine instead of the CRI.
import type { ContainerDetails } from '../../engine/container-spec';
import { isNotFound } from '../../engine/engine';
import { LABELS, parseBerthLabels } from '../../engine/labels';
import { observeContainer } from '../observe';
import type { ObservedContainer } from '../status/observed';
import { MAX_TERMINATION_MESSAGE_BYTES, MAX_TERMINATION_MESSAGE_LOG_BYTES, terminationMessage } from '../status/termination-message';
import { terminationLogPath } from './container-spec';
import { readFileTail } from './read-file-tail';
import type { PodContext } from './context';
import { hookSucceeded } from './hooks';
import type { PodProbing } from './probing';
import type { PodDeps } from './state';

const LOG_TAIL_FOR_MESSAGES = 80;

export interface PodView {
  /** The newest sandbox; older ones are stale, to be removed. */
  sandbox: ContainerDetails | undefined;
  staleSandboxes: ContainerDetails[];
  containers: ObservedContainer[];
  details: Map<string, ContainerDetails>;
}

export class PodObserver {
  /** Termination messages by engine id: an exited instance's message never changes. */
  private readonly terminationMessages = new Map<string, string>();

  constructor(
    private readonly deps: PodDeps,
    private readonly probing: PodProbing,
  ) {}

  async observe(ctx: PodContext): Promise<PodView> {
    const { engine, host, uid, state } = this.deps;
    const list = await engine.listContainers({ labels: { [LABELS.podUid]: uid }, all: true });
    const inspected = await Promise.all(
      list.map((c) =>
        engine.inspectContainer(c.id).catch((error: unknown) => {
          if (isNotFound(error)) return undefined; // removed between list and inspect
          throw error;
        }),
      ),
    );
    const details = inspected.filter((d): d is ContainerDetails => d !== undefined);
    const sandboxes = details
      .filter((d) => parseBerthLabels(d.labels)?.role === 'sandbox')
      .sort((a, b) => b.created - a.created);
    const containers: ObservedContainer[] = [];
    const hookRuns = host.hookRuns(uid);
    for (const d of details) {
      const observed = observeContainer(d, ctx.pod.spec);
      if (!observed) continue;
      // A failed start is an exit (ContainerCannotRun, back-off), not a container yet to start.
      const startFailure = state.startFailures.get(d.id);
      if (startFailure !== undefined && observed.state === 'created') observed.startError = startFailure;
      if (observed.state === 'running' && ctx.specOf(observed.name)?.lifecycle?.postStart) {
        // Not Running until its postStart returned (successfully) for THIS instance.
        observed.started = hookSucceeded(hookRuns, observed.engineId, 'PostStart');
      }
      if (observed.state === 'running') {
        const probes = this.probing.proberFor(ctx).statusOf(observed.engineId);
        if (probes) {
          observed.ready = probes.ready;
          observed.started = (observed.started ?? true) && probes.started;
        }
      }
      if (observed.state === 'exited') observed.terminationMessage = await this.terminationMessageOf(ctx, observed);
      containers.push(observed);
    }
    if (!state.closed) this.probing.proberFor(ctx).update(
      containers
        .filter((c) => c.state === 'running')
        .map((c) => ({
          engineId: c.engineId,
          container: ctx.specOf(c.name)!,
          startedAt: c.startedAt ?? host.now(),
          postStartDone: !ctx.specOf(c.name)?.lifecycle?.postStart || hookSucceeded(hookRuns, c.engineId, 'PostStart'),
        })),
    );
    return { sandbox: sandboxes[0], staleSandboxes: sandboxes.slice(1), containers, details: new Map(details.map((d) => [d.id, d])) };
  }

  private async terminationMessageOf(ctx: PodContext, instance: ObservedContainer): Promise<string> {
    const cached = this.terminationMessages.get(instance.engineId);
    if (cached !== undefined) return cached;
    const spec = ctx.specOf(instance.name);
    // Never the whole file: the container owns it and may have filled the disk.
    const fileContents = readFileTail(terminationLogPath(this.deps.host.podDir(this.deps.uid), instance.name, instance.attempt), MAX_TERMINATION_MESSAGE_BYTES);
    const policy = spec?.terminationMessagePolicy ?? 'File';
    const exitCode = instance.exitCode ?? 0;
    const needsLogs = policy === 'FallbackToLogsOnError' && exitCode !== 0 && !fileContents?.length && !instance.startError;
    const logTail = needsLogs ? await this.deps.engine.logsText(instance.engineId, { tail: LOG_TAIL_FOR_MESSAGES, limitBytes: MAX_TERMINATION_MESSAGE_LOG_BYTES }).catch(() => '') : '';
    const message = terminationMessage({ policy, exitCode, fileContents, logTail, startFailed: Boolean(instance.startError) });
    this.terminationMessages.set(instance.engineId, message);
    return message;
  }
}
