// Validation of a whole state: the schema plus the rules a schema cannot express (ids unique in
// the store, goals and interventions pointing at members of their own family). Problems are
// reported with a path a person can follow, e.g. families[3] (f4).goals[0] (g12).due, never with
// the offending value, which may be personal data.
import type { z } from 'zod';
import { ValidationError, describePath, type Problem } from './errors.js';
import { nestingProblem } from './nesting.js';
import { referenceProblems } from './references.js';
import { FamilySchema, StateSchema, type Family, type State } from './schema.js';
import type { SeenIds } from './seenIds.js';

/** For a store's create, which checks each family it writes (quickValidate.ts shares it for reads). */
export { SeenIds } from './seenIds.js';

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
