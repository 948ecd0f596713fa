import { describe, expect, it } from 'vitest';
import { OperationSchema, type OperationInput } from '../../src/domain/operations.js';
import { changesAbout, type LoggedStep } from '../../src/domain/personLog.js';
import { family, goal, intervention } from '../helpers/fixtures.js';

const step = (n: number, user: string, ...ops: OperationInput[]): LoggedStep => ({ step: n, time: `2026-11-2${n}T10:00:00.000Z`, user, source: 'cli', ops: ops.map((o) => OperationSchema.parse(o)), before: {} });

describe('changes about one person', () => {
  const current = [family('f1', { goals: [goal('g1', '2027-01-01', 'active', { memberId: 'f1-c' }), goal('g2', '2027-01-01')], interventions: [intervention('i1', 'f1-a', '2026-01-01')] })];

  it('finds their goals, progress, interventions and membership, and nobody else\'s', () => {
    const steps = [
      step(1, 'hanne', { op: 'member.add', familyId: 'f1', id: 'f1-c', name: 'Emil', role: 'child' }),
      step(2, 'hanne', { op: 'goal.progress', goalId: 'g1', score: 4 }, { op: 'goal.progress', goalId: 'g2', score: 4 }),
      step(3, 'birgitte', { op: 'goal.add', familyId: 'f1', id: 'g9', title: 't', sector: 'school', due: '2027-01-01', memberId: 'f1-c' }, { op: 'goal.status', goalId: 'g9', status: 'completed' }),
      step(4, 'hanne', { op: 'intervention.end', interventionId: 'i1', to: '2026-12-01' }, { op: 'contact.add', familyId: 'f1', sector: 'school', subject: 's' }),
    ];
    expect(changesAbout('f1-c', steps, current).map((c) => [c.step, c.user, c.op, c.objectId])).toEqual([
      [1, 'hanne', 'member.add', 'f1-c'],
      [2, 'hanne', 'goal.progress', 'g1'],
      [3, 'birgitte', 'goal.add', 'g9'],
      [3, 'birgitte', 'goal.status', 'g9'],
    ]);
    expect(changesAbout('f1-a', steps, current).map((c) => [c.step, c.op, c.objectId])).toEqual([[4, 'intervention.end', 'i1']]);
    expect(changesAbout('nobody', steps, current)).toEqual([]);
  });
});
