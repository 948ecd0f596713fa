// The SQLite backend, for a team's or a municipality's store (thousands of families): each family
// is one row of JSON, the same objects the JSON file holds, with small index tables beside it so a
// command reads and writes only the families it needs. The same operations, the same workspace
// seam and the same audit entries as the JSON backend; SQLite's transactions give the atomicity
// and the cross-process lock (BEGIN IMMEDIATE waits for the other writer).
import { promises as fs, closeSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Operation } from '../domain/operations.js';
import type { Family, Goal, Meeting, State } from '../domain/schema.js';
import { coordinatorKey, isWholeStore, todayDigest, type ReadScope } from '../domain/scope.js';
import { scrubFamily } from '../domain/familyLog.js';
import { ValidationError } from '../domain/errors.js';
import { DraftingWorkspace, idChanges, idsOf, IdCounter, type FamilyChange } from '../domain/workspace.js';
import { meetingInstant, meetingWindow } from '../domain/rules.js';
import { auditEntryFor, type AuditEntry } from './auditLog.js';
import { loadTransactions, loadValidation } from './lazyRules.js';
import { describeIoError, StoreError, storeFormatError } from './errors.js';
import { ensurePrivateDir, pathExists, PRIVATE_FILE_MODE } from './safeFile.js';
import type { FamilyScope, FamilyStore, StoreContent, Preview, TransactMeta, TransactResult, UndoResult } from './Store.js';
import { planUndo } from './undo.js';

type Database = BetterSqlite3.Database;

/**
 * better-sqlite3, loaded the first time a database is opened. require(), not import(): Node's ESM
 * loader would first lex the CommonJS source for its exports. And the compiled addon is named
 * directly, sparing the `bindings` package's search of a dozen folders: ~4 ms of every command.
 */
function openDatabase(path: string, options: BetterSqlite3.Options): Database {
  const require = createRequire(import.meta.url);
  const Sqlite = require('better-sqlite3') as typeof BetterSqlite3;
  let nativeBinding: string | undefined;
  try {
    nativeBinding = require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
  } catch {
    // built elsewhere (a debug build): let better-sqlite3 find it
  }
  return new Sqlite(path, { ...options, ...(nativeBinding !== undefined && { nativeBinding }) });
}

/** Paths that select this backend. */
export const SQLITE_EXTENSIONS = ['.sqlite', '.sqlite3', '.db'];

export function isSqlitePath(path: string): boolean {
  return SQLITE_EXTENSIONS.some((ext) => path.toLowerCase().endsWith(ext));
}

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE store_head (id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL);
-- today_digest before data: SQLite reads a row's columns in order, through the overflow pages of
-- a long one, so today's small digest must not sit behind the whole family.
CREATE TABLE families (id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, coordinator TEXT, today_digest TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX families_by_coordinator ON families (coordinator);
CREATE TABLE entities (id TEXT PRIMARY KEY, family_id TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX entities_by_family ON entities (family_id);
CREATE TABLE id_highest (prefix TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE today_marks (family_id TEXT NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL, data TEXT);
CREATE INDEX today_marks_by_family ON today_marks (family_id, kind, at);
CREATE TABLE audit (step INTEGER PRIMARY KEY, entry TEXT NOT NULL);
`;

type TodayMark = [kind: 'meeting' | 'goal' | 'contact', at: string, data: string | null];

/**
 * What today's view looks at, per family (see `mayShowToday` in src/domain/scope.ts). Meetings
 * (by start) and open goals (by due date) are kept here rather than in the family's digest: today's
 * view wants the few meetings near one date and the goals due before it, not a family's history
 * of meetings or its goals for next year.
 */
function todayMarks(digest: Family): TodayMark[] {
  return [
    ...digest.meetings.map((m): TodayMark => ['meeting', meetingInstant(m), JSON.stringify(m)]),
    ...digest.goals.map((g): TodayMark => ['goal', g.due, JSON.stringify(g)]),
    ...(digest.contacts.length > 0 ? [['contact', '', null] as TodayMark] : []),
  ];
}

const NUMBERED_ID = /^([a-z]+)(\d+)$/;

/** Prepared statements, made once per connection. */
function statements(db: Database) {
  return {
    family: db.prepare<[string], { data: string }>('SELECT data FROM families WHERE id = ?'),
    familyOf: db.prepare<[string], { family_id: string }>('SELECT family_id FROM entities WHERE id = ?'),
    idTaken: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM entities WHERE id = ?'),
    nextSeq: db.prepare<[], { seq: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM families'),
    insertFamily: db.prepare('INSERT INTO families (id, seq, coordinator, data, today_digest) VALUES (?, ?, ?, ?, ?)'),
    updateFamily: db.prepare('UPDATE families SET coordinator = ?, data = ?, today_digest = ? WHERE id = ?'),
    deleteFamily: db.prepare('DELETE FROM families WHERE id = ?'),
    deleteEntities: db.prepare('DELETE FROM entities WHERE family_id = ?'),
    insertEntity: db.prepare('INSERT INTO entities (id, family_id) VALUES (?, ?)'),
    deleteMarks: db.prepare('DELETE FROM today_marks WHERE family_id = ?'),
    insertMark: db.prepare('INSERT INTO today_marks (family_id, kind, at, data) VALUES (?, ?, ?, ?)'),
    highest: db.prepare<[string], { n: number }>('SELECT n FROM id_highest WHERE prefix = ?'),
    raiseHighest: db.prepare('INSERT INTO id_highest (prefix, n) VALUES (?, ?) ON CONFLICT (prefix) DO UPDATE SET n = MAX(n, excluded.n)'),
    lastStep: db.prepare<[], { step: number }>('SELECT COALESCE(MAX(step), 0) AS step FROM audit'),
    insertAudit: db.prepare('INSERT INTO audit (step, entry) VALUES (?, ?)'),
    updateAudit: db.prepare('UPDATE audit SET entry = ? WHERE step = ?'),
    historyNewestFirst: db.prepare<[], { entry: string }>('SELECT entry FROM audit ORDER BY step DESC'),
  };
}
type Statements = ReturnType<typeof statements>;

/**
 * Families as operations see them, inside the caller's SQLite transaction (a failure rolls it all
 * back). The id index is written as soon as a family's ids change, so lookups (ids taken, the
 * family of a goal) see this transaction's own changes; the families' rows are written once each,
 * by `flush`, however many operations touched them.
 */
class SqliteWorkspace extends DraftingWorkspace {
  private readonly loaded = new Map<string, Family | null>();
  private readonly touched = new Map<string, FamilyChange>();
  private readonly unwritten = new Set<string>();

  constructor(private readonly sql: Statements) {
    super();
  }

  family(familyId: string): Family | undefined {
    if (!this.loaded.has(familyId)) {
      const row = this.sql.family.get(familyId);
      this.loaded.set(familyId, row ? (JSON.parse(row.data) as Family) : null);
    }
    return this.loaded.get(familyId) ?? undefined;
  }

  familyOf(entityId: string): Family | undefined {
    const row = this.sql.familyOf.get(entityId);
    return row ? this.family(row.family_id) : undefined;
  }

  private record(familyId: string, after: Family | null): void {
    const before = this.touched.has(familyId) ? (this.touched.get(familyId) as FamilyChange).before : (this.family(familyId) ?? null);
    this.touched.set(familyId, { familyId, before, after });
  }

  put(family: Family): void {
    const previous = this.family(family.id);
    this.record(family.id, family);
    const { added, removed } = idChanges(previous, family);
    if (added.length > 0 || removed.length > 0) {
      this.sql.deleteEntities.run(family.id);
      indexIds(this.sql, family.id, idsOf(family));
    }
    this.loaded.set(family.id, family);
    this.unwritten.add(family.id);
  }

  remove(familyId: string): void {
    if (this.family(familyId) === undefined) return;
    this.record(familyId, null);
    this.sql.deleteFamily.run(familyId);
    this.sql.deleteEntities.run(familyId);
    this.sql.deleteMarks.run(familyId);
    this.loaded.set(familyId, null);
    this.unwritten.delete(familyId);
  }

  /** Writes each changed family's row and today marks; call once, after the operations. */
  flush(): void {
    for (const familyId of this.unwritten) {
      const family = this.loaded.get(familyId) as Family;
      const row = familyRow(family);
      const updated = this.sql.updateFamily.run(row.coordinator, row.data, row.todayDigest, familyId).changes > 0;
      if (!updated) this.sql.insertFamily.run(familyId, (this.sql.nextSeq.get() as { seq: number }).seq, row.coordinator, row.data, row.todayDigest);
      this.sql.deleteMarks.run(familyId);
      indexMarks(this.sql, familyId, row.marks);
    }
    this.unwritten.clear();
  }

  protected indexAdded(familyId: string, id: string): void {
    indexIds(this.sql, familyId, [id]);
  }

  idTaken(id: string): boolean {
    return this.sql.idTaken.get(id) !== undefined;
  }

  newId(prefix: string): string {
    const counter = new IdCounter();
    counter.see(`${prefix}${this.sql.highest.get(prefix)?.n ?? 0}`);
    const id = counter.next(prefix, (candidate) => this.idTaken(candidate));
    this.sql.raiseHighest.run(prefix, Number(id.slice(prefix.length)));
    return id;
  }

  protected touchedFamilies(): FamilyChange[] {
    return [...this.touched.values()];
  }
}

/** A family's columns and today marks: the whole family, and what today's view and a caseload read look at. */
function familyRow(family: Family): { coordinator: string | null; data: string; todayDigest: string; marks: TodayMark[] } {
  const digest = todayDigest(family);
  return {
    coordinator: family.coordinator === undefined ? null : coordinatorKey(family.coordinator),
    data: JSON.stringify(family),
    todayDigest: JSON.stringify({ ...digest, meetings: [], goals: [] }),
    marks: todayMarks(digest),
  };
}

/** Adds a family's ids to the id index, and raises the highest number in use per prefix. */
function indexIds(sql: Statements, familyId: string, ids: readonly string[]): void {
  for (const id of ids) {
    sql.insertEntity.run(id, familyId);
    const numbered = NUMBERED_ID.exec(id);
    if (numbered) sql.raiseHighest.run(numbered[1], Number(numbered[2]));
  }
}

function indexMarks(sql: Statements, familyId: string, marks: readonly TodayMark[]): void {
  for (const [kind, at, data] of marks) sql.insertMark.run(familyId, kind, at, data);
}

export class SqliteStore implements FamilyStore {
  private connection?: { db: Database; sql: Statements };

  constructor(readonly path: string) {}

  exists(): Promise<boolean> {
    return pathExists(this.path);
  }

  /** Opens the database (creating the file 0600 only when `create`), checking it is a famcoord store. */
  private async open(create = false): Promise<{ db: Database; sql: Statements }> {
    if (this.connection) return this.connection;
    if (create) {
      await ensurePrivateDir(dirname(this.path)).catch((error: unknown) => {
        throw new StoreError('io', `cannot create the folder for the store ${this.path}: ${describeIoError(error)}`);
      });
      // SQLite gives its -wal and -shm files the database file's mode: make that 0600 first.
      try {
        closeSync(openSync(this.path, 'a', PRIVATE_FILE_MODE));
      } catch (error) {
        throw new StoreError('io', `cannot create the store ${this.path}: ${describeIoError(error)}`);
      }
    } else if (!(await this.exists())) {
      throw new StoreError('missing', `there is no store at ${this.path}; create one with famcoord init, or try famcoord demo`);
    }
    await fs.chmod(this.path, PRIVATE_FILE_MODE).catch(() => undefined);
    let db: Database;
    try {
      db = openDatabase(this.path, { fileMustExist: true, timeout: 15_000 });
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      // Deleted rows are overwritten, not left in free pages: erasing a family must erase it.
      db.pragma('secure_delete = ON');
      const version = db.pragma('user_version', { simple: true }) as number;
      const tables = db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
      if (version === 0 && tables.n === 0) {
        db.exec(SCHEMA);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
      } else if (version !== SCHEMA_VERSION) {
        db.close();
        throw new StoreError('invalid', `the database ${this.path} is not a famcoord store of a version this famcoord reads (schema ${version}); it was not changed`);
      }
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw sqliteError(error, this.path);
    }
    this.connection = { db, sql: statements(db) };
    return this.connection;
  }

  /** Runs `work` in one IMMEDIATE transaction: the write lock is taken first, so the reads in it are current. */
  private async write<T>(work: (sql: Statements, db: Database) => T, create = false): Promise<T> {
    const { db, sql } = await this.open(create);
    try {
      return db.transaction(() => work(sql, db)).immediate();
    } catch (error) {
      throw sqliteError(error, this.path);
    }
  }

  async *eachFamily(scope?: FamilyScope): AsyncGenerator<Family> {
    const { db } = await this.open();
    const { parseFamily, SeenIds } = await loadValidation();
    const seen = new SeenIds();
    let position = 0;
    try {
      requireHead(db, this.path);
      const { where, params } = scopeQuery(scope);
      for (const { data } of db.prepare(`SELECT data FROM families ${where} ORDER BY seq`).iterate(...params) as Iterable<{ data: string }>)
        yield parseFamily(JSON.parse(data), position++, seen);
    } catch (error) {
      if (error instanceof StoreError) throw error;
      if (error instanceof ValidationError) throw storeFormatError(this.path, error.problems);
      throw sqliteError(error, this.path);
    }
  }

  async read(scope?: ReadScope): Promise<State> {
    const { db } = await this.open();
    let head: Record<string, unknown>;
    const families: Family[] = [];
    try {
      head = JSON.parse(requireHead(db, this.path)) as Record<string, unknown>;
      const { where, params } = scopeQuery(scope);
      if (scope?.todayOn !== undefined) return { ...head, families: readTodayDigests(db, where, params, scope.todayOn) } as State;
      for (const { data } of db.prepare(`SELECT data FROM families ${where} ORDER BY seq`).iterate(...params) as Iterable<{ data: string }>)
        families.push(JSON.parse(data) as Family);
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw sqliteError(error, this.path);
    }
    const { parseState } = await loadValidation();
    try {
      return parseState({ ...head, families });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      throw storeFormatError(this.path, error.problems);
    }
  }

  private appendAudit(sql: Statements, changes: FamilyChange[], meta: TransactMeta, detail: Pick<AuditEntry, 'ops'> & Partial<AuditEntry>): { step: number; familyIds: string[] } {
    const entry = auditEntryFor((sql.lastStep.get() as { step: number }).step + 1, changes, meta, detail);
    sql.insertAudit.run(entry.step, JSON.stringify(entry));
    return { step: entry.step, familyIds: entry.familyIds };
  }

  async transact(operations: readonly Operation[], meta: TransactMeta): Promise<TransactResult> {
    const { runTransaction, operationFamilyIds } = await loadTransactions();
    return this.write((sql, db) => {
      requireHead(db, this.path);
      const ws = new SqliteWorkspace(sql);
      const { applied, changes } = runTransaction(ws, operations, { today: meta.today });
      ws.flush();
      const { step, familyIds } = this.appendAudit(sql, changes, meta, { ops: applied });
      return { step, applied, operationFamilyIds: operationFamilyIds(ws, applied), familyIds };
    });
  }

  async preview(operations: readonly Operation[], meta: TransactMeta): Promise<Preview> {
    const ctx = { today: meta.today };
    const { findFailingOperations, runTransaction, operationFamilyIds } = await loadTransactions();
    const failures = await this.rolledBack((sql) => findFailingOperations(new SqliteWorkspace(sql), operations, ctx));
    if (failures.length > 0) return { failures, applied: [], operationFamilyIds: [] };
    return this.rolledBack((sql) => {
      const ws = new SqliteWorkspace(sql);
      const { applied } = runTransaction(ws, operations, ctx);
      return { failures, applied, operationFamilyIds: operationFamilyIds(ws, applied) };
    });
  }

  /** Runs `work` against the store as it is, in a transaction that is always rolled back. */
  private async rolledBack<T>(work: (sql: Statements) => T): Promise<T> {
    const rollback = Symbol('rollback');
    let result: T | undefined;
    try {
      await this.write((sql, db) => {
        requireHead(db, this.path);
        result = work(sql);
        throw rollback;
      });
    } catch (error) {
      if (error !== rollback) throw error;
    }
    return result as T;
  }

  async erase(familyId: string, meta: TransactMeta): Promise<TransactResult> {
    const { runTransaction } = await loadTransactions();
    const result = await this.write((sql, db) => {
      requireHead(db, this.path);
      const ws = new SqliteWorkspace(sql);
      const family = ws.family(familyId);
      let erased: TransactResult;
      if (!family && readHistory(sql).some((entry) => familyId in entry.before)) {
        // Already out of the store (a plain removal): only the log still holds it.
        erased = { step: (sql.lastStep.get() as { step: number }).step, applied: [], operationFamilyIds: [], familyIds: [familyId] };
      } else {
        const { applied, changes } = runTransaction(ws, [{ op: 'family.erase', familyId }], { today: meta.today });
        ws.flush();
        erased = { ...this.appendAudit(sql, changes, meta, { ops: applied }), applied, operationFamilyIds: [familyId] };
      }
      // In the same transaction: the log loses the family's data, or nothing happens at all.
      const history = readHistory(sql);
      const scrubbed = scrubFamily(history, familyId, family ? [family] : []);
      scrubbed.forEach((entry, i) => {
        if (entry !== history[i]) sql.updateAudit.run(JSON.stringify(entry), entry.step);
      });
      return erased;
    });
    // secure_delete zeroed the freed pages; the write-ahead log still holds old page images until
    // they are copied back and it is emptied.
    (await this.open()).db.pragma('wal_checkpoint(TRUNCATE)');
    return result;
  }

  async undo(meta: TransactMeta): Promise<UndoResult> {
    const { runRestore } = await loadTransactions();
    return this.write((sql, db) => {
      requireHead(db, this.path);
      const ws = new SqliteWorkspace(sql);
      const plan = planUndo(historyNewestFirst(sql), (id) => ws.family(id));
      if (!plan.ok) throw new StoreError('undo', plan.reason);
      const changes = runRestore(ws, plan.target.familyIds.map((familyId) => ({ familyId, family: plan.target.before[familyId] ?? null })));
      ws.flush();
      const { step, familyIds } = this.appendAudit(sql, changes, meta, { ops: [], undoes: plan.target.step });
      return { step, undid: plan.target.step, familyIds };
    });
  }

  async create(state: StoreContent, options: { replace?: boolean; history?: readonly AuditEntry[]; encrypt?: boolean } = {}): Promise<void> {
    if (options.encrypt)
      throw new StoreError('io', `famcoord encrypts JSON stores only; keep the database ${this.path} on an encrypted disk, or use a .json store with --encrypt`);
    const { parseState, parseFamily, SeenIds } = await loadValidation();
    const { families, ...head } = parseState({ ...state, families: [] });
    if (!options.replace && (await this.exists()) && (await this.hasData()))
      throw new StoreError('exists', `a store already exists at ${this.path}; it was not changed`);
    await this.write((sql, db) => {
      for (const table of ['store_head', 'families', 'entities', 'id_highest', 'today_marks', 'audit']) db.prepare(`DELETE FROM ${table}`).run();
      db.prepare('INSERT INTO store_head (id, data) VALUES (1, ?)').run(JSON.stringify(head));
      // Family by family, each checked as it comes (a bad one rolls the whole create back).
      const seen = new SeenIds();
      let position = 0;
      for (const given of state.families) {
        const family = parseFamily(given, position++, seen);
        const row = familyRow(family);
        sql.insertFamily.run(family.id, position, row.coordinator, row.data, row.todayDigest);
        indexIds(sql, family.id, idsOf(family));
        indexMarks(sql, family.id, row.marks);
      }
      for (const entry of options.history ?? []) sql.insertAudit.run(entry.step, JSON.stringify(entry));
    }, true);
    // Move a large create out of the write-ahead log into the database file, so the -wal file
    // does not stay as big as the store.
    (await this.open()).db.pragma('wal_checkpoint(TRUNCATE)');
  }

  private async hasData(): Promise<boolean> {
    try {
      const { db } = await this.open();
      return db.prepare('SELECT 1 FROM store_head').get() !== undefined;
    } catch (error) {
      // Something that is not a famcoord database is still something: never replace it.
      if (error instanceof StoreError) return true;
      throw error;
    }
  }

  async history(): Promise<AuditEntry[]> {
    const { sql } = await this.open();
    return readHistory(sql);
  }

  watch(onChange: () => void): () => void {
    // data_version changes when another connection commits: a second connection of our own
    // sees this process's writes too, like the JSON backend's file watching does.
    let watcher: Database | undefined;
    let last: number | undefined;
    let stopped = false;
    const timer = setInterval(() => {
      void (async () => {
        if (stopped) return;
        if (!watcher) {
          watcher = openDatabase(this.path, { readonly: true, fileMustExist: true });
        }
        const version = watcher.pragma('data_version', { simple: true }) as number;
        if (last !== undefined && version !== last) onChange();
        last = version;
      })().catch(() => undefined);
    }, 250);
    timer.unref();
    return () => {
      stopped = true;
      clearInterval(timer);
      watcher?.close();
    };
  }

  /** SQLite's own check of every page and index (for doctor): undefined when the database is whole. */
  async integrityProblem(): Promise<string | undefined> {
    const { db } = await this.open();
    const result = db.pragma('integrity_check', { simple: true }) as string;
    return result === 'ok' ? undefined : `SQLite's integrity check of ${this.path} failed; copy what can be read with famcoord migrate --to rescue.json`;
  }

  /** Closes the connection (tests, doctor); the next call opens it again. */
  close(): void {
    this.connection?.db.close();
    this.connection = undefined;
  }
}

/**
 * Today's digests with the meetings near the date and the goals due before it put back. They are
 * not validated again: they are derived in the same transaction from families that were validated
 * when written, and they are what makes `today` on thousands of families start as fast as on a few.
 */
function readTodayDigests(db: Database, where: string, params: string[], date: string): Family[] {
  // Row by row: each digest's text is garbage once parsed, instead of all of them held at once.
  const families: Family[] = [];
  for (const text of db.prepare(`SELECT today_digest FROM families ${where} ORDER BY seq`).pluck().iterate(...params) as Iterable<string>)
    families.push(JSON.parse(text) as Family);
  const byId = new Map(families.map((family) => [family.id, family]));
  const window = meetingWindow(date);
  // CROSS JOIN keeps the families outside: the few in scope, then their marks through the
  // (family_id, kind, at) index, instead of every mark in the store.
  const marks = db.prepare(`SELECT t.family_id, t.kind, t.data FROM families CROSS JOIN today_marks AS t ON t.family_id = families.id
    ${where ? `${where} AND` : 'WHERE'} ((t.kind = 'meeting' AND t.at >= ? AND t.at < ?) OR (t.kind = 'goal' AND t.at < ?))`);
  for (const mark of marks.iterate(...params, window.from, window.to, date) as Iterable<{ family_id: string; kind: 'meeting' | 'goal'; data: string }>) {
    const family = byId.get(mark.family_id);
    if (mark.kind === 'meeting') family?.meetings.push(JSON.parse(mark.data) as Meeting);
    else family?.goals.push(JSON.parse(mark.data) as Goal);
  }
  return families;
}

/** The store's top-level fields; a database without them was never made a store. */
function requireHead(db: Database, path: string): string {
  const row = db.prepare('SELECT data FROM store_head WHERE id = 1').get() as { data: string } | undefined;
  if (!row) throw new StoreError('missing', `the store ${path} is empty; create one with famcoord init, or try famcoord demo`);
  return row.data;
}

/** The log from its end, parsed as it is read: undo needs only its tail. */
function* historyNewestFirst(sql: Statements): Generator<AuditEntry> {
  for (const row of sql.historyNewestFirst.iterate()) yield JSON.parse(row.entry) as AuditEntry;
}

function readHistory(sql: Statements): AuditEntry[] {
  return [...historyNewestFirst(sql)].reverse();
}

/** The WHERE clause for a scope; see src/domain/scope.ts for the rules it answers. */
function scopeQuery(scope: ReadScope | undefined): { where: string; params: string[] } {
  if (isWholeStore(scope) || scope === undefined) return { where: '', params: [] };
  const clauses: string[] = [];
  const params: string[] = [];
  if (scope.coordinator !== undefined) {
    clauses.push('coordinator = ?');
    params.push(coordinatorKey(scope.coordinator));
  }
  if (scope.familyIds !== undefined) {
    clauses.push('id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(scope.familyIds));
  }
  if (scope.todayOn !== undefined) {
    const window = meetingWindow(scope.todayOn);
    // Per family through the (family_id, kind, at) index: a caseload is a few dozen families.
    clauses.push(`EXISTS (SELECT 1 FROM today_marks AS t WHERE t.family_id = families.id AND (t.kind = 'contact'
      OR (t.kind = 'goal' AND t.at < ?) OR (t.kind = 'meeting' AND t.at >= ? AND t.at < ?)))`);
    params.push(scope.todayOn, window.from, window.to);
  }
  return { where: `WHERE ${clauses.join(' AND ')}`, params };
}

/** SQLite's failures as store errors that say what to do, without data. */
function sqliteError(error: unknown, path: string): Error {
  if (error instanceof StoreError || error instanceof ValidationError || !(error instanceof Error)) return error as Error;
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
    return new StoreError('locked', `the store ${path} is busy: another famcoord is writing it; try again in a moment`);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
    return new StoreError('corrupt', `the store ${path} is not a readable SQLite database (${code}); it was not changed. Run famcoord doctor`);
  if (code === 'SQLITE_FULL') return new StoreError('io', `cannot write the store ${path}: no space left on the device (SQLITE_FULL); the store is unchanged`);
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR'))
    return new StoreError('io', `cannot use the store ${path}: ${code}; the store is unchanged`);
  if (code.startsWith('SQLITE_')) return new StoreError('io', `the store ${path} failed: ${code}; the store is unchanged`);
  return error;
}
