// Exit codes and the one-line messages users see. 0 done, 1 failed (the store could not be read,
// locked, written), 2 bad usage (a bad flag, a bad date, an id that does not exist). Nothing here
// ever prints a stack trace or a value from the store.
import { OperationError, TransactionError, ValidationError } from '../domain/errors.js';
import { StoreError } from '../store/errors.js';
import { sanitizeText } from '../domain/sanitize.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Input the user can correct: the message says what to type instead. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Writes one message to stderr, prefixed. Sanitised: it may echo what was typed or a file's name. */
export function printProblem(message: string): void {
  process.stderr.write(`famcoord: ${sanitizeText(message)}\n`);
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || error instanceof OperationError || error instanceof TransactionError) return EXIT_USAGE;
  if (error instanceof ValidationError) return EXIT_USAGE;
  if (error instanceof StoreError && (error.kind === 'undo' || error.kind === 'exists')) return EXIT_FAILED;
  return EXIT_FAILED;
}

/** The message for a person; unknown errors get a generic line (their text may hold data). */
export function messageFor(error: unknown): string {
  if (error instanceof TransactionError) return `operation ${error.index}: ${error.message}; nothing was written`;
  if (error instanceof OperationError || error instanceof ValidationError) return `${error.message}; nothing was written`;
  if (error instanceof UsageError || error instanceof StoreError) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return `unexpected internal error${code ? ` (${code})` : ''}; nothing was written. Run with FAMCOORD_DEBUG=1 for details`;
}
