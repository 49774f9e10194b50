// The four IPC channels between the preload and the main process, and what travels on them.
// Shared by the preload, the main-process handlers and the test bridge (no runtime imports).
import type { ApiErrorData } from '../api/results';

export const channels = {
  /** invoke(method, payload) → CallResult */
  call: 'berth:call',
  /** send(subscriptionId, topic, params) */
  subscribe: 'berth:subscribe',
  /** send(subscriptionId) */
  unsubscribe: 'berth:unsubscribe',
  /** main → page: (subscriptionId, payload) */
  push: 'berth:push',
  /** main → page: (subscriptionId, ApiErrorData) when a subscription was refused */
  subscribeFailed: 'berth:subscribe-failed',
} as const;

/** What `berth:call` resolves to: errors travel as data, never as a rejected invoke. */
export type CallResult = { ok: true; value: unknown } | { ok: false; error: ApiErrorData };

/** Subscription ids are chosen by the page; they only need to be unique per page. */
export const SUBSCRIPTION_ID = /^[A-Za-z0-9_-]{1,64}$/;
