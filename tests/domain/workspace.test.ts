import { describe, expect, it } from 'vitest';
import { OperationSchema, type Operation, type OperationInput } from '../../src/domain/operations.js';
import type { Family } from '../../src/domain/schema.js';
import { runTransaction } from '../../src/domain/transaction.js';
import { idChanges, idsOf, StateWorkspace } from '../../src/domain/workspace.js';
import { family, goal, state } from '../helpers/fixtures.js';

describe('the ids a new version of a family adds and drops', () => {
  const before = family('f1', { goals: [goal('g1', '2026-12-01'), goal('g2', '2027-01-01')] });

  it('are all its ids for a new family, and none for an edit that keeps them', () => {
    expect(idChanges(undefined, before)).toEqual({ added: idsOf(before), removed: [] });
    const edited = { ...before, goals: [{ ...(before.goals[0] as (typeof before.goals)[number]), status: 'completed' as const }, before.goals[1] as (typeof before.goals)[number]] };
    expect(idChanges(before, edited)).toEqual({ added: [], removed: [] });
    expect(idChanges(before, { ...before, name: 'Familien Nyt Navn' })).toEqual({ added: [], removed: [] });
  });

  it('are the objects added and taken out, list by list', () => {
    const next = { ...before, goals: [before.goals[1] as (typeof before.goals)[number], goal('g9', '2027-02-01')], members: before.members.slice(1) };
    expect(idChanges(before, next)).toEqual({ added: ['g9'], removed: ['f1-a', 'g1'] });
  });
});

describe('a step of many operations on one family', () => {
  /** Counts the families put into the workspace: each is a copy of a whole family or more. */
  class CountingWorkspace extends StateWorkspace {
    puts = 0;
    override put(next: Family): void {
      this.puts++;
      super.put(next);
    }
  }

  const TODAY = '2026-11-24';
  /** Goals added, progress and observations out of date order, contacts opened and answered. */
  function operations(count: number): Operation[] {
    const inputs: OperationInput[] = [];
    for (let i = 0; i < count; i++) {
      const date = `2026-${String(1 + ((i * 7) % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const step = i % 5;
      if (step === 0) inputs.push({ op: 'goal.add', familyId: 'f1', title: `Mål ${i}`, sector: 'school', due: '2027-01-01' });
      if (step === 1) inputs.push({ op: 'goal.progress', goalId: `g${1 + ((i * 3) % (1 + Math.floor(i / 5)))}`, score: i % 11, note: `${i}`, date });
      if (step === 2) inputs.push({ op: 'observation.add', memberId: 'f1-a', kind: 'wellbeing', value: i % 11, date });
      if (step === 3) inputs.push({ op: 'contact.add', familyId: 'f1', sector: 'health', subject: `Kontakt ${i}` });
      if (step === 4) inputs.push({ op: 'contact.answer', contactId: `c${1 + Math.floor(i / 5)}`, answer: 'Svar', date });
    }
    return inputs.map((input) => OperationSchema.parse(input));
  }

  it('copies the family once, leaves it as it was, and ends as the operations one step each would', () => {
    const start = state(family('f1', { goals: [goal('g1', '2026-12-01', 'active', { progress: [{ date: '2026-11-20', score: 4, note: '' }] })] }), family('f2'));
    const untouched = structuredClone(start);
    const ops = operations(300);
    const ws = new CountingWorkspace(start);
    runTransaction(ws, ops, { today: TODAY });
    expect(ws.puts).toBe(1); // before drafts: one copy of the family per operation, so a batch took quadratic time
    expect(start).toEqual(untouched);

    let oneByOne = start;
    for (const op of ops) {
      const single = new StateWorkspace(oneByOne);
      runTransaction(single, [op], { today: TODAY });
      oneByOne = single.result(oneByOne);
    }
    expect(ws.result(start)).toEqual(oneByOne);
  });
});
