// Read models: what the CLI prints and the TUI shows. Both call these; neither computes a rule.
import {
  daysOverdue,
  daysWaiting,
  hasConsentFor,
  isConsentValid,
  isContactUnresolved,
  isGoalOverdue,
  isReplyByPassed,
  latestScore,
  meetingsOn,
  overlappingInterventionIds,
  REPLY_BY_AHEAD_DAYS,
  replyByDaysLeft,
  upcomingMeetings,
} from './rules.js';
import { dueAgreements, type DueAgreement } from './agreements.js';
import { assessmentView, type AssessmentView } from './assessment.js';
import { compareDanish, primaryKey } from './collate.js';
import { nameRanks, sortByKeys } from './keyedSort.js';
import { compareRecentDecisions, compareWaitingDecisions, familyDecisions, type DecisionItem } from './decisions.js';
import { samePerson } from './people.js';
import { compareTransfers, transferItem, type TransferItem } from './transfers.js';
import { familyCollisions, SAME_PURPOSE, type Collision, type PurposeTable } from './collisions.js';
import type { Attendee, Contact, Family, Goal, Intervention, Meeting, Member, State } from './schema.js';

export interface TodayMeeting {
  id: string;
  familyId: string;
  familyName: string;
  type: Meeting['type'];
  start: string;
  /** Local start time, HH:MM. */
  time: string;
  durationMin: number;
  place: string;
  attendees: Attendee[];
}

export interface OverdueGoal {
  id: string;
  familyId: string;
  familyName: string;
  memberId?: string;
  memberName?: string;
  title: string;
  sector: Goal['sector'];
  due: string;
  status: Goal['status'];
  daysOverdue: number;
  latestScore?: number;
}

export interface OpenContact {
  id: string;
  familyId: string;
  familyName: string;
  sector: Contact['sector'];
  department?: string;
  subject: string;
  opened: string;
  replyBy?: string;
  status: Contact['status'];
  daysWaiting: number;
  replyByPassed: boolean;
  /** Days until the reply-by date (0: today) when it is within REPLY_BY_AHEAD_DAYS: due soon, not late yet. */
  replyByDaysLeft?: number;
  /** No valid consent (samtykke) covers sharing with this contact's sector. */
  consentMissing: boolean;
}

/** An unresolved contact whose reply-by date is within REPLY_BY_AHEAD_DAYS: shown before it is late. */
export type ContactDueSoon = OpenContact & { replyBy: string; replyByDaysLeft: number };

export interface TodayView {
  date: string;
  meetings: TodayMeeting[];
  overdueGoals: OverdueGoal[];
  openContacts: OpenContact[];
  /** Open agreements due within AGREEMENTS_AHEAD_DAYS or overdue, worst first. */
  agreements: DueAgreement[];
  /** Soonest first. */
  contactsDueSoon: ContactDueSoon[];
  /** Caseload transfers waiting for the person's answer, then those they asked for (src/domain/transfers.ts). */
  transfers: TransferItem[];
  /** Proposed interventions waiting for the person's decision (they hold the authority), oldest first. */
  decisionsWaiting: DecisionItem[];
  /** Interventions in the person's caseload decided in the last RECENT_DECISION_DAYS, newest first. */
  recentDecisions: DecisionItem[];
}

const byText = compareDanish;

function memberName(family: Family, memberId: string | undefined): string | undefined {
  return memberId === undefined ? undefined : family.members.find((m) => m.id === memberId)?.name;
}

// The rows below are built a field at a time, in the order JSON shows them, rather than with
// `...(present && { field })` in a literal: a literal's fields after a spread are each defined by a
// call into V8's runtime, and today's view builds thousands of rows in a cold process.

export function overdueGoalItem(family: Family, goal: Goal, today: string): OverdueGoal {
  const item: OverdueGoal = { id: goal.id, familyId: family.id, familyName: family.name } as OverdueGoal;
  if (goal.memberId !== undefined) {
    item.memberId = goal.memberId;
    item.memberName = memberName(family, goal.memberId);
  }
  item.title = goal.title;
  item.sector = goal.sector;
  item.due = goal.due;
  item.status = goal.status;
  item.daysOverdue = daysOverdue(goal, today);
  if (goal.progress.length > 0) item.latestScore = latestScore(goal);
  return item;
}

export function openContactItem(family: Family, contact: Contact, today: string): OpenContact {
  const item: OpenContact = { id: contact.id, familyId: family.id, familyName: family.name, sector: contact.sector } as OpenContact;
  if (contact.department !== undefined) item.department = contact.department;
  item.subject = contact.subject;
  item.opened = contact.opened;
  if (contact.replyBy !== undefined) item.replyBy = contact.replyBy;
  item.status = contact.status;
  item.daysWaiting = daysWaiting(contact, today);
  item.replyByPassed = isReplyByPassed(contact, today);
  const daysLeft = replyByDaysLeft(contact, today);
  if (daysLeft !== undefined) item.replyByDaysLeft = daysLeft;
  item.consentMissing = !hasConsentFor(family, contact.sector, today);
  return item;
}

/** Worst first: the most days overdue, then family and goal. */
export const compareOverdueGoals = (a: OverdueGoal, b: OverdueGoal) =>
  b.daysOverdue - a.daysOverdue || byText(a.familyName, b.familyName) || byText(a.id, b.id);

/** Worst first: reply-by passed, then due soon (the soonest first), then the longest waiting. */
export const compareOpenContacts = (a: OpenContact, b: OpenContact) =>
  Number(b.replyByPassed) - Number(a.replyByPassed) ||
  (a.replyByDaysLeft ?? Number.MAX_SAFE_INTEGER) - (b.replyByDaysLeft ?? Number.MAX_SAFE_INTEGER) ||
  b.daysWaiting - a.daysWaiting ||
  byText(a.familyName, b.familyName) ||
  byText(a.id, b.id);

const WAITING_LIMIT = 2 ** 16;

/** Rows from which today's lists are sorted by keys: below it (a caseload's day) the comparators alone cost less than the keys' set-up. */
const KEYED_SORT_ROWS = 1_000;

/**
 * compareOpenContacts's order before the family, as one integer: reply-by passed first, then the
 * fewest days left (0 to REPLY_BY_AHEAD_DAYS; none after them, as MAX_SAFE_INTEGER does there),
 * then the longest waiting (fewer than WAITING_LIMIT days; else no integer, and the comparator sorts).
 */
export const openContactOrder = (c: OpenContact) =>
  c.daysWaiting < WAITING_LIMIT ? ((c.replyByPassed ? 0 : 1) * (REPLY_BY_AHEAD_DAYS + 2) + (c.replyByDaysLeft ?? REPLY_BY_AHEAD_DAYS + 1)) * WAITING_LIMIT - c.daysWaiting : Number.NaN;

/** The earliest first, then by family. */
export const compareTodayMeetings = (a: TodayMeeting, b: TodayMeeting) => Date.parse(a.start) - Date.parse(b.start) || byText(a.familyName, b.familyName);

/** Worst first: the most days overdue (or fewest left), then family and agreement. */
export const compareDueAgreements = (a: DueAgreement, b: DueAgreement) =>
  b.daysOverdue - a.daysOverdue || byText(a.familyName, b.familyName) || byText(a.id, b.id);

/**
 * Today's rows, gathered a family at a time: each family given to `add` may be dropped at once,
 * so today over a municipality's store holds its rows, never its families (`famcoord today`
 * reads them through `eachFamily`). A new kind of row is one more list filled in `add` and
 * sorted in `view`.
 */
export class TodayRows {
  private readonly meetings: TodayMeeting[] = [];
  private readonly overdueGoals: OverdueGoal[] = [];
  private readonly openContacts: OpenContact[] = [];
  private readonly agreements: DueAgreement[] = [];
  private readonly contactsDueSoon: ContactDueSoon[] = [];
  private readonly transfers: TransferItem[] = [];
  private readonly decisionsWaiting: DecisionItem[] = [];
  private readonly recentDecisions: DecisionItem[] = [];

  /**
   * `person`: whose day it is, on a team's store. Their caseload gives the meetings, goals, contacts
   * and agreements; other families they have a part in (a transfer to them, a decision theirs to
   * make) give only that. Undefined (one person's store): everything, every transfer and proposal.
   */
  constructor(
    private readonly today: string,
    private readonly timeZone: string,
    private readonly person?: string,
  ) {}

  add(family: Family): void {
    const transfer = transferItem(family, this.person);
    if (transfer) this.transfers.push(transfer);
    const decisions = familyDecisions(family, this.person, this.today);
    this.decisionsWaiting.push(...decisions.waiting);
    this.recentDecisions.push(...decisions.recent);
    if (this.person === undefined || samePerson(this.person, family.coordinator)) this.addCaseloadRows(family);
  }

  private addCaseloadRows(family: Family): void {
    const { today } = this;
    for (const { meeting, local } of meetingsOn(family.meetings, today, this.timeZone))
      this.meetings.push({
        id: meeting.id,
        familyId: family.id,
        familyName: family.name,
        type: meeting.type,
        start: meeting.start,
        time: local.time,
        durationMin: meeting.durationMin,
        place: meeting.place,
        attendees: meeting.attendees,
      });
    for (const goal of family.goals) if (isGoalOverdue(goal, today)) this.overdueGoals.push(overdueGoalItem(family, goal, today));
    for (const contact of family.contacts) {
      if (!isContactUnresolved(contact)) continue;
      const item = openContactItem(family, contact, today);
      this.openContacts.push(item);
      if (item.replyByDaysLeft !== undefined) this.contactsDueSoon.push(item as ContactDueSoon);
    }
    this.agreements.push(...dueAgreements(family, today));
  }

  /** The view, worst first; the rows are sorted in place, so this is asked once, after the last `add`. */
  view(): TodayView {
    const { meetings, overdueGoals, openContacts, agreements, contactsDueSoon, transfers, decisionsWaiting, recentDecisions } = this;
    // Each sorted as its comparator says; a long list by numbers worked out once per row (src/domain/keyedSort.ts).
    const long = [meetings, overdueGoals, openContacts, agreements];
    const ranks = long.reduce((rows, list) => rows + list.length, 0) < KEYED_SORT_ROWS ? undefined : nameRanks(long.flatMap((rows) => rows.map((row) => row.familyName)), byText, primaryKey);
    sortByKeys(meetings, (m) => Date.parse(m.start), ranks, compareTodayMeetings);
    sortByKeys(overdueGoals, (g) => -g.daysOverdue, ranks, compareOverdueGoals);
    sortByKeys(openContacts, openContactOrder, ranks, compareOpenContacts);
    sortByKeys(agreements, (a) => -a.daysOverdue, ranks, compareDueAgreements);
    sortByKeys(contactsDueSoon, openContactOrder, ranks, compareOpenContacts);
    transfers.sort(compareTransfers);
    decisionsWaiting.sort(compareWaitingDecisions);
    recentDecisions.sort(compareRecentDecisions);
    return { date: this.today, meetings, overdueGoals, openContacts, agreements, contactsDueSoon, transfers, decisionsWaiting, recentDecisions };
  }
}

/**
 * The morning questions: today's meetings, overdue goals, unresolved cross-sector contacts (and
 * those whose reply-by date is near), and the agreements to follow up.
 */
export function todayView(state: State, today: string, timeZone: string, person?: string): TodayView {
  const rows = new TodayRows(today, timeZone, person);
  for (const family of state.families) rows.add(family);
  return rows.view();
}

export interface FamilySummary {
  id: string;
  name: string;
  coordinator?: string;
  adults: number;
  children: number;
  activeGoals: number;
  overdueGoals: number;
  openContacts: number;
  /** Start of the next meeting (ISO), if any. */
  nextMeeting?: string;
}

/** The caseload: one line per family, by name. */
/** One line of the caseload. */
export function familySummary(family: Family, today: string, timeZone: string): FamilySummary {
  const next = upcomingMeetings(family.meetings, today, timeZone)[0];
  return {
    id: family.id,
    name: family.name,
    ...(family.coordinator !== undefined && { coordinator: family.coordinator }),
    adults: family.members.filter((m) => m.role === 'adult').length,
    children: family.members.filter((m) => m.role === 'child').length,
    activeGoals: family.goals.filter((g) => g.status === 'active').length,
    overdueGoals: family.goals.filter((g) => isGoalOverdue(g, today)).length,
    openContacts: family.contacts.filter(isContactUnresolved).length,
    ...(next && { nextMeeting: next.start }),
  };
}

/** The caseload's order: by name, then id. */
export const byFamilyName = (a: FamilySummary, b: FamilySummary) => byText(a.name, b.name) || byText(a.id, b.id);

export function familiesView(state: State, today: string, timeZone: string): FamilySummary[] {
  return state.families.map((family) => familySummary(family, today, timeZone)).sort(byFamilyName);
}

export interface PlanGoal extends Goal {
  memberName?: string;
  daysOverdue: number;
}

export interface PlanIntervention extends Intervention {
  memberName?: string;
  overlaps: boolean;
}

export interface FamilyPlan {
  id: string;
  name: string;
  coordinator?: string;
  members: Member[];
  /** By the family's priority (1 first), then due date. */
  goals: PlanGoal[];
  upcomingMeetings: Meeting[];
  /** The most recent past meetings, newest first. */
  pastMeetings: Meeting[];
  openContacts: OpenContact[];
  closedContacts: Contact[];
  interventions: PlanIntervention[];
  consents: Array<Family['consents'][number] & { valid: boolean }>;
  /** Interventions of the same kind or purpose at once, meetings that clash (src/domain/collisions.ts). */
  collisions: Collision[];
  /** Where the family is in its assessment (src/domain/assessment.ts), once one is started. */
  assessment?: AssessmentView;
}

/** The whole family plan, as before a network meeting. Undefined when there is no such family. */
export function familyPlan(state: State, familyId: string, today: string, timeZone: string, purposes: PurposeTable = SAME_PURPOSE): FamilyPlan | undefined {
  const family = state.families.find((f) => f.id === familyId);
  if (!family) return undefined;
  const overlapping = overlappingInterventionIds(family);
  const upcoming = upcomingMeetings(family.meetings, today, timeZone);
  const upcomingIds = new Set(upcoming.map((m) => m.id));
  return {
    id: family.id,
    name: family.name,
    ...(family.coordinator !== undefined && { coordinator: family.coordinator }),
    members: family.members,
    goals: family.goals
      .map((goal) => ({
        ...goal,
        ...(goal.memberId !== undefined && { memberName: memberName(family, goal.memberId) }),
        daysOverdue: daysOverdue(goal, today),
      }))
      .sort(
        (a, b) =>
          (a.priority ?? Number.MAX_SAFE_INTEGER) - (b.priority ?? Number.MAX_SAFE_INTEGER) ||
          byText(a.due, b.due) ||
          byText(a.id, b.id),
      ),
    upcomingMeetings: upcoming,
    pastMeetings: family.meetings
      .filter((m) => !upcomingIds.has(m.id))
      .sort((a, b) => Date.parse(b.start) - Date.parse(a.start)),
    openContacts: family.contacts
      .filter(isContactUnresolved)
      .map((c) => openContactItem(family, c, today))
      .sort(compareOpenContacts),
    closedContacts: family.contacts.filter((c) => !isContactUnresolved(c)),
    interventions: family.interventions
      .map((iv) => ({ ...iv, ...(memberName(family, iv.memberId) !== undefined && { memberName: memberName(family, iv.memberId) }), overlaps: overlapping.has(iv.id) }))
      .sort((a, b) => byText(a.from, b.from) || byText(a.id, b.id)),
    consents: family.consents.map((c) => ({ ...c, valid: isConsentValid(c, today) })),
    collisions: familyCollisions(family, purposes),
    ...(family.assessment && { assessment: assessmentView(family) }),
  };
}
