import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OperationSchema, type OperationInput } from '../../src/domain/operations.js';
import { readAuditLog } from '../../src/store/auditLog.js';
import { StoreError } from '../../src/store/errors.js';
import { JsonFileStore } from '../../src/store/jsonStore.js';
import { family, goal, state } from '../helpers/fixtures.js';

const META = { user: 'tester', source: 'test', today: '2026-11-24' };
const ops = (...inputs: OperationInput[]) => inputs.map((i) => OperationSchema.parse(i));
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function storeWithTwoFamilies(): Promise<JsonFileStore> {
  dir = mkdtempSync(join(tmpdir(), 'famcoord-erase-'));
  const store = new JsonFileStore(join(dir, 'store.json'));
  await store.create(state(family('f1', { name: 'Familien Hemmelig', goals: [goal('g1', '2027-01-01')] }), family('f2', { goals: [goal('g2', '2027-01-01')] })));
  await store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 4, note: 'Fortroligt' }, { op: 'goal.progress', goalId: 'g2', score: 2, note: 'Om f2' }), META);
  await store.transact(ops({ op: 'goal.progress', goalId: 'g2', score: 3 }), META);
  return store;
}

const filesWith = (text: string) => readdirSync(dir).filter((name) => readFileSync(join(dir, name)).includes(Buffer.from(text)));

describe('erasing a family', () => {
  it('removes it from the store, the audit log and the backups, as one logged step undo cannot cross', async () => {
    const store = await storeWithTwoFamilies();
    expect(filesWith('Hemmelig').length).toBeGreaterThan(2);
    const result = await store.erase('f1', META);
    expect(result).toMatchObject({ step: 3, familyIds: ['f1'], applied: [{ op: 'family.erase', familyId: 'f1' }] });
    expect((await store.read()).families.map((f) => f.id)).toEqual(['f2']);
    expect(filesWith('Hemmelig')).toEqual([]);
    expect(filesWith('Fortroligt')).toEqual([]);
    expect(readdirSync(dir).filter((n) => n.includes('.bak.'))).toEqual([]);
    const log = await readAuditLog(join(dir, 'store.json.audit.jsonl'));
    expect(log.map((e) => e.ops.map((o) => o.op))).toEqual([['goal.progress', 'goal.progress'], ['goal.progress'], ['family.erase']]);
    expect(log[0]?.ops[1]).toMatchObject({ note: 'Om f2' });

    // Steps after the erase can be undone; the erase and what came before it about f1 cannot.
    await store.transact(ops({ op: 'goal.status', goalId: 'g2', status: 'on-hold' }), META);
    expect((await store.undo(META)).undid).toBe(4);
    const refusal = await store.undo(META).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(StoreError);
    expect((refusal as StoreError).message).toBe('cannot undo step 3: family f1 was erased (step 3) and its data is gone; an erase and the changes before it cannot be undone');
  });

  it('finishes clearing a family that is already out of the store, and refuses one never there', async () => {
    const store = await storeWithTwoFamilies();
    await store.transact(ops({ op: 'family.erase', familyId: 'f1' }), META); // a plain removal: undo could bring it back
    expect(filesWith('Hemmelig').length).toBeGreaterThan(0);
    await store.erase('f1', META);
    expect(filesWith('Hemmelig')).toEqual([]);
    await expect(store.erase('f9', META)).rejects.toThrow(/no family f9/);
    expect(readdirSync(dir)).not.toContain('store.json.erasing'); // refused before the erase was noted
  });
});
