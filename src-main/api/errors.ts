import type { ApiErrorCode, ApiErrorData } from './results';
import type { Diagnostic } from '../model';

/** An error every door can carry to its caller intact: a code, a message, diagnostics. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly diagnostics: Diagnostic[] | undefined;

  constructor(code: ApiErrorCode, message: string, diagnostics?: Diagnostic[]) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.diagnostics = diagnostics;
  }

  toData(): ApiErrorData {
    return this.diagnostics
      ? { code: this.code, message: this.message, diagnostics: this.diagnostics }
      : { code: this.code, message: this.message };
  }

  static fromData(data: ApiErrorData): ApiError {
    return new ApiError(data.code, data.message, data.diagnostics);
  }

  /** Any thrown value as an ApiError; unexpected errors keep their message but not their stack. */
  static from(error: unknown): ApiError {
    if (error instanceof ApiError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new ApiError('Internal', message);
  }
}
