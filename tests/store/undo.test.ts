// Planning undo and redo from the log, without a store: which step each picks, and each refusal.
// The backends act on these plans (tests/store/backends.test.ts runs them on both).
import { describe, expect, it } from 'vitest';
import type { AuditEntry, LogRecord } from '../../src/store/auditLog.js';
import { familyHash, planRedo, planUndo } from '../../src/store/undo.js';
import { problemIn } from '../../src/tui/i18n.js';
import { family } from '../helpers/fixtures.js';
import type { Family } from '../../src/domain/schema.js';

// f1 in three versions: a step takes it from v0 to v1, another from v1 to v2.
const v0 = family('f1');
const v1 = family('f1', { name: 'Familien Berg' });
const v2 = family('f1', { name: 'Familien Holm' });
const g = family('f2');

let time = 0;
/** A change step by `user` taking each family from its first version to its second. */
function change(step: number, user: string, families: Record<string, [Family | null, Family | null]>, extra: Partial<AuditEntry> = {}): AuditEntry {
  return {
    step,
    time: new Date(Date.UTC(2026, 10, 24, 9, time++)).toISOString(),
    user,
    source: 'test',
    ops: [{ op: 'goal.progress', goalId: 'g1', score: 5, note: '', date: '2026-11-24' }],
    familyIds: Object.keys(families),
    before: Object.fromEntries(Object.entries(families).map(([id, [before]]) => [id, before])),
    afterHash: Object.fromEntries(Object.entries(families).map(([id, [, after]]) => [id, familyHash(after)])),
    ...extra,
  };
}
const reversal = (step: number, user: string, families: Record<string, [Family | null, Family | null]>, record: Partial<AuditEntry>) => change(step, user, families, { ops: [], ...record });

/** The plan's chosen step, or its refusal. */
function outcome(plan: ReturnType<typeof planUndo>): number | string {
  return plan.ok ? plan.target.step : plan.reason;
}
const current = (families: Family[]) => (id: string) => families.find((f) => f.id === id);
const newestFirst = (...entries: LogRecord[]) => entries.reverse();

describe('planning an undo', () => {
  it("takes the user's newest step that is done, past others' steps on other families and the user's undone ones", () => {
    const log = newestFirst(change(1, 'hanne', { f1: [v0, v1] }), change(2, 'hanne', { f2: [null, g] }), reversal(3, 'hanne', { f2: [g, null] }, { undoes: 2 }), change(4, 'søren', { f2: [null, g] }));
    expect(outcome(planUndo(log, current([v1, g]), { user: 'hanne' }))).toBe(1);
    expect(outcome(planUndo(log, current([v1, g]), { user: 'søren' }))).toBe(4);
    expect(outcome(planUndo(log, current([v1, g]), { user: 'lone' }))).toMatch(/^there is nothing to undo by lone/);
  });

  it('after a redo, takes back the redone step again (the redo is the newest thing the user did)', () => {
    const log = newestFirst(
      change(1, 'hanne', { f1: [v0, v1] }),
      change(2, 'hanne', { f2: [null, g] }),
      reversal(3, 'hanne', { f1: [v1, v0] }, { undoes: 1 }),
      reversal(4, 'hanne', { f1: [v0, v1] }, { redoes: 1 }),
    );
    const plan = planUndo(log, current([v1, g]), { user: 'hanne' });
    expect(plan.ok && { step: plan.target.step, restore: plan.restore, record: plan.record }).toEqual({ step: 1, restore: [{ familyId: 'f1', family: v0 }], record: { undoes: 1 } });
  });

  it("refuses when a later step changed the family, naming it; not when the family is as the step left it", () => {
    const log = newestFirst(change(1, 'hanne', { f1: [v0, v1] }), change(2, 'søren', { f1: [v1, v2] }));
    expect(outcome(planUndo(log, current([v2]), { user: 'hanne' }))).toMatch(/^cannot undo step 1: family f1 has been changed since by step 2 by søren, and undoing would lose that change/);
    expect(outcome(planUndo(log, current([family('f1', { name: 'by hand' })]), { user: 'hanne' }))).toMatch(/^cannot undo step 1: family f1 has been changed since outside famcoord's log/);
    // Søren's change undone since: f1 is as step 1 left it.
    expect(outcome(planUndo([reversal(3, 'søren', { f1: [v2, v1] }, { undoes: 2 }), ...log], current([v1]), { user: 'hanne' }))).toBe(1);
  });

  it('with a step: anyone\'s change step, but not one already undone, an undo, a redo or a step that is not there', () => {
    const log = newestFirst(change(1, 'søren', { f1: [v0, v1] }), change(2, 'søren', { f2: [null, g] }), reversal(3, 'hanne', { f2: [g, null] }, { undoes: 2 }), reversal(4, 'hanne', { f2: [null, g] }, { redoes: 2 }));
    expect(outcome(planUndo(log, current([v1, g]), { user: 'hanne', step: 1 }))).toBe(1);
    expect(outcome(planUndo(log, current([v1, g]), { user: 'hanne', step: 2 }))).toBe(2);
    expect(outcome(planUndo(log, current([v1, g]), { user: 'hanne', step: 3 }))).toBe('step 3 is an undo of step 2; to undo it, name step 2');
    expect(outcome(planUndo(log, current([v1, g]), { user: 'hanne', step: 4 }))).toBe('step 4 is a redo of step 2; to undo it, name step 2');
    expect(outcome(planUndo(log, current([v1, g]), { user: 'hanne', step: 7 }))).toBe('there is no step 7 in the log');
    expect(outcome(planUndo(log.slice(1), current([v1]), { user: 'hanne', step: 2 }))).toBe('step 2 is already undone (step 3); famcoord redo puts it back');
  });

  it('stops at a restored backup and at a log line it cannot read', () => {
    const restored = { ...reversal(2, 'doctor', {}, {}), restored: 'bak.1' };
    expect(outcome(planUndo(newestFirst(change(1, 'hanne', { f1: [v0, v1] }), restored), current([v1]), { user: 'hanne' }))).toMatch(/^cannot undo: step 2 restored a backup \(bak\.1\)/);
    const unreadable: LogRecord = { unreadable: true, where: () => 'line 2 of the audit log x.jsonl' };
    expect(outcome(planUndo(newestFirst(change(1, 'hanne', { f1: [v0, v1] }), unreadable), current([v1]), { user: 'hanne' }))).toMatch(/^cannot undo: line 2 of the audit log x\.jsonl cannot be read .*nothing was changed/);
    // An unreadable line older than the step is never reached.
    expect(outcome(planUndo(newestFirst(unreadable, change(2, 'hanne', { f1: [v0, v1] })), current([v1]), { user: 'hanne' }))).toBe(2);
  });
});

describe('planning a redo', () => {
  const undone = newestFirst(change(1, 'hanne', { f1: [v0, v1] }), change(2, 'søren', { f2: [null, g] }), reversal(3, 'hanne', { f1: [v1, v0] }, { undoes: 1 }), reversal(4, 'søren', { f2: [g, null] }, { undoes: 2 }));

  it("takes the step of the user's newest undo not yet redone, and puts back the families as the undo found them", () => {
    const plan = planRedo(undone, current([v0]), { user: 'hanne' });
    expect(plan.ok && { step: plan.target.step, restore: plan.restore, record: plan.record }).toEqual({ step: 1, restore: [{ familyId: 'f1', family: v1 }], record: { redoes: 1 } });
    expect(outcome(planRedo(undone, current([v0]), { user: 'søren' }))).toBe(2);
    expect(outcome(planRedo([reversal(5, 'hanne', { f1: [v0, v1] }, { redoes: 1 }), ...undone], current([v1]), { user: 'hanne' }))).toMatch(/^there is nothing to redo by hanne/);
  });

  it('refuses when the family changed since the undo, and names a step that is not undone', () => {
    expect(outcome(planRedo([change(5, 'søren', { f1: [v0, v2] }), ...undone], current([v2]), { user: 'hanne' }))).toMatch(/^cannot redo step 1: family f1 has been changed since by step 5 by søren/);
    expect(outcome(planRedo(undone.slice(2), current([v1, g]), { user: 'hanne', step: 1 }))).toBe('step 1 is not undone; there is nothing to redo');
  });

  it('says the refusals in Danish in the workbench', () => {
    const da = (plan: ReturnType<typeof planUndo>) => problemIn(outcome(plan) as string, 'da');
    expect(da(planUndo([], current([]), { user: 'Hanne Kjær' }))).toBe('intet at fortryde for Hanne Kjær');
    expect(da(planRedo([], current([]), { user: 'Hanne Kjær' }))).toBe('intet at gentage for Hanne Kjær');
    expect(da(planRedo([change(5, 'søren', { f1: [v0, v2] }), ...undone], current([v2]), { user: 'hanne' }))).toBe('kan ikke gentage trin 1: familie f1 er ændret siden af trin 5 (søren); fortryd det trin først');
  });
});
