// What both database backends (SQLite, PostgreSQL) keep per family beside its JSON: the caseload
// column, today's digest and "today marks", the ids it holds; and how a row of the audit table
// is read back. One definition, so both answer a scope the same way.
import type { Family, Goal, Meeting } from '../domain/schema.js';
import { coordinatorKey, todayDigest } from '../domain/scope.js';
import { meetingInstant } from '../domain/rules.js';
import type { AuditEntry, LogRecord } from './auditLog.js';

export type TodayMark = [kind: 'meeting' | 'goal' | 'contact', at: string, data: string | null];

/**
 * What today's view looks at, per family (see `mayShowToday` in src/domain/scope.ts). Meetings
 * (by start) and open goals (by due date) are kept as marks rather than in the family's digest:
 * today's view wants the few meetings near one date and the goals due before it, not a family's
 * history of meetings or its goals for next year.
 */
function todayMarks(digest: Family): TodayMark[] {
  return [
    ...digest.meetings.map((m): TodayMark => ['meeting', meetingInstant(m), JSON.stringify(m)]),
    ...digest.goals.map((g): TodayMark => ['goal', g.due, JSON.stringify(g)]),
    ...(digest.contacts.length > 0 ? [['contact', '', null] as TodayMark] : []),
  ];
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

export const NUMBERED_ID = /^([a-z]+)(\d+)$/;

/** The highest number per prefix among these ids (those of the form g12). */
export function highestPerPrefix(ids: Iterable<string>): Map<string, number> {
  const highest = new Map<string, number>();
  for (const id of ids) {
    const numbered = NUMBERED_ID.exec(id);
    if (numbered) highest.set(numbered[1] as string, Math.max(highest.get(numbered[1] as string) ?? 0, Number(numbered[2])));
  }
  return highest;
}

/** Puts today's marks (the meetings near the date, the goals due before it) back into the digests they came from. */
export function addTodayMarks(digests: readonly Family[], marks: Iterable<{ family_id: string; kind: string; data: string }>): Family[] {
  const byId = new Map(digests.map((family) => [family.id, family]));
  for (const mark of marks) {
    const family = byId.get(mark.family_id);
    if (mark.kind === 'meeting') family?.meetings.push(JSON.parse(mark.data) as Meeting);
    else family?.goals.push(JSON.parse(mark.data) as Goal);
  }
  return [...digests];
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
