// Lifecycle hooks (postStart/preStop, stopSignal) and probes: one action each, well formed.
import type { Path } from '../path';
import { problems, type Reporter } from '../report';
import type { ExecAction, HTTPGetAction, Lifecycle, LifecycleHandler, Probe, TCPSocketAction } from '../../model';
import type { Draft } from '../draft';
import { checkEnum, checkFormat, checkMin, checkRange, each } from './check';
import { httpHeaderName } from './names';
import { validateTargetPort } from './ports';

/** What a handler needs to know about its container and pod. */
export interface HandlerContext {
  /** The container's declared port names: a named handler port must be one of them. */
  portNames: ReadonlySet<string>;
  /** The pod's terminationGracePeriodSeconds (defaulted): a preStop sleep must fit in it. */
  gracePeriod: number;
}

/** The signals Kubernetes accepts for `lifecycle.stopSignal` on Linux. */
export const STOP_SIGNALS: readonly string[] = [
  'SIGABRT', 'SIGALRM', 'SIGBUS', 'SIGCHLD', 'SIGCLD', 'SIGCONT', 'SIGFPE', 'SIGHUP', 'SIGILL', 'SIGINT',
  'SIGIO', 'SIGIOT', 'SIGKILL', 'SIGPIPE', 'SIGPOLL', 'SIGPROF', 'SIGPWR', 'SIGQUIT', 'SIGSEGV', 'SIGSTKFLT',
  'SIGSTOP', 'SIGSYS', 'SIGTERM', 'SIGTRAP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGUSR1', 'SIGUSR2',
  'SIGVTALRM', 'SIGWINCH', 'SIGXCPU', 'SIGXFSZ', 'SIGRTMIN',
  ...Array.from({ length: 15 }, (_, i) => `SIGRTMIN+${i + 1}`),
  ...Array.from({ length: 14 }, (_, i) => `SIGRTMAX-${14 - i}`),
  'SIGRTMAX',
];

const HOOK_ACTIONS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;
const PROBE_ACTIONS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

export function validateLifecycle(lc: Draft<Lifecycle> | undefined, path: Path, r: Reporter, ctx: HandlerContext): void {
  if (!lc) return;
  validateHook(lc.postStart, [...path, 'postStart'], r, ctx);
  validateHook(lc.preStop, [...path, 'preStop'], r, ctx);
  if (lc.stopSignal !== undefined && !STOP_SIGNALS.includes(lc.stopSignal)) {
    r.error(
      [...path, 'stopSignal'],
      problems.invalid(lc.stopSignal, 'must be a signal name such as SIGTERM, SIGINT, SIGQUIT, SIGKILL, SIGHUP, SIGUSR1 or SIGRTMIN+1'),
    );
  }
}

function validateHook(h: Draft<LifecycleHandler> | undefined, path: Path, r: Reporter, ctx: HandlerContext): void {
  if (!h) return;
  exactlyOneAction(h, HOOK_ACTIONS, path, r);
  validateCommonActions(h, path, r, ctx);
  if (h.sleep) {
    const seconds = h.sleep.seconds;
    const at: Path = [...path, 'sleep', 'seconds'];
    if (seconds === undefined) r.missing(at);
    else if (seconds < 0 || seconds > ctx.gracePeriod) {
      r.error(
        at,
        problems.invalid(seconds, `must be between 0 and terminationGracePeriodSeconds (${ctx.gracePeriod}), inclusive`),
      );
    }
  }
}

export type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

export function validateProbe(
  p: Draft<Probe> | undefined,
  kind: ProbeKind,
  path: Path,
  r: Reporter,
  ctx: HandlerContext,
): void {
  if (!p) return;
  exactlyOneAction(p, PROBE_ACTIONS, path, r);
  validateCommonActions(p, path, r, ctx);
  if (p.grpc) {
    if (p.grpc.port === undefined) r.missing([...path, 'grpc', 'port']);
    checkRange(r, [...path, 'grpc', 'port'], p.grpc.port, 1, 65535);
  }
  for (const field of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const) {
    checkMin(r, [...path, field], p[field], 0);
  }
  if (kind !== 'readinessProbe' && p.successThreshold !== undefined && p.successThreshold !== 1) {
    r.error([...path, 'successThreshold'], problems.invalid(p.successThreshold, `must be 1 for ${kind}`));
  }
  if (p.terminationGracePeriodSeconds !== undefined) {
    if (kind === 'readinessProbe') {
      r.error([...path, 'terminationGracePeriodSeconds'], 'must not be set for readinessProbes');
    } else {
      checkMin(r, [...path, 'terminationGracePeriodSeconds'], p.terminationGracePeriodSeconds, 1);
    }
  }
}

function exactlyOneAction<K extends string>(
  handler: Partial<Record<K, unknown>>,
  actions: readonly K[],
  path: Path,
  r: Reporter,
): void {
  const set = actions.filter((a) => handler[a] !== undefined);
  if (set.length === 0) {
    r.error(path, `must specify exactly one handler type (one of: ${actions.join(', ')})`);
  }
  for (const extra of set.slice(1)) {
    r.error([...path, extra], `may not specify more than one handler type (${set.join(' and ')} are set)`);
  }
}

/** exec, httpGet and tcpSocket read the same in hooks and probes. */
function validateCommonActions(
  h: { exec?: Draft<ExecAction>; httpGet?: Draft<HTTPGetAction>; tcpSocket?: Draft<TCPSocketAction> },
  path: Path,
  r: Reporter,
  ctx: HandlerContext,
): void {
  if (h.exec && !h.exec.command?.length) r.missing([...path, 'exec', 'command']);
  if (h.httpGet) {
    const at: Path = [...path, 'httpGet'];
    validateTargetPort(h.httpGet.port, [...at, 'port'], r, ctx.portNames);
    checkEnum(r, [...at, 'scheme'], h.httpGet.scheme, ['HTTP', 'HTTPS']);
    each(h.httpGet.httpHeaders, (header, i) => {
      checkFormat(r, [...at, 'httpHeaders', i, 'name'], header.name, httpHeaderName, true);
    });
  }
  if (h.tcpSocket) validateTargetPort(h.tcpSocket.port, [...path, 'tcpSocket', 'port'], r, ctx.portNames);
}
