// The PostgreSQL backend, for a municipality's team: many coordinators on many machines, one
// store. The same operations, workspace seam, audit entries and undo planning as the other
// backends; PostgreSQL gives the transactions and the locks. A step locks only the families it
// touches (SELECT ... FOR UPDATE), so coordinators on different families never wait for each
// other and two steps on one family run one after the other; the audit log's head row is taken
// last, just before the commit, to number the step and link it to the one before.
//
// The domain's workspace is synchronous and a server is not: a step is run against the rows it
// has read so far, and when it asks for one it has not (a family, whose id an object has, the
// highest id of a kind, more of the log) the run stops (`NeedRow`), the row is read and locked,
// and the step is run again from the start. Operations are pure, so a rerun gives the same
// result; the ids an operation names are read up front, so most steps run once or twice.
import type { Client, ClientConfig, QueryResult, QueryResultRow } from 'pg';
import type { Operation } from '../domain/operations.js';
import type { Family, State } from '../domain/schema.js';
import { coordinatorKey, isWholeStore, type ReadScope } from '../domain/scope.js';
import { scrubFamily } from '../domain/familyLog.js';
import { ValidationError } from '../domain/errors.js';
import { DraftingWorkspace, idChanges, idsOf, type FamilyChange } from '../domain/workspace.js';
import { IdCounter, numberedId } from '../domain/ids.js';
import { meetingWindow } from '../domain/rules.js';
import { chainedTexts, type StoredEntry } from './auditChain.js';
import { canonicalJson } from '../domain/canonical.js';
import { auditEntryFor, type AuditEntry, type LogRecord } from './auditLog.js';
import { checkedState, familyChecker, loadTransactions, loadValidation } from './lazyRules.js';
import { asStoreFormatError, changedSinceError, StoreError, storeFormatError } from './errors.js';
import { WRITER_WAIT_MS } from './lock.js';
import { stopAfterLockForTest } from './testHooks.js';
import type { CaseloadLookup, CreateOptions, FamilyScope, Preview, StoreContent, TransactMeta, TransactResult, UndoOptions } from './Store.js';
import { planOrRefuse, PLANNERS, ReversibleStore, type Reversal, type Reversed } from './undo.js';
import { auditRecord, familyFromRow, familyRow, findCaseloadIn, headFromRow, highestPerPrefix, todayFamily, todayMarkCondition, involvingCondition, teamMarkCondition, type FamilyRow, type TodayMark } from './familyRows.js';
import { DATA_TABLES, LATEST_SCHEMA, MIGRATIONS } from './pgSchema.js';
import { redactUrl } from './pgUrl.js';
import type { FamilyRead, ReadKind, TeamMember, TeamStore } from './team.js';
import type { StepSummary } from '../domain/stepDescription.js';

/** The channel a step notifies in its transaction, for the workbenches watching the store. */
const CHANNEL = 'famcoord_changes';

/** A statement that runs longer than this is cancelled (the whole step with it): FAMCOORD_PG_TIMEOUT_MS. */
const STATEMENT_TIMEOUT_MS = 60_000;

/** How long to wait for the server to answer a new connection. */
const CONNECT_TIMEOUT_MS = 30_000;

/** SQLSTATE of a statement naming a table that is not there: a database without famcoord's tables. */
const UNDEFINED_TABLE = '42P01';

/** Audit entries read per statement when the whole log is read (an entry of a batch can be large). */
const LOG_PAGE = 32;

/** How often a step that lost a deadlock (PostgreSQL picks one of two) is run again. */
const DEADLOCK_RETRIES = 5;

/** Families written or read per statement when a store is created or read through. */
const PAGE = 500;

interface Query {
  <Row extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<Row[]>;
}

/** A row a step asked for that it has not read yet. */
class NeedRow {
  constructor(
    readonly kind: 'family' | 'entity' | 'prefix' | 'log',
    readonly key: string,
  ) {}
}

/** What one step has read (and locked) so far; kept across its reruns. */
class StepRows {
  /** Families by id, locked FOR UPDATE; null when there is none. */
  readonly families = new Map<string, Family | null>();
  /** Object id → the family that holds it (null: no family does). */
  readonly entities = new Map<string, string | null>();
  /** The highest number in use per id prefix, its row locked: no other step can take the next. */
  readonly highest = new Map<string, number>();
  /** The audit log, newest first, as far back as undo has looked. */
  readonly log: LogRecord[] = [];
  /** The step of each record in `log`. */
  readonly logSteps: number[] = [];
  logComplete = false;
}

/** Families as operations see them, over the rows the step has read; a missing row stops the run (NeedRow). */
class PgWorkspace extends DraftingWorkspace {
  private readonly current = new Map<string, Family | null>();
  private readonly touched = new Map<string, FamilyChange>();
  /** Ids this step added (→ their family) or dropped (→ null). */
  private readonly ownIds = new Map<string, string | null>();
  private readonly highest: Map<string, number>;

  constructor(private readonly rows: StepRows) {
    super();
    this.highest = new Map(rows.highest);
  }

  family(familyId: string): Family | undefined {
    if (this.current.has(familyId)) return this.current.get(familyId) ?? undefined;
    if (!this.rows.families.has(familyId)) throw new NeedRow('family', familyId);
    return this.rows.families.get(familyId) ?? undefined;
  }

  familyOf(entityId: string): Family | undefined {
    const familyId = this.ownIds.has(entityId) ? this.ownIds.get(entityId) : this.entity(entityId);
    return familyId ? this.family(familyId) : undefined;
  }

  private entity(id: string): string | null {
    if (!this.rows.entities.has(id)) throw new NeedRow('entity', id);
    return this.rows.entities.get(id) ?? null;
  }

  put(family: Family): void {
    const previous = this.family(family.id);
    this.record(family.id, family);
    const { added, removed } = idChanges(previous, family);
    for (const id of removed) this.ownIds.set(id, null);
    for (const id of added) this.indexAdded(family.id, id);
    this.current.set(family.id, family);
  }

  remove(familyId: string): void {
    const family = this.family(familyId);
    if (family === undefined) return;
    this.record(familyId, null);
    for (const id of idsOf(family)) this.ownIds.set(id, null);
    this.current.set(familyId, null);
  }

  private record(familyId: string, after: Family | null): void {
    const before = this.touched.has(familyId) ? (this.touched.get(familyId) as FamilyChange).before : (this.family(familyId) ?? null);
    this.touched.set(familyId, { familyId, before, after });
  }

  protected indexAdded(familyId: string, id: string): void {
    this.ownIds.set(id, familyId);
    const numbered = numberedId(id);
    if (numbered && this.highest.has(numbered.prefix)) this.highest.set(numbered.prefix, Math.max(this.highest.get(numbered.prefix) as number, numbered.number));
  }

  idTaken(id: string): boolean {
    if (this.ownIds.has(id)) return this.ownIds.get(id) !== null;
    // Above the locked highest number of its kind, an id is free: every numbered id raises it.
    const numbered = numberedId(id);
    const highest = numbered && this.highest.get(numbered.prefix);
    if (numbered && highest !== undefined && highest !== null && numbered.number > highest) return false;
    return this.entity(id) !== null;
  }

  newId(prefix: string): string {
    if (!this.highest.has(prefix)) throw new NeedRow('prefix', prefix);
    const counter = new IdCounter();
    counter.see(`${prefix}${this.highest.get(prefix)}`);
    const id = counter.next(prefix, (candidate) => this.idTaken(candidate));
    // Never lowered: a highest number left by an id longer than a numbered id may be (an older
    // famcoord's) is not counted from, but ids above the new one are still looked up.
    this.highest.set(prefix, Math.max(this.highest.get(prefix) as number, Number(id.slice(prefix.length))));
    return id;
  }

  protected touchedFamilies(): FamilyChange[] {
    return [...this.touched.values()];
  }

  /** The log newest first, as read so far; asks for more when undo looks further back. */
  *logNewestFirst(): Generator<LogRecord> {
    for (let i = 0; ; i++) {
      if (i < this.rows.log.length) yield this.rows.log[i] as LogRecord;
      else if (this.rows.logComplete) return;
      else throw new NeedRow('log', String(i));
    }
  }
}

/** The string values of an operation's `...Id` and `...Ids` fields: the objects it names, read before it runs. */
function namedIds(operations: readonly Operation[]): string[] {
  const ids = new Set<string>();
  for (const operation of operations)
    for (const [key, value] of Object.entries(operation)) {
      if (key.endsWith('Id') && typeof value === 'string') ids.add(value);
      if (key.endsWith('Ids') && Array.isArray(value)) for (const id of value) if (typeof id === 'string') ids.add(id);
    }
  return [...ids];
}

/** Reads the rows a step asked for, locking families and id counters until the step commits. */
async function readRows(q: Query, rows: StepRows, need: NeedRow): Promise<void> {
  if (need.kind === 'entity') return readEntities(q, rows, [need.key]);
  if (need.kind === 'family') return lockFamilies(q, rows, [need.key]);
  if (need.kind === 'prefix') {
    await q('INSERT INTO id_highest (prefix, n) VALUES ($1, 0) ON CONFLICT (prefix) DO NOTHING', [need.key]);
    const [row] = await q<{ n: number }>('SELECT n FROM id_highest WHERE prefix = $1 FOR UPDATE', [need.key]);
    rows.highest.set(need.key, row?.n ?? 0);
    return;
  }
  // More of the log, newest first, twice as much each time.
  const before = rows.logSteps.at(-1) ?? 2 ** 31 - 1;
  const found = await q<{ step: number; entry: string }>('SELECT step, entry FROM audit WHERE step < $1 ORDER BY step DESC LIMIT $2', [before, Math.max(64, rows.log.length)]);
  for (const row of found) rows.log.push(auditRecord(row.step, row.entry));
  rows.logSteps.push(...found.map((row) => row.step));
  if (found.length === 0) rows.logComplete = true;
}

async function readEntities(q: Query, rows: StepRows, ids: readonly string[]): Promise<void> {
  const found = await q<{ id: string; family_id: string }>('SELECT id, family_id FROM entities WHERE id = ANY($1::text[])', [ids]);
  for (const id of ids) rows.entities.set(id, null);
  for (const row of found) rows.entities.set(row.id, row.family_id);
}

/** Locks the families (in id order, so two steps never take two families in opposite orders). */
async function lockFamilies(q: Query, rows: StepRows, familyIds: readonly string[]): Promise<void> {
  const wanted = [...new Set(familyIds)].filter((id) => !rows.families.has(id)).sort();
  if (wanted.length === 0) return;
  const found = await q<{ id: string; data: Family }>('SELECT id, data FROM families WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE', [wanted]);
  for (const id of wanted) rows.families.set(id, null);
  for (const row of found) rows.families.set(row.id, familyFromRow(row.id, row.data));
}

/** Runs `run` over the step's rows until it has all it asks for. */
async function runOverRows<T>(q: Query, rows: StepRows, run: (ws: PgWorkspace) => T): Promise<T> {
  for (;;) {
    try {
      return run(new PgWorkspace(rows));
    } catch (error) {
      if (!(error instanceof NeedRow)) throw error;
      await readRows(q, rows, error);
    }
  }
}

/**
 * Reads the families a step's operations name, and the families that hold the objects they name:
 * the ids it found in no family (unknown, or in a family the login may not read).
 */
async function readNamed(q: Query, rows: StepRows, operations: readonly Operation[]): Promise<string[]> {
  const ids = namedIds(operations);
  if (ids.length === 0) return [];
  // Sent together, one round trip: the families are locked by the statement that finds them. An
  // id that moved to another family between the two is found there when the step asks (NeedRow).
  const [, families] = await inOrder(
    readEntities(q, rows, ids),
    q<{ id: string; data: Family }>('SELECT id, data FROM families WHERE id IN (SELECT family_id FROM entities WHERE id = ANY($1::text[])) ORDER BY id FOR UPDATE', [ids]),
  );
  for (const row of families) rows.families.set(row.id, familyFromRow(row.id, row.data));
  for (const familyId of rows.entities.values()) if (familyId !== null && !rows.families.has(familyId)) rows.families.set(familyId, null);
  return ids.filter((id) => rows.entities.get(id) === null);
}

/**
 * Awaits statements sent together (one round trip on the pipelining connection), all of them, and
 * throws the first one's failure in the order they were sent: in a transaction, a failed statement
 * makes those after it fail too ("current transaction is aborted"), which says nothing.
 */
async function inOrder<T extends readonly unknown[]>(...sent: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(sent);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/**
 * Writes the step's changed families, their ids and today marks: every statement is sent at once,
 * none waits for another's answer (the connection pipelines), so the writes are one round trip,
 * with the audit entry and the COMMIT the step sends behind them. What it returns settles when
 * the server has answered them all, with the first failure.
 */
function writeChanges(q: Query, changes: readonly FamilyChange[]): Promise<unknown> {
  const sent: Array<Promise<unknown>> = [];
  // Ids first out, then in: an id may move from one family to another within a step.
  const reindexed = changes.filter((c) => c.after === null || c.before === null || hasIdChanges(c));
  if (reindexed.length > 0) sent.push(q('DELETE FROM entities WHERE family_id = ANY($1::text[])', [reindexed.map((c) => c.familyId)]));
  // A family's row and marks in one statement each (its parts see the tables as they were before
  // it, so the old marks go and the new come).
  for (const { familyId, before, after } of changes) {
    if (after === null) {
      sent.push(q('WITH cleared AS (DELETE FROM today_marks WHERE family_id = $1) DELETE FROM families WHERE id = $1', [familyId]));
      continue;
    }
    const row = familyRow(after);
    sent.push(
      q(
        `WITH cleared AS (DELETE FROM today_marks WHERE family_id = $1),
          marked AS (INSERT INTO today_marks (family_id, kind, at, data) SELECT $1::text, * FROM unnest($5::text[], $6::text[], $7::text[]))
        UPDATE families SET coordinator = $2, data = $3, today_digest = $4, version = version + 1 WHERE id = $1`,
        [familyId, row.coordinator, row.data, row.todayDigest, ...markColumns(row.marks)],
      ),
    );
    // A family the step found no row of (locked, or looked for) is new: its row is added. One the
    // login may not see is there all the same, and the primary key refuses it.
    if (before === null)
      sent.push(q("INSERT INTO families (id, seq, coordinator, data, today_digest) VALUES ($1, nextval('families_seq'), $2, $3, $4)", [familyId, row.coordinator, row.data, row.todayDigest]));
  }
  const indexed = reindexed.flatMap((c) => (c.after ? [[c.familyId, idsOf(c.after)] as const] : []));
  sent.push(...insertIds(q, indexed));
  return inOrder(...sent);
}

function hasIdChanges(change: FamilyChange): boolean {
  const { added, removed } = idChanges(change.before ?? undefined, change.after as Family);
  return added.length > 0 || removed.length > 0;
}

/** Marks as the columns kind, at and data, for unnest. */
function markColumns(marks: readonly TodayMark[]): [string[], string[], Array<string | null>] {
  return [marks.map((m) => m[0]), marks.map((m) => m[1]), marks.map((m) => m[2])];
}

async function insertMarks(q: Query, families: ReadonlyArray<readonly [string, readonly TodayMark[]]>): Promise<void> {
  const marks = families.flatMap(([familyId, list]) => list.map((mark) => [familyId, mark] as const));
  if (marks.length === 0) return;
  await q('INSERT INTO today_marks (family_id, kind, at, data) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])', [
    marks.map((m) => m[0]),
    ...markColumns(marks.map((m) => m[1])),
  ]);
}

/** Adds families' ids to the id index and raises the highest number in use per prefix: the statements, sent. */
function insertIds(q: Query, families: ReadonlyArray<readonly [string, readonly string[]]>): Array<Promise<unknown>> {
  const pairs = families.flatMap(([familyId, ids]) => ids.map((id) => [id, familyId] as const));
  if (pairs.length === 0) return [];
  const sent: Array<Promise<unknown>> = [q('INSERT INTO entities (id, family_id) SELECT * FROM unnest($1::text[], $2::text[])', [pairs.map((p) => p[0]), pairs.map((p) => p[1])])];
  const highest = [...highestPerPrefix(pairs.map((p) => p[0]))].sort(([a], [b]) => (a < b ? -1 : 1));
  if (highest.length > 0)
    sent.push(
      q('INSERT INTO id_highest (prefix, n) SELECT * FROM unnest($1::text[], $2::int[]) ON CONFLICT (prefix) DO UPDATE SET n = GREATEST(id_highest.n, excluded.n)', [
        highest.map(([prefix]) => prefix),
        highest.map(([, n]) => n),
      ]),
    );
  return sent;
}

/** A step's audit entry, appended: its number and its families. */
interface Appended {
  step: number;
  familyIds: string[];
}

/**
 * The entry's fields after its number and link, as a JSON object, put together by the server from
 * `$1` (the text in parts) and `$2` (each part's family after the step, as canonical JSON, or
 * null): each part followed by that family's hash, the SHA-256 that `familyHash` gives, computed
 * by the server.
 */
const ENTRY_REST = `(SELECT string_agg(p.part || coalesce(left(encode(sha256(convert_to(p.canonical, 'UTF8')), 'hex'), 32), ''), '' ORDER BY p.n)
  FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS p(part, canonical, n))`;

/**
 * A step's entry without its number and link, as JSON.stringify writes it, cut where the hashes
 * of its families after the step go (`ENTRY_REST`), with their canonical JSON beside. The server
 * hashes them: node:crypto, loaded for that alone, was a sixth of an update's instructions.
 */
function entryInParts(changes: FamilyChange[], meta: TransactMeta, detail: Pick<AuditEntry, 'ops'> & Partial<AuditEntry>): { time: string; parts: string[]; canonical: Array<string | null> } {
  // Each hash is first a token no text of the entry holds (random, made now), then cut out.
  const token = `famcoord-hash-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}-`;
  const hashed: string[] = [];
  const { step: _step, prev: _prev, ...fields } = auditEntryFor({ step: 0 }, changes, meta, detail, (family) => {
    if (!family) return null;
    hashed.push(canonicalJson(family));
    return `${token}${hashed.length - 1}`;
  });
  const parts: string[] = [];
  let text = JSON.stringify(fields);
  hashed.forEach((_, i) => {
    const at = text.indexOf(`"${token}${i}"`);
    parts.push(text.slice(0, at + 1));
    text = text.slice(at + 1 + `${token}${i}`.length);
  });
  parts.push(text);
  return { time: fields.time, parts, canonical: [...hashed, null] };
}

/**
 * Appends the step's audit entry: the log's head row is locked here, last, so steps on different
 * families wait for each other only for their commits, and every step gets the next number with
 * no gaps (a sequence would leave one for every step rolled back) and the previous entry's hash.
 * Through the store owner's function: a team member may not read the entry before theirs (it
 * holds another family), nor the head. The append puts the number and the link the head keeps in
 * front of the entry's other fields, as JSON.stringify would write them, so the entry goes in the
 * same round trip as the step's writes, without a question for the head first. `sent` is what the
 * statement answers; `recover` finds the entry in the log when its answer was lost with the
 * connection.
 */
function appendAudit(q: Query, changes: FamilyChange[], meta: TransactMeta, detail: Pick<AuditEntry, 'ops'> & Partial<AuditEntry>): { sent: Promise<Appended>; recover: (q: Query) => Promise<Appended | undefined> } {
  const { time, parts, canonical } = entryInParts(changes, meta, detail);
  const familyIds = changes.map((c) => c.familyId);
  const sent = q<{ step: number }>(
    `SELECT famcoord_audit_append(${ENTRY_REST}) AS step`,
    [parts, canonical],
  ).then(([row]) => ({ step: row?.step as number, familyIds }));
  // The entry's fields after its number and link are this step's alone (its time to the millisecond, its user, its families as they were).
  const recover = async (again: Query) => {
    // The log's head is the step's until its transaction ends (the server may still be committing
    // it): taking it waits for that, so the log is asked only once the outcome is settled.
    await again('SELECT tail_step FROM famcoord_audit_tail()');
    const [row] = await again<{ step: number }>(
      `SELECT step FROM audit, ${ENTRY_REST} AS r(rest) WHERE at = $3::timestamptz AND substr(entry, strpos(entry, ',"time":') + 1) = substr(r.rest, 2) ORDER BY step DESC LIMIT 1`,
      [parts, canonical, time],
    );
    return row && { step: row.step, familyIds };
  };
  return { sent, recover };
}

/** The WHERE clause for a scope; see src/domain/scope.ts for the rules it answers. */
function scopeQuery(scope: ReadScope | undefined, firstParam = 1): { where: string; params: unknown[] } {
  if (isWholeStore(scope) || scope === undefined) return { where: '', params: [] };
  const clauses: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => `$${firstParam + params.push(value) - 1}`;
  if (scope.coordinator !== undefined) clauses.push(`coordinator = ${param(coordinatorKey(scope.coordinator))}`);
  if (scope.involving !== undefined) clauses.push(involvingCondition(scope.involving, param));
  if (scope.familyIds !== undefined) clauses.push(`id = ANY(${param(scope.familyIds)}::text[])`);
  if (scope.todayOn !== undefined) {
    const condition = todayMarkCondition(scope.todayOn, meetingWindow(scope.todayOn), param);
    clauses.push(`EXISTS (SELECT 1 FROM today_marks AS t WHERE t.family_id = families.id AND (t.kind = 'contact' OR ${condition} OR ${teamMarkCondition(scope.todayOn, param)}))`);
  }
  return { where: `WHERE ${clauses.join(' AND ')}`, params };
}

const isConnectionLoss = (error: unknown): boolean => {
  const { code, message } = error as { code?: string; message?: string };
  return ['57P01', '57P02', '57P03', '08006', '08003', '08000', 'ECONNRESET', 'EPIPE'].includes(code ?? '') || /Connection terminated|connection (is )?closed|Client has encountered a connection error/i.test(message ?? '');
};

/** The server a store is on, for messages: host (or socket folder), port and database; never a password. */
function describeServer(client: Client): string {
  const { host, port, database } = client;
  return `the PostgreSQL server ${host}${port && port !== 5432 ? `:${port}` : ''}, database ${database ?? '?'}`;
}

/** PostgreSQL's and the network's failures as store errors that name the server and say what to do, with no data and no password. */
export function pgError(error: unknown, server: string, user?: string): Error {
  const who = user === undefined ? 'this user' : `user ${user}`;
  if (error instanceof StoreError || error instanceof ValidationError || !(error instanceof Error)) return error as Error;
  const code = (error as { code?: string }).code ?? '';
  const message = error.message;
  if (code === '28P01') return new StoreError('io', `${server} refused the password of ${who}; check PGPASSWORD or ~/.pgpass (PGPASSFILE), or the user in the URL`);
  if (code === '28000') return new StoreError('io', `${server} does not let ${who} in (its pg_hba.conf or the role); check the user in the URL or PGUSER, or ask its administrator`);
  if (code === '3D000') return new StoreError('missing', `${server}: the database does not exist; create it (createdb) or correct the URL, then famcoord init --store URL`);
  if (code === '57014') return new StoreError('io', `a statement on ${server} ran past its time limit (statement_timeout) and was cancelled; nothing was saved. Try again, or raise FAMCOORD_PG_TIMEOUT_MS`);
  if (code === '55P03' || code === '40P01' || code === '40001') return new StoreError('locked', `${server} is busy: another famcoord is changing the same families; nothing was saved, try again in a moment`);
  // Refused by the store's own functions (their messages name no data) or by its grants and policies.
  if (message.startsWith('famcoord: ')) return new StoreError('refused', `${server}: ${message.slice('famcoord: '.length)}; nothing was saved`);
  if (code === '42501' && /row-level security policy for table "families"/.test(message))
    return new StoreError('refused', `${server}: a family ${who} adds is in their own caseload (its coordinator is them; the team's lead assigns families to others); nothing was saved`);
  if (code === '42501')
    return new StoreError('refused', `${server} does not let ${who} do this (its famcoord role and the families it is given); nothing was read or saved. Ask the team's lead (famcoord team user list)`);
  if (code === '53300') return new StoreError('io', `${server} has no connections to spare (too many clients); try again, or ask its administrator`);
  if (isConnectionLoss(error)) return new StoreError('io', `the connection to ${server} was cut; nothing was saved (the transaction was rolled back); run the command again`);
  if (['ECONNREFUSED', 'ENOENT', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'].includes(code) || /timeout expired/i.test(message))
    return new StoreError('io', `cannot reach ${server} (${code || 'timeout'}); is it running? Check the host and port in the URL or PGHOST/PGPORT`);
  if (/does not support SSL/i.test(message))
    return new StoreError('io', `${server} does not accept TLS connections, which the URL's sslmode asks for; ask its administrator to turn TLS on (ssl = on), or leave sslmode out only where the network between you is trusted`);
  if (/SSL|TLS|certificate/i.test(message) || code.startsWith('ERR_TLS') || /CERT|SELF_SIGNED/.test(code))
    return new StoreError('io', `the TLS connection to ${server} failed (${code || 'refused'}); check sslmode and sslrootcert in the URL, or ask its administrator for the server's certificate`);
  if (/password authentication|no password supplied|SASL/i.test(message)) return new StoreError('io', `${server} wants a password; give it in PGPASSWORD or ~/.pgpass (PGPASSFILE), not in the URL`);
  if (/^[0-9A-Z]{5}$/.test(code)) return new StoreError('io', `${server} refused a statement (SQLSTATE ${code}); nothing was saved`);
  return error;
}

/**
 * pg, loaded the first time a store is a URL. While it loads, pg asks whether it runs in a
 * Cloudflare Worker (pg/lib/stream.js): with no global `navigator`, as on Node 20, it makes a
 * `Response`, and that makes Node load its fetch implementation (undici, ~8 ms of a command's
 * start, for nothing). So while pg loads, a `navigator` like the one Node 21 and later have
 * answers the question first; it is taken away again after, leaving the globals as they were.
 */
async function loadPg(): Promise<typeof import('pg').default> {
  const lent = !('navigator' in globalThis);
  if (lent) Object.defineProperty(globalThis, 'navigator', { value: { userAgent: `Node.js/${process.versions.node}` }, configurable: true });
  try {
    return (await import('pg')).default;
  } finally {
    if (lent) delete (globalThis as { navigator?: unknown }).navigator;
  }
}

/** A store's connection; `lost` once it was cut (its client's 'error'), which `onLost` is told. */
type Connection = {
  client: Client;
  q: Query;
  server: string;
  Statement: typeof import('pg').Query;
  stream?: { ref(): void; unref(): void };
  lost: boolean;
  onLost?: () => void;
};

/** The client's settings for a store's URL, for its connections, the early one and `watch`'s. */
function clientConfig(url: string, writerWaitMs: number): ClientConfig {
  const timeout = Number(process.env.FAMCOORD_PG_TIMEOUT_MS) || STATEMENT_TIMEOUT_MS;
  return {
    // pg treats prefer, require and verify-ca as verify-full (and warns on stderr, across
    // several lines); famcoord asks for what pg does: the server's certificate and name checked.
    connectionString: url.replace(/([?&]sslmode=)(prefer|require|verify-ca)(?=&|#|$)/i, '$1verify-full'),
    application_name: 'famcoord',
    statement_timeout: timeout,
    // A step waits this long for another step on the same families, then fails as "locked".
    lock_timeout: writerWaitMs,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  };
}

/**
 * Connects to a store's server (pg is loaded now, the first time); a failure is a store error
 * (pgError). `made` is handed the client before it connects (to end the early connection unused).
 */
async function openConnection(url: string, writerWaitMs: number, made?: (client: Client, stream?: Connection['stream'] & { destroy(): void }) => void): Promise<Connection> {
  const pg = await loadPg();
  // Pipelining: a statement is sent without waiting for the answer to the one before, so the
  // statements a step sends together cost one round trip (each is still its own, answered in order).
  const client = new pg.Client({ ...clientConfig(url, writerWaitMs), pipeline: true });
  const server = describeServer(client);
  const stream = (client as unknown as { connection?: { stream?: Connection['stream'] & { destroy(): void } } }).connection?.stream;
  made?.(client, stream);
  // Several statements in one query (no values) give a result each: the rows are the last one's.
  const q: Query = async <Row extends QueryResultRow>(text: string, values?: unknown[]) => {
    const result = (await client.query<Row>(text, values)) as QueryResult<Row> | Array<QueryResult<Row>>;
    return (Array.isArray(result) ? (result.at(-1) as QueryResult<Row>) : result).rows;
  };
  const connection: Connection = { client, q, server, Statement: pg.Query, ...(stream && { stream }), lost: false };
  // A connection cut between statements is reported by the next one; never as a crash.
  client.on('error', () => {
    connection.lost = true;
    connection.onLost?.();
  });
  try {
    await client.connect();
  } catch (error) {
    throw pgError(error, server, client.user);
  }
  return connection;
}

/**
 * The connection started before the program had loaded (main.ts, `connectEarly`), until a store
 * on the same URL with the same settings adopts it or the command ends without one.
 */
let early:
  | { url: string; writerWaitMs: number; connection: Promise<Connection>; adopted: boolean; ready: boolean; client?: Client; stream?: { destroy(): void } }
  | undefined;

/**
 * Starts the connection a store on `url` (opened without a writer wait of its own, as every
 * command but the workbench opens it) will want, so that the server forks and starts the session
 * while famcoord loads and parses its command line (issue 19). The store adopts it (`adoptEarly`);
 * its failure is reported only then, as the store's own connection's would be.
 */
export function connectEarly(url: string): void {
  const made = (client: Client, stream?: { destroy(): void }) => Object.assign(started, { client, stream });
  const started: NonNullable<typeof early> = { url, writerWaitMs: WRITER_WAIT_MS, connection: openConnection(url, WRITER_WAIT_MS, made), adopted: false, ready: false };
  started.connection.then(
    () => (started.ready = true),
    () => undefined,
  );
  early = started;
}

/** The early connection, when it is the one a store on `url` with this writer wait would open; one cut before it was adopted is replaced. */
function adoptEarly(url: string, writerWaitMs: number): Promise<Connection> | undefined {
  if (!early || early.adopted || early.url !== url || early.writerWaitMs !== writerWaitMs) return undefined;
  early.adopted = true;
  return early.connection.then((connection) => (connection.lost ? openConnection(url, writerWaitMs) : connection));
}

/**
 * Ends an early connection no store adopted (a usage error, another store) at once: a session
 * the server has started is ended with pg's goodbye (Terminate), so it logs nothing; one still
 * starting is closed (pg's end would wait for a server that may never answer, and hold the
 * process until its 30-s timeout). Quietly: a failure to connect was nobody's.
 */
export function releaseEarlyConnection(): void {
  if (!early || early.adopted) return;
  const { client, stream, ready } = early;
  early = undefined;
  if (ready) void client?.end().catch(() => undefined);
  else stream?.destroy();
}

/** What refuses a team member a family: whose caseload it is in, and who can help. */
interface Hidden {
  id: string;
  family_id: string;
  coordinator: string | null;
}

function helpers(leads: readonly string[]): string {
  return leads.length > 0 ? `the team's lead (${leads.join(', ')})` : "the store's owner";
}

function hiddenError(hidden: Hidden, leads: readonly string[]): StoreError {
  const what = hidden.id === hidden.family_id ? `family ${hidden.id}` : `${hidden.id} (of family ${hidden.family_id})`;
  const whose = hidden.coordinator ? `${hidden.coordinator}'s caseload` : 'no one\'s caseload';
  return new StoreError('refused', `${what} is in ${whose}, which you may not read or change; ${helpers(leads)} can transfer it to you or give you access. Nothing was read or written`);
}

/** A team member's undo or redo of another's step: a lead's (logged as such), or refused. */
function othersStep(who: TeamMember, summary: StepSummary, kind: Reversal, leads: readonly string[]): { asLead?: true } {
  if (summary.user === who.login) return {};
  if (who.role === 'lead') return { asLead: true };
  throw new StoreError('refused', `step ${summary.step} was made by ${summary.user}; on a team's store you ${kind} your own steps, and ${helpers(leads)} may ${kind} another's with --step ${summary.step}. Nothing was changed`);
}

export class PgStore extends ReversibleStore implements TeamStore {
  /** The URL with its password hidden: the name this store goes by in every message. */
  readonly path: string;

  private connection?: Promise<Connection>;
  private membership?: Promise<TeamMember | undefined>;
  private busy = 0;
  private readonly writerWaitMs: number;

  constructor(
    private readonly url: string,
    options: { writerWaitMs?: number | undefined } = {},
  ) {
    super();
    this.path = redactUrl(url);
    this.writerWaitMs = options.writerWaitMs ?? WRITER_WAIT_MS;
  }

  /** Connects, or adopts the connection started early for this store; a connection cut later is replaced by the next call. */
  private connect(): Promise<Connection> {
    if (!this.connection) {
      const opening = (adoptEarly(this.url, this.writerWaitMs) ?? openConnection(this.url, this.writerWaitMs)).then((connection) => {
        connection.onLost = () => {
          if (this.connection === opening) this.connection = undefined;
        };
        return connection;
      });
      this.connection = opening;
    }
    return this.connection.catch((error: unknown) => {
      this.connection = undefined;
      throw error;
    });
  }

  /**
   * Runs `work` on the connection. The socket keeps the process alive only while work is under
   * way, so a command ends when it is done without having to close the store.
   */
  private async use<T>(work: (connection: Connection) => Promise<T>): Promise<T> {
    this.busy++;
    let connection: Connection | undefined;
    try {
      connection = await this.connect();
      connection.stream?.ref();
      return await work(connection);
    } catch (error) {
      throw pgError(asStoreFormatError(error, this.path), connection?.server ?? this.path, connection?.client.user);
    } finally {
      if (--this.busy === 0) connection?.stream?.unref();
    }
  }

  /**
   * The rows of one statement, each handed on as it arrives rather than collected until its last
   * one came (pg's promise of a result). Collected, a page's rows outlived V8's young collections
   * and were copied into the old generation, to die there: in a whole store's `today` that was
   * ~60 % of what the read allocated, and V8 grew the heap to ~3× what the view holds. Handed on,
   * each is dropped before the next chunk of the socket is read (what arrived in one chunk is
   * taken together, in the microtasks before the next). Like `use`, it holds the connection busy.
   */
  private async *rowsAsTheyCome<Row extends QueryResultRow>(text: string, values: unknown[]): AsyncGenerator<Row> {
    this.busy++;
    let connection: Connection | undefined;
    try {
      connection = await this.connect();
      connection.stream?.ref();
      let arrived: Row[] = [];
      let ended = false;
      let failure: unknown;
      let wake: (() => void) | undefined;
      const statement = connection.client.query(new connection.Statement<Row>(text, values));
      statement.on('row', (row: Row) => {
        arrived.push(row);
        wake?.();
      });
      statement.on('end', () => {
        ended = true;
        wake?.();
      });
      statement.on('error', (error: Error) => {
        failure = error;
        ended = true;
        wake?.();
      });
      for (;;) {
        const taken = arrived;
        arrived = [];
        yield* taken;
        if (failure !== undefined) throw failure;
        if (ended && arrived.length === 0) return;
        if (arrived.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    } catch (error) {
      throw pgError(error, connection?.server ?? this.path, connection?.client.user);
    } finally {
      if (--this.busy === 0) connection?.stream?.unref();
    }
  }

  /** The database's schema version: undefined when it holds no famcoord store at all. */
  private async schemaVersion(q: Query): Promise<number | undefined> {
    const [exists] = await q<{ found: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS found");
    if (!exists?.found) return undefined;
    const [row] = await q<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    return row?.version ?? 0;
  }

  /**
   * Refuses a database whose schema is not this famcoord's, naming the command that fixes it. One
   * statement, as every command asks it first: a database without famcoord's tables fails it.
   * `before`: statements sent with it in one round trip (a transaction's BEGIN).
   */
  private async requireSchema(q: Query, before = ''): Promise<void> {
    const [row] = await q<{ version: number | null; head: boolean }>(`${before}SELECT (SELECT max(version) FROM schema_migrations) AS version, EXISTS (SELECT 1 FROM store_head WHERE id = 1) AS head`).catch(
      (error: unknown) => {
        throw (error as { code?: string }).code === UNDEFINED_TABLE ? this.schemaProblem(undefined, false) : error;
      },
    );
    const problem = this.schemaProblem(row?.version ?? 0, row?.head === true);
    if (problem) throw problem;
  }

  /** Why a database with this schema version (undefined: no famcoord tables) and head cannot be used, if it cannot. */
  private schemaProblem(version: number | undefined, head: boolean): StoreError | undefined {
    if (version === undefined) return new StoreError('missing', `there is no famcoord store in ${this.path}; create one with famcoord init --store URL`);
    if (version < LATEST_SCHEMA)
      return new StoreError('invalid', `the store ${this.path} has schema ${version} and this famcoord needs ${LATEST_SCHEMA}; run famcoord migrate-schema --store URL (once, for the whole team), then try again`);
    if (version > LATEST_SCHEMA)
      return new StoreError('invalid', `the store ${this.path} has schema ${version}, newer than this famcoord knows (${LATEST_SCHEMA}); install the famcoord your team uses`);
    if (!head) return new StoreError('missing', `the store ${this.path} is empty; create one with famcoord init --store URL, or try famcoord demo --store URL`);
    return undefined;
  }

  /**
   * One transaction (run again if PostgreSQL chose it as a deadlock's loser). `rollback`: a dry
   * run. The connection pipelines (each statement is sent without waiting for the one before), so
   * the BEGIN and the schema check go out with the work's first statements, in one round trip;
   * every answer the work awaits waits for the check's first, so nothing is acted on in a store
   * that is not famcoord's. `work` may send the COMMIT itself, behind its last statements, with
   * `commit(recover)`: they then fail or succeed together (a statement that fails aborts the
   * transaction, and the COMMIT after it rolls back). A connection cut once the COMMIT was sent
   * leaves the outcome unknown: `recover` then asks the server, over a new connection, whether the
   * step is in the log, and gives the result if it is (undefined: it is not, nothing was saved).
   */
  private async transaction<T>(
    work: (q: Query, commit: (recover: (q: Query) => Promise<T | undefined>) => void) => Promise<T>,
    options: { rollback?: boolean; schema?: boolean; snapshot?: boolean } = {},
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.use(async ({ q, client }) => {
          let committing: Promise<void> | undefined;
          let recover: ((q: Query) => Promise<T | undefined>) | undefined;
          const commit = (check?: (q: Query) => Promise<T | undefined>) => {
            recover = check;
            // A transaction a failed statement aborted answers COMMIT with ROLLBACK: no commit.
            committing = client.query('COMMIT').then(({ command }) => {
              if (command !== 'COMMIT') throw new StoreError('io', `${this.path} rolled the change back; nothing was saved`);
            });
            committing.catch(() => undefined);
          };
          try {
            // The schema check travels with the BEGIN: two statements in one simple query.
            // `snapshot`: a read of several statements sees the store as it was at the first.
            const begin = options.snapshot ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN';
            const begun = options.schema === false ? q(begin) : this.requireSchema(q, `${begin}; `);
            begun.catch(() => undefined);
            const checked: Query = <Row extends QueryResultRow>(text: string, values?: unknown[]) => {
              const answer = q<Row>(text, values);
              answer.catch(() => undefined);
              return begun.then(() => answer);
            };
            const result = await work(checked, commit);
            if (committing === undefined) {
              if (options.rollback) {
                await q('ROLLBACK');
                return result;
              }
              commit();
            }
            await (committing as Promise<void> | undefined);
            return result;
          } catch (error) {
            if (committing === undefined || !isConnectionLoss(error)) {
              await q('ROLLBACK').catch(() => undefined);
              throw error;
            }
            if (!recover) throw error;
            this.connection = undefined;
            const check = recover;
            const saved = await this.use(({ q: again }) => check(again).then((found) => ({ found }))).catch(() => undefined);
            if (saved?.found !== undefined) return saved.found;
            if (saved) throw error;
            throw new StoreError('io', `the connection to ${this.path} was cut while the change was being saved, and whether it was saved is not known; look with famcoord log before running it again`);
          }
        });
      } catch (error) {
        const code = (error as { code?: string }).code;
        if ((code === '40P01' || code === '40001') && attempt < DEADLOCK_RETRIES) continue;
        throw error;
      }
    }
  }

  /** The login's place in the store's team; undefined outside it (the store's owner). Asked once. */
  member(): Promise<TeamMember | undefined> {
    this.membership ??= this.use(async ({ q }) => {
      const rows = await q<{ login: string; name: string | null; role: TeamMember['role']; sectors: string[] }>(
        'SELECT session_user AS login, t.name, t.role, t.sectors FROM (SELECT 1) AS one LEFT JOIN team AS t ON t.login = current_user',
      ).catch((error: unknown) => {
        // A store older than teams (its schema is refused by the step that follows).
        if ((error as { code?: string }).code === '42P01') return [];
        throw error;
      });
      const [row] = rows;
      return row?.name ? { login: row.login, name: row.name, role: row.role, sectors: row.sectors } : undefined;
    }).catch((error: unknown) => {
      this.membership = undefined;
      throw error;
    });
    return this.membership;
  }

  async person(): Promise<string | undefined> {
    return (await this.member())?.name;
  }

  /**
   * A team member's steps are logged under their login, which the audit function checks, and done
   * as the person the login is (as `person()` says), whoever the caller named: a caller need not
   * wait for the login's place in the team before the step (see `change`).
   */
  private async asMember(meta: TransactMeta): Promise<TransactMeta> {
    const who = await this.member();
    return who ? { ...meta, user: who.login, person: who.name } : meta;
  }

  private async leads(q: Query): Promise<string[]> {
    return (await q<{ name: string }>("SELECT name FROM team WHERE role = 'lead' ORDER BY name")).map((row) => row.name);
  }

  /** Refuses when one of these ids (not found by the login) is in a family it may not read. */
  private async refuseHidden(q: Query, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const [hidden] = await q<Hidden>('SELECT id, family_id, coordinator FROM famcoord_whose($1::text[]) ORDER BY id LIMIT 1', [ids]);
    if (hidden) throw hiddenError(hidden, await this.leads(q));
  }

  async logRead(familyIds: readonly string[], what: ReadKind): Promise<void> {
    if (familyIds.length === 0) return;
    await this.use(({ q }) => q('INSERT INTO access_log (family_id, what) SELECT unnest($1::text[]), $2', [familyIds, what]));
  }

  async familyOf(id: string): Promise<string | undefined> {
    return (await this.transaction((q) => q<{ family_id: string }>('SELECT family_id FROM entities WHERE id = $1', [id]), { rollback: true }))[0]?.family_id;
  }

  async reads(familyIds: readonly string[]): Promise<FamilyRead[]> {
    const rows = await this.use(({ q }) =>
      q<{ at: Date; login: string; person: string | null; family_id: string; what: ReadKind }>('SELECT at, login, person, family_id, what FROM access_log WHERE family_id = ANY($1::text[]) ORDER BY at, id', [familyIds]),
    ).catch(async (error: unknown) => {
      if (!(error instanceof StoreError && error.kind === 'refused')) throw error;
      throw new StoreError('refused', `who read a family is for the team's auditor and the store's owner to see (${(await this.teamMembers()).filter((m) => m.role === 'auditor').map((m) => m.name).join(', ') || 'no auditor yet'}); nothing was read`);
    });
    return rows.map((row) => ({ at: row.at.toISOString(), login: row.login, ...(row.person !== null && { person: row.person }), familyId: row.family_id, what: row.what }));
  }

  async pruneReads(before: Date): Promise<number> {
    return this.transaction(async (q) => (await q<{ n: string }>('WITH gone AS (DELETE FROM access_log WHERE at < $1 RETURNING 1) SELECT count(*) AS n FROM gone', [before])).map((row) => Number(row.n))[0] ?? 0);
  }

  async teamMembers(): Promise<TeamMember[]> {
    return this.transaction((q) => q<TeamMember>('SELECT login, name, role, sectors FROM team ORDER BY name, login'), { rollback: true });
  }

  async addTeamMember(member: TeamMember): Promise<void> {
    await this.transaction((q) => q('SELECT famcoord_team_add($1, $2, $3, $4, $5::text[])', [member.login, member.name, coordinatorKey(member.name), member.role, member.sectors]));
  }

  async removeTeamMember(login: string): Promise<boolean> {
    return this.transaction(async (q) => (await q<{ removed: boolean }>('SELECT famcoord_team_remove($1) AS removed', [login]))[0]?.removed === true);
  }

  /** A change: the rows it names read and locked, `run` over them, the families and the audit entry written, one commit. */
  private async change<T extends { changes: FamilyChange[] }>(
    operations: readonly Operation[],
    meta: TransactMeta,
    run: (rows: StepRows, q: Query, meta: TransactMeta) => Promise<T>,
    detail: (result: T) => Pick<AuditEntry, 'ops'> & Partial<AuditEntry>,
  ): Promise<{ result: T; step: number; familyIds: string[] }> {
    // Who the login is goes out with the BEGIN and the rows' reads, not a round trip before them
    // (asked once: a caller that asked already, as the CLI does when it starts, shares its answer).
    const acting = this.asMember(meta);
    acting.catch(() => undefined);
    return this.transaction(async (q, commit) => {
      stopAfterLockForTest();
      const rows = new StepRows();
      await this.refuseHidden(q, await readNamed(q, rows, operations));
      const actingMeta = await acting;
      const result = await run(rows, q, actingMeta);
      // The writes, the entry and the COMMIT in one round trip: they are committed together or not at all.
      const written = writeChanges(q, result.changes);
      const { sent, recover } = appendAudit(q, result.changes, actingMeta, detail(result));
      commit(async (again) => {
        const appended = await recover(again);
        return appended && { result, ...appended };
      });
      const [, appended] = await inOrder(written, sent);
      return { result, ...appended };
    });
  }

  protected async transactOnce(operations: readonly Operation[], meta: TransactMeta): Promise<TransactResult> {
    const { runTransaction, operationFamilyIds } = await loadTransactions();
    const { result, step, familyIds } = await this.change(
      operations,
      meta,
      (rows, q, acting) =>
        runOverRows(q, rows, (ws) => {
          const applied = runTransaction(ws, operations, { today: acting.today, person: acting.person });
          // In the run too: naming an operation's family may ask for a row.
          return { ...applied, operationFamilyIds: operationFamilyIds(ws, applied.applied) };
        }),
      (result) => ({ ops: result.applied }),
    );
    return { step, applied: result.applied, operationFamilyIds: result.operationFamilyIds, familyIds };
  }

  protected async previewOnce(operations: readonly Operation[], meta: TransactMeta): Promise<Preview> {
    const ctx = { today: meta.today, person: meta.person };
    const { findFailingOperations, runTransaction, operationFamilyIds } = await loadTransactions();
    return this.transaction(
      async (q) => {
        const rows = new StepRows();
        await this.refuseHidden(q, await readNamed(q, rows, operations));
        const failures = await runOverRows(q, rows, (ws) => findFailingOperations(ws, operations, ctx));
        if (failures.length > 0) return { failures, applied: [], operationFamilyIds: [] };
        return runOverRows(q, rows, (ws) => {
          const { applied } = runTransaction(ws, operations, ctx);
          return { failures, applied, operationFamilyIds: operationFamilyIds(ws, applied) };
        });
      },
      { rollback: true },
    );
  }

  /** Undo and redo: planned with the log's head locked (no step can come between plan and act). */
  protected async reverse(kind: Reversal, meta: TransactMeta, options: UndoOptions, act: boolean): Promise<Reversed> {
    const { runRestore } = await loadTransactions();
    const who = await this.member();
    meta = await this.asMember(meta);
    let asLead: { asLead?: true } = {};
    const plan = async (q: Query) => {
      await q('SELECT tail_step FROM famcoord_audit_tail()');
      const rows = new StepRows();
      const planned = await runOverRows(q, rows, (ws) => planOrRefuse(PLANNERS[kind](ws.logNewestFirst(), (id) => ws.family(id), { user: meta.user, ...options })));
      if (who) asLead = othersStep(who, planned.summary, kind, await this.leads(q));
      return planned;
    };
    if (!act) return { plan: await this.transaction(plan, { rollback: true }) };
    let planned: Reversed['plan'] | undefined;
    const { step, familyIds } = await this.change(
      [],
      meta,
      async (rows, q) => {
        planned = await plan(q);
        const restore = planned.restore;
        const changes = await runOverRows(q, rows, (ws) => runRestore(ws, restore));
        return { changes };
      },
      () => ({ ops: [], ...(planned as Reversed['plan']).record, ...asLead }),
    );
    return { plan: planned as Reversed['plan'], logged: { step, familyIds } };
  }

  /**
   * Erases a family: the erase step and the log's scrub (relinked) in one transaction, so the
   * family's data is gone from every table at the commit, or nothing happened. Old row versions
   * stay in the table files until VACUUM reuses their space, which runs right after; the server's
   * write-ahead log and backups are kept by its own rules (see the README).
   */
  async erase(familyId: string, meta: TransactMeta): Promise<TransactResult> {
    // It rewrites the audit log, which only the store's owner may.
    if (await this.member()) throw new StoreError('refused', `erasing a family rewrites the audit log, which on a team's store only the store's owner (its administrator) does; ask them. Nothing was changed`);
    const { runTransaction } = await loadTransactions();
    let erased: TransactResult | undefined;
    await this.transaction(async (q) => {
      await q('SELECT step FROM audit_head WHERE id = 1 FOR UPDATE');
      const rows = new StepRows();
      await lockFamilies(q, rows, [familyId]);
      const family = rows.families.get(familyId) ?? undefined;
      let stored = await q<{ step: number; entry: string }>('SELECT step, entry FROM audit ORDER BY step');
      if (!family && stored.some((row) => Object.hasOwn((JSON.parse(row.entry) as AuditEntry).before, familyId))) {
        // Already out of the store (a plain removal): only the log still holds it.
        erased = { step: stored.at(-1)?.step ?? 0, applied: [], operationFamilyIds: [], familyIds: [familyId] };
      } else {
        const ops: Operation[] = [{ op: 'family.erase', familyId } as Operation];
        const result = await runOverRows(q, rows, (ws) => runTransaction(ws, ops, { today: meta.today }));
        const [, logged] = await inOrder(writeChanges(q, result.changes), appendAudit(q, result.changes, meta, { ops: result.applied }).sent);
        erased = { step: logged.step, applied: result.applied, operationFamilyIds: [familyId], familyIds: logged.familyIds };
        stored = await q<{ step: number; entry: string }>('SELECT step, entry FROM audit ORDER BY step');
      }
      const scrubbed = scrubFamily(stored.map((row) => JSON.parse(row.entry) as AuditEntry), familyId, family ? [family] : []);
      const texts = chainedTexts(scrubbed);
      const changed = stored.flatMap((row, i) => (texts[i] !== row.entry ? [[row.step, texts[i] as string] as const] : []));
      // The newest entry may be among those rewritten: the head's link follows it.
      if (changed.length > 0) {
        await q('UPDATE audit SET entry = u.entry FROM unnest($1::int[], $2::text[]) AS u(step, entry) WHERE audit.step = u.step', [changed.map((c) => c[0]), changed.map((c) => c[1])]);
        await q('SELECT famcoord_audit_relink()');
      }
    });
    await this.use(({ q }) => q('VACUUM families, entities, today_marks, audit')).catch(() => undefined);
    return erased as TransactResult;
  }

  async *eachFamily(scope?: FamilyScope): AsyncGenerator<Family> {
    if (scope?.todayOn !== undefined) {
      yield* this.todayFamilies(scope, scope.todayOn);
      return;
    }
    const check = await familyChecker();
    await this.use(({ q }) => this.requireSchema(q));
    const { where, params } = scopeQuery(scope, 2);
    // A page at a time by store order, so a municipality's store is never held at once.
    for (let after = -1; ; ) {
      const page = await this.use(({ q }) => q<{ seq: string; id: string; data: unknown }>(`SELECT seq, id, data FROM families ${where ? `${where} AND` : 'WHERE'} seq > $1 ORDER BY seq LIMIT ${PAGE}`, [after, ...params]));
      for (const row of page) {
        try {
          yield await check(familyFromRow(row.id, row.data));
        } catch (error) {
          if (error instanceof ValidationError) throw storeFormatError(this.path, error.problems);
          throw error;
        }
      }
      if (page.length < PAGE) return;
      after = Number((page.at(-1) as { seq: string }).seq);
    }
  }

  /**
   * The families today's view on `date` may list, in `scope`, as their today digests with the
   * marks it wants put back (`todayFamily`), a page at a time by store order, each handed on as its
   * row arrives (`rowsAsTheyCome`). The first page comes in one statement with the schema's
   * version and the store's head, so a coordinator's today is one round trip after the
   * connection's start. `head` is given the head's text.
   */
  private async *todayFamilies(scope: ReadScope, date: string, head?: (text: string) => void): AsyncGenerator<Family> {
    const values: unknown[] = [];
    const { where, params } = scopeQuery(scope, 2);
    values.push(-1, ...params);
    const condition = todayMarkCondition(date, meetingWindow(date), (value) => `$${values.push(value)}`);
    const page = `SELECT seq, id, today_digest AS digest,
        (SELECT coalesce(json_agg(json_build_array(t.kind, t.data::json)), '[]') FROM today_marks AS t WHERE t.family_id = families.id AND ${condition}) AS marks
      FROM families ${where} AND seq > $1 ORDER BY seq LIMIT ${PAGE}`;
    type Row = { seq: string; id: string | null; digest: unknown; marks: unknown };
    const family = (row: Row & { id: string }) => {
      try {
        return todayFamily(row.id, row.digest, row.marks);
      } catch (error) {
        if (error instanceof ValidationError) throw storeFormatError(this.path, error.problems);
        throw error;
      }
    };
    let answered = false;
    let rows = 0;
    let last = '';
    try {
      const first = this.rowsAsTheyCome<Row & { version: number | null; head: string | null }>(
        `SELECT s.version, s.head, p.* FROM (SELECT (SELECT max(version) FROM schema_migrations) AS version, (SELECT data FROM store_head WHERE id = 1) AS head) AS s
         LEFT JOIN LATERAL (${page}) AS p ON true ORDER BY p.seq`,
        values,
      );
      for await (const row of first) {
        if (!answered) {
          answered = true;
          const problem = this.schemaProblem(row.version ?? 0, typeof row.head === 'string');
          if (problem) throw problem;
          head?.(row.head as string);
        }
        if (row.id === null) continue;
        rows++;
        last = row.seq;
        yield family(row as Row & { id: string });
      }
    } catch (error) {
      // The statement failed: no famcoord tables, or another schema's? The check says which, and what to do.
      if (!answered) await this.use(({ q }) => this.requireSchema(q));
      throw error;
    }
    while (rows === PAGE) {
      values[0] = Number(last);
      rows = 0;
      for await (const row of this.rowsAsTheyCome<Row & { id: string }>(page, values)) {
        rows++;
        last = row.seq;
        yield family(row);
      }
    }
  }

  async read(scope?: ReadScope): Promise<State> {
    if (scope?.todayOn !== undefined) {
      let head = '';
      const families: Family[] = [];
      for await (const family of this.todayFamilies(scope, scope.todayOn, (text) => (head = text))) families.push(family);
      // Today's digests are not validated again (todayFamily): its read loads no zod schemas.
      return this.stateOf(head, families, false);
    }
    const { head, families } = await this.transaction(
      async (q) => {
        const [row] = await q<{ data: string }>('SELECT data FROM store_head WHERE id = 1');
        const { where, params } = scopeQuery(scope);
        const families = (await q<{ id: string; data: unknown }>(`SELECT id, data FROM families ${where} ORDER BY seq`, params)).map((r) => familyFromRow(r.id, r.data));
        return { head: row?.data, families };
      },
      { rollback: true },
    );
    if (scope?.familyIds !== undefined) {
      const found = new Set(families.map((family) => family.id));
      const missing = scope.familyIds.filter((id) => !found.has(id));
      if (missing.length > 0) await this.use(({ q }) => this.refuseHidden(q, missing));
    }
    return this.stateOf(head, families, true);
  }

  /** The state of the head's row and the families read; data not in the store's format is its format error. */
  private async stateOf(head: unknown, families: Family[], check: boolean): Promise<State> {
    try {
      const state = { ...headFromRow(head), families };
      return check ? await checkedState(state) : (state as State);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      throw storeFormatError(this.path, error.problems);
    }
  }

  findCaseload(coordinator: string): Promise<CaseloadLookup> {
    return this.use(({ q }) => findCaseloadIn(q, { param: (n) => `$${n}`, digestCoordinator: "today_digest->>'coordinator'" }, coordinator));
  }

  async exists(): Promise<boolean> {
    return this.use(async ({ q }) => (await this.schemaVersion(q)) !== undefined && (await q('SELECT 1 FROM store_head WHERE id = 1')).length > 0);
  }

  /**
   * Creates the store: the schema first when the database has none, then the families, checked
   * and written a page at a time, all in one transaction (a refused family leaves it as it was).
   */
  async create(state: StoreContent, options: CreateOptions = {}): Promise<{ keptAs?: string }> {
    if (options.encrypt)
      throw new StoreError('io', `famcoord encrypts JSON stores only; a PostgreSQL store is protected by its server (TLS with sslmode=verify-full, its disk encryption, its access rules): ${this.path}`);
    const { parseState, parseFamily, SeenIds } = await loadValidation();
    const { families: _none, ...head } = parseState({ ...state, families: [] });
    let keptAs: string | undefined;
    await this.transaction(
      async (q) => {
        // One creator at a time; a second waits and then finds the store there.
        await q('SELECT pg_advisory_xact_lock(hashtext($1))', ['famcoord schema']);
        const version = await this.schemaVersion(q);
        if (version === undefined) await applyMigrations(q, 0);
        else await this.requireSchema(q).catch((error: unknown) => {
          if (!(error instanceof StoreError && error.kind === 'missing')) throw error;
        });
        const existing = version !== undefined && (await q('SELECT 1 FROM store_head WHERE id = 1')).length > 0;
        if (existing && !options.replace) throw new StoreError('exists', `a store already exists at ${this.path}; it was not changed`);
        if (options.ifLastStep !== undefined) {
          const [head] = existing ? await q<{ step: number }>('SELECT step FROM audit_head WHERE id = 1') : [];
          const lastStep = head?.step ?? 0;
          if (lastStep !== options.ifLastStep) throw changedSinceError(this.path, lastStep);
        }
        if (existing && options.keep) keptAs = await keepAside(q, this.path);
        await q(`TRUNCATE ${DATA_TABLES.join(', ')}`);
        await q('INSERT INTO audit_head (id, step) VALUES (1, $1)', [options.history?.at(-1)?.step ?? 0]);
        await q('INSERT INTO store_head (id, data) VALUES (1, $1)', [JSON.stringify(head)]);
        const seen = new SeenIds();
        let position = 0;
        let page: Family[] = [];
        const flush = async () => {
          await insertFamilies(q, page, position - page.length);
          page = [];
        };
        for (const given of state.families) {
          page.push(parseFamily(given, position++, seen));
          if (page.length === PAGE) await flush();
        }
        await flush();
        await q("SELECT setval('families_seq', $1)", [Math.max(position, 1)]);
        const history = options.history ?? [];
        for (let i = 0; i < history.length; i += PAGE) {
          const slice = history.slice(i, i + PAGE);
          await q(
            "INSERT INTO audit (step, entry, family_ids, at) SELECT s, e, ARRAY(SELECT json_array_elements_text(e::json->'familyIds')), (e::json->>'time')::timestamptz FROM unnest($1::int[], $2::text[]) AS u(s, e)",
            [slice.map((e) => e.step), slice.map((e) => JSON.stringify(e))],
          );
        }
        if (history.length > 0) await q('SELECT famcoord_audit_relink()');
        await q(`SELECT pg_notify('${CHANNEL}', 'created')`);
      },
      { schema: false },
    );
    return keptAs === undefined ? {} : { keptAs };
  }

  /** Applies the migrations this database lacks (famcoord migrate-schema): from and to which version. */
  async migrateSchema(): Promise<{ from: number; to: number }> {
    return this.transaction(
      async (q) => {
        await q('SELECT pg_advisory_xact_lock(hashtext($1))', ['famcoord schema']);
        const from = await this.schemaVersion(q);
        if (from === undefined) throw new StoreError('missing', `there is no famcoord store in ${this.path}; create one with famcoord init --store URL`);
        if (from > LATEST_SCHEMA) throw new StoreError('invalid', `the store ${this.path} has schema ${from}, newer than this famcoord knows (${LATEST_SCHEMA}); install the famcoord your team uses`);
        await applyMigrations(q, from);
        return { from, to: LATEST_SCHEMA };
      },
      { schema: false },
    );
  }

  async history(): Promise<AuditEntry[]> {
    return this.eachLogRow((step, entry) => {
      const record = auditRecord(step, entry);
      return 'unreadable' in record ? [] : [record];
    });
  }

  /**
   * The log's rows oldest first, each handed to `take` as it comes, LOG_PAGE entries per
   * statement, all in one snapshot: a municipality's log is tens of MB of text, and read in one
   * statement it was held as text and as parsed entries at once (`export --all` peaked there).
   */
  private eachLogRow<T>(take: (step: number, entry: string) => T[]): Promise<T[]> {
    return this.transaction(
      async (q) => {
        const taken: T[] = [];
        for (let after = 0; ; ) {
          const page = await q<{ step: number; entry: string }>(`SELECT step, entry FROM audit WHERE step > $1 ORDER BY step LIMIT ${LOG_PAGE}`, [after]);
          for (const row of page) taken.push(...take(row.step, row.entry));
          if (page.length < LOG_PAGE) return taken;
          after = (page.at(-1) as { step: number }).step;
        }
      },
      { rollback: true, snapshot: true },
    );
  }

  /** The log's entries as stored, oldest first, for checking the chain (doctor). */
  async storedEntries(): Promise<StoredEntry[]> {
    return this.eachLogRow((step, entry) => [{ text: entry, rowStep: step }]);
  }

  /** Doctor's repairs: nothing is left half-done on this backend (an erase is one transaction). */
  settle(): Promise<string[]> {
    return Promise.resolve([]);
  }

  /**
   * LISTEN on a connection of its own: every step NOTIFYs in its transaction, so a change shows as
   * soon as it commits, from any machine. A lost connection is opened again (and reported as a
   * change, since one may have been missed).
   */
  watch(onChange: () => void): () => void {
    let stopped = false;
    let listener: Client | undefined;
    let retry: NodeJS.Timeout | undefined;
    const listen = async () => {
      const pg = await loadPg();
      const client = new pg.Client(clientConfig(this.url, this.writerWaitMs));
      client.on('notification', () => onChange());
      client.on('error', () => {
        listener = undefined;
        if (!stopped) retry = setTimeout(() => void listen().catch(() => undefined), 1_000);
        onChange();
      });
      await client.connect();
      if (stopped) return void client.end();
      listener = client;
      await client.query(`LISTEN ${CHANNEL}`);
    };
    void listen().catch(() => {
      if (!stopped) retry = setTimeout(() => void listen().catch(() => undefined), 1_000);
    });
    return () => {
      stopped = true;
      clearTimeout(retry);
      void listener?.end().catch(() => undefined);
    };
  }

  /** Ends the connection (tests, doctor); the next call connects again. */
  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (connection) await (await connection.catch(() => undefined))?.client.end().catch(() => undefined);
  }
}

async function applyMigrations(q: Query, from: number): Promise<void> {
  await q('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  for (const migration of MIGRATIONS.filter((m) => m.version > from)) {
    await q(migration.sql);
    await q('INSERT INTO schema_migrations (version, description) VALUES ($1, $2)', [migration.version, migration.description]);
  }
}

/** Writes a page of new families with their ids and today marks, numbered in store order from `first`. */
async function insertFamilies(q: Query, families: readonly Family[], first: number): Promise<void> {
  if (families.length === 0) return;
  const rows = families.map(familyRow);
  await q('INSERT INTO families (id, seq, coordinator, data, today_digest) SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::json[], $5::json[])', [
    families.map((f) => f.id),
    families.map((_, i) => first + i + 1),
    rows.map((r) => r.coordinator),
    rows.map((r) => r.data),
    rows.map((r) => r.todayDigest),
  ]);
  await inOrder(...insertIds(q, families.map((f) => [f.id, idsOf(f)] as const)));
  await insertMarks(q, families.map((f, i) => [f.id, (rows[i] as FamilyRow).marks] as const));
}

/** Copies the store's tables into a schema of their own beside it (`create` with keep): its name. */
async function keepAside(q: Query, path: string): Promise<string> {
  const schema = `famcoord_replaced_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
  await q(`CREATE SCHEMA ${schema}`);
  for (const table of DATA_TABLES) await q(`CREATE TABLE ${schema}.${table} AS TABLE ${table}`);
  return `${path} (schema ${schema})`;
}
