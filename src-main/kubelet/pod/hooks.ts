// Running a container's lifecycle hook and keeping its hook run: the kubelet's
// runner.Run (pkg/kubelet/lifecycle/handlers.go) with the record the kubelet throws away — output,
// exit code or HTTP status, duration — and the events it records on failure. Also what makes
// delivery at least once across Berth's restarts: runs left unfinished by a Berth that died are
// closed as interrupted, and a hook counts as delivered only once a run of it succeeded.
import type { HookName, HookRun } from '../../model';
import { LABELS } from '../../engine/labels';
import { handlerKind, hookFailureMessage, HOOK_EVENT_REASONS, LIFECYCLE_HTTP_FALLBACK_REASON, runLifecycleHandler, type HandlerResult } from '../../hooks';
import type { Container } from '../../model';
import { namespaceNetworkName } from '../engine-specs';
import { sandboxAddresses } from '../network';
import type { PodContext } from './context';
import type { PodDeps } from './state';
import { INTERRUPTED_RUN_ERROR } from '../../../src-shared/hook-outcome';

/** Whether `hook` ran to success for this engine container (hook runs outlive Berth's restarts). */
export function hookSucceeded(runs: readonly HookRun[], containerId: string, hook: HookName): boolean {
  return runs.some((r) => r.containerId === containerId && r.hook === hook && r.finishedAt !== null && r.error === null);
}

export class HookRunner {
  private interruptedRunsClosed = false;

  constructor(private readonly deps: PodDeps) {}

  /**
   * Hook runs left unfinished are from a Berth that died while they ran: close them as such. The
   * hooks themselves are delivered again where still needed (at least once, as Kubernetes says).
   */
  closeInterruptedRuns(): void {
    if (this.interruptedRunsClosed) return;
    this.interruptedRunsClosed = true;
    const { host, uid } = this.deps;
    for (const run of host.hookRuns(uid).filter((r) => r.finishedAt === null)) {
      host.hookRunFinished(run.id, {
        finishedAt: host.now(),
        exitCode: null,
        httpStatus: null,
        output: run.output,
        error: INTERRUPTED_RUN_ERROR,
      });
    }
  }

  /** The pod's sandbox as a hook (and probe) target: its published ports and the pod IP. */
  async target(ctx: PodContext): Promise<{ publishedPort: (port: number) => number | undefined; podIP?: string }> {
    const { engine, uid } = this.deps;
    const sandbox = (await engine.listContainers({ labels: { [LABELS.podUid]: uid, [LABELS.role]: 'sandbox' } }))[0];
    if (!sandbox) return { publishedPort: () => undefined };
    const details = await engine.inspectContainer(sandbox.id);
    const { podIP } = sandboxAddresses(details, namespaceNetworkName(ctx.namespace));
    return {
      publishedPort: (port) => details.ports.find((p) => p.containerPort === port && p.protocol === 'tcp')?.hostPort,
      ...(podIP ? { podIP } : {}),
    };
  }

  /** Runs `hook` of `container` in engine container `containerId`, recording the run and its events. */
  async run(ctx: PodContext, container: Container, containerId: string, hook: HookName, signal: AbortSignal): Promise<HandlerResult> {
    const { engine, host, uid } = this.deps;
    const handler = hook === 'PostStart' ? container.lifecycle!.postStart! : container.lifecycle!.preStop!;
    // Resolved first, so an engine error here cannot leave a hook run "running" forever.
    const target = await this.target(ctx);
    const run = host.hookRunStarted({
      podUid: uid,
      namespace: ctx.namespace,
      podName: ctx.name,
      container: container.name,
      containerId,
      hook,
      handler: handlerKind(handler),
      startedAt: host.now(),
    });
    const result = await runLifecycleHandler(handler, { engine, containerId, container, signal, now: () => host.now(), ...target });
    host.hookRunFinished(run.id, {
      finishedAt: result.finishedAt,
      exitCode: result.exitCode ?? null,
      httpStatus: result.httpStatus ?? null,
      output: result.output,
      error: result.ok ? null : (result.error ?? `${hook}Hook failed`),
    });
    const fieldPath = ctx.fieldPathOf(container.name);
    if (result.fallbackWarning) this.deps.record([ctx.event('Warning', LIFECYCLE_HTTP_FALLBACK_REASON, result.fallbackWarning, fieldPath)]);
    // A hook cut short by Berth (the grace period ran out, the container exited, the pod went)
    // keeps its hook run with the reason, but is no failure event: the kubelet lets such a hook
    // go on in the background and records nothing.
    if (!result.ok && !signal.aborted) {
      this.deps.record([ctx.event('Warning', HOOK_EVENT_REASONS[hook], hookFailureMessage(hook, handler, result, container.name, ctx.fullName), fieldPath)]);
    }
    return result;
  }
}
