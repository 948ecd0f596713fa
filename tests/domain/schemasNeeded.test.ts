// A step checks the families it changed with the quick verdict built from the schemas' shapes, so
// a valid change loads no zod. A family the verdict does not pass is zod's to judge and word: the
// step stops (SchemasNeeded) before anything is written, and withSchemas runs it again with zod
// loaded, which ends it as before. (zod is loaded into transaction.ts only by withSchemas, so the
// first test runs without it.)
import { describe, expect, it } from 'vitest';
import { StoredDataError, ValidationError } from '../../src/domain/errors.js';
import { FamilySchema } from '../../src/domain/schema.js';
import { runRestore, runTransaction, SchemasNeeded, withSchemas } from '../../src/domain/transaction.js';
import { OperationSchema } from '../../src/domain/operations.js';
import { zodProblems } from '../../src/domain/validate.js';
import { StateWorkspace } from '../../src/domain/workspace.js';
import { family, goal, state } from '../helpers/fixtures.js';

const TODAY = '2026-11-24';
// As a hand-edited audit log could put a family back: a goal due on a day that does not exist.
const broken = family('f1', { goals: [goal('g1', '2026-02-30')] });
const restoreBroken = () => runRestore(new StateWorkspace(state(family('f1', { goals: [goal('g1', '2026-12-01')] }))), [{ familyId: 'f1', family: broken }]);

describe('a family the quick verdict does not pass', () => {
  it('stops the step before zod is loaded, naming no data', () => {
    expect(restoreBroken).toThrow(SchemasNeeded);
    expect(restoreBroken).toThrow(/^a family needs zod to be checked$/);
  });

  it('is judged and worded by zod when withSchemas runs the step again', async () => {
    const error = await withSchemas(async () => restoreBroken()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    const parsed = FamilySchema.safeParse(broken);
    expect(parsed.success).toBe(false);
    expect((error as ValidationError).problems).toEqual(zodProblems(parsed.error as NonNullable<typeof parsed.error>, broken));
    expect((error as ValidationError).message).toMatch(/due: must be a real date/);
  });

  it('is accepted when zod accepts it, and valid steps run on as before', async () => {
    const ws = new StateWorkspace(state(family('f1', { goals: [goal('g1', '2026-12-01')] })));
    const { changes } = await withSchemas(async () => runTransaction(ws, [OperationSchema.parse({ op: 'goal.progress', goalId: 'g1', score: 4 })], { today: TODAY }));
    expect(changes.map((c) => c.familyId)).toEqual(['f1']);
  });
});

describe('a family that was invalid before the step (its stored data edited by other hands)', () => {
  const progress = OperationSchema.parse({ op: 'goal.progress', goalId: 'g1', score: 4 });

  it("is the store's data at fault, not the change: a StoredDataError naming the family", async () => {
    const stored = family('f1', { goals: [goal('g1', '2026-12-01')], members: [{ ...family('f1').members[0], role: 'Skjult' } as never] });
    const error = await withSchemas(async () => runTransaction(new StateWorkspace(state(stored)), [progress], { today: TODAY })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoredDataError);
    expect((error as StoredDataError).message).toMatch(/^families \(f1\)\.members\[0\] \(f1-a\)\.role: must be one of: adult, child$/);
  });

  it('a change that breaks a valid family stays the change\'s error', async () => {
    const ws = new StateWorkspace(state(family('f1', { goals: [goal('g1', '2026-12-01')] })));
    const error = await withSchemas(async () => runRestore(ws, [{ familyId: 'f1', family: broken }])).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).not.toBeInstanceOf(StoredDataError);
  });
});
