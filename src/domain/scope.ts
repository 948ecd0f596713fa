// Which families a read needs. A coordinator in a team or municipality store works on their own
// caseload, and today's view needs only the families with something for today; a database backend
// answers these with its indexes instead of loading every family. The rules here are the
// definition: a backend may return more families than the scope (the views filter exactly), never
// fewer.
import { agreementHorizon, agreementId, isAgreementDueBy, isAgreementOpen } from './agreements.js';
import { isContactUnresolved, isGoalOpen, meetingInstant, meetingWindow } from './rules.js';
import { hasTeamWork } from './decisions.js';
import { coordinatorKey, samePerson } from './people.js';
import type { Family } from './schema.js';

export interface ReadScope {
  /** Only the caseload of this coordinator (compared without regard to case). */
  coordinator?: string;
  /**
   * Only the families this person has a part in (see `involves`): their caseload, and the families
   * a pending transfer would give them or whose decision authority they hold for a sector. Today
   * reads these for a named person, so a transfer or a decision waiting for them is in their day.
   */
  involving?: string;
  /** Only these families (one family's plan, its documents). */
  familyIds?: readonly string[];
  /**
   * Only families with something for today's view on this date (see `mayShowToday`); a backend
   * may cut each down to what that view reads (`todayDigest`), so such a read is for `todayView` only.
   */
  todayOn?: string;
}

export { coordinatorKey };

/** Whether today's view on `date` could list anything of this family. */
export function mayShowToday(family: Family, date: string): boolean {
  const window = meetingWindow(date);
  const horizon = agreementHorizon(date);
  return (
    hasTeamWork(family, date) ||
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
 * A family cut down to the fields `todayView` reads, whatever the date: the names of the members
 * its open goals and decisions name, open goals with their latest score, meetings without minutes
 * and with only their open dated agreements (each with its id, as it has it in the whole family),
 * unresolved contacts and consents. A database backend keeps it beside the whole family so today's
 * view parses a small part of the store. Not a valid family any more (its members have only their
 * id and name): the stores' reads for today (`todayOn`) hand it only to today's view
 * (tests/store/backends.test.ts checks the view is the same from all of them).
 */
export function todayDigest(family: Family): Family {
  const optional = <T extends object>(object: T) => Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
  const goals = family.goals.filter(isGoalOpen);
  // Only those with a decision (proposed, or decided): today lists what waits and what was decided.
  const interventions = family.interventions.filter((iv) => iv.decision !== undefined);
  const named = new Set([...goals.map((g) => g.memberId), ...interventions.map((iv) => iv.memberId)]);
  return {
    id: family.id,
    name: family.name,
    ...optional({ coordinator: family.coordinator }),
    // Today shows a member's name only, beside a goal or decision (`memberName`); a family's other members are most of a digest's text.
    members: family.members.filter((m) => named.has(m.id)).map(({ id, name }) => ({ id, name })) as Family['members'],
    goals: goals.map(({ id, title, memberId, sector, due, status, progress }) => ({
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
    interventions,
    consents: family.consents,
    ...optional({ authority: family.authority, transfer: family.transfer }),
  };
}

/** Whether a person has a part in a family: its coordinator, the receiver of its pending transfer, or a holder of its decision authority. */
export function involves(family: Family, person: string): boolean {
  return samePerson(person, family.coordinator) || samePerson(person, family.transfer?.to) || (family.authority ?? []).some((a) => samePerson(person, a.holder));
}

/** The people a family involves besides its coordinator (a transfer's receiver, authority holders), as the keys a database indexes them by. */
export function involvedPeopleKeys(family: Family): string[] {
  const names = [family.transfer?.to, ...(family.authority ?? []).map((a) => a.holder)].filter((name): name is string => name !== undefined);
  return [...new Set(names.map(coordinatorKey))];
}

export function inScope(family: Family, scope: ReadScope): boolean {
  if (scope.coordinator !== undefined && coordinatorKey(family.coordinator ?? '') !== coordinatorKey(scope.coordinator)) return false;
  if (scope.involving !== undefined && !involves(family, scope.involving)) return false;
  if (scope.familyIds !== undefined && !scope.familyIds.includes(family.id)) return false;
  return scope.todayOn === undefined || mayShowToday(family, scope.todayOn);
}

export function isWholeStore(scope: ReadScope | undefined): boolean {
  return scope === undefined || (scope.coordinator === undefined && scope.involving === undefined && scope.familyIds === undefined && scope.todayOn === undefined);
}
