// Numbered ids (f12, g3, p7, m4, a9...): the one definition of what famcoord counts as a numbered
// id, read by the id counters of every store (workspace.ts, sqliteStore.ts, pgStore.ts), the id
// sets of a family-by-family read (seenIds.ts) and the schema of a new object's id (schema.ts).
// No zod here: a read the quick parse passes loads none.
import { OperationError } from './errors.js';

/** A numbered id has at most this many digits: numbers stay safe integers (and fit PostgreSQL's integer column), ids stay short. */
export const MAX_ID_DIGITS = 9;

/** The highest number a numbered id can have (g999999999). */
export const MAX_ID_NUMBER = 10 ** MAX_ID_DIGITS - 1;

/** A number as famcoord writes it in an id (g12, not g012): such an id is the prefix and the number. */
const NUMBERED_ID = new RegExp(`^([a-z]+)([1-9]\\d{0,${MAX_ID_DIGITS - 1}}|0)$`);

/**
 * Lower-case letters followed by more digits than a numbered id has: refused as the id of a new
 * object (schema.ts's `newEntityId`, an import), since its number would be beyond what counting
 * can reach. Negated (a lookahead) so that it is a pattern the quick parse can check as it is.
 */
export const NOT_OVERLONG_NUMBER = new RegExp(`^(?![a-z]+\\d{${MAX_ID_DIGITS + 1},}$)`);

/** What an over-long numbered id is told (after the field's name); it names no value. */
export const OVERLONG_NUMBER_MESSAGE = `must have at most ${MAX_ID_DIGITS} digits after its letters (e.g. g12)`;

/** The prefix and number of a numbered id (g12 → g, 12); undefined for any other id. */
export function numberedId(id: string): { prefix: string; number: number } | undefined {
  const match = NUMBERED_ID.exec(id);
  return match ? { prefix: match[1] as string, number: Number(match[2]) } : undefined;
}

/** Whether an id looks numbered but has more digits than one may have (g1234567890). */
export function isOverlongNumberedId(id: string): boolean {
  return !NOT_OVERLONG_NUMBER.test(id);
}

/** No number is left for a new id of a prefix: the highest one is in use. */
export class IdsExhaustedError extends OperationError {
  constructor(readonly prefix: string) {
    super(`no new id starting with ${prefix} is left: ${prefix}${MAX_ID_NUMBER}, the highest a new id can have (${MAX_ID_DIGITS} digits), is in use; give it an id yourself ("id" in a batch line, or --id where a command has one)`);
    this.name = 'IdsExhaustedError';
  }
}

/** Keeps the highest number seen per prefix so new ids are short and ascending. */
export class IdCounter {
  private readonly highest = new Map<string, number>();

  see(id: string): void {
    const numbered = numberedId(id);
    if (numbered && numbered.number > (this.highest.get(numbered.prefix) ?? 0)) this.highest.set(numbered.prefix, numbered.number);
  }

  /**
   * The next free id of a prefix: one more than the highest seen, or the first above it that is
   * not `taken`. Throws IdsExhaustedError rather than go past MAX_ID_NUMBER.
   */
  next(prefix: string, taken: (id: string) => boolean): string {
    let n = (this.highest.get(prefix) ?? 0) + 1;
    while (n <= MAX_ID_NUMBER && taken(`${prefix}${n}`)) n++;
    if (n > MAX_ID_NUMBER) throw new IdsExhaustedError(prefix);
    this.highest.set(prefix, n);
    return `${prefix}${n}`;
  }
}
