// Which families a read needs. A coordinator in a team or municipality store works on their own
// caseload, and today's view needs only the families with something for today; a database backend
// answers these with its indexes instead of loading every family. The rules here are the
// definition: a backend may return more families than the scope (the views filter exactly), never
// fewer.
import { agreementHorizon, agreementId, isAgreementDueBy, isAgreementOpen } from './agreements.js';
import { isContactUnresolved, isGoalOpen, meetingInstant, meetingWindow } from './rules.js';
import type { Family } from './schema.js';

export interface ReadScope {
  /** Only the caseload of this coordinator (compared without regard to case). */
  coordinator?: string;
  /** Only these families (one family's plan, its documents). */
  familyIds?: readonly string[];
  /**
   * Only families with something for today's view on this date (see `mayShowToday`); a backend
   * may cut each down to what that view reads (`todayDigest`), so such a read is for `todayView` only.
   */
  todayOn?: string;
}

/** The form a coordinator's name is compared in: trimmed, lower case, single spaces. */
export function coordinatorKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('da');
}

/** Whether today's view on `date` could list anything of this family. */
export function mayShowToday(family: Family, date: string): boolean {
  const window = meetingWindow(date);
  const horizon = agreementHorizon(date);
  return (
    family.contacts.some(isContactUnresolved) ||
    family.meetings.some((meeting) => meeting.agreements.some((agreement) => isAgreementDueBy(agreement, horizon))) ||
    family.goals.some((goal) => isGoalOpen(goal) && goal.due < date) ||
    family.meetings.some((meeting) => {
      const instant = meetingInstant(meeting);
      return instant >= window.from && instant < window.to;
    })
  );
}

/**
 * A family cut down to the fields `todayView` reads, whatever the date: its members' names, open
 * goals with their latest score, meetings without minutes and with only their open dated
 * agreements (each with its id, as it has it in the whole family), unresolved contacts and consents. Still
 * a valid family; a database backend keeps it beside the whole family so today's view parses a
 * small part of the store. (tests/store/backends.test.ts checks the view is the same from both.)
 */
export function todayDigest(family: Family): Family {
  const optional = <T extends object>(object: T) => Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
  return {
    id: family.id,
    name: family.name,
    ...optional({ coordinator: family.coordinator }),
    members: family.members.map(({ id, name, role }) => ({ id, name, role, observations: [], events: [] })),
    goals: family.goals.filter(isGoalOpen).map(({ id, title, memberId, sector, due, status, progress }) => ({
      id, title, sector, due, status, ...optional({ memberId }),
      progress: progress.slice(-1).map(({ date, score }) => ({ date, score, note: '' })),
    })),
    meetings: family.meetings.map(({ id, type, start, durationMin, place, attendees, agreements }) => ({
      id, type, start, durationMin, place, attendees, minutes: '',
      agreements: agreements.flatMap((agreement, index) => {
        const { who, what, due } = agreement;
        return due !== undefined && isAgreementOpen(agreement) ? [{ id: agreementId(id, agreement, index), who, what, due }] : [];
      }),
    })),
    contacts: family.contacts.filter(isContactUnresolved).map(({ id, sector, department, subject, opened, replyBy, status }) => ({
      id, sector, subject, opened, status, ...optional({ department, replyBy }),
    })),
    interventions: [],
    consents: family.consents,
  };
}

export function inScope(family: Family, scope: ReadScope): boolean {
  if (scope.coordinator !== undefined && coordinatorKey(family.coordinator ?? '') !== coordinatorKey(scope.coordinator)) return false;
  if (scope.familyIds !== undefined && !scope.familyIds.includes(family.id)) return false;
  return scope.todayOn === undefined || mayShowToday(family, scope.todayOn);
}

export function isWholeStore(scope: ReadScope | undefined): boolean {
  return scope === undefined || (scope.coordinator === undefined && scope.familyIds === undefined && scope.todayOn === undefined);
}
