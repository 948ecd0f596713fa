// The SQLite backend, for a team's or a municipality's store (thousands of families): each family
// is one row of JSON, the same objects the JSON file holds, with small index tables beside it so a
// command reads and writes only the families it needs. The same operations, the same workspace
// seam and the same audit entries as the JSON backend; SQLite's transactions give the atomicity
// and the cross-process lock (BEGIN IMMEDIATE waits for the other writer).
import { isUtf8 } from 'node:buffer';
import { closeSync, existsSync, fchmodSync, fstatSync, promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Operation } from '../domain/operations.js';
import type { Family, State } from '../domain/schema.js';
import { coordinatorKey, isWholeStore, mayShowToday, todayDigest, type ReadScope } from '../domain/scope.js';
import { scrubFamily } from '../domain/familyLog.js';
import { ValidationError } from '../domain/errors.js';
import { DraftingWorkspace, idChanges, idsOf, type FamilyChange } from '../domain/workspace.js';
import { IdCounter, numberedId } from '../domain/ids.js';
import { meetingWindow } from '../domain/rules.js';
import { chainedTexts, replayedLogMessage, replaySetAsideMessage, type EntryText, type StoredEntry } from './auditChain.js';
import { auditEntryFor, auditLogPathFor, keepAside, replayedTail, setAsidePathFor, type AuditEntry, type LogRecord, type LogTail } from './auditLog.js';
import { clearPendingErase, finishedErase, readPendingErase, recordPendingErase } from './pendingErase.js';
import { crashPoint } from './crashPoint.js';
import { checkedState, familyChecker, loadTransactions, loadValidation } from './lazyRules.js';
import { asStoreFormatError, changedSinceError, describeIoError, emptyStoreError, missingStoreError, StoreError, storeFormatError } from './errors.js';
import { checkStoreFiles, checkStoreWrite, openRegularSync, READ_NOFOLLOW, WRITE_NOFOLLOW } from './pathGuard.js';
import { ensurePrivateDir, pathExists, PRIVATE_FILE_MODE } from './safeFile.js';
import { stopAfterLockForTest } from './testHooks.js';
import { WRITER_WAIT_MS } from './lock.js';
import type { CaseloadLookup, CreateOptions, FamilyScope, FamilyStore, Preview, StoreContent, TransactMeta, TransactResult, UndoOptions } from './Store.js';
import { planOrRefuse, PLANNERS, ReversibleStore, type Reversal, type Reversed } from './undo.js';
import { replacedPath } from './backups.js';
import { auditRecord, familyFromRow, findCaseloadIn, headFromRow, todayFamily, familyRow, todayMarkCondition, involvingCondition, teamMarkCondition, type TodayMark } from './familyRows.js';

type Database = BetterSqlite3.Database;

/**
 * better-sqlite3, loaded the first time a database is opened, with import() so that the bundle
 * carries its JavaScript (compiled from the code cache like the rest, issue 19: required from
 * node_modules it cost ~7 ms of every SQLite command). The compiled addon is named directly,
 * sparing the `bindings` package's search of a dozen folders: ~4 ms of every command.
 */
async function loadSqlite(): Promise<typeof BetterSqlite3> {
  return (await import('better-sqlite3')).default;
}

const ADDON = 'better-sqlite3/build/Release/better_sqlite3.node';

/**
 * The compiled addon's path. First famcoord's own node_modules beside the folder of its scripts,
 * which is where Node's resolution finds it in an install or a checkout (its first candidate,
 * dist/node_modules, the build never makes): one stat, where the resolution's search and its
 * realpath took ~3 M instructions of every SQLite command (issue 19). Else as Node resolves it.
 * The folder by its path (the build gives each script its folder): a URL to it cost ~1 M more.
 */
function addonPath(): string | undefined {
  const beside = join(import.meta.dirname, '..', 'node_modules', ADDON);
  if (existsSync(beside)) return beside;
  try {
    return createRequire(import.meta.url).resolve(ADDON);
  } catch {
    return undefined; // built elsewhere (a debug build): let better-sqlite3 find it
  }
}

function openDatabase(Sqlite: typeof BetterSqlite3, path: string, options: BetterSqlite3.Options): Database {
  const nativeBinding = addonPath();
  return new Sqlite(path, { ...options, ...(nativeBinding !== undefined && { nativeBinding }) });
}

/** Paths that select this backend. */
export const SQLITE_EXTENSIONS = ['.sqlite', '.sqlite3', '.db'];

export function isSqlitePath(path: string): boolean {
  return SQLITE_EXTENSIONS.some((ext) => path.toLowerCase().endsWith(ext));
}

/**
 * PRAGMA user_version. 3: every family's today digest and marks are as this famcoord writes them
 * (members by name only, an agreement's mark without the rest of its meeting). 2: the same tables;
 * the marks are complete, but rows an older famcoord wrote hold more than today's view reads,
 * which it reads as they are (`todayFamily` takes both forms), only slower. 1: written by a
 * famcoord from before agreements had marks; its today marks miss them, so a read for today reads
 * whole families. `doctor` writes the rows of a 1 or 2 again (`rebuildTodayRows`); this famcoord's
 * changes to one leave its number as it is, since the rows it did not touch are still the older
 * famcoord's. A famcoord that knows only an older schema refuses a newer store.
 */
const SCHEMA_VERSION = 3;
const SCHEMA_FULLER_ROWS = 2;
const SCHEMA_MARKS_WITHOUT_AGREEMENTS = 1;

/** How many families the rebuild of today's rows reads at a time (better-sqlite3 cannot write while a query is open). */
const REBUILD_BATCH = 500;

/** How long an erase waits for readers on older snapshots before leaving the WAL to the next change. */
const CHECKPOINT_WAIT_MS = 1_000;

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
CREATE INDEX today_marks_people ON today_marks (at) WHERE kind = 'person';
CREATE TABLE audit (step INTEGER PRIMARY KEY, entry TEXT NOT NULL);
`;

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
    tail: db.prepare<[], { step: number; entry: string }>('SELECT step, entry FROM audit ORDER BY step DESC LIMIT 2'),
    // The entries' bytes are their UTF-8 text only in a UTF-8 database (SQLite's default, famcoord's own).
    tailBytes:
      db.pragma('encoding', { simple: true }) === 'UTF-8'
        ? db.prepare<[], { step: number; bytes: Buffer }>('SELECT step, CAST(entry AS BLOB) AS bytes FROM audit ORDER BY step DESC LIMIT 2')
        : undefined,
    tailBelow: db.prepare<[number], { step: number; entry: string }>('SELECT step, entry FROM audit WHERE step < ? ORDER BY step DESC LIMIT 2'),
    deleteAudit: db.prepare('DELETE FROM audit WHERE step = ? AND entry = ?'),
    historyRows: db.prepare<[], { step: number; entry: string }>('SELECT step, entry FROM audit ORDER BY step'),
    insertAudit: db.prepare('INSERT INTO audit (step, entry) VALUES (?, ?)'),
    updateAudit: db.prepare('UPDATE audit SET entry = ? WHERE step = ?'),
    historyNewestFirst: db.prepare<[], { step: number; entry: string }>('SELECT step, entry FROM audit ORDER BY step DESC'),
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
  /**
   * Which family holds an id, as the index said when first asked (null: none). A batch asks about
   * the same goals again and again, and asks once more per operation for its summary; the index
   * changes only through this workspace, which forgets what it knew when it does.
   */
  private readonly holders = new Map<string, string | null>();
  /**
   * The row text each family was parsed from: its draft is that text parsed again, the same data
   * as structuredClone's copy (JSON text holds nothing it would copy otherwise) for about half the
   * cost (a batch drafts twenty families: ~16 M instructions less, issue 19).
   */
  private readonly rowTexts = new WeakMap<Family, string>();

  constructor(private readonly sql: Statements) {
    super();
  }

  family(familyId: string): Family | undefined {
    if (!this.loaded.has(familyId)) {
      const row = this.sql.family.get(familyId);
      const family = row ? familyFromRow(familyId, row.data) : null;
      if (row && family) this.rowTexts.set(family, row.data);
      this.loaded.set(familyId, family);
    }
    return this.loaded.get(familyId) ?? undefined;
  }

  protected override copyOf(family: Family): Family {
    const text = this.rowTexts.get(family);
    return text === undefined ? super.copyOf(family) : (JSON.parse(text) as Family);
  }

  familyOf(entityId: string): Family | undefined {
    let familyId = this.holders.get(entityId);
    if (familyId === undefined) {
      familyId = this.sql.familyOf.get(entityId)?.family_id ?? null;
      this.holders.set(entityId, familyId);
    }
    return familyId === null ? undefined : this.family(familyId);
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
      this.holders.clear();
    }
    this.loaded.set(family.id, family);
    this.unwritten.add(family.id);
  }

  remove(familyId: string): void {
    if (this.family(familyId) === undefined) return;
    this.record(familyId, null);
    this.sql.deleteFamily.run(familyId);
    this.sql.deleteEntities.run(familyId);
    this.holders.clear();
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
    this.holders.set(id, familyId);
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

/** Adds a family's ids to the id index, and raises the highest number in use per prefix. */
function indexIds(sql: Statements, familyId: string, ids: readonly string[]): void {
  for (const id of ids) {
    sql.insertEntity.run(id, familyId);
    const numbered = numberedId(id);
    if (numbered) sql.raiseHighest.run(numbered.prefix, numbered.number);
  }
}

function indexMarks(sql: Statements, familyId: string, marks: readonly TodayMark[]): void {
  for (const [kind, at, data] of marks) sql.insertMark.run(familyId, kind, at, data);
}

export class SqliteStore extends ReversibleStore implements FamilyStore {
  private connection?: { db: Database; sql: Statements };

  private readonly writerWaitMs: number;

  constructor(
    readonly path: string,
    options: { writerWaitMs?: number | undefined } = {},
  ) {
    super();
    this.writerWaitMs = options.writerWaitMs ?? WRITER_WAIT_MS;
  }

  exists(): Promise<boolean> {
    return pathExists(this.path);
  }

  /** Opens the database (creating the file 0600 only when `create`), checking it is a famcoord store. */
  private async open(create = false): Promise<{ db: Database; sql: Statements }> {
    if (this.connection) return this.connection;
    // SQLite opens its files by name and follows links: the guard looks at them first.
    await checkStoreFiles(this.path);
    if (create)
      await ensurePrivateDir(dirname(this.path)).catch((error: unknown) => {
        throw new StoreError('io', `cannot create the folder for the store ${this.path}: ${describeIoError(error)}`);
      });
    // Opened here first, never through a link nor waiting on a FIFO, and made 0600 (created so
    // when `create`): SQLite gives its -wal and -shm files the database file's mode.
    let fd: number;
    try {
      fd = openRegularSync(this.path, 'the store', create ? WRITE_NOFOLLOW : READ_NOFOLLOW, PRIVATE_FILE_MODE);
    } catch (error) {
      if (error instanceof StoreError) throw error;
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !create) throw missingStoreError(this.path);
      throw new StoreError('io', `cannot ${create ? 'create' : 'open'} the store ${this.path}: ${describeIoError(error)}`);
    }
    let empty = false;
    try {
      empty = fstatSync(fd).size === 0;
      fchmodSync(fd, PRIVATE_FILE_MODE);
    } catch {
      // another user's file, shared read-only: it keeps its mode
    } finally {
      closeSync(fd);
    }
    // An empty file is no store yet: a read says so without opening it, since SQLite would write
    // its header there (journal_mode = WAL), and the schema below only a write puts in.
    if (empty && !create) throw emptyStoreError(this.path);
    const Sqlite = await loadSqlite();
    let db: Database;
    try {
      db = openDatabase(Sqlite, this.path, { fileMustExist: true, timeout: this.writerWaitMs });
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      // Deleted rows are overwritten, not left in free pages: erasing a family must erase it.
      db.pragma('secure_delete = ON');
      const version = db.pragma('user_version', { simple: true }) as number;
      const tables = db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
      if (version === 0 && tables.n === 0) {
        if (!create) {
          db.close();
          throw emptyStoreError(this.path);
        }
        db.exec(SCHEMA);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
      } else if (version !== SCHEMA_VERSION && version !== SCHEMA_FULLER_ROWS && version !== SCHEMA_MARKS_WITHOUT_AGREEMENTS) {
        db.close();
        throw new StoreError('invalid', `the database ${this.path} is not a famcoord store of a version this famcoord reads (schema ${version}); it was not changed`);
      }
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw sqliteError(error, this.path);
    }
    // The write path's statements, prepared when a step first needs them: a read prepares only its own query.
    let sql: Statements | undefined;
    this.connection = {
      db,
      get sql() {
        return (sql ??= statements(db));
      },
    };
    return this.connection;
  }

  /** Runs `work` in one IMMEDIATE transaction: the write lock is taken first, so the reads in it are current. */
  private async write<T>(work: (sql: Statements, db: Database) => T, create = false): Promise<T> {
    await checkStoreWrite(this.path, { create });
    const { db, sql } = await this.open(create);
    try {
      return db
        .transaction(() => {
          stopAfterLockForTest();
          return work(sql, db);
        })
        .immediate();
    } catch (error) {
      throw sqliteError(error, this.path);
    }
  }

  async *eachFamily(scope?: FamilyScope): AsyncGenerator<Family> {
    const { db } = await this.open();
    try {
      requireHead(db, this.path);
      if (scope?.todayOn !== undefined) {
        // Today's digests are not validated again (todayDigests): its read loads no zod schemas.
        yield* todayFamilies(db, scope, scope.todayOn);
        return;
      }
      const check = await familyChecker();
      const { where, params } = scopeQuery(scope);
      for (const { id, data } of db.prepare(`SELECT id, data FROM families ${where} ORDER BY seq`).iterate(...params) as Iterable<{ id: string; data: string }>)
        yield await check(familyFromRow(id, data));
    } catch (error) {
      if (error instanceof StoreError) throw error;
      if (error instanceof ValidationError) throw storeFormatError(this.path, error.problems);
      throw sqliteError(error, this.path);
    }
  }

  async findCaseload(coordinator: string): Promise<CaseloadLookup> {
    const { db } = await this.open();
    try {
      return await findCaseloadIn(async (sql, values) => db.prepare(sql).all(...values) as Array<Record<string, unknown>>, { param: () => '?', digestCoordinator: "json_extract(today_digest, '$.coordinator')" }, coordinator);
    } catch (error) {
      throw sqliteError(error, this.path);
    }
  }

  async read(scope?: ReadScope): Promise<State> {
    const { db } = await this.open();
    let head: Record<string, unknown>;
    const families: Family[] = [];
    try {
      head = requireHead(db, this.path);
      if (scope?.todayOn !== undefined) return { ...head, families: [...todayFamilies(db, scope, scope.todayOn)] } as State;
      const { where, params } = scopeQuery(scope);
      for (const { id, data } of db.prepare(`SELECT id, data FROM families ${where} ORDER BY seq`).iterate(...params) as Iterable<{ id: string; data: string }>)
        families.push(familyFromRow(id, data));
    } catch (error) {
      if (error instanceof StoreError) throw error;
      if (error instanceof ValidationError) throw storeFormatError(this.path, error.problems);
      throw sqliteError(error, this.path);
    }
    try {
      return await checkedState({ ...head, families });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      throw storeFormatError(this.path, error.problems);
    }
  }

  private appendAudit(sql: Statements, changes: FamilyChange[], meta: TransactMeta, detail: Pick<AuditEntry, 'ops'> & Partial<AuditEntry>): { step: number; familyIds: string[] } {
    const tail = appendTail(sql);
    const replayed = replayedTail(tail);
    if (replayed) throw new StoreError('corrupt', replayedLogMessage(`audit log of ${this.path}`, replayed));
    const entry = auditEntryFor(tail, changes, meta, detail);
    sql.insertAudit.run(entry.step, JSON.stringify(entry));
    return { step: entry.step, familyIds: entry.familyIds };
  }

  protected async transactOnce(operations: readonly Operation[], meta: TransactMeta): Promise<TransactResult> {
    const { runTransaction, operationFamilyIds } = await loadTransactions();
    await this.finishPendingErase();
    return this.write((sql, db) => {
      requireHead(db, this.path);
      const ws = new SqliteWorkspace(sql);
      const { applied, changes } = runTransaction(ws, operations, { today: meta.today, person: meta.person });
      ws.flush();
      const { step, familyIds } = this.appendAudit(sql, changes, meta, { ops: applied });
      return { step, applied, operationFamilyIds: operationFamilyIds(ws, applied), familyIds };
    });
  }

  protected async previewOnce(operations: readonly Operation[], meta: TransactMeta): Promise<Preview> {
    const ctx = { today: meta.today, person: meta.person };
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

  /**
   * Erases a family in one transaction (the step and the log's scrub, relinked), then empties the
   * write-ahead log, which still holds old page images. The note that an erase is under way
   * (pendingErase.ts) is written first and removed only when the WAL is empty: a crash, or a
   * reader on an older snapshot that keeps the WAL's pages in use, leaves it, and the next change
   * (or doctor) finishes the erase.
   */
  async erase(familyId: string, meta: TransactMeta): Promise<TransactResult> {
    await this.finishPendingErase();
    await recordPendingErase(this.path, { familyId, ...meta });
    let result: TransactResult;
    try {
      result = await this.eraseFamily(familyId, meta, false);
    } catch (error) {
      await clearPendingErase(this.path); // rolled back: nothing was erased
      throw error;
    }
    crashPoint('erase:committed');
    return (await this.emptyWal()) ? result : { ...result, unfinished: this.walHeld(familyId) };
  }

  private walHeld(familyId: string): string {
    return `another program is reading the store, so old data of family ${familyId} is still in ${this.path} or its -wal file; the next change (or famcoord doctor) clears it`;
  }

  /** The erase step and the log's scrub, in one transaction. `finishing`: an erase already begun, which may have got further. */
  private async eraseFamily(familyId: string, meta: TransactMeta, finishing: boolean): Promise<TransactResult> {
    const { runTransaction } = await loadTransactions();
    return this.write((sql, db) => {
      requireHead(db, this.path);
      const ws = new SqliteWorkspace(sql);
      const family = ws.family(familyId);
      let erased: TransactResult;
      if (!family && (finishing || readHistory(sql).some((entry) => Object.hasOwn(entry.before, familyId)))) {
        // Already out of the store (a plain removal, or an erase begun): only the log may still hold it.
        erased = { step: logTail(sql).step, applied: [], operationFamilyIds: [], familyIds: [familyId] };
      } else {
        const { applied, changes } = runTransaction(ws, [{ op: 'family.erase', familyId }], { today: meta.today });
        ws.flush();
        erased = { ...this.appendAudit(sql, changes, meta, { ops: applied }), applied, operationFamilyIds: [familyId] };
      }
      // In the same transaction: the log loses the family's data, or nothing happens at all. The
      // rewritten entries are relinked (auditChain.ts).
      const rows = sql.historyRows.all();
      const scrubbed = scrubFamily(rows.map((row) => JSON.parse(row.entry) as AuditEntry), familyId, family ? [family] : []);
      chainedTexts(scrubbed).forEach((text, i) => {
        const row = rows[i] as { step: number; entry: string };
        if (text !== row.entry) sql.updateAudit.run(text, row.step);
      });
      return erased;
    });
  }

  /**
   * Copies the write-ahead log into the database file and empties it: secure_delete zeroed the
   * freed pages, but the WAL still holds old page images, and until they are copied back the
   * database file holds the old pages too. A reader on an older snapshot keeps them in use; after
   * a short wait this gives up (false) and the note of the erase stays for the next change.
   */
  private async emptyWal(): Promise<boolean> {
    const { db } = await this.open();
    db.pragma(`busy_timeout = ${CHECKPOINT_WAIT_MS}`);
    try {
      const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
      if (result?.busy !== 0) return false;
    } finally {
      db.pragma(`busy_timeout = ${this.writerWaitMs}`);
    }
    await clearPendingErase(this.path);
    return true;
  }

  /** Finishes an erase a crash or a reader cut short, if there is one: what was done, for doctor (the note stays while a reader holds the WAL). */
  private async finishPendingErase(): Promise<string | undefined> {
    const pending = await readPendingErase(this.path);
    if (!pending) return undefined;
    const { familyId, ...meta } = pending;
    await this.eraseFamily(familyId, meta, true);
    return (await this.emptyWal()) ? finishedErase(familyId) : undefined;
  }

  /** Whether doctor has something to put right (read only): an erase left unfinished, a replayed last log row, or today marks of an older famcoord. */
  async unsettled(): Promise<boolean> {
    return (await readPendingErase(this.path)) !== undefined || (await this.replayedRows()).length > 0 || !rowsAreCurrent((await this.open()).db);
  }

  /** Doctor's repair: finishes an erase left unfinished, sets replayed last log rows aside, and rebuilds an older famcoord's today rows. */
  async settle(): Promise<string[]> {
    const erased = await this.finishPendingErase();
    return [...(erased ? [erased] : []), ...(await this.setAsideReplayedRows()), ...(await this.rebuildTodayRows())];
  }

  /**
   * Writes every family's today digest and marks again, as this famcoord writes them, and records
   * that they are (schema 3), in one transaction. Doctor's, not the next change's: it reads every
   * family (about 0.4 s per 1,000 families), and a change that did it would hold the write lock
   * long enough on a municipality's store for other writers to give up waiting.
   */
  private async rebuildTodayRows(): Promise<string[]> {
    if (rowsAreCurrent((await this.open()).db)) return [];
    const rebuilt = await this.write((sql, db) => {
      if (rowsAreCurrent(db)) return undefined; // another famcoord rebuilt them while we waited
      const marksWereComplete = marksAreComplete(db);
      db.prepare('DELETE FROM today_marks').run();
      const batch = db.prepare<[number, number], { id: string; seq: number; data: string }>('SELECT id, seq, data FROM families WHERE seq > ? ORDER BY seq LIMIT ?');
      const setDigest = db.prepare('UPDATE families SET today_digest = ? WHERE id = ?');
      let count = 0;
      for (let after = 0, rows = batch.all(after, REBUILD_BATCH); rows.length > 0; rows = batch.all(after, REBUILD_BATCH)) {
        for (const { id, seq, data } of rows) {
          const row = familyRow(familyFromRow(id, data));
          setDigest.run(row.todayDigest, id);
          indexMarks(sql, id, row.marks);
          after = seq;
        }
        count += rows.length;
      }
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
      return { count, marksWereComplete };
    });
    if (rebuilt === undefined) return [];
    const why = rebuilt.marksWereComplete ? 'an older famcoord wrote them with more than today reads' : 'an older famcoord wrote them without agreements, so today read whole families until now';
    return [`today's rows of ${rebuilt.count} families were written again: ${why}`];
  }

  /** The log's last rows that are replayed or moved steps (see replayedLastEntry), newest first. */
  private async replayedRows(): Promise<Array<{ step: number; entry: string; broken: string }>> {
    const { sql } = await this.open();
    const rows: Array<{ step: number; entry: string; broken: string }> = [];
    for (let at = logTail(sql), broken = replayedTail(at); broken; at = logTail(sql, at.step), broken = replayedTail(at))
      rows.push({ step: at.step, entry: at.text as string, broken });
    return rows;
  }

  /**
   * Takes replayed last rows out of the log, as the JSON store sets such a line aside: into the
   * set-aside file beside the store first (a crash in between leaves a copy there, never a loss).
   */
  private async setAsideReplayedRows(): Promise<string[]> {
    const rows = await this.replayedRows();
    if (rows.length === 0) return [];
    const logPath = auditLogPathFor(this.path);
    await keepAside(logPath, Buffer.from([...rows].reverse().map((row) => `${row.entry}\n`).join('')));
    await this.write((sql) => rows.forEach((row) => sql.deleteAudit.run(row.step, row.entry)));
    return rows.map((row) => replaySetAsideMessage(row.broken, setAsidePathFor(logPath)));
  }

  /** The log's entries as stored, oldest first, for checking the chain. */
  async storedEntries(): Promise<StoredEntry[]> {
    const { sql } = await this.open();
    return sql.historyRows.all().map((row) => ({ text: row.entry, rowStep: row.step }));
  }

  /** Plans an undo or redo in one transaction, and carries it out when `act` (else it is rolled back). */
  protected async reverse(kind: Reversal, meta: TransactMeta, options: UndoOptions, act: boolean): Promise<Reversed> {
    const { runRestore } = await loadTransactions();
    // An erase cut short is finished first, so no undo or redo can cross it.
    await this.finishPendingErase();
    const work = (sql: Statements): Reversed => {
      const ws = new SqliteWorkspace(sql);
      const plan = planOrRefuse(PLANNERS[kind](auditRecordsNewestFirst(sql), (id) => ws.family(id), { user: meta.user, ...options }));
      if (!act) return { plan };
      const changes = runRestore(ws, plan.restore);
      ws.flush();
      return { plan, logged: this.appendAudit(sql, changes, meta, { ops: [], ...plan.record }) };
    };
    return act
      ? this.write((sql, db) => {
          requireHead(db, this.path);
          return work(sql);
        })
      : this.rolledBack(work);
  }

  async create(state: StoreContent, options: CreateOptions = {}): Promise<{ keptAs?: string }> {
    if (options.encrypt)
      throw new StoreError('io', `famcoord encrypts JSON stores only; keep the database ${this.path} on an encrypted disk, or use a .json store with --encrypt`);
    const { parseState, parseFamily, SeenIds } = await loadValidation();
    const { families, ...head } = parseState({ ...state, families: [] });
    await checkStoreFiles(this.path); // a FIFO or a link is not "a store that exists"
    const made = !(await this.exists()); // the database file is this create's own: a failed create removes it
    const existing = !made && (await this.hasData());
    if (!options.replace && existing)
      throw new StoreError('exists', `a store already exists at ${this.path}; it was not changed`);
    const keptAs = options.keep && existing ? await this.keepAside() : undefined;
    const written = this.write((sql, db) => {
      const lastStep = options.ifLastStep === undefined ? undefined : logTail(sql).step;
      if (lastStep !== undefined && lastStep !== options.ifLastStep) throw changedSinceError(this.path, lastStep);
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
      db.pragma(`user_version = ${SCHEMA_VERSION}`); // every row is new: a replaced older store is current now
    }, true);
    // The families are checked as they are written: a bad one rolls the create back, and then the
    // copy kept of the store (which is still in place) goes too.
    await written.catch(async (error: unknown) => {
      if (keptAs !== undefined) await fs.rm(keptAs, { force: true });
      // A new store that could not be written whole (a bad family, a full disk) is not left as an
      // empty database that later commands would take for the store.
      if (made) {
        this.close();
        for (const suffix of ['', '-wal', '-shm', '-journal']) await fs.rm(`${this.path}${suffix}`, { force: true });
      }
      throw error;
    });
    // Move a large create out of the write-ahead log into the database file, so the -wal file
    // does not stay as big as the store.
    (await this.open()).db.pragma('wal_checkpoint(TRUNCATE)');
    return keptAs === undefined ? {} : { keptAs };
  }

  /** Copies the database, its audit log with it, to a new file beside it (SQLite's VACUUM INTO). */
  private async keepAside(): Promise<string> {
    const keptAs = replacedPath(this.path);
    try {
      // An empty private file first (VACUUM INTO fills an empty file), so the copy is never readable by others.
      await (await fs.open(keptAs, 'wx', PRIVATE_FILE_MODE)).close();
      (await this.open()).db.prepare('VACUUM INTO ?').run(keptAs);
    } catch (error) {
      throw new StoreError('io', `cannot keep the store ${this.path} as ${keptAs}: ${describeIoError(error)}; it was not changed`);
    }
    return keptAs;
  }

  private async hasData(): Promise<boolean> {
    try {
      const { db } = await this.open();
      return db.prepare('SELECT 1 FROM store_head').get() !== undefined;
    } catch (error) {
      // Something that is not a famcoord database is still something: never replace it. An empty one is nothing yet.
      if (error instanceof StoreError) return error.kind !== 'missing';
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
          const Sqlite = await loadSqlite();
          if (stopped || watcher) return; // stopped, or opened by an earlier tick, while it loaded
          watcher = openDatabase(Sqlite, this.path, { readonly: true, fileMustExist: true });
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

/** Whether every family's today digest and marks are as this famcoord writes them (schema 3), so doctor has none to write again. */
function rowsAreCurrent(db: Database): boolean {
  return db.pragma('user_version', { simple: true }) === SCHEMA_VERSION;
}

/** Whether the today marks include agreements (schema 2 and later), so a read for today may trust them. */
function marksAreComplete(db: Database): boolean {
  return (db.pragma('user_version', { simple: true }) as number) >= SCHEMA_FULLER_ROWS;
}

/**
 * The families today's view on `date` may list, in `scope`: from the digests and marks, or, while
 * the marks are an older famcoord's (which miss agreements), from the whole families, filtered by
 * the same rule. Slower, but never missing anything; doctor rebuilds the marks.
 */
function* todayFamilies(db: Database, scope: ReadScope, date: string): Generator<Family> {
  if (marksAreComplete(db)) {
    const { where, params } = scopeQuery(scope);
    yield* todayDigests(db, where, params, date);
    return;
  }
  const { todayOn: _marksScope, ...withoutMarks } = scope;
  const { where, params } = scopeQuery(withoutMarks);
  for (const { id, data } of db.prepare(`SELECT id, data FROM families ${where} ORDER BY seq`).iterate(...params) as Iterable<{ id: string; data: string }>) {
    const family = familyFromRow(id, data);
    if (mayShowToday(family, date)) yield todayDigest(family);
  }
}

/**
 * Today's digests, one family at a time, with the meetings near the date and the goals due before
 * it put back. They are not validated again: they are derived in the same transaction from
 * families that were validated when written, and they are what makes `today` on thousands of
 * families start as fast as on a few.
 */
function* todayDigests(db: Database, where: string, params: string[], date: string): Generator<Family> {
  const markParams: string[] = [];
  const condition = todayMarkCondition(date, meetingWindow(date), (value) => (markParams.push(value), '?'));
  // Each family's marks come with its row (through the (family_id, kind, at) index), as the text
  // of one JSON array, so a digest is whole as soon as it is read and nothing is kept for later
  // rows. The text is joined, not made by SQLite's JSON functions: they parse and write again every
  // mark's data, which JSON.parse reads anyway (and todayFamily refuses a row that does not parse).
  const rows = db.prepare(`SELECT id, today_digest AS digest, (SELECT '[' || coalesce(group_concat('["' || t.kind || '",' || coalesce(t.data, 'null') || ']', ','), '') || ']' FROM today_marks AS t
    WHERE t.family_id = families.id AND ${condition}) AS marks
    FROM families ${where} ORDER BY seq`);
  for (const row of rows.iterate(...markParams, ...params) as Iterable<{ id: string; digest: string; marks: string }>) yield todayFamily(row.id, row.digest, row.marks);
}

/** The store's top-level fields; a database without them was never made a store. */
function requireHead(db: Database, path: string): Record<string, unknown> {
  const row = db.prepare('SELECT data FROM store_head WHERE id = 1').get() as { data: string } | undefined;
  if (!row) throw emptyStoreError(path);
  return headFromRow(row.data);
}

/** The newest entry (below step `below`), with the one before it: what the next step is numbered after and linked to. */
function logTail(sql: Statements, below?: number): LogTail {
  const [row, before] = below === undefined ? sql.tail.all() : sql.tailBelow.all(below);
  return row ? { step: row.step, text: row.entry, last: true, ...(before && { before: { text: before.entry, rowStep: before.step } }) } : { step: 0 };
}

/**
 * logTail for an append: the entries as their UTF-8 bytes, which the link hashes and the replay
 * check reads the steps from (auditChain.ts, EntryText), not decoded into text first. As text,
 * read by logTail, when they are not UTF-8 (a database in another text encoding, a row edited by
 * hand): the link is always the hash of the text as a read gives it.
 */
function appendTail(sql: Statements): LogTail<EntryText> {
  const [row, before] = sql.tailBytes?.all() ?? [];
  if (!row) return sql.tailBytes ? { step: 0 } : logTail(sql);
  if (!isUtf8(row.bytes) || (before && !isUtf8(before.bytes))) return logTail(sql);
  return { step: row.step, text: row.bytes, last: true, ...(before && { before: { text: before.bytes, rowStep: before.step } }) };
}

/**
 * The log from its end, parsed as it is read: undo needs only its tail. A row whose entry does not
 * parse is given as unreadable (undo stops there), named by its step.
 */
function* auditRecordsNewestFirst(sql: Statements): Generator<LogRecord> {
  for (const row of sql.historyNewestFirst.iterate()) yield auditRecord(row.step, row.entry);
}

function readHistory(sql: Statements): AuditEntry[] {
  return [...auditRecordsNewestFirst(sql)].filter((record): record is AuditEntry => !('unreadable' in record)).reverse();
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
  if (scope.involving !== undefined) clauses.push(involvingCondition(scope.involving, (value) => (params.push(value), '?')));
  if (scope.familyIds !== undefined) {
    clauses.push('id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(scope.familyIds));
  }
  if (scope.todayOn !== undefined) {
    // Per family through the (family_id, kind, at) index: a caseload is a few dozen families.
    const condition = todayMarkCondition(scope.todayOn, meetingWindow(scope.todayOn), (value) => (params.push(value), '?'));
    clauses.push(`EXISTS (SELECT 1 FROM today_marks AS t WHERE t.family_id = families.id AND (t.kind = 'contact' OR ${condition} OR ${teamMarkCondition(scope.todayOn, (value) => (params.push(value), '?'))}))`);
  }
  return { where: `WHERE ${clauses.join(' AND ')}`, params };
}

/** SQLite's failures as store errors that say what to do, without data. */
function sqliteError(failure: unknown, path: string): Error {
  const error = asStoreFormatError(failure, path);
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
