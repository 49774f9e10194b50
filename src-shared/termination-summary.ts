// One sentence for how a container stop went, from its termination timeline. Pure and Node-free:
// `berth describe` and the desktop app both say it the same way.
import type { ContainerStop } from '../src-main/model';

/** The parts of a container stop (src-main/model ContainerStop) the sentence needs. */
export type StopTimeline = Pick<
  ContainerStop,
  'reason' | 'gracePeriodMs' | 'startedAt' | 'preStopStartedAt' | 'preStopFinishedAt' | 'signal' | 'signalAt' | 'killAt' | 'exitedAt' | 'exitCode'
>;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function terminationSummary(stop: StopTimeline): string {
  const parts: string[] = [];
  if (stop.preStopStartedAt !== null && stop.preStopFinishedAt !== null) {
    parts.push(`preStop ${seconds(stop.preStopFinishedAt - stop.preStopStartedAt)}`);
  }
  if (stop.signal && stop.signalAt !== null) parts.push(`${stop.signal} at +${seconds(stop.signalAt - stop.startedAt)}`);
  if (stop.killAt !== null) parts.push(`SIGKILL at +${seconds(stop.killAt - stop.startedAt)}`);
  const detail = parts.length ? ` (${parts.join(', ')})` : '';
  if (stop.exitedAt === null) return `stopping since ${new Date(stop.startedAt).toISOString()}${detail}`;
  const total = seconds(stop.exitedAt - stop.startedAt);
  if (stop.killAt !== null) return `killed after the ${seconds(stop.gracePeriodMs)} grace period, gone in ${total}${detail}`;
  if (stop.signalAt === null) return `had already exited${detail}`;
  return `stopped gracefully in ${total}${detail}`;
}
