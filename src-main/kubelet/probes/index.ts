// Liveness, readiness and startup probes: running one (runProbe) and the per-container state
// machine that decides readiness, started and kills (ContainerProbeState).
export { runProbe, MAX_PROBE_RETRIES } from './run-probe';
export type { ProbeContext } from './run-probe';
export { ContainerProbeState, probeEventFor, probeKillMessage } from './state';
export type { ProbeEvent, ProbeStatus, ProbeStep, ProbeType, ContainerProbeSpecs } from './state';
export type { ProbeOutcome, ProbeResult } from './types';
