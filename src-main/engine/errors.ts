// Engine failures as callers test them: by HTTP status, whichever adapter answered.
import type { EngineKind } from './endpoint';

/** The HTTP status of a failed engine call, if it was one. */
export function engineStatusCode(err: unknown): number | undefined {
  const code = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

export const isNotFound = (err: unknown): boolean => engineStatusCode(err) === 404;

/** The call's answer, or `fallback` when the engine says there is no such object (404). */
export async function unlessNotFound<T, F>(call: Promise<T>, fallback: F): Promise<T | F> {
  try {
    return await call;
  } catch (err) {
    if (isNotFound(err)) return fallback;
    throw err;
  }
}

/**
 * An error shaped as docker-modem shapes a failed call (`statusCode`, `json.message`, the same
 * message format), for engines that are not dockerode (the FakeEngine).
 */
export function engineHttpError(statusCode: number, message: string): Error & { statusCode: number; json: { message: string } } {
  const reason = statusCode === 404 ? 'no such container' : statusCode === 409 ? 'conflict' : statusCode === 304 ? 'container already started' : 'server error';
  return Object.assign(new Error(`(HTTP code ${statusCode}) ${reason} - ${message} `), { statusCode, json: { message } });
}

/** A runtime (RuntimeClass handler) was asked for but the engine ran something else. */
export class RuntimeNotHonouredError extends Error {
  constructor(
    readonly requested: string,
    readonly actual: string | undefined,
    readonly engine: EngineKind,
  ) {
    super(
      engine === 'podman'
        ? `Podman's Docker-compatible API ignores the runtime "${requested}" (the container would run on ${actual ?? 'its default runtime'})`
        : `the engine ran "${actual ?? 'its default runtime'}" instead of the requested runtime "${requested}"`,
    );
    this.name = 'RuntimeNotHonouredError';
  }
}
