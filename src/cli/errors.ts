// Exit codes and the one-line messages users see. 0 done, 1 failed (the store could not be read,
// locked, written), 2 bad usage (a bad flag, a bad date, an id that does not exist). Nothing here
// ever prints a stack trace or a value from the store.
import { OperationError, StoredDataError, TransactionError, ValidationError } from '../domain/errors.js';
import { StoreError } from '../store/errors.js';
import { sanitizeText } from '../domain/sanitize.js';
import { problemInLang } from '../domain/problemWords.js';
import type { Lang } from '../domain/vocabulary.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A message in the language of the command's text output (--lang, else LANG). */
export type WordedMessage = (lang: Lang) => string;

/**
 * Input the user can correct: the message says what to type instead. Given as a function of the
 * language it is shown in that language; `message` is always the English one.
 */
export class UsageError extends Error {
  readonly #worded: WordedMessage;
  constructor(message: string | WordedMessage) {
    const worded = typeof message === 'string' ? () => message : message;
    super(worded('en'));
    this.#worded = worded;
    this.name = 'UsageError';
  }

  messageIn(lang: Lang): string {
    return this.#worded(lang);
  }
}

/** The CLI's own words around a refused step. */
const REFUSAL_WORDS = {
  en: { operation: 'operation', nothingWritten: 'nothing was written', unexpected: 'unexpected internal error', details: 'Run with FAMCOORD_DEBUG=1 for details' },
  da: { operation: 'handling', nothingWritten: 'intet er skrevet', unexpected: 'uventet intern fejl', details: 'Kør med FAMCOORD_DEBUG=1 for detaljer' },
} as const;

/** The CLI's words around a refused step, in one language. */
export const refusalWords = (lang: Lang) => REFUSAL_WORDS[lang];

/** Writes one message to stderr, prefixed. Sanitised: it may echo what was typed or a file's name. */
export function printProblem(message: string): void {
  process.stderr.write(`famcoord: ${sanitizeText(message)}\n`);
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof StoredDataError) return EXIT_FAILED; // the store's data, which a store reports as its format error
  if (error instanceof UsageError || error instanceof OperationError || error instanceof TransactionError) return EXIT_USAGE;
  if (error instanceof ValidationError) return EXIT_USAGE;
  if (error instanceof StoreError && (error.kind === 'undo' || error.kind === 'exists')) return EXIT_FAILED;
  return EXIT_FAILED;
}

/**
 * The message for a person, in `lang` where it has words in it (default English); unknown errors
 * get a generic line (their text may hold data).
 */
export function messageFor(error: unknown, lang: Lang = 'en'): string {
  const words = REFUSAL_WORDS[lang];
  if (error instanceof TransactionError) return `${words.operation} ${error.index}: ${refusalIn(error.cause, lang)}; ${words.nothingWritten}`;
  if (error instanceof OperationError || error instanceof ValidationError) return `${refusalIn(error, lang)}; ${words.nothingWritten}`;
  if (error instanceof UsageError) return error.messageIn(lang);
  if (error instanceof StoreError) return problemInLang(error.message, lang);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return `${words.unexpected}${code ? ` (${code})` : ''}; ${words.nothingWritten}. ${words.details}`;
}

/** A refused change's own words in `lang`: a worded usage error, each problem of a validation, or the domain's message. */
export function refusalIn(error: Error, lang: Lang): string {
  if (error instanceof UsageError) return error.messageIn(lang);
  if (error instanceof ValidationError) return error.problems.map((p) => `${p.path}: ${problemInLang(p.message, lang)}`).join('; ');
  return problemInLang(error.message, lang);
}
