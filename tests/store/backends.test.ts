// The store contract, run against both backends: the JSON file and SQLite must behave the same
// for every operation, undo, scoped reads, concurrent writers, and a migration between them.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/domain/demo.js';
import { OperationSchema, type OperationInput } from '../../src/domain/operations.js';
import { TodayRows, todayView, familiesView } from '../../src/domain/views.js';
import { StoreError } from '../../src/store/errors.js';
import { openStore } from '../../src/store/openStore.js';
import { SqliteStore } from '../../src/store/sqliteStore.js';
import { PgStore } from '../../src/store/pgStore.js';
import { isPostgresUrl } from '../../src/store/pgUrl.js';
import type { FamilyStore } from '../../src/store/Store.js';
import { contact, family, goal, meeting, state } from '../helpers/fixtures.js';
import { bundleWriter, runWriters } from '../helpers/writer.js';
import { dropPgDatabases, freshPgUrl, onServer, pgServerUrl } from '../helpers/pg.js';
import { storeFileContent } from '../helpers/storeFiles.js';

const META = { user: 'tester', source: 'test', today: '2026-11-24' };
const ops = (...inputs: OperationInput[]) => inputs.map((i) => OperationSchema.parse(i));

const dirs: string[] = [];
const stores: FamilyStore[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'famcoord-backends-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const store of stores.splice(0)) {
    if (store instanceof SqliteStore) store.close();
    if (store instanceof PgStore) await store.close();
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(dropPgDatabases);

/** `file` names the store in a temporary folder; PostgreSQL's is a new database on the test server. */
const BACKENDS = [
  { name: 'JSON file', file: 'store.json' },
  { name: 'SQLite', file: 'store.sqlite' },
  ...(pgServerUrl ? [{ name: 'PostgreSQL', file: 'postgresql' }] : []),
] as const;
const isPg = (file: string) => file === 'postgresql';

async function fresh(file: string): Promise<FamilyStore> {
  const store = openStore(isPg(file) ? await freshPgUrl() : join(tempDir(), 'data', file));
  stores.push(store);
  return store;
}

const sample = () =>
  state(
    family('f1', { coordinator: 'Hanne Kjær', goals: [goal('g1', '2026-12-01'), goal('g2', '2026-11-01')], contacts: [contact('c1', '2026-11-01')] }),
    family('f2', { coordinator: 'Søren Vestergaard', meetings: [meeting('m1', '2026-11-24T09:00:00+01:00')] }),
  );

/** Cuts step `step`'s log entry short, as a crash or a bad disk might; gives how undo should name it. */
async function damageLogEntry(store: FamilyStore, step: number): Promise<string> {
  if (store instanceof PgStore) {
    await onServer((client) => client.query('UPDATE audit SET entry = $1 WHERE step = $2', [`{"step":${step},"ti`, step]), pgUrlOf(store));
    return `the audit log's entry for step ${step}`;
  }
  if (store instanceof SqliteStore) {
    store.close();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(store.path);
    db.prepare('UPDATE audit SET entry = ? WHERE step = ?').run(`{"step":${step},"ti`, step);
    db.close();
    return `the audit log's entry for step ${step}`;
  }
  const path = `${store.path}.audit.jsonl`;
  const lines = readFileSync(path, 'utf8').split('\n');
  lines[step - 1] = (lines[step - 1] as string).slice(0, 40);
  writeFileSync(path, lines.join('\n'));
  return `line ${step} of the audit log ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
}

/** The URL a test's PostgreSQL store was opened with (its path hides no password here). */
const pgUrlOf = (store: FamilyStore) => store.path;

describe.each(BACKENDS)('the $name backend', ({ file }) => {
  it('round-trips a state, keeping fields it does not know', async () => {
    const store = await fresh(file);
    const original = { ...sample(), note: 'from a script' };
    await store.create(original);
    expect(await store.read()).toEqual(original);
  });

  it('refuses to create over an existing store unless told to replace it', async () => {
    const store = await fresh(file);
    await store.create(sample());
    await expect(store.create(sample())).rejects.toThrow(/already exists/);
    await store.create(state(family('f9')), { replace: true });
    expect((await store.read()).families.map((f) => f.id)).toEqual(['f9']);
  });

  it('reports a missing store as missing', async () => {
    const store = await fresh(file);
    const error = await store.read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).kind).toBe('missing');
  });

  it('leaves no store behind when creating a new one fails part-way (a family that does not follow the format)', async () => {
    const store = await fresh(file);
    const bad = state(family('f1'), family('f2', { goals: [goal('g1', '2026-13-01')] }));
    await expect(store.create(bad)).rejects.toThrow(/f2/);
    const error = await store.read().catch((e: unknown) => e);
    expect((error as StoreError).kind).toBe('missing');
    if (!isPg(file)) expect(existsSync(dirname(store.path)) ? readdirSync(dirname(store.path)) : []).toEqual([]);
  });

  it('applies a transaction as one step with the same new ids, and writes nothing when one operation fails', async () => {
    const store = await fresh(file);
    await store.create(sample());
    const result = await store.transact(ops({ op: 'goal.add', familyId: 'f1', title: 'Komme i skole', sector: 'school', due: '2027-01-01' }, { op: 'goal.progress', goalId: 'g1', score: 4 }), META);
    expect(result).toMatchObject({ step: 1, familyIds: ['f1'] });
    expect(result.applied[0]).toMatchObject({ op: 'goal.add', id: 'g3' });
    const after = await store.read();
    await expect(store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 5 }, { op: 'goal.progress', goalId: 'nope', score: 1 }), META)).rejects.toThrow(/no goal nope/);
    expect(await store.read()).toEqual(after);
    expect((await store.history()).map((e) => e.step)).toEqual([1]);
  });

  it('counts new ids up to the nine-digit maximum and then refuses with a clear error, writing nothing; an id beyond it is not counted from', async () => {
    const store = await fresh(file);
    // Ids an older famcoord let in: one at 2^53 (the next number was 2^53 again, forever) and one of
    // ten digits (beyond PostgreSQL's integer column).
    await store.create(state(family('f1', { goals: [goal('g999999998', '2027-01-01'), goal('p9007199254740992', '2027-01-01'), goal('c1234567890', '2027-01-01')] })));
    const addGoal = ops({ op: 'goal.add', familyId: 'f1', title: 'Komme i skole', sector: 'school', due: '2027-01-01' });
    expect((await store.transact(addGoal, META)).applied[0]).toMatchObject({ id: 'g999999999' });
    const after = await store.read();
    await expect(store.transact(addGoal, META)).rejects.toThrow(/no new id starting with g is left: g999999999/);
    expect(await store.read()).toEqual(after);
    expect((await store.history()).map((e) => e.step)).toEqual([1]);
    const added = await store.transact(ops({ op: 'member.add', familyId: 'f1', name: 'Lone', role: 'adult' }, { op: 'contact.add', familyId: 'f1', sector: 'school', subject: 'PPR' }), META);
    expect(added.applied.map((op) => (op as { id?: string }).id)).toEqual(['p1', 'c1']);
  });

  it('writes nothing for a step that would change nothing: no store write, no backup, no log step; a preview names it', async () => {
    const store = await fresh(file);
    await store.create(sample());
    await store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 4 }), META);
    const files = () => {
      if (isPg(file)) return [];
      const dir = join(store.path, '..');
      return readdirSync(dir).filter((f) => !f.endsWith('.lock')).map((f) => [f, file.endsWith('.json') ? storeFileContent(join(dir, f)) : '']);
    };
    const before = { data: await store.read(), history: await store.history(), files: files() };
    for (const step of [ops({ op: 'goal.status', goalId: 'g1', status: 'active' }), ops({ op: 'goal.update', goalId: 'g1', due: '2026-12-01', sector: 'school' }), ops({ op: 'goal.status', goalId: 'g1', status: 'on-hold' }, { op: 'goal.status', goalId: 'g1', status: 'active' }), []])
      await expect(store.transact(step, META)).rejects.toThrow(/^nothing to change: /);
    expect({ data: await store.read(), history: await store.history(), files: files() }).toEqual(before);
    const preview = await store.preview(ops({ op: 'goal.progress', goalId: 'g1', score: 5 }, { op: 'goal.status', goalId: 'g2', status: 'active' }), META);
    expect(preview.failures).toMatchObject([{ index: 2, message: 'nothing to change: goal g2 already has these values' }]);
  });

  it.skipIf(isPg(file))('keeps the store it replaces, with its log, beside it when asked', async () => {
    const store = await fresh(file);
    await store.create(sample());
    await store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 4 }), META);
    const [data, history] = [await store.read(), await store.history()];
    const { keptAs } = await store.create(state(family('f9')), { replace: true, keep: true });
    expect(keptAs).toMatch(new RegExp(`store\\.replaced-[\\dTZ-]+\\.${file.split('.')[1]}$`));
    expect(statSync(keptAs as string).mode & 0o777).toBe(0o600);
    const kept = openStore(keptAs as string);
    stores.push(kept);
    expect(await kept.read()).toEqual(data);
    expect(await kept.history()).toEqual(history);
    expect((await store.read()).families.map((f) => f.id)).toEqual(['f9']);
    expect(await store.history()).toEqual([]);
    expect(await (await fresh(file)).create(sample(), { keep: true })).toEqual({}); // nothing to keep
  });

  it.skipIf(isPg(file))('keeps no copy when the families it is given are refused (checked as they come), and leaves the store as it was', async () => {
    const store = await fresh(file);
    await store.create(sample());
    const data = await store.read();
    const listing = () => readdirSync(dirname(store.path)).filter((name) => name.includes('replaced'));
    function* families() {
      yield family('f9');
      yield family('f9'); // the same id twice
    }
    await expect(store.create({ version: data.version, families: families() }, { replace: true, keep: true })).rejects.toThrow(/used more than once/);
    expect(listing()).toEqual([]);
    expect(await store.read()).toEqual(data);
  });

  it('undoes the last step back to identical data, and refuses when there is nothing left', async () => {
    const store = await fresh(file);
    await store.create(sample());
    const before = await store.read();
    await store.transact(ops({ op: 'family.add', name: 'Familien Holm' }, { op: 'contact.resolve', contactId: 'c1', resolution: 'Afklaret' }), META);
    expect(await store.undo(META)).toMatchObject({ undid: 1 });
    expect(await store.read()).toEqual(before);
    await expect(store.undo(META)).rejects.toThrow(/nothing to undo/);
  });

  it('reads a caseload and the families today needs, and today looks the same as from the whole store', async () => {
    const store = await fresh(file);
    const demo = generateDemo({ families: 150, seed: 4, today: '2026-11-24' });
    await store.create(demo);
    for (const date of ['2026-11-24', '2026-11-25', '2027-03-28'])
      for (const timeZone of ['Europe/Copenhagen', 'Pacific/Kiritimati', 'America/Los_Angeles'])
        expect(todayView(await store.read({ todayOn: date }), date, timeZone)).toEqual(todayView(demo, date, timeZone));
    const hanne = await store.read({ coordinator: '  hanne   KJÆR ' });
    expect(hanne.families.length).toBeGreaterThan(0);
    expect(hanne.families.map((f) => f.id)).toEqual(demo.families.filter((f) => f.coordinator === 'Hanne Kjær').map((f) => f.id));
    expect(familiesView(hanne, '2026-11-24', 'Europe/Copenhagen').every((row) => row.coordinator === 'Hanne Kjær')).toBe(true);
    expect((await store.read({ familyIds: ['f7', 'f3', 'nope'] })).families).toEqual([demo.families[2], demo.families[6]]);
  });

  it('replaces a store only if its log still ends at the step the caller saw (ifLastStep), checked by the create itself', async () => {
    const store = await fresh(file);
    await store.create(sample());
    await store.transact(ops({ op: 'family.add', name: 'Familien Holm' }), META); // logged after the caller looked at step 0
    const before = await store.read();
    const refused = await store.create(sample(), { replace: true, ifLastStep: 0 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StoreError);
    expect((refused as StoreError).message).toMatch(/was changed while this ran \(its log now ends at step 1\); it was not changed/);
    expect(await store.read()).toEqual(before);
    expect(await store.history()).toHaveLength(1);
    const keep = await store.create(sample(), { replace: true, keep: true, ifLastStep: 0 }).catch((error: unknown) => error);
    expect(keep).toBeInstanceOf(StoreError);
    // A file store keeps a replaced copy beside it; none is left by a refused create.
    if (!isPostgresUrl(store.path)) expect(readdirSync(dirname(store.path)).filter((name) => name.includes('replaced'))).toEqual([]);
    await store.create(sample(), { replace: true, ifLastStep: 1 });
    expect(await store.history()).toEqual([]);
  });

  it('hands out the families today needs one at a time, to the same view as the whole store', async () => {
    const store = await fresh(file);
    const demo = generateDemo({ families: 150, seed: 4, today: '2026-11-24' });
    await store.create(demo);
    for (const [date, timeZone] of [['2026-11-24', 'Europe/Copenhagen'], ['2027-03-28', 'Pacific/Kiritimati']] as const)
      for (const coordinator of [undefined, 'Hanne Kjær']) {
        const rows = new TodayRows(date, timeZone);
        for await (const family of store.eachFamily({ todayOn: date, ...(coordinator && { coordinator }) })) rows.add(family);
        const whole = { ...demo, families: demo.families.filter((f) => coordinator === undefined || f.coordinator === coordinator) };
        expect(rows.view()).toEqual(todayView(whole, date, timeZone));
      }
  });

  it('erases a family from the store and the log, and undo cannot bring it back', async () => {
    const store = await fresh(file);
    await store.create(sample());
    await store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 4, note: 'Hemmelig note om Mette' }, { op: 'meeting.minutes', meetingId: 'm1', minutes: 'Referat for f2' }), META);
    await store.erase('f1', META);
    expect((await store.read()).families.map((f) => f.id)).toEqual(['f2']);
    const log = JSON.stringify(await store.history());
    expect(log).not.toContain('Hemmelig');
    expect(log).not.toContain('Familien f1');
    expect(log).toContain('Referat for f2');
    await expect(store.undo(META)).rejects.toThrow(/erase/);
    if (store instanceof SqliteStore) {
      store.close();
      for (const path of [store.path, `${store.path}-wal`].filter((p) => existsSync(p))) {
        const bytes = readFileSync(path);
        expect(bytes.includes('Hemmelig'), path).toBe(false);
        expect(bytes.includes('Familien f1'), path).toBe(false);
      }
    }
  });

  it.skipIf(isPg(file))('keeps the store file private (0600) in a private folder (0700)', async () => {
    const previous = process.umask(0o022);
    try {
      const store = await fresh(file);
      await store.create(sample());
      await store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 4 }), META);
      // SQLite's -wal and -shm files (there while a connection is open) hold data too.
      for (const path of [store.path, `${store.path}-wal`, `${store.path}-shm`].filter((p) => existsSync(p))) expect(statSync(path).mode & 0o777, path).toBe(0o600);
      expect(statSync(join(store.path, '..')).mode & 0o777).toBe(0o700);
    } finally {
      process.umask(previous);
    }
  });

  describe('undo and redo by user', () => {
    const HANNE = { ...META, user: 'hanne' };
    const SOREN = { ...META, user: 'søren' };

    it("undoes the user's own newest step and leaves another user's newer step alone", async () => {
      const store = await fresh(file);
      await store.create(sample());
      const before = await store.read();
      await store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 4 }), HANNE);
      await store.transact(ops({ op: 'meeting.minutes', meetingId: 'm1', minutes: 'Søren skrev' }), SOREN);
      const sorens = (await store.read()).families[1];
      expect(await store.planUndo(HANNE)).toMatchObject({ step: 1, user: 'hanne', operations: ['goal.progress'], operationCount: 1, targets: ['g1'] });
      expect(await store.history()).toHaveLength(2); // planning wrote nothing
      expect(await store.undo(HANNE)).toMatchObject({ undid: 1, step: 3, familyIds: ['f1'], summary: { step: 1, user: 'hanne' } });
      const after = await store.read();
      expect(after.families[0]).toEqual(before.families[0]);
      expect(after.families[1]).toEqual(sorens);
      await expect(store.undo(HANNE)).rejects.toThrow(/nothing to undo by hanne/);
      expect(await store.undo(SOREN)).toMatchObject({ undid: 2, step: 4 });
      expect(await store.read()).toEqual(before);
    });

    it("refuses an older step of the user's when another user changed the same family since, naming that step; --step reverts anyone's", async () => {
      const store = await fresh(file);
      await store.create(sample());
      const before = await store.read();
      await store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 4 }), HANNE);
      await store.transact(ops({ op: 'goal.progress', goalId: 'g2', score: 6 }), SOREN);
      const refusal = await store.undo(HANNE).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(StoreError);
      expect((refusal as StoreError).message).toMatch(/^cannot undo step 1: family f1 has been changed since by step 2 by søren, and undoing would lose that change/);
      await expect(store.planUndo(HANNE)).rejects.toThrow(/changed since by step 2/);
      expect(await store.history()).toHaveLength(2);
      await expect(store.undo(HANNE, { step: 9 })).rejects.toThrow(/there is no step 9/);
      expect(await store.undo(HANNE, { step: 2 })).toMatchObject({ undid: 2, step: 3, summary: { user: 'søren' } });
      await expect(store.undo(HANNE, { step: 2 })).rejects.toThrow(/step 2 is already undone \(step 3\)/);
      await expect(store.undo(HANNE, { step: 3 })).rejects.toThrow(/step 3 is an undo of step 2/);
      expect(await store.undo(HANNE)).toMatchObject({ undid: 1, step: 4 });
      expect(await store.read()).toEqual(before);
    });

    it('redoes the step an undo took back, logs it, undoes it again, and refuses when the family changed since the undo', async () => {
      const store = await fresh(file);
      await store.create(sample());
      await store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 4 }), HANNE);
      const done = await store.read();
      await expect(store.redo(HANNE)).rejects.toThrow(/nothing to redo by hanne/);
      await store.undo(HANNE);
      await expect(store.redo(SOREN)).rejects.toThrow(/nothing to redo by søren/);
      expect(await store.planRedo(HANNE)).toMatchObject({ step: 1, targets: ['g1'] });
      expect(await store.redo(HANNE)).toMatchObject({ redid: 1, step: 3, familyIds: ['f1'], summary: { step: 1 } });
      expect(await store.read()).toEqual(done);
      expect((await store.history()).at(-1)).toMatchObject({ step: 3, user: 'hanne', ops: [], redoes: 1 });
      await expect(store.redo(HANNE)).rejects.toThrow(/nothing to redo/);
      await expect(store.redo(HANNE, { step: 1 })).rejects.toThrow(/step 1 was redone already \(step 3\)/);
      expect(await store.undo(HANNE)).toMatchObject({ undid: 1, step: 4 });
      await store.transact(ops({ op: 'goal.progress', goalId: 'g2', score: 2 }), SOREN);
      await expect(store.redo(HANNE)).rejects.toThrow(/^cannot redo step 1: family f1 has been changed since by step 5 by søren/);
      expect(await store.history()).toHaveLength(5);
    });

    it('refuses to redo (or undo) a step whose family would bring back an id another family took since, and writes nothing', async () => {
      const store = await fresh(file);
      await store.create(sample());
      await store.transact(ops({ op: 'meeting.agreement', meetingId: 'm1', who: 'Lone', what: 'Ringer' }), SOREN);
      const agreement = (await store.read()).families[1]!.meetings[0]!.agreements[0]!.id as string;
      await store.undo(SOREN);
      // Free again after the undo: a new object of another family may have it.
      await store.transact(ops({ op: 'goal.add', familyId: 'f1', id: agreement, title: 'Komme i skole', sector: 'school', due: '2027-01-01' }), HANNE);
      const before = await store.read();
      await expect(store.redo(SOREN)).rejects.toThrow(`family f2 cannot be put back as it was: its id ${agreement} is used by family f1 since`);
      expect(await store.read()).toEqual(before);
      expect(await store.history()).toHaveLength(3);
      // Undoing Hanne's step frees it, and the redo goes through.
      await store.undo(HANNE);
      expect(await store.redo(SOREN)).toMatchObject({ redid: 1 });
    });

    it('stops at a log entry it cannot read instead of reverting the step before it, and writes nothing', async () => {
      const store = await fresh(file);
      await store.create(sample());
      await store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 4 }), HANNE);
      await store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 5 }), HANNE);
      const damaged = await damageLogEntry(store, 2);
      const state = await store.read();
      const refusal = await store.undo(HANNE).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(StoreError);
      expect((refusal as StoreError).message).toMatch(new RegExp(`^cannot undo: ${damaged} cannot be read .*nothing was changed`));
      await expect(store.redo(HANNE)).rejects.toThrow(/^cannot redo: .* cannot be read/);
      expect(await store.read()).toEqual(state);
      expect((await store.history()).map((e) => e.step)).toEqual([1]);
    });
  });

  it.skipIf(isPg(file))('refuses a damaged file with a clear error and leaves its bytes alone', async () => {
    const store = await fresh(file);
    const garbage = Buffer.from('SQLite format 3\0 this is not really a database, nor JSON'.repeat(200));
    mkdirSync(join(store.path, '..'), { recursive: true });
    writeFileSync(store.path, garbage);
    const error = await store.read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(['corrupt', 'invalid']).toContain((error as StoreError).kind);
    await expect(store.transact(ops({ op: 'family.add', name: 'Familien Holm' }), META)).rejects.toBeInstanceOf(StoreError);
    expect(readFileSync(store.path)).toEqual(garbage);
  });
});

/** Runs SQL on a database store's own tables, as someone with the database open by hand would. */
async function editRows(store: FamilyStore, sql: string, values: unknown[]): Promise<void> {
  if (store instanceof PgStore) {
    await onServer((client) => client.query(sql.replace(/\?/g, (_, i: number) => `$${sql.slice(0, i).split('?').length}`), values), pgUrlOf(store));
    return;
  }
  (store as SqliteStore).close();
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(store.path);
  db.prepare(sql).run(...values);
  db.close();
}

describe.each(BACKENDS.filter(({ file }) => file !== 'store.json'))('a row edited by other hands on $name', ({ file }) => {
  const SECRET = 'Skjult Navnesen';
  const formatError = (where: RegExp) => (error: unknown) => {
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).kind).toBe('invalid');
    expect((error as StoreError).message).toMatch(new RegExp(`^the store .* does not follow the store format: ${where.source}.*; it was not changed$`));
    expect((error as StoreError).message).not.toContain(SECRET);
  };
  const refused = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('it was not refused'), (error: unknown) => error);
  const everyFamily = async (store: FamilyStore) => {
    for await (const _family of store.eachFamily()) {
      // read them all
    }
  };

  // PostgreSQL's json column takes only JSON: there the family's data is JSON that is not a family.
  const notAFamily = isPg(file) ? `"${SECRET}"` : `{"id":"f1","name":"${SECRET}`;
  const badValue = isPg(file) ? `jsonb_set(data::jsonb, '{goals,0,due}', '"${SECRET}"')::json` : `json_set(data, '$.goals[0].due', '${SECRET}')`;

  it.each([
    ['data that is not a family', `UPDATE families SET data = ? WHERE id = 'f1'`, [notAFamily], /families \(f1\)\.data: not as famcoord writes it/, /families \(f1\)\.data: not as famcoord writes it/],
    ['a value the schema refuses', `UPDATE families SET data = ${badValue} WHERE id = ?`, ['f1'], /families\[0\] \(f1\)\.goals\[0\] \(g1\)\.due: /, /families \(f1\)\.goals\[0\] \(g1\)\.due: /],
  ])('%s: reads and a change to that family give the store format error, naming the family, and nothing is written', async (_what, sql, values, onRead, onChange) => {
    const store = await fresh(file);
    await store.create(sample());
    await editRows(store, sql, values);
    formatError(onRead)(await refused(store.read()));
    formatError(onRead)(await refused(everyFamily(store)));
    formatError(onChange)(await refused(store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 4 }), META)));
    formatError(onChange)(await refused(store.preview(ops({ op: 'goal.progress', goalId: 'g1', score: 4 }), META)));
    expect(await store.history()).toEqual([]);
    // The other family is as it was, and can be changed.
    await store.transact(ops({ op: 'goal.add', familyId: 'f2', title: 'Komme i skole', sector: 'school', due: '2027-01-01' }), META);
  });

  it('a store head that is not JSON: a read gives the store format error', async () => {
    const store = await fresh(file);
    await store.create(sample());
    await editRows(store, 'UPDATE store_head SET data = ?', [`{"version":1,"note":"${SECRET}`]);
    formatError(/store_head\.data: not as famcoord writes it/)(await refused(store.read()));
    formatError(/store_head\.data: not as famcoord writes it/)(await refused(store.read({ todayOn: '2026-11-24' })));
  });
});

describe.each(BACKENDS.filter(({ file }) => file !== 'store.json'))('concurrent writers on $name', ({ name, file }) => {
  let writer: { path: string; cleanup: () => void };
  beforeAll(async () => {
    writer = await bundleWriter();
  });
  afterAll(() => writer.cleanup());

  it('8 processes × 100 updates lose nothing', async () => {
    const store = await fresh(file);
    await store.create(sample());
    const processes = 8;
    const updates = 100;
    const started = Date.now();
    const exits = await runWriters(writer.path, store.path, processes, updates, 'g1');
    expect(exits).toEqual(Array(processes).fill(0));
    const notes = (await store.read()).families[0]?.goals[0]?.progress.map((p) => p.note) ?? [];
    const expected = Array.from({ length: processes }, (_, w) => Array.from({ length: updates }, (_, i) => `w${w}-${i}`)).flat();
    expect(notes.length).toBe(processes * updates);
    expect(new Set(notes)).toEqual(new Set(expected));
    expect((await store.history()).map((e) => e.step)).toEqual(Array.from({ length: processes * updates }, (_, i) => i + 1));
    console.log(`concurrency (${name}): ${processes} processes × ${updates} updates, ${processes * updates - notes.length} lost, ${Date.now() - started} ms`);
  }, 600_000);
});
