import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OperationSchema, type OperationInput } from '../../src/domain/operations.js';
import { readAuditLog } from '../../src/store/auditLog.js';
import { StoreError } from '../../src/store/errors.js';
import { JsonFileStore } from '../../src/store/jsonStore.js';
import { contact, family, goal, state } from '../helpers/fixtures.js';
import { bundleWriter, runWriters, writerNotes } from '../helpers/writer.js';

const META = { user: 'tester', source: 'test', today: '2026-11-24' };
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'famcoord-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const ops = (...inputs: OperationInput[]) => inputs.map((i) => OperationSchema.parse(i));
const sample = () => state(family('f1', { goals: [goal('g1', '2026-12-01')], contacts: [contact('c1', '2026-11-01')] }));

async function storeWithSample(): Promise<JsonFileStore> {
  const store = new JsonFileStore(join(tempDir(), 'data', 'store.json'));
  await store.create(sample());
  return store;
}

async function expectStoreError(promise: Promise<unknown>, kind: StoreError['kind'], pattern: RegExp) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(StoreError);
  expect((error as StoreError).kind).toBe(kind);
  expect((error as StoreError).message).toMatch(pattern);
}

describe('the JSON store', () => {
  it('round-trips a state, keeping unknown fields', async () => {
    const store = new JsonFileStore(join(tempDir(), 'store.json'));
    const original = { ...sample(), note: 'from a script' };
    await store.create(original);
    expect(await new JsonFileStore(store.path).read()).toEqual(original);
  });

  it('writes the store and its audit log 0600 and creates its folder 0700, whatever the umask', async () => {
    const previous = process.umask(0o022);
    try {
      const store = await storeWithSample();
      await store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 4 }), META);
      expect(statSync(store.path).mode & 0o777).toBe(0o600);
      expect(statSync(`${store.path}.audit.jsonl`).mode & 0o777).toBe(0o600);
      expect(statSync(join(store.path, '..')).mode & 0o777).toBe(0o700);
    } finally {
      process.umask(previous);
    }
  });

  it('applies operations atomically and logs one step per transaction', async () => {
    const store = await storeWithSample();
    const result = await store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 4 }, { op: 'contact.resolve', contactId: 'c1', resolution: 'Afklaret' }), META);
    expect(result).toMatchObject({ step: 1, familyIds: ['f1'] });
    const log = await readAuditLog(`${store.path}.audit.jsonl`);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ step: 1, user: 'tester', source: 'test', familyIds: ['f1'] });
    expect(log[0]?.ops.map((o) => o.op)).toEqual(['goal.progress', 'contact.resolve']);
    expect(log[0]?.before.f1?.goals[0]?.progress).toEqual([]);
  });

  it('writes nothing when any operation fails', async () => {
    const store = await storeWithSample();
    const bytes = readFileSync(store.path);
    await expect(store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 4 }, { op: 'goal.progress', goalId: 'nope', score: 1 }), META)).rejects.toThrow(/no goal nope/);
    expect(readFileSync(store.path)).toEqual(bytes);
    expect(existsSync(`${store.path}.audit.jsonl`)).toBe(false);
  });

  it('refuses a corrupt store with the file and place, never overwriting it', async () => {
    const store = await storeWithSample();
    const corrupt = '{"version": 1,\n "families": [\n  {"id": "f1", "name": "Familien Hemmelig",}\n]}';
    writeFileSync(store.path, corrupt);
    await expectStoreError(store.read(), 'corrupt', /store\.json is not valid JSON at line 3, column \d+; it was not changed/);
    await expectStoreError(store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 1 }), META), 'corrupt', /not valid JSON/);
    expect(readFileSync(store.path, 'utf8')).toBe(corrupt);
    writeFileSync(store.path, corrupt.slice(0, 30));
    await expectStoreError(store.read(), 'corrupt', /cut short|line/);
  });

  it('refuses a store that breaks the contract, naming the place and not the data', async () => {
    const store = await storeWithSample();
    const invalid = JSON.stringify({ version: 1, families: [{ id: 'f1', name: 'Familien Hemmelig', goals: [{ id: 'g1', title: 'Hemmeligt mål', sector: 'school', due: '24/11/2026', status: 'active' }] }] });
    writeFileSync(store.path, invalid);
    const error = (await store.transact(ops({ op: "goal.progress", goalId: "g1", score: 1 }), META).catch((e: unknown) => e)) as StoreError;
    expect(error.message).toMatch(/families\[0\] \(f1\)\.goals\[0\] \(g1\)\.due: must be a real date/);
    expect(error.message).not.toMatch(/Hemmelig|24\/11/);
    expect(readFileSync(store.path, 'utf8')).toBe(invalid);
  });

  it('says plainly when there is no store', async () => {
    await expectStoreError(new JsonFileStore(join(tempDir(), 'none.json')).read(), 'missing', /famcoord init/);
  });

  it('refuses to replace an existing store on create unless asked', async () => {
    const store = await storeWithSample();
    await expectStoreError(store.create(state()), 'exists', /already exists/);
    await store.create(state(), { replace: true });
    expect((await store.read()).families).toEqual([]);
  });

  it('reports a read-only folder as an error and keeps the old store', async () => {
    if (process.getuid?.() === 0) {
      // root ignores permissions; use an unwritable path instead (a file where the folder should be).
      const dir = tempDir();
      writeFileSync(join(dir, 'blocker'), '');
      await expectStoreError(new JsonFileStore(join(dir, 'blocker', 'store.json')).create(sample()), 'io', /not a directory|ENOTDIR|cannot create/);
      return;
    }
    const store = await storeWithSample();
    const bytes = readFileSync(store.path);
    chmodSync(join(store.path, '..'), 0o500);
    try {
      await expectStoreError(store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 1 }), META), 'io', /permission denied/);
    } finally {
      chmodSync(join(store.path, '..'), 0o700);
    }
    expect(readFileSync(store.path)).toEqual(bytes);
  });

  it('undoes the last step exactly, and refuses when the data changed outside the log', async () => {
    const store = await storeWithSample();
    const before = readFileSync(store.path);
    await store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 4 }), META);
    await store.transact(ops({ op: 'family.add', name: 'Familien Holm' }), META);
    expect(await store.undo(META)).toMatchObject({ undid: 2, step: 3 });
    expect(await store.undo(META)).toMatchObject({ undid: 1, step: 4 });
    expect(readFileSync(store.path)).toEqual(before);
    await expectStoreError(store.undo(META), 'undo', /nothing to undo/);

    await store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 9 }), META);
    const edited = JSON.parse(readFileSync(store.path, 'utf8'));
    edited.families[0].goals[0].title = 'Changed by hand';
    writeFileSync(store.path, JSON.stringify(edited));
    await expectStoreError(store.undo(META), 'undo', /family f1 has been changed since/);
  });

  it('removes temp files a killed writer left behind', async () => {
    const store = await storeWithSample();
    writeFileSync(`${store.path}.tmp-99999-abcdef`, 'half a store');
    await store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 4 }), META);
    expect(readdirSync(join(store.path, '..')).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});

describe('concurrent writers', () => {
  let writer: { path: string; cleanup: () => void };
  beforeAll(async () => {
    writer = await bundleWriter();
  });
  afterAll(() => writer.cleanup());

  it('8 processes × 100 updates lose nothing', async () => {
    const store = await storeWithSample();
    const processes = 8;
    const updates = 100;
    const started = Date.now();
    expect(await runWriters(writer.path, store.path, processes, updates, 'g1')).toEqual(Array(processes).fill(0));
    const notes = (await store.read()).families[0]?.goals[0]?.progress.map((p) => p.note) ?? [];
    expect(notes.length).toBe(processes * updates);
    expect(new Set(notes)).toEqual(new Set(writerNotes(processes, updates)));
    const log = await readAuditLog(`${store.path}.audit.jsonl`);
    expect(log.map((e) => e.step)).toEqual(Array.from({ length: processes * updates }, (_, i) => i + 1));
    console.log(`concurrency: ${processes} processes × ${updates} updates, ${processes * updates - notes.length} lost, ${Date.now() - started} ms`);
  }, 600_000);
});

describe('undo across versions of famcoord', () => {
  it('still undoes a step logged before the store format gained a list (empty lists count as absent)', async () => {
    const { familyHash } = await import('../../src/store/undo.js');
    const older = { id: 'f1', name: 'Familien Berg', members: [{ id: 'p1', name: 'Ida', role: 'child' as const }], goals: [], meetings: [], contacts: [], interventions: [] };
    const newer = { ...older, consents: [], members: [{ ...older.members[0]!, observations: [], events: [] }] };
    expect(familyHash(newer as never)).toBe(familyHash(older as never));
    expect(familyHash({ ...older, name: 'Familien Holm' } as never)).not.toBe(familyHash(older as never));
  });
});
