// Validation of a whole state: the schema plus the rules a schema cannot express (ids unique in
// the store, goals and interventions pointing at members of their own family). Problems are
// reported with a path a person can follow, e.g. families[3] (f4).goals[0] (g12).due, never with
// the offending value, which may be personal data.
import type { z } from 'zod';
import { ValidationError, describePath, type Problem } from './errors.js';
import { nestingProblem } from './nesting.js';
import { FamilySchema, StateSchema, STORE_VERSION, type Family, type State } from './schema.js';

export function zodProblems(error: z.ZodError, root: unknown): Problem[] {
  return error.issues.map((issue) => ({ path: describePath(issue.path, root), message: issue.message }));
}

/**
 * Checks the invariants that hold across objects. A store read family by family passes the ids
 * seen so far and the position of the first family in the store.
 */
export function referenceProblems(state: State, seen: { has(id: string): boolean; add(id: string): unknown } = new Set<string>(), first = 0): Problem[] {
  const problems: Problem[] = [];
  const claim = (id: string, path: string) => {
    if (seen.has(id)) problems.push({ path, message: `id ${id} is used more than once in the store` });
    seen.add(id);
  };
  state.families.forEach((family, f) => {
    const at = `families[${first + f}] (${family.id})`;
    claim(family.id, at);
    const memberIds = new Set(family.members.map((m) => m.id));
    family.members.forEach((m, i) => claim(m.id, `${at}.members[${i}]`));
    family.goals.forEach((g, i) => {
      claim(g.id, `${at}.goals[${i}]`);
      if (g.memberId !== undefined && !memberIds.has(g.memberId))
        problems.push({ path: `${at}.goals[${i}] (${g.id}).memberId`, message: `no member ${g.memberId} in this family` });
    });
    family.meetings.forEach((m, i) => {
      claim(m.id, `${at}.meetings[${i}]`);
      m.agreements.forEach((a, j) => a.id !== undefined && claim(a.id, `${at}.meetings[${i}] (${m.id}).agreements[${j}]`));
    });
    family.contacts.forEach((c, i) => claim(c.id, `${at}.contacts[${i}]`));
    family.interventions.forEach((iv, i) => {
      claim(iv.id, `${at}.interventions[${i}]`);
      if (!memberIds.has(iv.memberId))
        problems.push({ path: `${at}.interventions[${i}] (${iv.id}).memberId`, message: `no member ${iv.memberId} in this family` });
      if (iv.to !== undefined && iv.to < iv.from)
        problems.push({ path: `${at}.interventions[${i}] (${iv.id}).to`, message: 'ends before it starts' });
    });
    family.consents.forEach((c, i) => {
      claim(c.id, `${at}.consents[${i}]`);
      if (c.until < c.given) problems.push({ path: `${at}.consents[${i}] (${c.id}).until`, message: 'ends before it was given' });
    });
  });
  return problems;
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

/**
 * The ids of a store read family by family, for `parseFamily`: numbered ids (g12) are kept as
 * numbers per prefix, a fraction of the memory of the two million strings of a municipality's store.
 */
export class SeenIds {
  private readonly numbered = new Map<string, Set<number>>();
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
      if (!numbers) this.numbered.set(prefix, (numbers = new Set()));
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
  const problems = referenceProblems({ version: STORE_VERSION, families: [result.data] }, seen, position);
  if (problems.length > 0) throw new ValidationError(problems);
  return result.data;
}
