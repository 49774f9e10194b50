// What one probe run reports (pkg/probe Result + output), shared by the probe kinds.

export type ProbeResult = 'success' | 'failure' | 'unknown';

export interface ProbeOutcome {
  result: ProbeResult;
  /** What the probe printed or the reason it failed; at most 10 KiB. */
  output: string;
  /** Success with a warning (an HTTP redirect to another host, not followed). */
  warning?: boolean;
  /** The probe could not run at all (`unknown`): the kubelet's "probe errored". */
  error?: string;
}
