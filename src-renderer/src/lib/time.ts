// Times the way kubectl prints them; the arithmetic is shared with the CLI (src-shared/).
import { humanDuration } from '../../../src-shared/human-duration';

export { restartsColumn as restartsSummary } from '../../../src-shared/human-duration';

/** kubectl's AGE column: time since `then` (epoch ms). */
export function age(then: number, now: number): string {
  return humanDuration(now - then);
}

/** kubectl describe's repeat note, for its own column: "x3 over 2m" (empty for one occurrence). */
export function repeatSummary(count: number, firstTimestamp: number, now: number): string {
  return count > 1 ? `x${count} over ${age(firstTimestamp, now)}` : '';
}
