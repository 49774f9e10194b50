// An apply from a page that asks for `allowPrivileged` goes through the main process's own
// confirmation: the page's word that the user confirmed is not enough. The violations come from
// the core (an apply without the flag), never from the page, and a file that needs no
// confirmation is applied without asking.
import { ApiError } from '../api/errors';
import type { BerthApi } from '../api/contract';
import type { Diagnostic } from '../model';
import { callApi, errorData } from './call';
import type { CallResult } from './channels';

/** Asks the user (in Electron: a native dialog); resolves true only on an explicit confirmation. */
export type ConfirmPrivileged<PageKey> = (page: PageKey, violations: Diagnostic[]) => Promise<boolean>;

export function asksForPrivileged(method: unknown, payload: unknown): boolean {
  return method === 'apply' && typeof payload === 'object' && payload !== null && (payload as { allowPrivileged?: unknown }).allowPrivileged === true;
}

export const NOT_CONFIRMED = 'not applied: the import of a privileged pod was not confirmed in Berth\'s own dialog';

export async function applyWithConfirmation<PageKey>(
  api: BerthApi,
  page: PageKey,
  payload: object,
  confirm: ConfirmPrivileged<PageKey>,
): Promise<CallResult> {
  const unconfirmed = await callApi(api, 'apply', { ...payload, allowPrivileged: false });
  if (unconfirmed.ok || unconfirmed.error.code !== 'PodSecurityViolation') return unconfirmed;
  const violations = unconfirmed.error.diagnostics ?? [];
  const confirmed = await confirm(page, violations).catch(() => false); // no dialog, no consent
  if (!confirmed) return { ok: false, error: errorData(new ApiError('PodSecurityViolation', NOT_CONFIRMED, violations)) };
  return callApi(api, 'apply', payload);
}
