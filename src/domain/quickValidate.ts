// A database's families checked as validate.ts checks them, without zod when zod would accept them
// (issue 19). A SQLite or PostgreSQL store has no known-good mark (the JSON file's knownGood.ts),
// so every read of its families went through zod: building its schemas and parsing 25 families
// cost `famcoord families` on a 25-family SQLite store ~3× the instructions of the same command on
// the JSON file. The quick parse of the schemas' shapes (schemaVerdict.ts) gives zod's output for
// what zod accepts; the rules across objects are the same function (references.ts). Undefined
// means: ask zod (validate.ts), which judges and words what the quick parse does not pass.
import { ValidationError } from './errors.js';
import { nestingProblem } from './nesting.js';
import { referenceProblems } from './references.js';
import type { Family, State } from './schema.js';
import { FAMILY_SHAPE, STATE_SHAPE } from './schemaShapes.generated.js';
import { NOT_PASSED, quickParser, type QuickParse } from './schemaVerdict.js';
import { SeenIds } from './seenIds.js';

let familyParse: QuickParse | undefined;
let stateParse: QuickParse | undefined;

/** parseFamily's result for a family zod accepts (a ValidationError for its references); undefined for zod to judge. */
export function quickFamily(data: unknown, position: number, seen: SeenIds): Family | undefined {
  if (nestingProblem({ families: [data] })) return undefined;
  const family = (familyParse ??= quickParser(FAMILY_SHAPE))(data);
  if (family === NOT_PASSED) return undefined;
  const problems = referenceProblems({ families: [family as Family] }, seen, position);
  if (problems.length > 0) throw new ValidationError(problems);
  return family as Family;
}

/** parseState's result for a store zod accepts (a ValidationError for its references); undefined for zod to judge. */
export function quickState(data: unknown): State | undefined {
  if (nestingProblem(data)) return undefined;
  const state = (stateParse ??= quickParser(STATE_SHAPE))(data);
  if (state === NOT_PASSED) return undefined;
  const problems = referenceProblems(state as State);
  if (problems.length > 0) throw new ValidationError(problems);
  return state as State;
}

/**
 * A check of a store's families read one at a time, each as parseFamily checks it at its place in
 * the store: the quick parse, and for a family it does not pass `zodCheck` (validate.ts's
 * parseFamily, which the store loads only then).
 */
export function familyChecker(zodCheck: () => Promise<(data: unknown, position: number, seen: SeenIds) => Family>): (data: unknown) => Family | Promise<Family> {
  const seen = new SeenIds();
  let position = 0;
  return (data) => {
    const at = position++;
    return quickFamily(data, at, seen) ?? zodCheck().then((parseFamily) => parseFamily(data, at, seen));
  };
}
