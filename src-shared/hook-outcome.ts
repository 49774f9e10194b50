// How a lifecycle hook run ended, said once: `berth hooks`, the desktop app's Hook runs list and
// timeline, and the kubelet's re-delivery decision all read a run's outcome from here. Pure and
// Node-free.
import type { HookRun } from '../src-main/model';

/** `interrupted`: the Berth that ran the hook stopped first; the hook is delivered again where needed. */
export type HookRunOutcome = 'running' | 'ok' | 'failed' | 'interrupted';

/** The error a run gets when it is closed after a crash; its prefix is what marks it. */
export const INTERRUPTED_RUN_ERROR = 'interrupted: Berth stopped while the hook ran; it is delivered again if its container still runs';
const INTERRUPTED_PREFIX = 'interrupted:';

type RunResult = Pick<HookRun, 'finishedAt' | 'error' | 'exitCode' | 'httpStatus'>;

export function hookRunOutcome(run: RunResult): HookRunOutcome {
  if (run.finishedAt === null) return 'running';
  if (run.error?.startsWith(INTERRUPTED_PREFIX)) return 'interrupted';
  if (run.error) return 'failed';
  if (run.exitCode !== null && run.exitCode !== 0) return 'failed';
  if (run.httpStatus !== null && (run.httpStatus < 200 || run.httpStatus >= 400)) return 'failed';
  return 'ok';
}

/** The word a table shows for an outcome. */
export const HOOK_RUN_OUTCOME_LABELS: Readonly<Record<HookRunOutcome, string>> = {
  running: 'Running',
  ok: 'Succeeded',
  failed: 'Failed',
  interrupted: 'Interrupted',
};
