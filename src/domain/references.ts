// The rules a schema cannot express, across a store's objects: ids unique in the store, goals and
// interventions pointing at members of their own family, periods that end after they start. No zod
// here: a step checks the families it changed with these after the quick parse (transaction.ts).
import type { Problem } from './errors.js';
import type { State } from './schema.js';

/**
 * Checks the invariants that hold across objects. A store read family by family passes the ids
 * seen so far and the position of the first family in the store.
 */
export function referenceProblems(state: Pick<State, 'families'>, seen: { has(id: string): boolean; add(id: string): unknown } = new Set<string>(), first = 0): Problem[] {
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
