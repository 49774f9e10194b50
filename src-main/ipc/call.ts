// The `berth:call` envelope: validate and call through dispatch(), and turn any outcome into
// plain data that survives structured cloning.
import { dispatch } from '../api/dispatch';
import { ApiError } from '../api/errors';
import type { BerthApi } from '../api/contract';
import type { ApiErrorData } from '../api/results';
import type { CallResult } from './channels';

/** Error messages can echo a hostile payload (an unknown key, a method name): keep them short. */
export const MAX_ERROR_MESSAGE_CHARS = 2000;

export function errorData(error: unknown): ApiErrorData {
  const data = ApiError.from(error).toData();
  if (data.message.length <= MAX_ERROR_MESSAGE_CHARS) return data;
  return { ...data, message: `${data.message.slice(0, MAX_ERROR_MESSAGE_CHARS)}… (truncated)` };
}

export async function callApi(api: BerthApi, method: unknown, payload: unknown): Promise<CallResult> {
  try {
    return { ok: true, value: await dispatch(api, method, payload) };
  } catch (error) {
    return { ok: false, error: errorData(error) };
  }
}
