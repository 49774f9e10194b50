// Errors from the core, as the renderer sees them: the preload rejects with plain error data
// (contextBridge would strip an Error's extra fields), so it is turned back into an Error here.
import type { BerthApi } from '../../../src-main/api/contract';
import type { ApiErrorCode, ApiErrorData } from '../../../src-main/api/results';
import type { Diagnostic } from '../../../src-main/model';

/** A failed call, with the API's error code and any YAML diagnostics. */
export class BerthError extends Error {
  readonly code: ApiErrorCode;
  readonly diagnostics: Diagnostic[];

  constructor(data: ApiErrorData) {
    super(data.message);
    this.name = 'BerthError';
    this.code = data.code;
    this.diagnostics = data.diagnostics ?? [];
  }
}

function isErrorData(value: unknown): value is ApiErrorData {
  const data = value as Partial<ApiErrorData> | null;
  return typeof data === 'object' && data !== null && typeof data.code === 'string' && typeof data.message === 'string';
}

/** Whatever a call rejected with, as a BerthError. */
export function toBerthError(error: unknown): BerthError {
  if (error instanceof BerthError) return error;
  if (isErrorData(error)) return new BerthError(error);
  return new BerthError({ code: 'Internal', message: error instanceof Error ? error.message : String(error) });
}

/** Wraps every method of the exposed API so failures reject with a BerthError. */
export function withBerthErrors(raw: BerthApi): BerthApi {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(raw as unknown as Record<string, unknown>)) {
    if (typeof fn !== 'function') continue;
    wrapped[name] =
      name === 'subscribe'
        ? fn
        : async (input: unknown) => {
            try {
              return await (fn as (input: unknown) => Promise<unknown>)(input);
            } catch (error) {
              throw toBerthError(error);
            }
          };
  }
  return wrapped as unknown as BerthApi;
}
