// Lifecycle hook runs: what the kubelet throws away, Berth keeps.

export type HookName = 'PostStart' | 'PreStop';
export type HookHandlerKind = 'exec' | 'httpGet' | 'sleep' | 'tcpSocket';

/** One execution of a lifecycle hook: what the kubelet throws away, Berth keeps. */
export interface HookRun {
  id: number;
  podUid: string;
  namespace: string;
  podName: string;
  container: string;
  /** The engine container the hook ran against. */
  containerId: string | null;
  hook: HookName;
  handler: HookHandlerKind;
  /** 1 for the first delivery, 2+ when re-delivered after a crash (at-least-once). */
  attempt: number;
  startedAt: number;
  finishedAt: number | null;
  exitCode: number | null;
  httpStatus: number | null;
  /** First 10 KiB of stdout+stderr or of the HTTP body. */
  output: string;
  error: string | null;
}
