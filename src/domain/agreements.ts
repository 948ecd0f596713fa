// Agreements made at meetings ("who does what by when"), followed up until they are done or
// dropped. An agreement lives in its meeting's list; these rules give it the id and status the rest
// of famcoord uses, also to one stored before agreements had them (such a store is read as it is:
// nothing is filled in on read, so reading never writes and a migration keeps its bytes).
import { addDays, daysBetween } from './dates.js';
import type { Agreement, Family, Meeting } from './schema.js';
import type { AgreementStatus } from './vocabulary.js';

/** Today lists the open agreements due within this many days, and those overdue. */
export const AGREEMENTS_AHEAD_DAYS = 7;

/** The prefix of the ids famcoord gives new agreements (a12), as g12 for goals. */
export const AGREEMENT_ID_PREFIX = 'a';

const DERIVED_ID = /^(.+)\.([1-9]\d{0,5})$/;

/**
 * An agreement's id: its own, or, for one stored without an id, its meeting's id and its place in
 * the meeting's list counted from 1 (m4.2). The place cannot shift under it: the operation that
 * first changes a meeting's agreements (adds, edits or removes one) writes these ids into all of
 * them (`FamilyDraft.settleAgreementIds`), so from then on each keeps the id it was shown with.
 */
export function agreementId(meetingId: string, agreement: Agreement, index: number): string {
  return agreement.id ?? `${meetingId}.${index + 1}`;
}

/** The meeting a derived id names (m4.2 → m4): a store's id index knows only ids that are stored. */
export function meetingOfDerivedId(id: string): string | undefined {
  return DERIVED_ID.exec(id)?.[1];
}

/** Open unless stored otherwise. */
export function agreementStatusOf(agreement: Agreement): AgreementStatus {
  return agreement.status ?? 'open';
}

export function isAgreementOpen(agreement: Agreement): boolean {
  return agreementStatusOf(agreement) === 'open';
}

export interface AgreementPlace {
  meeting: Meeting;
  agreement: Agreement;
  /** Its place in the meeting's list. */
  index: number;
  id: string;
}

/** A family's agreements, meeting by meeting, each with its id. */
export function* agreementsOf(family: Family): Generator<AgreementPlace> {
  for (const meeting of family.meetings)
    for (const [index, agreement] of meeting.agreements.entries()) yield { meeting, agreement, index, id: agreementId(meeting.id, agreement, index) };
}

export function findAgreement(family: Family, id: string): AgreementPlace | undefined {
  for (const place of agreementsOf(family)) if (place.id === id) return place;
  return undefined;
}

/** The ids a family's agreements have stored (a derived id is not stored, and indexed nowhere). */
export function storedAgreementIds(family: Family): string[] {
  return family.meetings.flatMap((meeting) => meeting.agreements.flatMap((agreement) => (agreement.id === undefined ? [] : [agreement.id])));
}

/** The last due date today's list looks at. */
export function agreementHorizon(today: string): string {
  // Asked once per family for the same date (scope, view): keep the last answer.
  if (lastHorizon?.today !== today) lastHorizon = { today, horizon: addDays(today, AGREEMENTS_AHEAD_DAYS) };
  return lastHorizon.horizon;
}
let lastHorizon: { today: string; horizon: string } | undefined;

/** Open, dated and due by `horizon` (see agreementHorizon): on today's list, overdue or not. */
export function isAgreementDueBy(agreement: Agreement, horizon: string): boolean {
  return agreement.due !== undefined && agreement.due <= horizon && isAgreementOpen(agreement);
}

export interface DueAgreement {
  id: string;
  familyId: string;
  familyName: string;
  meetingId: string;
  who: string;
  what: string;
  due: string;
  /** Days past the due date; negative: days left. */
  daysOverdue: number;
}

/** A family's open agreements due within AGREEMENTS_AHEAD_DAYS of `today` or overdue. */
export function dueAgreements(family: Family, today: string): DueAgreement[] {
  const horizon = agreementHorizon(today);
  const due: DueAgreement[] = [];
  for (const { meeting, agreement, id } of agreementsOf(family))
    if (isAgreementDueBy(agreement, horizon))
      due.push({
        id,
        familyId: family.id,
        familyName: family.name,
        meetingId: meeting.id,
        who: agreement.who,
        what: agreement.what,
        due: agreement.due as string,
        daysOverdue: daysBetween(agreement.due as string, today),
      });
  return due;
}
