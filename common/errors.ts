import type { ErrorCode } from './error-codes.js';

/** An error with a stable machine-readable code; tests and clients match the code, never the wording. */
export class PackgateError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PackgateError';
    this.code = code;
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
