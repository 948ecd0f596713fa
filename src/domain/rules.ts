// The coordinator's questions as plain functions (DOMAIN.md, "A coordinator's day"). No I/O: the
// date and time zone are arguments, so every rule can be tested at midnight and across DST.
import { addDays, daysBetween, wallClock } from './dates.js';
import { decidedInterventions } from './decisions.js';
import type { Consent, Contact, Family, Goal, Intervention, Meeting } from './schema.js';

const CLOSED_GOAL = new Set<Goal['status']>(['completed', 'cancelled']);

/** A meeting is today when its start falls on `today` in the given time zone. */
export function meetingLocalStart(meeting: Meeting, timeZone: string): { date: string; time: string } {
  return wallClock(meeting.start, timeZone);
}

/**
 * A window of UTC instants (ISO strings, which sort as text) that holds every meeting starting on
 * `date` in any time zone: offsets lie within ±14 hours, so [date−1, date+2) is wide enough.
 */
export function meetingWindow(date: string): { from: string; to: string } {
  // Asked once per family for the same date: keep the last answer.
  if (lastWindow?.date !== date) lastWindow = { date, from: `${addDays(date, -1)}T00:00:00.000Z`, to: `${addDays(date, 2)}T00:00:00.000Z` };
  return lastWindow;
}
let lastWindow: { date: string; from: string; to: string } | undefined;

/** A meeting's start as a UTC instant, the form `meetingWindow` compares. */
export function meetingInstant(meeting: Meeting): string {
  return new Date(meeting.start).toISOString();
}

/** Today's meetings of one family, with their local start time, earliest first. */
export function meetingsOn(meetings: readonly Meeting[], date: string, timeZone: string) {
  // Time-zone conversion is the costly part: first keep only meetings near the date at all.
  if (meetings.length === 0) return [];
  const window = meetingWindow(date);
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  return meetings
    .filter((meeting) => {
      const start = Date.parse(meeting.start);
      return start >= from && start < to;
    })
    .map((meeting) => ({ meeting, local: meetingLocalStart(meeting, timeZone) }))
    .filter(({ local }) => local.date === date)
    .sort((a, b) => Date.parse(a.meeting.start) - Date.parse(b.meeting.start));
}

/** Meetings that start on or after `today` (local date), earliest first. */
export function upcomingMeetings(meetings: readonly Meeting[], today: string, timeZone: string): Meeting[] {
  return meetings
    .filter((meeting) => meetingLocalStart(meeting, timeZone).date >= today)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

export function isGoalOpen(goal: Goal): boolean {
  return !CLOSED_GOAL.has(goal.status);
}

/** Days a goal is overdue on `today`: positive when its due date has passed and it is still open. */
export function daysOverdue(goal: Goal, today: string): number {
  return isGoalOpen(goal) ? Math.max(0, daysBetween(goal.due, today)) : 0;
}

export function isGoalOverdue(goal: Goal, today: string): boolean {
  return daysOverdue(goal, today) > 0;
}

export function isContactUnresolved(contact: Contact): boolean {
  return contact.status === 'open' || contact.status === 'answered';
}

export function daysWaiting(contact: Contact, today: string): number {
  return Math.max(0, daysBetween(contact.opened, today));
}

export function isReplyByPassed(contact: Contact, today: string): boolean {
  return isContactUnresolved(contact) && contact.replyBy !== undefined && contact.replyBy < today;
}

/** Contacts whose reply-by date falls within this many days are shown before they are late. */
export const REPLY_BY_AHEAD_DAYS = 3;

/** Days left until an unresolved contact's reply-by date (0: today), when it is within REPLY_BY_AHEAD_DAYS; else undefined. */
export function replyByDaysLeft(contact: Contact, today: string): number | undefined {
  if (!isContactUnresolved(contact) || contact.replyBy === undefined) return undefined;
  const left = daysBetween(today, contact.replyBy);
  return left >= 0 && left <= REPLY_BY_AHEAD_DAYS ? left : undefined;
}

/** The latest progress score of a goal, or undefined when none is recorded. */
export function latestScore(goal: Goal): number | undefined {
  return goal.progress.at(-1)?.score;
}

/** Whether two interventions' periods share a day (both days inclusive; no `to` is ongoing). */
export function periodsOverlap(a: Intervention, b: Intervention): boolean {
  const aEnd = a.to ?? '9999-12-31';
  const bEnd = b.to ?? '9999-12-31';
  return a.from <= bEnd && b.from <= aEnd;
}

/**
 * Pairs of interventions for the same member, of the same sector and kind, whose periods overlap
 * (both days inclusive; an intervention without `to` is ongoing). Only decided ones are in force:
 * a proposed or rejected intervention overlaps nothing.
 */
export function overlappingInterventions(family: Family): Array<[Intervention, Intervention]> {
  const pairs: Array<[Intervention, Intervention]> = [];
  const list = decidedInterventions(family);
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i] as Intervention;
      const b = list[j] as Intervention;
      if (a.memberId === b.memberId && a.sector === b.sector && a.kind.trim().toLowerCase() === b.kind.trim().toLowerCase() && periodsOverlap(a, b))
        pairs.push([a, b]);
    }
  return pairs;
}

/** Ids of interventions that overlap with another one. */
export function overlappingInterventionIds(family: Family): Set<string> {
  return new Set(overlappingInterventions(family).flat().map((i) => i.id));
}

/** Whether an intervention is in effect on a day (its first and last days included). */
export const inEffectOn = (intervention: Intervention, date: string) =>
  intervention.from <= date && (intervention.to === undefined || date <= intervention.to);

/** A consent is valid on a day from the day it was given to its last day, unless revoked by then. */
export function isConsentValid(consent: Consent, today: string): boolean {
  return consent.given <= today && today <= consent.until && (consent.revoked === undefined || consent.revoked > today);
}

/** Whether the family has a valid consent (samtykke) to share information with this sector. */
export function hasConsentFor(family: Family, sector: Contact['sector'], today: string): boolean {
  return family.consents.some((c) => c.sectors.includes(sector) && isConsentValid(c, today));
}
