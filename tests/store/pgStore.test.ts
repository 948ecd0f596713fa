// What only the PostgreSQL backend has: row locks per family (no waiting across families, none
// lost on one), the schema's numbered migrations, LISTEN/NOTIFY, and a server's faults (a
// connection cut mid-step, a statement past its time limit) that must leave all or nothing.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { OperationSchema, type OperationInput } from '../../src/domain/operations.js';
import { StoreError } from '../../src/store/errors.js';
import { LATEST_SCHEMA, MIGRATIONS } from '../../src/store/pgSchema.js';
import { PgStore } from '../../src/store/pgStore.js';
import { familyRow } from '../../src/store/familyRows.js';
import { CHAIN_START, chainedTexts, linkTo, verifyChain } from '../../src/store/auditChain.js';
import type { AuditEntry } from '../../src/store/auditLog.js';
import { family, goal, state } from '../helpers/fixtures.js';
import { generateDemo } from '../../src/domain/demo.js';
import { todayView } from '../../src/domain/views.js';
import { dropPgDatabases, freshPgUrl, onServer, pgServerUrl } from '../helpers/pg.js';

const META = { user: 'tester', source: 'test', today: '2026-11-24' };
const ops = (...inputs: OperationInput[]) => inputs.map((i) => OperationSchema.parse(i));

const stores: PgStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});
afterAll(dropPgDatabases);

async function freshStore(options: { writerWaitMs?: number } = {}): Promise<{ store: PgStore; url: string }> {
  const url = await freshPgUrl();
  const store = new PgStore(url, options);
  stores.push(store);
  await store.create(state(family('f1', { goals: [goal('g1', '2026-12-01')] }), family('f2', { goals: [goal('g2', '2026-12-01')] })));
  return { store, url };
}

/** Waits for `condition`, with a generous deadline (a loaded machine is slow, never wrong). */
async function until<T>(condition: () => Promise<T | undefined | false>, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Holds family `familyId`'s row locked from another connection until `release` is called. */
async function holdFamily(url: string, familyId: string): Promise<{ release(): Promise<void> }> {
  const { default: Pg } = await import('pg');
  const client: pg.Client = new Pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('SELECT 1 FROM families WHERE id = $1 FOR UPDATE', [familyId]);
  return {
    release: async () => {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

/** The server process of a famcoord connection waiting for a row lock. */
const waitingBackend = (url: string) =>
  onServer(async (client) => (await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = 'famcoord' AND wait_event_type = 'Lock' AND datname = current_database()")).rows[0]?.pid, url);

describe.skipIf(!pgServerUrl)('the PostgreSQL backend', () => {
  it('lets a step on another family through while one family is locked, and makes a step on that family wait, then fail as locked', async () => {
    const { store, url } = await freshStore({ writerWaitMs: 300 });
    const held = await holdFamily(url, 'f1');
    try {
      // f2 is not locked: this step must not wait for f1's holder (it would time out if it did).
      expect(await store.transact(ops({ op: 'goal.progress', goalId: 'g2', score: 5 }), META)).toMatchObject({ step: 1, familyIds: ['f2'] });
      const refused = await store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 5 }), META).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(StoreError);
      expect((refused as StoreError).kind).toBe('locked');
    } finally {
      await held.release();
    }
    expect(await store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 6 }), META)).toMatchObject({ step: 2 });
    expect((await store.history()).map((e) => e.step)).toEqual([1, 2]);
  });

  it('gives steps on different families, run at once on separate connections, distinct new ids and step numbers 1..N with no gaps', async () => {
    const { store, url } = await freshStore();
    const others = [new PgStore(url), new PgStore(url)];
    stores.push(...others);
    const adds = (familyId: string, n: number) => ops(...Array.from({ length: n }, (_, i) => ({ op: 'goal.add' as const, familyId, title: `Mål ${i}`, sector: 'school' as const, due: '2027-01-01' })));
    const [first, second] = others as [PgStore, PgStore];
    const tenSteps = async (writer: PgStore, familyId: string) => {
      for (let i = 0; i < 10; i++) await writer.transact(adds(familyId, 2), META);
    };
    await Promise.all([tenSteps(first, 'f1'), tenSteps(second, 'f2')]);
    const goals = (await store.read()).families.flatMap((f) => f.goals.map((g) => g.id));
    expect(goals).toHaveLength(42);
    expect(new Set(goals).size).toBe(42);
    expect((await store.history()).map((e) => e.step)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const { verifyChain } = await import('../../src/store/auditChain.js');
    expect(verifyChain(await store.storedEntries())).toEqual({ chainedFrom: 1, entries: 20, unchained: 0 });
  });

  it('a connection cut in the middle of a batch saves none of it, says so in one line, and the batch works when run again', async () => {
    const { store, url } = await freshStore();
    const before = await store.read();
    const held = await holdFamily(url, 'f1');
    const batch = ops({ op: 'goal.progress', goalId: 'g2', score: 3 }, { op: 'goal.add', familyId: 'f2', title: 'Ny', sector: 'school', due: '2027-01-01' }, { op: 'goal.progress', goalId: 'g1', score: 4 });
    const cut = store.transact(batch, META).catch((e: unknown) => e);
    const pid = await until(() => waitingBackend(url), 'the batch to wait for family f1');
    await onServer((client) => client.query('SELECT pg_terminate_backend($1)', [pid]), url);
    const error = await cut;
    await held.release();
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toMatch(/^the connection to the PostgreSQL server .* was cut; nothing was saved \(the transaction was rolled back\); run the command again$/);
    expect(await store.read()).toEqual(before);
    expect(await store.history()).toEqual([]);
    expect(await store.transact(batch, META)).toMatchObject({ step: 1, familyIds: ['f2', 'f1'] });
    expect((await store.read()).families.map((f) => f.goals.length)).toEqual([1, 2]);
  });

  it('a connection cut once the COMMIT was sent: the step is looked for in the log, and reported saved only if it is there', async () => {
    const { store, url } = await freshStore();
    // The COMMIT takes a second (a deferred trigger of the test's), long enough to cut the connection in it.
    await onServer(
      (client) =>
        client.query(`CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(1); RETURN NULL; END $$;
          CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON audit DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit()`),
      url,
    );
    const committing = () =>
      onServer(async (client) => (await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = 'famcoord' AND state = 'active' AND query = 'COMMIT' AND datname = current_database()")).rows[0]?.pid, url);
    const ownSocket = async () => ((await (store as unknown as { connection: Promise<{ client: { connection: { stream: { destroy(): void } } } }> }).connection).client.connection.stream);
    // Our side of the connection goes; the server finishes the COMMIT: saved, and said so.
    const saved = store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 4 }), META);
    await until(committing, 'the step to commit');
    (await ownSocket()).destroy();
    expect(await saved).toMatchObject({ step: 1, familyIds: ['f1'] });
    // The server's side goes in the COMMIT: nothing saved, and said so.
    const lost = store.transact(ops({ op: 'goal.progress', goalId: 'g2', score: 5 }), META).catch((e: unknown) => e);
    const pid = await until(committing, 'the second step to commit');
    await onServer((client) => client.query('SELECT pg_terminate_backend($1)', [pid]), url);
    expect(((await lost) as StoreError).message).toMatch(/was cut; nothing was saved/);
    expect((await store.history()).map((entry) => [entry.step, entry.familyIds])).toEqual([[1, ['f1']]]);
  });

  it('a statement past its time limit is cancelled with a message that says so, and nothing is saved', async () => {
    const previous = process.env.FAMCOORD_PG_TIMEOUT_MS;
    process.env.FAMCOORD_PG_TIMEOUT_MS = '500';
    try {
      const { store, url } = await freshStore({ writerWaitMs: 600_000 });
      const held = await holdFamily(url, 'f1');
      const error = await store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 4 }), META).catch((e: unknown) => e);
      await held.release();
      expect((error as StoreError).message).toMatch(/^a statement on the PostgreSQL server .* ran past its time limit \(statement_timeout\) and was cancelled; nothing was saved/);
      expect(await store.history()).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.FAMCOORD_PG_TIMEOUT_MS;
      else process.env.FAMCOORD_PG_TIMEOUT_MS = previous;
    }
  });

  it('refuses a schema older or newer than its own, naming the command that fixes it; migrate-schema brings an older one up', async () => {
    // A store made by a famcoord that had the first two migrations: one family, one logged step.
    const url = await freshPgUrl();
    const store = new PgStore(url);
    stores.push(store);
    const jensen = { ...family('f1', { goals: [goal('g1', '2026-12-01')] }), coordinator: 'Hanne Kjær' };
    const entry = { step: 1, prev: 'start', time: '2026-11-24T10:00:00.000Z', user: 'tester', source: 'test', ops: [], familyIds: ['f1'], before: { f1: null } };
    const row = familyRow(jensen);
    await onServer(async (client) => {
      await client.query('CREATE TABLE schema_migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const migration of MIGRATIONS.slice(0, 2)) {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, description) VALUES ($1, $2)', [migration.version, migration.description]);
      }
      await client.query(`INSERT INTO store_head (id, data) VALUES (1, '{"version":1}')`);
      await client.query("INSERT INTO families (id, seq, coordinator, data, today_digest) VALUES ('f1', 1, $1, $2, $3)", [row.coordinator, row.data, row.todayDigest]);
      await client.query("INSERT INTO entities (id, family_id) VALUES ('f1', 'f1'), ('g1', 'f1')");
      await client.query('INSERT INTO audit (step, entry) VALUES (1, $1)', [JSON.stringify(entry)]);
      await client.query('UPDATE audit_head SET step = 1');
    }, url);
    await expect(store.read()).rejects.toThrow(new RegExp(`has schema 2 and this famcoord needs ${LATEST_SCHEMA}; run famcoord migrate-schema --store URL`));
    await expect(store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 4 }), META)).rejects.toThrow(/run famcoord migrate-schema/);
    expect(await store.migrateSchema()).toEqual({ from: 2, to: LATEST_SCHEMA });
    expect(await store.migrateSchema()).toEqual({ from: LATEST_SCHEMA, to: LATEST_SCHEMA });
    expect((await store.read()).families).toEqual([jensen]);
    // The team's tables were filled from what was there: who may read f1, which families step 1 touched.
    expect(await onServer(async (client) => (await client.query('SELECT family_id, person, why FROM family_access')).rows, url)).toEqual([{ family_id: 'f1', person: 'hanne kjær', why: 'coordinator' }]);
    expect(await onServer(async (client) => (await client.query('SELECT family_ids, at FROM audit')).rows, url)).toEqual([{ family_ids: ['f1'], at: new Date(entry.time) }]);
    // The next step links to the old one.
    expect((await store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 4 }), META)).step).toBe(2);
    await onServer((client) => client.query(`INSERT INTO schema_migrations (version, description) VALUES (${LATEST_SCHEMA + 1}, 'from a newer famcoord')`), url);
    await expect(store.read()).rejects.toThrow(new RegExp(`has schema ${LATEST_SCHEMA + 1}, newer than this famcoord knows \\(${LATEST_SCHEMA}\\); install the famcoord your team uses`));
    await expect(store.migrateSchema()).rejects.toThrow(/newer than this famcoord knows/);
  });

  it("migrates a store of schema 5, whose log's head held only the step: the head gets the newest entry's link, the next step links to it, the chain stays whole", async () => {
    const url = await freshPgUrl();
    const store = new PgStore(url);
    stores.push(store);
    const jensen = family('f1', { goals: [goal('g1', '2026-12-01')] });
    const row = familyRow(jensen);
    const texts = chainedTexts(
      [1, 2].map((step) => ({ step, prev: CHAIN_START, time: `2026-11-2${step}T10:00:00.000Z`, user: 'tester', source: 'test', ops: [], familyIds: ['f1'], before: { f1: null } }) as unknown as AuditEntry),
    );
    await onServer(async (client) => {
      await client.query('CREATE TABLE schema_migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const migration of MIGRATIONS.filter((m) => m.version <= 5)) {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, description) VALUES ($1, $2)', [migration.version, migration.description]);
      }
      await client.query(`INSERT INTO store_head (id, data) VALUES (1, '{"version":1}')`);
      await client.query("INSERT INTO families (id, seq, coordinator, data, today_digest) VALUES ('f1', 1, $1, $2, $3)", [row.coordinator, row.data, row.todayDigest]);
      await client.query("INSERT INTO entities (id, family_id) VALUES ('f1', 'f1'), ('g1', 'f1')");
      for (const [i, text] of texts.entries()) await client.query("INSERT INTO audit (step, entry, family_ids, at) VALUES ($1, $2, '{f1}', now())", [i + 1, text]);
      await client.query('UPDATE audit_head SET step = 2');
    }, url);
    expect(await store.migrateSchema()).toEqual({ from: 5, to: LATEST_SCHEMA });
    expect(await onServer(async (client) => (await client.query('SELECT step, link FROM audit_head')).rows, url)).toEqual([{ step: 2, link: linkTo(texts[1]) }]);
    expect((await store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 4 }), META)).step).toBe(3);
    expect((await store.history()).map((e) => [e.step, e.prev])).toEqual([[1, CHAIN_START], [2, linkTo(texts[0])], [3, linkTo(texts[1])]]);
    const stored = await store.storedEntries();
    expect(verifyChain(stored)).toMatchObject({ entries: 3, chainedFrom: 1 });
    expect(verifyChain(stored).broken).toBeUndefined();
    // The head now follows each append: the next step links to the one just made.
    expect((await store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 5 }), META)).step).toBe(4);
    expect(await onServer(async (client) => (await client.query('SELECT step, link FROM audit_head')).rows, url)).toEqual([{ step: 4, link: linkTo((await store.storedEntries()).at(-1)?.text) }]);
    expect(verifyChain(await store.storedEntries()).broken).toBeUndefined();
  });

  it('links a step to the newest entry as it was appended, so a change made to that entry by hand shows as a break at the next step', async () => {
    const { store, url } = await freshStore();
    await store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 4 }), META);
    await onServer((client) => client.query(`UPDATE audit SET entry = replace(entry, '"source":"test"', '"source":"edited"') WHERE step = 1`), url);
    await store.transact(ops({ op: 'goal.progress', goalId: 'g2', score: 5 }), META);
    expect(verifyChain(await store.storedEntries()).broken).toMatch(/^step 2/);
  });

  it('tells a watcher about a change another connection commits (LISTEN/NOTIFY)', async () => {
    const { store, url } = await freshStore();
    const other = new PgStore(url);
    stores.push(other);
    let changes = 0;
    const stop = store.watch(() => changes++);
    try {
      // The watcher's LISTEN is in place once a change made now is seen; make changes until one is.
      await until(async () => {
        await other.transact(ops({ op: 'goal.progress', goalId: 'g1', score: Math.floor(Math.random() * 11), note: String(Math.random()) }), META);
        for (let i = 0; i < 40 && changes === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
        return changes > 0;
      }, 'a change to reach the watcher');
    } finally {
      stop();
    }
  });

  it('reads a log of several pages whole and oldest first, for history and for the chain check', async () => {
    const { store } = await freshStore();
    // 70 steps: more than two of the pages the log is read in (32 entries a statement).
    for (let i = 0; i < 70; i++) await store.transact(ops({ op: 'goal.progress', goalId: i % 2 ? 'g1' : 'g2', score: i % 11, note: `n${i}` }), META);
    const history = await store.history();
    expect(history.map((e) => e.step)).toEqual(Array.from({ length: 70 }, (_, i) => i + 1));
    expect(history.map((e) => (e.ops[0] as { note?: string }).note)).toEqual(Array.from({ length: 70 }, (_, i) => `n${i}`));
    const { verifyChain } = await import('../../src/store/auditChain.js');
    const stored = await store.storedEntries();
    expect(stored.map((e) => e.rowStep)).toEqual(history.map((e) => e.step));
    expect(verifyChain(stored)).toEqual({ chainedFrom: 1, entries: 70, unchained: 0 });
  });

  it("logs each changed family's hash after the step as familyHash gives it, though the server computes it", async () => {
    const { store } = await freshStore();
    await store.transact(ops({ op: 'family.add', id: 'f3', name: 'Familien Ærø 🙂', members: [{ name: 'Søs "Sol" Ærø', role: 'adult' }] }), META);
    await store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 4, note: 'famcoord-hash-0 "famcoord-hash-1" 🙂' }, { op: 'goal.progress', goalId: 'g2', score: 2 }), META);
    await store.transact(ops({ op: 'family.erase', familyId: 'f3' }), META);
    const { familyHash } = await import('../../src/store/undo.js');
    const families = new Map((await store.read()).families.map((f) => [f.id, f]));
    const history = await store.history();
    expect(history.map((e) => e.afterHash)).toEqual([
      { f3: expect.stringMatching(/^[0-9a-f]{32}$/) },
      { f1: familyHash(families.get('f1')), f2: familyHash(families.get('f2')) },
      { f3: null },
    ]);
    expect((history[1]?.ops[0] as { note?: string }).note).toBe('famcoord-hash-0 "famcoord-hash-1" 🙂');
    expect(history[0]?.before).toEqual({ f3: null });
    const { verifyChain } = await import('../../src/store/auditChain.js');
    expect(verifyChain(await store.storedEntries())).toEqual({ chainedFrom: 1, entries: 3, unchained: 0 });
    // Undo checks the family against the hash its step logged.
    expect((await store.undo(META)).undid).toBe(3);
    expect(familyHash((await store.read()).families.find((f) => f.id === 'f3'))).toBe(history[0]?.afterHash?.f3);
  });

  it("hands on today's families of several pages as their rows come, to the same view, and a read stopped early leaves the store usable", async () => {
    const url = await freshPgUrl();
    const store = new PgStore(url);
    stores.push(store);
    // More than two of the pages (500 families) today reads in.
    const demo = generateDemo({ families: 1_100, seed: 5, today: META.today });
    await store.create(demo);
    const date = '2026-11-24';
    expect(todayView(await store.read({ todayOn: date }), date, 'Europe/Copenhagen')).toEqual(todayView(demo, date, 'Europe/Copenhagen'));
    const firstFew: string[] = [];
    for await (const found of store.eachFamily({ todayOn: date })) {
      firstFew.push(found.id);
      if (firstFew.length === 3) break;
    }
    expect(firstFew).toHaveLength(3);
    expect((await store.read({ familyIds: [firstFew[0] as string] })).families.map((f) => f.id)).toEqual([firstFew[0]]);
    // A store without famcoord's tables is named as such, as before.
    const empty = new PgStore(await freshPgUrl());
    stores.push(empty);
    await expect(empty.read({ todayOn: date })).rejects.toThrow(/there is no famcoord store in .*; create one with famcoord init --store URL/);
  });

  it('hides the password of its URL in its name and in every message', async () => {
    const store = new PgStore('postgresql://hanne:Hemmelig%20kode@/nope?host=/nonexistent-famcoord-socket');
    expect(store.path).toBe('postgresql://hanne:***@/nope?host=/nonexistent-famcoord-socket');
    const error = await store.read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toMatch(/^cannot reach the PostgreSQL server \/nonexistent-famcoord-socket, database nope \(ENOENT\); is it running\?/);
    expect((error as StoreError).message).not.toMatch(/Hemmelig/);
  });
});

describe.skipIf(!pgServerUrl)('erasing a family on PostgreSQL', () => {
  /** The rows of every famcoord table that hold `text`. */
  const rowsWith = (url: string, text: string) =>
    onServer(async (client) => {
      const found: string[] = [];
      for (const table of ['store_head', 'families', 'entities', 'today_marks', 'audit'])
        if ((await client.query(`SELECT 1 FROM ${table} AS t WHERE t::text LIKE $1`, [`%${text}%`])).rows.length > 0) found.push(table);
      return found;
    }, url);

  async function storeWithTwoFamilies(): Promise<{ store: PgStore; url: string }> {
    const url = await freshPgUrl();
    const store = new PgStore(url);
    stores.push(store);
    await store.create(state(family('f1', { name: 'Familien Hemmelig', goals: [goal('g1', '2027-01-01')] }), family('f2', { goals: [goal('g2', '2027-01-01')] })));
    await store.transact(ops({ op: 'goal.progress', goalId: 'g1', score: 4, note: 'Fortroligt' }, { op: 'goal.progress', goalId: 'g2', score: 2, note: 'Om f2' }), META);
    await store.transact(ops({ op: 'goal.progress', goalId: 'g2', score: 3 }), META);
    return { store, url };
  }

  it('removes it from every table, as one logged step undo cannot cross, and keeps the log a chain', async () => {
    const { store, url } = await storeWithTwoFamilies();
    expect(await rowsWith(url, 'Hemmelig')).toEqual(['families', 'audit']);
    expect(await store.erase('f1', META)).toMatchObject({ step: 3, familyIds: ['f1'], applied: [{ op: 'family.erase', familyId: 'f1' }] });
    expect(await rowsWith(url, 'Hemmelig')).toEqual([]);
    expect(await rowsWith(url, 'Fortroligt')).toEqual([]);
    expect((await store.history()).map((e) => e.ops.map((o) => o.op))).toEqual([['goal.progress', 'goal.progress'], ['goal.progress'], ['family.erase']]);
    const { verifyChain } = await import('../../src/store/auditChain.js');
    expect(verifyChain(await store.storedEntries())).toEqual({ chainedFrom: 1, entries: 3, unchained: 0 });
    await store.transact(ops({ op: 'goal.status', goalId: 'g2', status: 'on-hold' }), META);
    expect((await store.undo(META)).undid).toBe(4);
    await expect(store.undo(META)).rejects.toThrow('cannot undo step 3: family f1 was erased (step 3) and its data is gone; an erase and the changes before it cannot be undone');
  });

  it('finishes clearing a family that is already out of the store, and refuses one never there', async () => {
    const { store, url } = await storeWithTwoFamilies();
    await store.transact(ops({ op: 'family.erase', familyId: 'f1' }), META);
    expect(await rowsWith(url, 'Hemmelig')).toEqual(['audit']);
    await store.erase('f1', META);
    expect(await rowsWith(url, 'Hemmelig')).toEqual([]);
    await expect(store.erase('f9', META)).rejects.toThrow(/no family f9/);
  });
});
