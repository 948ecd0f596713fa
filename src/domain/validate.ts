// Validation of a whole state: the schema plus the rules a schema cannot express (ids unique in
// the store, goals and interventions pointing at members of their own family). Problems are
// reported with a path a person can follow, e.g. families[3] (f4).goals[0] (g12).due, never with
// the offending value, which may be personal data.
import type { z } from 'zod';
import { ValidationError, describePath, type Problem } from './errors.js';
import { nestingProblem } from './nesting.js';
import { referenceProblems } from './references.js';
import { FamilySchema, StateSchema, type Family, type State } from './schema.js';

export function zodProblems(error: z.ZodError, root: unknown): Problem[] {
  return error.issues.map((issue) => ({ path: describePath(issue.path, root), message: issue.message }));
}

/** zod's problems with a family, as a step's check reports them (transaction.ts); none when zod accepts it. */
export function familyProblems(family: Family): Problem[] {
  const result = FamilySchema.safeParse(family);
  return result.success ? [] : zodProblems(result.error, family);
}

/** Parses untrusted data into a State, or throws a ValidationError listing every problem. */
export function parseState(data: unknown): State {
  const deep = nestingProblem(data);
  if (deep) throw new ValidationError([deep]);
  const result = StateSchema.safeParse(data);
  if (!result.success) throw new ValidationError(zodProblems(result.error, data));
  const problems = referenceProblems(result.data);
  if (problems.length > 0) throw new ValidationError(problems);
  return result.data;
}

/** A number as famcoord writes it in an id (g12, not g012): such an id is the prefix and the number. */
const NUMBERED_ID = /^([a-z]+)([1-9]\d{0,8}|0)$/;

/** Numbers below this are kept one bit each (at most 2 MB per prefix); a number above, in a set. */
const BITMAP_LIMIT = 2 ** 24;

/**
 * The numbers in use after one id prefix. famcoord numbers ids from 1 upwards, so a bitmap holds a
 * municipality's 450,000 goals in 56 KB, where a Set of numbers took ~30 bytes each (80 MB for
 * the 2.4 million ids of 100,000 families): that much less for the heap to carry, and grow by,
 * through a whole-store read. A number too large for the bitmap goes in a set.
 */
class SeenNumbers {
  private bits = new Uint8Array(1024);
  private readonly beyond = new Set<number>();

  has(n: number): boolean {
    if (n >= BITMAP_LIMIT) return this.beyond.has(n);
    return ((this.bits[n >> 3] ?? 0) & (1 << (n & 7))) !== 0;
  }

  add(n: number): void {
    if (n >= BITMAP_LIMIT) {
      this.beyond.add(n);
      return;
    }
    const byte = n >> 3;
    if (byte >= this.bits.length) {
      const grown = new Uint8Array(Math.min(BITMAP_LIMIT / 8, Math.max(byte + 1, this.bits.length * 2)));
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[byte] = (this.bits[byte] as number) | (1 << (n & 7));
  }
}

/**
 * The ids of a store read family by family, for `parseFamily`: numbered ids (g12) are kept as
 * numbers per prefix (`SeenNumbers`), a fraction of the memory of the two million strings of a
 * municipality's store.
 */
export class SeenIds {
  private readonly numbered = new Map<string, SeenNumbers>();
  private readonly others = new Set<string>();

  has(id: string): boolean {
    const match = NUMBERED_ID.exec(id);
    return match ? this.numbered.get(match[1] as string)?.has(Number(match[2])) === true : this.others.has(id);
  }

  add(id: string): this {
    const match = NUMBERED_ID.exec(id);
    if (!match) this.others.add(id);
    else {
      const prefix = match[1] as string;
      let numbers = this.numbered.get(prefix);
      if (!numbers) this.numbered.set(prefix, (numbers = new SeenNumbers()));
      numbers.add(Number(match[2]));
    }
    return this;
  }
}

/**
 * A store read family by family: checks one family (the schema and the rules within it) as
 * `parseState` would check it at `position` in the store; `seen` carries the ids of the families
 * before it, so an id used twice in the store is found too.
 */
export function parseFamily(data: unknown, position: number, seen: SeenIds): Family {
  // Measured from the store's top, as parseState measures it, and named at the family's place.
  const deep = nestingProblem({ families: [data] });
  if (deep) throw new ValidationError([{ ...deep, path: deep.path.replace(/^families\[0\]/, `families[${position}]`) }]);
  const result = FamilySchema.safeParse(data);
  if (!result.success) {
    const root: { families: unknown[] } = { families: [] };
    root.families[position] = data;
    throw new ValidationError(result.error.issues.map((issue) => ({ path: describePath(['families', position, ...issue.path], root), message: issue.message })));
  }
  const problems = referenceProblems({ families: [result.data] }, seen, position);
  if (problems.length > 0) throw new ValidationError(problems);
  return result.data;
}
