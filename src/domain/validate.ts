// Validation of a whole state: the schema plus the rules a schema cannot express (ids unique in
// the store, goals and interventions pointing at members of their own family). Problems are
// reported with a path a person can follow, e.g. families[3] (f4).goals[0] (g12).due, never with
// the offending value, which may be personal data.
import type { z } from 'zod';
import { StateSchema, type State } from './schema.js';

export interface Problem {
  /** Where, e.g. "families[3] (f4).goals[0] (g12).due". */
  path: string;
  message: string;
}

export class ValidationError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
    this.name = 'ValidationError';
  }
}

/** Renders a path, naming the id of each object it passes through when there is one. */
export function describePath(path: readonly PropertyKey[], root: unknown): string {
  let node: unknown = root;
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const id = node && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
      if (typeof id === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(id)) out += ` (${id})`;
    } else {
      out += out ? `.${String(key)}` : String(key);
      node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    }
  }
  return out || '(top level)';
}

/** The first problems as one line ("families[3] (f4).goals[0] (g12).due: must be …; …"), and how many more. */
export function describeProblems(problems: readonly Problem[], shown = 5): string {
  const more = problems.length > shown ? ` (and ${problems.length - shown} more)` : '';
  return `${problems.slice(0, shown).map((p) => `${p.path}: ${p.message}`).join('; ')}${more}`;
}

export function zodProblems(error: z.ZodError, root: unknown): Problem[] {
  return error.issues.map((issue) => ({ path: describePath(issue.path, root), message: issue.message }));
}

/** Checks the invariants that hold across objects. */
export function referenceProblems(state: State): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const claim = (id: string, path: string) => {
    if (seen.has(id)) problems.push({ path, message: `id ${id} is used more than once in the store` });
    seen.add(id);
  };
  state.families.forEach((family, f) => {
    const at = `families[${f}] (${family.id})`;
    claim(family.id, at);
    const memberIds = new Set(family.members.map((m) => m.id));
    family.members.forEach((m, i) => claim(m.id, `${at}.members[${i}]`));
    family.goals.forEach((g, i) => {
      claim(g.id, `${at}.goals[${i}]`);
      if (g.memberId !== undefined && !memberIds.has(g.memberId))
        problems.push({ path: `${at}.goals[${i}] (${g.id}).memberId`, message: `no member ${g.memberId} in this family` });
    });
    family.meetings.forEach((m, i) => claim(m.id, `${at}.meetings[${i}]`));
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
  const result = StateSchema.safeParse(data);
  if (!result.success) throw new ValidationError(zodProblems(result.error, data));
  const problems = referenceProblems(result.data);
  if (problems.length > 0) throw new ValidationError(problems);
  return result.data;
}
