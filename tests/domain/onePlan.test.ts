// The one plan: where goals and interventions come from, who is responsible, what they cost, and
// the agreements that serve a goal; set through the operations, grouped by member in the view.
import { describe, expect, it } from 'vitest';
import { OperationSchema, type OperationInput } from '../../src/domain/operations.js';
import { onePlan } from '../../src/domain/onePlan.js';
import { StateSchema, type State } from '../../src/domain/schema.js';
import { runTransaction } from '../../src/domain/transaction.js';
import { familyPlan } from '../../src/domain/views.js';
import { StateWorkspace } from '../../src/domain/workspace.js';
import { family, goal, intervention, meeting, state } from '../helpers/fixtures.js';

const TODAY = '2026-11-24';

function apply(start: State, inputs: OperationInput[]): State {
  const ws = new StateWorkspace(start);
  runTransaction(ws, inputs.map((i) => OperationSchema.parse(i)), { today: TODAY });
  return ws.result(start);
}

const base = () =>
  state(family('f1', { goals: [goal('g1', '2027-01-31', 'active', { memberId: 'f1-a', priority: 1 }), goal('g2', '2027-02-28', 'active', { priority: 2 })], meetings: [meeting('m1', '2026-11-03T09:00:00+01:00')], interventions: [intervention('i1', 'f1-a', '2026-09-01')] }));

describe('the one plan through the operations', () => {
  it('goal.add and goal.update set the source plan, the responsible department and caseworker, and own words', () => {
    const after = apply(base(), [
      { op: 'goal.add', familyId: 'f1', id: 'g3', title: 'Mette starter i praktik', sector: 'employment', due: '2027-03-01', memberId: 'f1-a', source: 'jobplan', department: 'Jobcenter Nord', caseworker: 'Lone Berg' },
      { op: 'goal.update', goalId: 'g2', source: 'family', ownWords: true },
    ]);
    const goals = after.families[0]!.goals;
    expect(goals.find((g) => g.id === 'g3')).toMatchObject({ source: 'jobplan', department: 'Jobcenter Nord', caseworker: 'Lone Berg' });
    expect(goals.find((g) => g.id === 'g2')).toMatchObject({ source: 'family', ownWords: true });
  });

  it('intervention.add and intervention.update set the source, the responsible, the cost and who pays', () => {
    const after = apply(base(), [
      { op: 'intervention.add', familyId: 'f1', id: 'i2', memberId: 'f1-a', sector: 'adults', kind: 'bostøtte', from: '2026-10-01', source: 'handleplan', department: 'Voksenområdet', cost: { dkk: 6200, per: 'month' } },
      { op: 'intervention.update', interventionId: 'i1', source: 'jobplan', caseworker: 'Lone Berg', cost: { dkk: 30_000, per: 'total' }, payer: 'adults' },
    ]);
    const interventions = after.families[0]!.interventions;
    expect(interventions.find((i) => i.id === 'i2')).toMatchObject({ source: 'handleplan', department: 'Voksenområdet', cost: { dkk: 6200, per: 'month' } });
    expect(interventions.find((i) => i.id === 'i1')).toMatchObject({ source: 'jobplan', caseworker: 'Lone Berg', cost: { dkk: 30_000, per: 'total' }, payer: 'adults' });
  });

  it('refuses an unknown source, a cost that is not whole kroner, and an update to the values there already are', () => {
    expect(OperationSchema.safeParse({ op: 'goal.update', goalId: 'g1', source: 'min plan' }).error?.issues[0]?.message).toMatch(/^must be one of: family, handleplan, jobplan/);
    expect(OperationSchema.safeParse({ op: 'intervention.update', interventionId: 'i1', cost: { dkk: 12.5, per: 'month' } }).success).toBe(false);
    expect(OperationSchema.safeParse({ op: 'intervention.update', interventionId: 'i1' }).error?.issues[0]?.message).toBe('nothing to change: give kind, source, department, caseworker, cost or payer');
    const once = apply(base(), [{ op: 'intervention.update', interventionId: 'i1', cost: { dkk: 4500, per: 'month' } }]);
    expect(() => apply(once, [{ op: 'intervention.update', interventionId: 'i1', cost: { dkk: 4500, per: 'month' } }])).toThrow(/nothing to change: intervention i1 already has these values/);
    expect(() => apply(base(), [{ op: 'goal.update', goalId: 'g1', department: 'PPR' }, { op: 'goal.update', goalId: 'g1', department: 'PPR' }])).toThrow(/nothing to change/);
  });

  it('links an agreement to a goal of the meeting\'s family only', () => {
    const after = apply(base(), [{ op: 'meeting.agreement', meetingId: 'm1', who: 'Lone Berg', what: 'Finder praktikplads', goalId: 'g1' }]);
    expect(after.families[0]!.meetings[0]!.agreements).toMatchObject([{ who: 'Lone Berg', what: 'Finder praktikplads', goalId: 'g1', status: 'open' }]);
    expect(() => apply(base(), [{ op: 'meeting.agreement', meetingId: 'm1', who: 'Lone Berg', what: 'x', goalId: 'g9' }])).toThrow('no goal g9 in family f1, the family of meeting m1');
  });

  it('still loads a store written before these fields, and keeps them on a store that has them', () => {
    const old = { version: 1, families: [{ id: 'f1', name: 'Familien Jensen', goals: [{ id: 'g1', title: 'Ro', sector: 'children', due: '2027-01-01', status: 'active' }], interventions: [{ id: 'i1', memberId: 'p1', sector: 'adults', kind: 'bostøtte', from: '2026-01-01' }], meetings: [{ id: 'm1', type: 'opfølgning', start: '2026-11-03T09:00:00+01:00', durationMin: 60, agreements: [{ who: 'A', what: 'B' }] }] }] };
    expect(StateSchema.safeParse(old).success).toBe(true);
    const newer = structuredClone(old) as typeof old & { families: Array<{ goals: Array<Record<string, unknown>> }> };
    newer.families[0]!.goals[0]!.source = 'rehabiliteringsplan';
    expect(StateSchema.parse(newer).families[0]!.goals[0]!.source).toBe('rehabiliteringsplan');
    newer.families[0]!.goals[0]!.source = 'someone else';
    expect(StateSchema.safeParse(newer).success).toBe(false);
  });
});

describe('onePlan', () => {
  it('groups the goals by member, the whole family first, each with the agreements that serve it, soonest first', () => {
    const start = base();
    start.families[0]!.meetings[0]!.agreements = [
      { who: 'Lone Berg', what: 'Ringer til jobcentret', due: '2026-12-15', goalId: 'g1' },
      { who: 'Mette', what: 'Skriver ansøgning', due: '2026-12-01', goalId: 'g1' },
      { who: 'Hanne', what: 'Uden mål' },
    ];
    const groups = onePlan(familyPlan(start, 'f1', TODAY, 'Europe/Copenhagen')!);
    expect(groups.map((g) => [g.memberId, g.memberName, g.goals.map((x) => x.id)])).toEqual([
      [undefined, undefined, ['g2']],
      ['f1-a', 'Mette', ['g1']],
    ]);
    expect(groups[1]!.goals[0]!.agreements.map((a) => [a.what, a.meetingId])).toEqual([['Skriver ansøgning', 'm1'], ['Ringer til jobcentret', 'm1']]);
    expect(groups[0]!.goals[0]!.agreements).toEqual([]);
  });
});
