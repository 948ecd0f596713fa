// What both database backends (SQLite, PostgreSQL) keep per family beside its JSON: the caseload
// column, today's digest and "today marks", the ids it holds; and how a row of the audit table
// is read back. One definition, so both answer a scope the same way.
import type { Family, Goal, Meeting } from '../domain/schema.js';
import { coordinatorKey, involvedPeopleKeys, todayDigest } from '../domain/scope.js';
import { addDays } from '../domain/dates.js';
import { RECENT_DECISION_DAYS } from '../domain/decisions.js';
import { meetingInstant } from '../domain/rules.js';
import { agreementHorizon } from '../domain/agreements.js';
import type { AuditEntry, LogRecord } from './auditLog.js';

export type TodayMark = [kind: 'meeting' | 'goal' | 'agreement' | 'contact' | 'team' | 'person', at: string, data: string | null];

/**
 * What today's view looks at, per family (see `mayShowToday` in src/domain/scope.ts). Meetings
 * (by start), open goals and open dated agreements (by due date) are kept as marks rather than in
 * the family's digest: today's view wants the few meetings near one date and what is due before
 * it, not a family's history of meetings or its goals for next year. An agreement's mark holds its
 * meeting (without the other agreements), which it is put back into.
 */
function todayMarks(digest: Family): TodayMark[] {
  return [
    ...digest.meetings.map((m): TodayMark => ['meeting', meetingInstant(m), JSON.stringify({ ...m, agreements: [] })]),
    ...digest.meetings.flatMap((m) => m.agreements.map((a): TodayMark => ['agreement', a.due as string, JSON.stringify({ ...m, agreements: [a] })])),
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
  return `(coordinator = ${param(coordinatorKey(person))} OR id IN (SELECT family_id FROM today_marks WHERE kind = 'person' AND at = ${param(coordinatorKey(person))}))`;
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

/** Puts today's marks (the meetings near the date, what is due before it) back into the digests they came from. */
export function addTodayMarks(digests: readonly Family[], marks: Iterable<{ family_id: string; kind: string; data: string }>): Family[] {
  const byId = new Map(digests.map((family) => [family.id, family]));
  for (const mark of marks) {
    const family = byId.get(mark.family_id);
    if (family) putBackMark(family, mark.kind, JSON.parse(mark.data) as Goal | Meeting);
  }
  return [...digests];
}

/**
 * One mark back into its family's digest: a goal as it is; a meeting once, with the agreements of
 * every mark that holds it (an agreement's mark holds its meeting with only that agreement).
 */
export function putBackMark(family: Family, kind: string, data: Goal | Meeting): void {
  if (kind === 'goal') {
    family.goals.push(data as Goal);
    return;
  }
  const meeting = data as Meeting;
  const known = family.meetings.find((m) => m.id === meeting.id);
  if (known) known.agreements.push(...meeting.agreements);
  else family.meetings.push(meeting);
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
