// Editing what is already there: a goal's member and status, a meeting's time, place and
// attendees, one line of the minutes. Each is one operation, refused when it would change
// nothing, applied all-or-nothing in a batch, logged, and undone like any other step.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OperationSchema, type OperationInput } from '../../src/domain/operations.js';
import { TransactionError } from '../../src/domain/errors.js';
import { runTransaction } from '../../src/domain/transaction.js';
import { StateWorkspace } from '../../src/domain/workspace.js';
import type { State } from '../../src/domain/schema.js';
import { openStore } from '../../src/store/openStore.js';
import { family, goal, meeting, state } from '../helpers/fixtures.js';

const TODAY = '2026-11-24';
const META = { user: 'tester', source: 'test', today: TODAY };

function apply(start: State, inputs: OperationInput[]) {
  const ws = new StateWorkspace(start);
  const result = runTransaction(ws, inputs.map((i) => OperationSchema.parse(i)), { today: TODAY });
  return { ...result, state: ws.result(start) };
}

const minutes = 'Første linje\nAnden linje\nTredje linje';
const base = () =>
  state(
    family('f1', {
      goals: [goal('g1', '2026-12-01', 'active', { memberId: 'f1-c', priority: 1 }), goal('g2', '2027-01-01', 'active', { priority: 2 })],
      meetings: [meeting('m1', '2026-11-24T09:00:00+01:00', { minutes, attendees: [{ name: 'Lone Berg', sector: 'employment' }] })],
    }),
  );

describe('goal.update', () => {
  it("changes a goal's member and status, or makes it the whole family's", () => {
    const { state: after } = apply(base(), [{ op: 'goal.update', goalId: 'g2', memberId: 'f1-a', status: 'on-hold', due: '2027-02-01' }]);
    expect(after.families[0]?.goals[1]).toMatchObject({ memberId: 'f1-a', status: 'on-hold', due: '2027-02-01' });
    const { state: family } = apply(base(), [{ op: 'goal.update', goalId: 'g1', memberId: null }]);
    expect(family.families[0]?.goals[0]).not.toHaveProperty('memberId');
  });

  it('refuses a member of another family or none, and a change to the values it has', () => {
    expect(() => apply(base(), [{ op: 'goal.update', goalId: 'g1', memberId: 'p99' }])).toThrow(/no member p99 in family f1/);
    expect(() => apply(base(), [{ op: 'goal.update', goalId: 'g1', memberId: 'f1-c', status: 'active' }])).toThrow(/nothing to change: goal g1/);
    expect(() => apply(base(), [{ op: 'goal.update', goalId: 'g2', memberId: null }])).toThrow(/nothing to change/);
    expect(OperationSchema.safeParse({ op: 'goal.update', goalId: 'g1' }).error?.issues[0]?.message).toBe('nothing to change: give title, due, sector, priority, memberId, status, source, department, caseworker or ownWords');
  });
});

describe('meeting.update', () => {
  it("changes a meeting's time, place and attendees (the list given replaces the list)", () => {
    const attendees = [{ name: 'Lone Berg', sector: 'employment', role: 'mentor' }, { name: 'Mette', role: 'mor' }] as const;
    const { state: after } = apply(base(), [{ op: 'meeting.update', meetingId: 'm1', start: '2026-11-25T10:00:00+01:00', place: 'Skolen', attendees: [...attendees] }]);
    expect(after.families[0]?.meetings[0]).toMatchObject({ start: '2026-11-25T10:00:00+01:00', place: 'Skolen', attendees, minutes });
  });

  it('refuses nothing to change, the same values, and bad values', () => {
    expect(OperationSchema.safeParse({ op: 'meeting.update', meetingId: 'm1' }).error?.issues[0]?.message).toMatch(/^nothing to change: give type, start, durationMin, place or attendees$/);
    expect(() => apply(base(), [{ op: 'meeting.update', meetingId: 'm1', place: 'Rådhuset', attendees: [{ name: 'Lone Berg', sector: 'employment' }] }])).toThrow(/nothing to change: meeting m1/);
    expect(OperationSchema.safeParse({ op: 'meeting.update', meetingId: 'm1', durationMin: 0 }).success).toBe(false);
    expect(OperationSchema.safeParse({ op: 'meeting.update', meetingId: 'm1', attendees: [{ name: ' ' }] }).success).toBe(false);
  });
});

describe('minutes.edit and minutes.remove', () => {
  it('replace or remove one line, counted from 1, and leave the others as they were', () => {
    const edited = apply(base(), [{ op: 'minutes.edit', meetingId: 'm1', line: 2, text: 'Anden linje, rettet', was: 'Anden linje' }]).state;
    expect(edited.families[0]?.meetings[0]?.minutes).toBe('Første linje\nAnden linje, rettet\nTredje linje');
    const removed = apply(base(), [{ op: 'minutes.remove', meetingId: 'm1', line: 1 }, { op: 'minutes.remove', meetingId: 'm1', line: 2 }]).state;
    expect(removed.families[0]?.meetings[0]?.minutes).toBe('Anden linje');
    const emptied = apply(base(), [1, 1, 1].map((line) => ({ op: 'minutes.remove' as const, meetingId: 'm1', line }))).state;
    expect(emptied.families[0]?.meetings[0]?.minutes).toBe('');
  });

  it('refuses a line that is not there, one changed since it was read, an empty text and the same text', () => {
    expect(() => apply(base(), [{ op: 'minutes.remove', meetingId: 'm1', line: 4 }])).toThrow(/meeting m1 has no line 4 \(its minutes have 3\)/);
    expect(() => apply(base(), [{ op: 'minutes.edit', meetingId: 'm1', line: 1, text: 'Ny', was: 'Noget andet' }])).toThrow(/line 1 of meeting m1 was changed meanwhile/);
    expect(() => apply(base(), [{ op: 'minutes.edit', meetingId: 'm1', line: 1, text: 'Første linje' }])).toThrow(/nothing to change: meeting m1/);
    expect(OperationSchema.safeParse({ op: 'minutes.edit', meetingId: 'm1', line: 1, text: '  ' }).success).toBe(false);
    expect(OperationSchema.safeParse({ op: 'minutes.remove', meetingId: 'm1', line: 0 }).error?.issues[0]?.message).toBe('must be a line number, 1 = the first line');
  });
});

describe.each(['store.json', 'store.sqlite'])('edits in a %s', (name) => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('are logged with their names, all-or-nothing in a batch, and undone step by step', async () => {
    dir = mkdtempSync(join(tmpdir(), 'famcoord-edit-'));
    const store = openStore(join(dir, name));
    await store.create(base());
    const ops = (...inputs: OperationInput[]) => inputs.map((i) => OperationSchema.parse(i));
    // A batch whose last line fails writes none of it.
    await expect(store.transact(ops({ op: 'goal.update', goalId: 'g1', due: '2027-03-01' }, { op: 'minutes.remove', meetingId: 'm1', line: 9 }), META)).rejects.toThrow(TransactionError);
    expect((await store.history()).length).toBe(0);
    await store.transact(ops({ op: 'goal.update', goalId: 'g1', due: '2027-03-01', memberId: null }, { op: 'meeting.update', meetingId: 'm1', place: 'Skolen' }), META);
    await store.transact(ops({ op: 'minutes.edit', meetingId: 'm1', line: 3, text: 'Tredje, rettet' }), META);
    await store.transact(ops({ op: 'minutes.remove', meetingId: 'm1', line: 1 }), META);
    expect((await store.history()).map((s) => s.ops.map((o) => o.op))).toEqual([['goal.update', 'meeting.update'], ['minutes.edit'], ['minutes.remove']]);
    expect((await store.read()).families[0]?.meetings[0]?.minutes).toBe('Anden linje\nTredje, rettet');
    await store.undo(META);
    await store.undo(META);
    expect((await store.read()).families[0]?.meetings[0]?.minutes).toBe(minutes);
    await store.undo(META);
    expect(await store.read()).toEqual(base());
  });
});
