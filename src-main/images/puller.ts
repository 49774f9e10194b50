// EnsureImageExists for one container (pkg/kubelet/images/image_manager.go + puller.go +
// kuberuntime_image.go PullImage), through an Engine. The decisions and words live in the pure
// modules next to this one; this one does the I/O: inspect, pull, inspect again.
//
// - Policy and presence decide (Always pulls without looking; IfNotPresent and Never look first).
// - A pull in back-off is not tried: `ImagePullBackOff`, with the last error in the message.
// - Every matching credential is tried in order until one works (pod secrets first, then the
//   user's config); with none matching, the pull is anonymous — as kuberuntime's PullImage.
// - Concurrent pulls of one image with the same credentials on one engine share one engine pull;
//   every caller still gets its own events (as every pod does on a node).
// - Errors are the engine's own words with dockerode's wrapper removed and secrets redacted.
import { createHash } from 'node:crypto';
import type { Engine, RegistryAuth } from '../engine/engine';
import type { DockerKeyring, RegistryCredential } from './keyring';
import type { ImagePullBackOff } from './pull-backoff';
import { imageBackOffKey } from './pull-backoff';
import type { ImageWaitingReason, PullPolicy } from '../model';
import type { ImageEvent } from './pull-policy';
import {
  IMAGE_EVENT_REASONS,
  aggregateErrors,
  alreadyPresentMessage,
  backOffMessage,
  backOffWaitingMessage,
  containerErrorMessage,
  failedToPullMessage,
  inspectFailedMessage,
  needsPresenceCheck,
  neverPullMessage,
  pulledMessage,
  pullingMessage,
  shouldPull,
} from './pull-policy';
import type { PullProgress } from './pull-progress';
import { PullProgressTracker } from './pull-progress';
import { DOCKER_HUB_AUTH_KEY, DOCKER_HUB_DOMAIN, InvalidImageNameError, tryParseImageReference } from './reference';
import type { ImageReference } from './reference';
import { engineErrorMessage, redactSecrets } from './redact';

export type { PullProgress, LayerProgress } from './pull-progress';

export interface EnsureImageOptions {
  engine: Engine;
  /** `container.image` as written in the pod spec (events quote it this way). */
  image: string;
  /** `container.imagePullPolicy` (already defaulted by kube/). */
  policy: PullPolicy;
  /** From podPullCredentials(); absent means every pull is anonymous. */
  credentials?: DockerKeyring;
  /** The kubelet keeps one back-off per node, keyed by pod UID and image: pass the core's. */
  backOff?: { tracker: ImagePullBackOff; podUid: string };
  /** Each event as it happens (Pulling comes before a long pull ends). Also collected in the result. */
  onEvent?: (event: ImageEvent) => void;
  /** Layer progress of the pull (also for a caller that joined another caller's pull). */
  onProgress?: (progress: PullProgress) => void;
  /** Stops waiting; the engine pull is aborted once no caller waits for it any more. */
  signal?: AbortSignal;
  /** Milliseconds for the Pulled message's durations; default performance.now. */
  now?: () => number;
}

export interface EnsureImageSuccess {
  ok: true;
  /** The image with the default tag applied (what a container should be created from). */
  image: string;
  /** The engine's image ID (`sha256:…`): the kubelet's imageRef. */
  imageId: string;
  /** Whether a pull happened (false: already present). */
  pulled: boolean;
  /** True when this call waited for a pull another call had started. */
  joinedPull: boolean;
  /** Image size in bytes after a pull (Pulled message), as the engine reports it. */
  sizeBytes?: number;
  events: ImageEvent[];
}

export interface EnsureImageFailure {
  ok: false;
  /** The container's waiting reason. */
  reason: ImageWaitingReason;
  /** The container's waiting message (kubelet's words). */
  message: string;
  events: ImageEvent[];
}

export type EnsureImageResult = EnsureImageSuccess | EnsureImageFailure;

/**
 * Makes sure a container's image is on the engine, as the kubelet's EnsureImageExists does.
 * Resolves with success or the waiting reason and message; rejects only when `signal` aborts
 * (with its reason) or on a programming error.
 */
export async function ensureImage(options: EnsureImageOptions): Promise<EnsureImageResult> {
  const { engine, image, policy, signal } = options;
  const now = options.now ?? (() => performance.now());
  const events: ImageEvent[] = [];
  const emit = (type: ImageEvent['type'], reason: ImageEvent['reason'], message: string): void => {
    const event: ImageEvent = { type, reason, message };
    events.push(event);
    options.onEvent?.(event);
  };
  const fail = (reason: ImageWaitingReason, message: string): EnsureImageFailure => {
    // kuberuntime_container.go startContainer records this after the image manager's own event.
    emit('Warning', IMAGE_EVENT_REASONS.failed, containerErrorMessage(reason));
    return { ok: false, reason, message, events };
  };
  signal?.throwIfAborted();

  const ref = tryParseImageReference(image);
  if (ref instanceof InvalidImageNameError) {
    emit('Warning', IMAGE_EVENT_REASONS.inspectFailed, ref.message);
    return fail('InvalidImageName', ref.message);
  }

  let presentId: string | undefined;
  if (needsPresenceCheck(policy)) {
    try {
      presentId = (await inspectImage(engine, ref.withDefaultTag))?.id;
    } catch (error) {
      const message = inspectFailedMessage(image, redactSecrets(engineErrorMessage(error)));
      emit('Warning', IMAGE_EVENT_REASONS.inspectFailed, message);
      return fail('ImageInspectError', message);
    }
  }
  if (!shouldPull(policy, presentId !== undefined)) {
    if (presentId !== undefined) {
      emit('Normal', IMAGE_EVENT_REASONS.pulled, alreadyPresentMessage(image));
      return { ok: true, image: ref.withDefaultTag, imageId: presentId, pulled: false, joinedPull: false, events };
    }
    const message = neverPullMessage(image);
    emit('Warning', IMAGE_EVENT_REASONS.neverPull, message);
    return fail('ErrImageNeverPull', message);
  }

  const backOffKey = options.backOff ? imageBackOffKey(options.backOff.podUid, image) : undefined;
  const tracker = options.backOff?.tracker;
  if (tracker && backOffKey !== undefined) {
    if (tracker.isInBackOff(backOffKey)) {
      emit('Normal', IMAGE_EVENT_REASONS.backOff, backOffMessage(image));
      return fail('ImagePullBackOff', backOffWaitingMessage(image, tracker.previousError(backOffKey)));
    }
    tracker.clearPreviousError(backOffKey);
  }

  emit('Normal', IMAGE_EVENT_REASONS.pulling, pullingMessage(image));
  const startedAt = now();
  const credentials = options.credentials?.lookup(ref.name) ?? [];
  const { outcome, joined } = await sharedPull(engine, ref, credentials, now, options.onProgress, signal);
  if (!outcome.ok) {
    emit('Warning', IMAGE_EVENT_REASONS.failed, failedToPullMessage(image, outcome.error));
    if (tracker && backOffKey !== undefined) tracker.recordFailure(backOffKey, { reason: 'ErrImagePull', message: outcome.error });
    return fail('ErrImagePull', outcome.error);
  }
  const totalMs = now() - startedAt;
  // A caller that joined a running pull saw only part of it: its pull time is at most its wait.
  const pullMs = Math.min(outcome.pullMs, totalMs);
  emit('Normal', IMAGE_EVENT_REASONS.pulled, pulledMessage(image, pullMs, totalMs, outcome.sizeBytes));
  tracker?.gc();
  return {
    ok: true,
    image: ref.withDefaultTag,
    imageId: outcome.imageId,
    pulled: true,
    joinedPull: joined,
    sizeBytes: outcome.sizeBytes,
    events,
  };
}

// --- one engine pull, shared by concurrent callers -------------------------------------------

type PullOutcome = { ok: true; imageId: string; sizeBytes: number; pullMs: number } | { ok: false; error: string };

interface InFlightPull {
  promise: Promise<PullOutcome>;
  listeners: Set<(progress: PullProgress) => void>;
  waiters: number;
  controller: AbortController;
}

const inFlight = new WeakMap<Engine, Map<string, InFlightPull>>();

/** Starts the pull, or joins the one already running for the same image and credentials. */
async function sharedPull(
  engine: Engine,
  ref: ImageReference,
  credentials: readonly RegistryCredential[],
  now: () => number,
  onProgress: ((progress: PullProgress) => void) | undefined,
  signal: AbortSignal | undefined,
): Promise<{ outcome: PullOutcome; joined: boolean }> {
  let pulls = inFlight.get(engine);
  if (!pulls) inFlight.set(engine, (pulls = new Map()));
  const key = `${ref.pullRef}\n${credentialFingerprint(credentials)}`;
  let pull = pulls.get(key);
  const joined = pull !== undefined;
  if (!pull) {
    const controller = new AbortController();
    const listeners = new Set<(progress: PullProgress) => void>();
    const started = pullWithCredentials(engine, ref, credentials, now, (p) => listeners.forEach((l) => l(p)), controller.signal);
    const entry: InFlightPull = { promise: started, listeners, waiters: 0, controller };
    const forget = (): void => {
      if (pulls?.get(key) === entry) pulls.delete(key);
    };
    started.then(forget, forget);
    pulls.set(key, entry);
    pull = entry;
  }
  const current = pull;
  current.waiters++;
  if (onProgress) current.listeners.add(onProgress);
  try {
    return { outcome: await abortable(current.promise, signal), joined };
  } finally {
    current.waiters--;
    if (onProgress) current.listeners.delete(onProgress);
    // The last caller stopped waiting before the pull ended: nobody wants it any more.
    if (current.waiters === 0 && signal?.aborted) current.controller.abort(signal.reason);
  }
}

/** kuberuntime PullImage: each matching credential in turn; anonymous when none matches. */
async function pullWithCredentials(
  engine: Engine,
  ref: ImageReference,
  credentials: readonly RegistryCredential[],
  now: () => number,
  onProgress: (progress: PullProgress) => void,
  signal: AbortSignal,
): Promise<PullOutcome> {
  const attempts: (RegistryAuth | undefined)[] = credentials.length > 0 ? credentials.map((c) => toRegistryAuth(c, ref)) : [undefined];
  const errors: string[] = [];
  const startedAt = now();
  for (const auth of attempts) {
    const progress = new PullProgressTracker(ref.original);
    try {
      await engine.pullImage(ref.pullRef, auth, {
        signal,
        onProgress: (event) => {
          const update = progress.update(event);
          if (update) onProgress(update);
        },
      });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      errors.push(redactSecrets(engineErrorMessage(error), credentials));
      continue;
    }
    const pullMs = now() - startedAt;
    onProgress(progress.complete());
    // Best effort, as the kubelet's GetImageSize: a pulled image whose inspect fails has size 0.
    const details = await inspectImage(engine, ref.pullRef).catch(() => undefined);
    return { ok: true, imageId: details?.id ?? '', sizeBytes: details?.size ?? 0, pullMs };
  }
  return { ok: false, error: aggregateErrors(errors) };
}

function toRegistryAuth(credential: RegistryCredential, ref: ImageReference): RegistryAuth {
  return {
    username: credential.username,
    password: credential.password,
    serveraddress: ref.domain === DOCKER_HUB_DOMAIN ? DOCKER_HUB_AUTH_KEY : ref.domain,
  };
}

/** Identifies a credential list without keeping it readable (a hash, never the password itself). */
function credentialFingerprint(credentials: readonly RegistryCredential[]): string {
  if (credentials.length === 0) return 'anonymous';
  const material = JSON.stringify(credentials.map((c) => [c.registry, c.username, c.password]));
  return createHash('sha256').update(material).digest('hex');
}

async function inspectImage(engine: Engine, name: string): Promise<{ id: string; size: number } | undefined> {
  const details = await engine.inspectImage(name);
  return details ? { id: details.id, size: details.sizeBytes } : undefined;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}
