// An operation that leaves its family as it was is refused ("nothing to change"), and only such a
// one: applyOperation tells it from outlines of the objects the operation edits in place, not from
// a copy of the family (applyOperation.ts). Random edits, many of them to the values already there,
// some taking a field out and putting it back, are checked against a comparison of the whole family.
import { describe, expect, it } from 'vitest';
import { applyOperation, outline, sameOutline } from '../../src/domain/applyOperation.js';
import { sameData } from '../../src/domain/canonical.js';
import { seededRandom } from '../../src/domain/demo.js';
import { OperationError } from '../../src/domain/errors.js';
import { OperationSchema, type OperationInput } from '../../src/domain/operations.js';
import type { Family, State } from '../../src/domain/schema.js';
import { StateWorkspace } from '../../src/domain/workspace.js';
import { family, goal, meeting, state } from '../helpers/fixtures.js';

const TODAY = '2026-11-24';

function randomEdit(random: () => number): OperationInput {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const some = (fields: Record<string, readonly unknown[]>) =>
    Object.fromEntries(Object.entries(fields).flatMap(([key, values]) => (random() < 0.4 ? [[key, pick(values)]] : [])));
  switch (pick(['goal.update', 'goal.status', 'meeting.update', 'agreement.update', 'family.authority', 'goal.progress', 'meeting.agreement'])) {
    case 'goal.progress': // adds to a list in place
      return { op: 'goal.progress', goalId: pick(['g1', 'g2']), score: pick([3, 7]) };
    case 'meeting.agreement':
      return { op: 'meeting.agreement', meetingId: 'm1', who: 'Mette', what: 'Ringer igen' };
    case 'goal.update':
      return { op: 'goal.update', goalId: pick(['g1', 'g2']), ...some({ title: ['Mål g1', 'Mål g2'], due: ['2026-12-01', '2027-01-01'], memberId: [null, 'f1-a', 'f1-c'], status: ['active', 'on-hold'], priority: [1, 2] }), title: pick([undefined, 'Mål g1']) } as OperationInput;
    case 'goal.status':
      return { op: 'goal.status', goalId: pick(['g1', 'g2']), status: pick(['active', 'on-hold']) };
    case 'meeting.update':
      return { op: 'meeting.update', meetingId: 'm1', ...some({ place: ['Rådhuset', 'Skolen'], durationMin: [60, 90], attendees: [[], [{ name: 'Lone Berg', sector: 'employment' }]] }), place: pick([undefined, 'Rådhuset']) } as OperationInput;
    case 'agreement.update':
      // Status and its done date come and go, which takes fields out of the agreement and puts them back.
      return { op: 'agreement.update', agreementId: pick(['m1.1', 'm1.2']), ...some({ who: ['Mette', 'Lone'], status: ['open', 'done', 'dropped'], due: ['2026-12-01', '2027-01-01'] }) } as OperationInput;
    default:
      return { op: 'family.authority', familyId: 'f1', sector: pick(['school', 'health']), holder: pick(['Hanne Kjær', 'Lone Berg']) } as OperationInput;
  }
}

describe('an operation that changes nothing', () => {
  it('is refused exactly when the family is as it was: random edits, many to the values there', () => {
    const random = seededRandom(7);
    let current: State = state(
      family('f1', {
        goals: [goal('g1', '2026-12-01', 'active', { memberId: 'f1-c', priority: 1 }), goal('g2', '2027-01-01', 'active', { priority: 2 })],
        meetings: [meeting('m1', '2026-11-24T09:00:00+01:00', { agreements: [{ who: 'Mette', what: 'Ringer til skolen' }, { who: 'Lone', what: 'Sender papirer', due: '2026-12-01' }] })],
      }),
    );
    let refused = 0;
    let applied = 0;
    for (let i = 0; i < 600; i++) {
      const parsed = OperationSchema.safeParse(randomEdit(random));
      if (!parsed.success) continue; // an edit naming no field
      const before = structuredClone(current.families[0]) as Family;
      const ws = new StateWorkspace(current);
      try {
        applyOperation(ws, parsed.data, { today: TODAY, person: 'Hanne Kjær' });
      } catch (error) {
        if (!(error instanceof OperationError)) throw error;
        if (!error.message.startsWith('nothing to change')) continue; // refused for another reason
        expect(sameData(before, ws.changes()[0]?.after ?? before), `edit ${i}: ${JSON.stringify(parsed.data)}`).toBe(true);
        refused++;
        continue;
      }
      expect(sameData(before, ws.changes()[0]?.after), `edit ${i}: ${JSON.stringify(parsed.data)}`).toBe(false);
      current = ws.result(current);
      applied++;
    }
    expect(refused).toBeGreaterThan(50);
    expect(applied).toBeGreaterThan(50);
  });

  it('is told by the fields of the objects it edits, also when one was taken out and put back (another order)', () => {
    const goalOf = () => ({ id: 'g1', title: 'Mål', due: '2026-12-01', progress: [{ date: '2026-11-01', score: 4 }], memberId: 'f1-c' });
    const same = goalOf();
    const sameBefore = outline(same);
    delete (same as Partial<typeof same>).title;
    same.title = 'Mål';
    expect(sameOutline(sameBefore, same)).toBe(true);
    const other = goalOf();
    const otherBefore = outline(other);
    delete (other as Partial<typeof other>).title;
    other.title = 'Andet mål';
    expect(sameOutline(otherBefore, other)).toBe(false);
    const grown = goalOf();
    const grownBefore = outline(grown);
    delete (grown as Partial<typeof grown>).due;
    grown.due = '2026-12-01';
    grown.progress.push({ date: '2026-11-24', score: 5 });
    expect(sameOutline(grownBefore, grown)).toBe(false);
    const fewer = goalOf();
    const fewerBefore = outline(fewer);
    delete (fewer as Partial<typeof fewer>).memberId;
    expect(sameOutline(fewerBefore, fewer)).toBe(false);
    const unset = goalOf();
    const unsetBefore = outline(unset);
    (unset as Partial<typeof unset>).memberId = undefined; // absent, as in JSON
    expect(sameOutline(unsetBefore, unset)).toBe(false);
    expect(sameOutline(outline({ a: 1, b: undefined }), { a: 1 })).toBe(true);
  });
});
