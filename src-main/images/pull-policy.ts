// The kubelet's image pull decisions and the exact words of its image events and waiting
// reasons (pkg/kubelet/images/image_manager.go, types.go; pkg/kubelet/events/event.go;
// kuberuntime_container.go's "Error: %v"). Pure: no I/O, no clock.
import type { ImageWaitingReason, KubeletEventReason, PullPolicy } from '../model';
import { goQuote } from '../kube/go-format';

/** Event reasons the image manager records (pkg/kubelet/events/event.go). */
export const IMAGE_EVENT_REASONS = {
  pulling: 'Pulling',
  pulled: 'Pulled',
  failed: 'Failed',
  inspectFailed: 'InspectFailed',
  neverPull: 'ErrImageNeverPull',
  backOff: 'BackOff',
  /** kubelet_pods.go getPullSecretsForPod. */
  failedToRetrieveImagePullSecret: 'FailedToRetrieveImagePullSecret',
} as const satisfies Record<string, KubeletEventReason>;

export interface ImageEvent {
  type: 'Normal' | 'Warning';
  reason: KubeletEventReason;
  message: string;
}

/** `shouldPullImage` (without the alpha KubeletEnsureSecretPulledImages gate). */
export function shouldPull(policy: PullPolicy, present: boolean): boolean {
  switch (policy) {
    case 'Always':
      return true;
    case 'IfNotPresent':
      return !present;
    case 'Never':
      return false;
  }
}

/** Whether the kubelet looks for the image before deciding (`imagePullPrecheck`: not for Always). */
export function needsPresenceCheck(policy: PullPolicy): boolean {
  return policy !== 'Always';
}

// --- messages (each the kubelet's format string) -----------------------------------------------

export const pullingMessage = (image: string): string => `Pulling image ${goQuote(image)}`;

/**
 * kubelet ≥ 1.30: `Successfully pulled image %q in %v (%v including waiting). Image size: %v bytes.`
 * with both durations truncated to the millisecond and printed as Go durations.
 */
export function pulledMessage(image: string, pullMs: number, totalMs: number, sizeBytes: number): string {
  return (
    `Successfully pulled image ${goQuote(image)} in ${goDuration(pullMs)} ` +
    `(${goDuration(totalMs)} including waiting). Image size: ${Math.max(0, Math.trunc(sizeBytes))} bytes.`
  );
}

export const alreadyPresentMessage = (image: string): string =>
  `Container image ${goQuote(image)} already present on machine`;

export const neverPullMessage = (image: string): string =>
  `Container image ${goQuote(image)} is not present with pull policy of Never`;

export const failedToPullMessage = (image: string, error: string): string =>
  `Failed to pull image ${goQuote(image)}: ${error}`;

/** The BackOff event. */
export const backOffMessage = (image: string): string => `Back-off pulling image ${goQuote(image)}`;

/**
 * The waiting message during back-off: since kubelet 1.32 the last pull error is appended as
 * `<reason>: <message>` (image_manager.go prevPullErrMsg).
 */
export function backOffWaitingMessage(image: string, previous?: { reason: string; message: string }): string {
  return previous ? `${backOffMessage(image)}: ${previous.reason}: ${previous.message}` : backOffMessage(image);
}

/**
 * kubelet's imagePullPrecheck prints the (empty) imageRef here; Berth names the image instead,
 * which is what a user needs to see.
 */
export const inspectFailedMessage = (image: string, error: string): string =>
  `Failed to inspect image ${goQuote(image)}: ${error}`;

/** kuberuntime_container.go startContainer: `Error: %v` with the waiting reason, reason `Failed`. */
export const containerErrorMessage = (reason: ImageWaitingReason): string => `Error: ${reason}`;

/** kubelet_pods.go getPullSecretsForPod. */
export const failedToRetrieveSecretsMessage = (names: readonly string[]): string =>
  `Unable to retrieve some image pull secrets (${names.join(', ')}); attempting to pull the image may not succeed.`;

/**
 * `utilerrors.NewAggregate(errs).Error()`: one error as is; several de-duplicated, comma-separated
 * and bracketed. The kubelet aggregates the errors of each credential it tried.
 */
export function aggregateErrors(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  if (unique.length === 0) return '';
  if (unique.length === 1) return unique[0] ?? '';
  return `[${unique.join(', ')}]`;
}

/**
 * Go's `time.Duration.String()` for a duration already truncated to the millisecond:
 * `0s`, `626ms`, `1.893s`, `1m0s`, `1h2m3.004s`.
 */
export function goDuration(ms: number): string {
  const total = Math.max(0, Math.trunc(ms));
  if (total === 0) return '0s';
  if (total < 1000) return `${total}ms`;
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = Math.floor((total % 60_000) / 1000);
  const millis = total % 1000;
  const fraction = millis === 0 ? '' : `.${String(millis).padStart(3, '0').replace(/0+$/, '')}`;
  return `${hours > 0 ? `${hours}h` : ''}${hours > 0 || minutes > 0 ? `${minutes}m` : ''}${seconds}${fraction}s`;
}
