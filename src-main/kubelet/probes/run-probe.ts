// Runs one probe of a container (kubelet/prober/prober.go runProbe + pkg/probe/*), returning
// the kubelet's result and output. Never throws.
import type { Engine } from '../../engine/engine';
import { httpGet } from '../../hooks/http-get';
import { MAX_OUTPUT_BYTES } from '../../hooks/limits';
import { resolveTarget, TargetError } from '../../hooks/target';
import type { TargetContext } from '../../hooks/target';
import type { Probe } from '../../model';
import { goDurationSeconds } from './grpc-codec';
import { grpcProbe } from './grpc';
import { tcpProbe } from './tcp';
import type { ProbeOutcome } from './types';

export interface ProbeContext extends TargetContext {
  engine: Pick<Engine, 'exec'>;
  containerId: string;
  /** Stops the probe (the container is going away). */
  signal?: AbortSignal;
  kubeVersion?: string;
}

/** prober.go maxProbeRetries: a probe that errors (cannot run) is tried this many times. */
export const MAX_PROBE_RETRIES = 3;

const unknown = (error: string): ProbeOutcome => ({ result: 'unknown', output: '', error });

function combined(signal: AbortSignal | undefined, timeoutMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

async function execProbe(command: string[], probe: Probe, ctx: ProbeContext): Promise<ProbeOutcome> {
  const signal = combined(ctx.signal, probe.timeoutSeconds * 1000);
  try {
    const { exitCode, output } = await ctx.engine.exec(ctx.containerId, command, { maxOutputBytes: MAX_OUTPUT_BYTES, signal });
    return { result: exitCode === 0 ? 'success' : 'failure', output };
  } catch (err) {
    if (signal.aborted && !ctx.signal?.aborted) {
      // ExecProbeTimeout: a timed-out exec is a failure (the CRI's "command timed out" error).
      const cmd = JSON.stringify(command.join(' '));
      return { result: 'failure', output: `command timed out: ${cmd} timed out after ${goDurationSeconds(probe.timeoutSeconds)}` };
    }
    return unknown(err instanceof Error ? err.message : String(err));
  }
}

async function httpProbe(probe: Probe, ctx: ProbeContext): Promise<ProbeOutcome> {
  const action = probe.httpGet;
  if (!action) return unknown('no httpGet action');
  const target = resolveTarget(action, ctx);
  if (target instanceof TargetError) return unknown(target.message);
  const got = await httpGet({
    scheme: action.scheme,
    path: action.path,
    ...(action.httpHeaders ? { httpHeaders: action.httpHeaders } : {}),
    target,
    purpose: 'probe',
    timeoutMs: probe.timeoutSeconds * 1000,
    ...(ctx.kubeVersion ? { kubeVersion: ctx.kubeVersion } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  // DoHTTPProbe: transport errors are failures; 200–399 succeed, a 3xx left unfollowed warns.
  if (got.error !== undefined || !got.response) return { result: 'failure', output: got.error ?? '' };
  const { status, body } = got.response;
  if (status >= 200 && status < 400) {
    if (status >= 300) return { result: 'success', warning: true, output: `Probe terminated redirects, Response body: ${body}` };
    return { result: 'success', output: body };
  }
  // The kubelet keeps the body out of this message (issue 99425).
  return { result: 'failure', output: `HTTP probe failed with statuscode: ${status}` };
}

async function runOnce(probe: Probe, ctx: ProbeContext): Promise<ProbeOutcome> {
  if (probe.exec) return execProbe(probe.exec.command, probe, ctx);
  if (probe.httpGet) return httpProbe(probe, ctx);
  if (probe.tcpSocket) {
    const target = resolveTarget(probe.tcpSocket, ctx);
    if (target instanceof TargetError) return unknown(target.message);
    return tcpProbe(target.host, target.port, probe.timeoutSeconds, ctx.signal);
  }
  if (probe.grpc) {
    const target = resolveTarget({ port: probe.grpc.port }, ctx);
    if (target instanceof TargetError) return unknown(target.message);
    return grpcProbe({
      host: target.host,
      port: target.port,
      address: target.hostHeader,
      service: probe.grpc.service ?? '',
      timeoutSeconds: probe.timeoutSeconds,
      ...(ctx.kubeVersion ? { kubeVersion: ctx.kubeVersion } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
  }
  return unknown(`missing probe handler for container ${ctx.container.name}`);
}

/** One probe, retried (like runProbeWithRetries) while it cannot run at all. */
export async function runProbe(probe: Probe, ctx: ProbeContext): Promise<ProbeOutcome> {
  let outcome: ProbeOutcome = unknown('probe not run');
  for (let attempt = 0; attempt < MAX_PROBE_RETRIES; attempt++) {
    try {
      outcome = await runOnce(probe, ctx);
    } catch (err) {
      outcome = unknown(err instanceof Error ? err.message : String(err));
    }
    if (outcome.result !== 'unknown' || ctx.signal?.aborted) return outcome;
  }
  return outcome;
}
