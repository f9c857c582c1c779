/**
 * The one error type of Foresight. Every thrown error carries a machine-readable `code` and a message that
 * names the thing at fault and where (`train.csv line 1043: y "abc" is not a number`).
 */
export type ForesightErrorCode =
  'invalid_input' | 'invalid_argument' | 'too_short' | 'not_converged' | 'unknown_model' | 'io_error' | 'internal';

/**
 * Error with a `code`.
 *
 * @example
 * new ForesightError('too_short', 'series W1 has 3 observations; ets:AAA needs 9').code // 'too_short'
 */
export class ForesightError extends Error {
  readonly code: ForesightErrorCode;
  /** Optional structured location: file, 1-based line, offending value. */
  readonly file?: string;
  readonly line?: number;
  readonly value?: string;

  /**
   * `where` locates the fault (file, 1-based line, offending value); `where.cause` is the error this one wraps
   * (kept as the standard `Error.cause`).
   */
  constructor(
    code: ForesightErrorCode,
    message: string,
    where?: { file?: string; line?: number; value?: string; cause?: unknown },
  ) {
    super(message, where && 'cause' in where ? { cause: where.cause } : undefined);
    this.name = 'ForesightError';
    this.code = code;
    this.file = where?.file;
    this.line = where?.line;
    this.value = where?.value;
  }
}

/** True when `e` is a ForesightError (optionally with the given code). */
export function isForesightError(e: unknown, code?: ForesightErrorCode): e is ForesightError {
  return e instanceof ForesightError && (code === undefined || e.code === code);
}
