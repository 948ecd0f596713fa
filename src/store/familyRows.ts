// What both database backends (SQLite, PostgreSQL) keep per family beside its JSON: the caseload
// column, today's digest and "today marks", the ids it holds; and how a row of the audit table
// is read back. One definition, so both answer a scope the same way.
import type { Family, Goal, Meeting } from '../domain/schema.js';
import { coordinatorKey, involvedPeopleKeys, todayDigest } from '../domain/scope.js';
import { addDays } from '../domain/dates.js';
import { numberedId } from '../domain/ids.js';
import { RECENT_DECISION_DAYS } from '../domain/decisions.js';
import { meetingInstant } from '../domain/rules.js';
import { agreementHorizon } from '../domain/agreements.js';
import type { AuditEntry, LogRecord } from './auditLog.js';
import { shownId, StoredDataError } from '../domain/errors.js';
import { closestNames } from '../domain/suggest.js';
import type { CaseloadLookup } from './Store.js';

export type TodayMark = [kind: 'meeting' | 'goal' | 'agreement' | 'contact' | 'team' | 'person', at: string, data: string | null];

/**
 * What today's view looks at, per family (see `mayShowToday` in src/domain/scope.ts). Meetings
 * (by start), open goals and open dated agreements (by due date) are kept as marks rather than in
 * the family's digest: today's view wants the few meetings near one date and what is due before
 * it, not a family's history of meetings or its goals for next year. An agreement's mark holds its
 * meeting's id and start with only that agreement, which it is put back into: today's view shows
 * of an agreement's meeting only its id, and takes the rest of a meeting it lists from the
 * meeting's own mark, read whenever the meeting is near the date. (An agreement's mark held its
 * whole meeting before SQLite's schema 3; `todayFamily` reads both.)
 */
function todayMarks(digest: Family): TodayMark[] {
  return [
    ...digest.meetings.map((m): TodayMark => ['meeting', meetingInstant(m), JSON.stringify({ ...m, agreements: [] })]),
    ...digest.meetings.flatMap((m) => m.agreements.map((a): TodayMark => ['agreement', a.due as string, JSON.stringify({ id: m.id, start: m.start, agreements: [a] })])),
    ...digest.goals.map((g): TodayMark => ['goal', g.due, JSON.stringify(g)]),
    ...(digest.contacts.length > 0 ? [['contact', '', null] as TodayMark] : []),
    ...teamMarks(digest),
  ];
}

/**
 * The team's part of today (see `hasTeamWork`): a 'team' mark at '' while a transfer or a proposal
 * waits, and one at the newest decision's day; and a 'person' mark per person the family involves
 * besides its coordinator (`involvedPeopleKeys`), which a read for that person (`involving`) finds.
 */
function teamMarks(digest: Family): TodayMark[] {
  const waiting = digest.transfer !== undefined || digest.interventions.some((iv) => iv.decision?.status === 'proposed');
  const decided = digest.interventions.map((iv) => (iv.decision?.status === 'proposed' ? '' : (iv.decision?.on ?? ''))).reduce((a, b) => (b > a ? b : a), '');
  return [
    ...(waiting ? [['team', '', null] as TodayMark] : []),
    ...(decided ? [['team', decided, null] as TodayMark] : []),
    ...involvedPeopleKeys(digest).map((key): TodayMark => ['person', key, null]),
  ];
}

/** The team marks today's view on `date` wants (a transfer or proposal waiting, a recent decision), as one SQL condition on `t`. */
export function teamMarkCondition(date: string, param: (value: string) => string): string {
  return `(t.kind = 'team' AND (t.at = '' OR t.at >= ${param(addDays(date, -RECENT_DECISION_DAYS))}))`;
}

/** The families a person has a part in (ReadScope.involving): their caseload, or a 'person' mark naming them. */
export function involvingCondition(person: string, param: (value: string) => string): string {
  // One list of ids from two indexes: `coordinator = ? OR id IN (…)` made PostgreSQL walk every
  // family in store order (81 ms at 100,000 families, against 1 ms this way).
  return `id IN (SELECT mine.id FROM families AS mine WHERE mine.coordinator = ${param(coordinatorKey(person))} UNION ALL SELECT family_id FROM today_marks WHERE kind = 'person' AND at = ${param(coordinatorKey(person))})`;
}

/**
 * The marks today's view on `date` wants, as one SQL condition on `t` (a today_marks row) for
 * both database backends; `param` gives each engine's placeholder for the next value.
 */
export function todayMarkCondition(date: string, window: { from: string; to: string }, param: (value: string) => string): string {
  return `((t.kind = 'meeting' AND t.at >= ${param(window.from)} AND t.at < ${param(window.to)}) OR (t.kind = 'goal' AND t.at < ${param(date)}) OR (t.kind = 'agreement' AND t.at <= ${param(agreementHorizon(date))}))`;
}

export interface FamilyRow {
  coordinator: string | null;
  data: string;
  todayDigest: string;
  marks: TodayMark[];
}

/** A family's columns and today marks: the whole family, and what today's view and a caseload read look at. */
export function familyRow(family: Family): FamilyRow {
  const digest = todayDigest(family);
  return {
    coordinator: family.coordinator === undefined ? null : coordinatorKey(family.coordinator),
    data: JSON.stringify(family),
    todayDigest: JSON.stringify({ ...digest, meetings: [], goals: [] }),
    marks: todayMarks(digest),
  };
}

/** The highest number per prefix among these ids (the numbered ones, see ids.ts). */
export function highestPerPrefix(ids: Iterable<string>): Map<string, number> {
  const highest = new Map<string, number>();
  for (const id of ids) {
    const numbered = numberedId(id);
    if (numbered) highest.set(numbered.prefix, Math.max(highest.get(numbered.prefix) ?? 0, numbered.number));
  }
  return highest;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): boolean => typeof value === 'string';

/** What today's view reads of a digest and of each mark's data: a row not shaped so was not written by famcoord. */
// Each list named, not looked up by a computed key: this runs for every family and mark of a
// whole store's Today, in V8's interpreter.
function digestShaped(digest: unknown): boolean {
  if (!isRecord(digest)) return false;
  const { id, name, members, goals, meetings, contacts, consents } = digest;
  return isText(id) && isText(name) && Array.isArray(members) && Array.isArray(goals) && Array.isArray(meetings) && Array.isArray(contacts) && Array.isArray(consents);
}

function markShaped(mark: unknown): boolean {
  if (!Array.isArray(mark)) return false;
  const data: unknown = mark[1];
  if (!isRecord(data) || !isText(data.id)) return false;
  if (mark[0] === 'goal') return isText(data.due);
  return isText(data.start) && Array.isArray(data.agreements) && (mark[0] === 'agreement' || Array.isArray(data.attendees));
}

/** A row's column that famcoord did not write so: the store's data at fault, named by table, family and column, never shown. */
const notAsWritten = (table: string, column: string) => new StoredDataError([{ path: `${table}.${column}`, message: 'not as famcoord writes it (changed outside famcoord?)' }]);
const familyTable = (familyId: string) => `families (${shownId(familyId) ?? '?'})`;

/** A column's JSON, given as text (SQLite) or as the driver parsed it (PostgreSQL); text that does not parse is the store's error, not its data shown. */
function parsedColumn(table: string, column: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw notAsWritten(table, column);
  }
}

/**
 * A family from its row's `data` (text from SQLite, parsed by PostgreSQL's driver). Only its JSON
 * and that it is an object with its own id are checked here; the schema is checked where the
 * family is read for a view (familyChecker, checkedState) or changed (transaction.ts).
 */
export function familyFromRow(familyId: string, data: unknown): Family {
  const family = parsedColumn(familyTable(familyId), 'data', data);
  if (!isRecord(family) || family.id !== familyId) throw notAsWritten(familyTable(familyId), 'data');
  return family as Family;
}

/** The store's top-level fields from store_head's `data` (text on both engines). */
export function headFromRow(data: unknown): Record<string, unknown> {
  const head = parsedColumn('store_head', 'data', data);
  if (!isRecord(head)) throw notAsWritten('store_head', 'data');
  return head;
}

/**
 * A family as today's view reads it, from its row: the digest with its marks (pairs of kind and
 * data) put back. Digests are not validated again: they were derived, in the step that wrote
 * them, from families validated then, and that is what lets a coordinator's today skip the schema.
 * Their shape is checked, so a row changed by other hands is a clear store error, not a crash.
 */
export function todayFamily(familyId: string, digestColumn: unknown, marksColumn: unknown): Family {
  const digest = parsedColumn(familyTable(familyId), 'today_digest', digestColumn);
  const marks = parsedColumn(familyTable(familyId), 'today_marks', marksColumn);
  const problem = !digestShaped(digest) ? 'today_digest' : !Array.isArray(marks) || !marks.every(markShaped) ? 'today_marks' : undefined;
  if (problem) throw notAsWritten(familyTable(familyId), problem);
  const family = digest as Family;
  for (const [kind, data] of marks as Array<[string, Goal | Meeting]>) putBackMark(family, kind, data);
  return family;
}

/**
 * One mark back into its family's digest: a goal as it is; a meeting once, with the agreements of
 * every mark that holds it. An agreement's mark holds its meeting's id and start with only that
 * agreement; the meeting's own mark, whichever of the two comes first, gives the rest of it.
 */
function putBackMark(family: Family, kind: string, data: Goal | Meeting): void {
  if (kind === 'goal') {
    family.goals.push(data as Goal);
    return;
  }
  const meeting = data as Meeting;
  const known = family.meetings.find((m) => m.id === meeting.id);
  if (!known) family.meetings.push(meeting);
  else if (kind === 'meeting') family.meetings[family.meetings.indexOf(known)] = { ...meeting, agreements: [...known.agreements, ...meeting.agreements] };
  else known.agreements.push(...meeting.agreements);
}

/** An audit row as a log record: its entry, or unreadable (undo stops there), named by its step. */
export function auditRecord(step: number, text: string): LogRecord {
  let entry: unknown;
  try {
    entry = JSON.parse(text);
  } catch {
    entry = undefined;
  }
  return typeof entry === 'object' && entry !== null ? (entry as AuditEntry) : { unreadable: true, where: () => `the audit log's entry for step ${step}` };
}

/** How a database engine writes what `findCaseloadIn` asks: its placeholder for the n-th value, and a digest's coordinator. */
export interface CaseloadSql {
  param: (n: number) => string;
  digestCoordinator: string;
}

/**
 * A caseload looked up in a database's coordinator column (indexed on both engines): one probe,
 * and only when no family has it, the distinct coordinators (read from the index alone) and the
 * names, as written, of the closest few (from their families' digests).
 */
export async function findCaseloadIn(all: (sql: string, values: unknown[]) => Promise<Array<Record<string, unknown>>>, sql: CaseloadSql, coordinator: string): Promise<CaseloadLookup> {
  if ((await all(`SELECT 1 AS found FROM families WHERE coordinator = ${sql.param(1)} LIMIT 1`, [coordinatorKey(coordinator)])).length > 0) return { known: true };
  const keys = (await all('SELECT DISTINCT coordinator FROM families WHERE coordinator IS NOT NULL', [])).map((row) => row.coordinator as string);
  const closest = closestNames(coordinator, keys);
  if (closest.length === 0) return { known: false, closest };
  const rows = await all(`SELECT coordinator, ${sql.digestCoordinator} AS name FROM families WHERE coordinator IN (${closest.map((_, i) => sql.param(i + 1)).join(', ')}) ORDER BY seq`, closest);
  const names = new Map<string, string>();
  for (const row of rows) if (!names.has(row.coordinator as string)) names.set(row.coordinator as string, String(row.name).trim());
  return { known: false, closest: closest.map((key) => names.get(key) ?? key) };
}
