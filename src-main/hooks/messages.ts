// The messages of failed lifecycle hooks, in the kubelet's formats (lifecycle/handlers.go Run).
// The kubelet itself records only "PostStartHook failed" / "PreStopHook failed" in the event
// (kuberuntime_container.go: "do not record the message in the event so that secrets won't
// leak from the server") and logs the detail; Berth runs on the user's own machine and shows it.
import type { HookHandlerKind, HookName, KubeletEventReason, LifecycleHandler } from '../model';
import { goQuote, goStringSlice } from '../kube/go-format';

export const HOOK_EVENT_REASONS: Record<HookName, KubeletEventReason> = {
  PostStart: 'FailedPostStartHook',
  PreStop: 'FailedPreStopHook',
};

/** What a failed run left behind, as far as the message needs it. */
export interface HookFailureDetail {
  output: string;
  error?: string;
}

/** Go's `%v` of an IntOrString: `{0 8080 }` for a number, `{1 0 http}` for a name. */
function goIntOrString(port: number | string): string {
  return typeof port === 'number' ? `{0 ${port} }` : `{1 0 ${port}}`;
}

/**
 * Go's `%v` of the *LifecycleHandler the kubelet cannot run (only tcpSocket reaches this: it
 * is kept in the API for compatibility and fails at run time).
 */
export function goLifecycleHandler(handler: LifecycleHandler): string {
  const tcp = handler.tcpSocket
    ? `&TCPSocketAction{Port:${goIntOrString(handler.tcpSocket.port)},Host:${handler.tcpSocket.host ?? ''},}`
    : 'nil';
  // Only reached when exec, httpGet and sleep are all absent.
  return `&LifecycleHandler{Exec:nil,HTTPGet:nil,TCPSocket:${tcp},Sleep:nil,}`;
}

/** The error of a handler the kubelet cannot run (handlers.go Run, default case). */
export function invalidHandlerError(handler: LifecycleHandler): string {
  return `invalid handler: ${goLifecycleHandler(handler)}`;
}

/**
 * The message of a failed hook, as the kubelet's HandlerRunner.Run builds it:
 * - `Exec lifecycle hook ([badcommand]) for Container "main" in Pod "demo_default(uid)" failed - error: command 'badcommand' exited with 127: …, message: "…"`
 * - `HTTP lifecycle hook (/echo?msg=poststart) for Container "main" in Pod "…" failed - error: Get "http://…": dial tcp …: connect: connection refused`
 * - `Sleep lifecycle hook (5) for Container "main" in Pod "…" failed - error: container terminated before sleep hook finished`
 * - `Cannot run handler: invalid handler: &LifecycleHandler{…}` (tcpSocket)
 * Without an error to report it falls back to the kubelet's event text (`PostStartHook failed`).
 */
export function hookFailureMessage(
  kind: HookName,
  handler: LifecycleHandler,
  result: HookFailureDetail,
  containerName: string,
  podFullName: string,
): string {
  if (result.error === undefined) return `${kind}Hook failed`;
  const where = `for Container ${goQuote(containerName)} in Pod ${goQuote(podFullName)} failed - error: ${result.error}`;
  if (handler.exec) {
    return `Exec lifecycle hook (${goStringSlice(handler.exec.command)}) ${where}, message: ${goQuote(result.output)}`;
  }
  if (handler.httpGet) return `HTTP lifecycle hook (${handler.httpGet.path}) ${where}`;
  if (handler.sleep) return `Sleep lifecycle hook (${handler.sleep.seconds}) ${where}`;
  return `Cannot run handler: ${result.error}`;
}

/** Which of the four a handler is (exactly one is set after validation). */
export function handlerKind(handler: LifecycleHandler): HookHandlerKind {
  if (handler.exec) return 'exec';
  if (handler.httpGet) return 'httpGet';
  if (handler.sleep) return 'sleep';
  return 'tcpSocket';
}
