// Runs one postStart/preStop handler (lifecycle/handlers.go HandlerRunner.Run) and returns a
// uniform result, ready to be stored as a HookRun row. It never throws: every failure is a
// result with `ok: false` and the kubelet's error text.
import type { Engine } from '../engine/engine';
import type { HookHandlerKind, LifecycleHandler } from '../model';
import { runExecHandler } from './exec';
import { httpGet } from './http-get';
import { handlerKind, invalidHandlerError } from './messages';
import { runSleepHandler } from './sleep';
import { resolveTarget, TargetError } from './target';
import type { TargetContext } from './target';

export interface HandlerContext extends TargetContext {
  engine: Pick<Engine, 'exec'>;
  /** The engine container the hook runs against (exec). */
  containerId: string;
  /** Aborted when the container terminates or the grace period ends: handlers have no timeout. */
  signal?: AbortSignal;
  /** `<major>.<minor>` for `User-Agent: kube-lifecycle/<v>`. */
  kubeVersion?: string;
  /** Epoch ms; injectable for tests. */
  now?: () => number;
}

export interface HandlerResult {
  ok: boolean;
  handler: HookHandlerKind;
  exitCode?: number;
  httpStatus?: number;
  /** stdout+stderr or the HTTP body, at most 10 KiB. */
  output: string;
  /** The kubelet's error text (the part after `failed - error: `). */
  error?: string;
  /** The `LifecycleHTTPFallback` event message, when HTTPS fell back to HTTP. */
  fallbackWarning?: string;
  startedAt: number;
  finishedAt: number;
}

type Outcome = Omit<HandlerResult, 'handler' | 'startedAt' | 'finishedAt'>;

async function runHttpGet(action: NonNullable<LifecycleHandler['httpGet']>, ctx: HandlerContext): Promise<Outcome> {
  const target = resolveTarget(action, ctx);
  if (target instanceof TargetError) return { ok: false, output: '', error: target.message };
  const got = await httpGet({
    scheme: action.scheme,
    path: action.path,
    ...(action.httpHeaders ? { httpHeaders: action.httpHeaders } : {}),
    target,
    purpose: 'lifecycle',
    ...(ctx.kubeVersion ? { kubeVersion: ctx.kubeVersion } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  // runHTTPHandler fails only on a transport error: the status code does not decide.
  return {
    ok: got.error === undefined,
    ...(got.response ? { httpStatus: got.response.status } : {}),
    output: got.response?.body ?? '',
    ...(got.error !== undefined ? { error: got.error } : {}),
    ...(got.fallbackWarning ? { fallbackWarning: got.fallbackWarning } : {}),
  };
}

async function dispatch(handler: LifecycleHandler, ctx: HandlerContext): Promise<Outcome> {
  if (handler.exec) {
    const r = await runExecHandler(ctx.engine, ctx.containerId, handler.exec.command, ctx.signal);
    return {
      ok: r.ok,
      ...(r.exitCode !== undefined ? { exitCode: r.exitCode } : {}),
      output: r.output,
      ...(r.error !== undefined ? { error: r.error } : {}),
    };
  }
  if (handler.httpGet) return runHttpGet(handler.httpGet, ctx);
  if (handler.sleep) {
    const r = await runSleepHandler(handler.sleep.seconds, ctx.signal);
    return { ok: r.ok, output: '', ...(r.error !== undefined ? { error: r.error } : {}) };
  }
  // tcpSocket is accepted by the API but the kubelet fails it at run time.
  return { ok: false, output: '', error: invalidHandlerError(handler) };
}

export async function runLifecycleHandler(handler: LifecycleHandler, ctx: HandlerContext): Promise<HandlerResult> {
  const now = ctx.now ?? Date.now;
  const startedAt = now();
  let outcome: Outcome;
  try {
    outcome = await dispatch(handler, ctx);
  } catch (err) {
    outcome = { ok: false, output: '', error: err instanceof Error ? err.message : String(err) };
  }
  return { handler: handlerKind(handler), ...outcome, startedAt, finishedAt: now() };
}
