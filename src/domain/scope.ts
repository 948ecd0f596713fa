// Which families a read needs. A coordinator in a team or municipality store works on their own
// caseload, and today's view needs only the families with something for today; a database backend
// answers these with its indexes instead of loading every family. The rules here are the
// definition: a backend may return more families than the scope (the views filter exactly), never
// fewer.
import { addDays } from './dates.js';
import { isContactUnresolved, isGoalOpen } from './rules.js';
import type { Family, Meeting } from './schema.js';

export interface ReadScope {
  /** Only the caseload of this coordinator (compared without regard to case). */
  coordinator?: string;
  /** Only families with something for today's view on this date: see `mayShowToday`. */
  todayOn?: string;
}

/** The form a coordinator's name is compared in: trimmed, lower case, single spaces. */
export function coordinatorKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('da');
}

/**
 * A window of UTC instants (ISO strings, which sort as text) that holds every meeting starting on
 * `date` in any time zone: offsets lie within ±14 hours, so [date−1, date+2) is wide enough.
 */
export function meetingWindow(date: string): { from: string; to: string } {
  return { from: `${addDays(date, -1)}T00:00:00.000Z`, to: `${addDays(date, 2)}T00:00:00.000Z` };
}

/** A meeting's start as a UTC instant, the form `meetingWindow` compares. */
export function meetingInstant(meeting: Meeting): string {
  return new Date(meeting.start).toISOString();
}

/** Whether today's view on `date` could list anything of this family. */
export function mayShowToday(family: Family, date: string): boolean {
  const window = meetingWindow(date);
  return (
    family.contacts.some(isContactUnresolved) ||
    family.goals.some((goal) => isGoalOpen(goal) && goal.due < date) ||
    family.meetings.some((meeting) => {
      const instant = meetingInstant(meeting);
      return instant >= window.from && instant < window.to;
    })
  );
}

export function inScope(family: Family, scope: ReadScope): boolean {
  if (scope.coordinator !== undefined && coordinatorKey(family.coordinator ?? '') !== coordinatorKey(scope.coordinator)) return false;
  return scope.todayOn === undefined || mayShowToday(family, scope.todayOn);
}

export function isWholeStore(scope: ReadScope | undefined): boolean {
  return scope === undefined || (scope.coordinator === undefined && scope.todayOn === undefined);
}
