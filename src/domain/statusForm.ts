// The status form of a flerfagligt statusmøde (FFS, DOMAIN.md "Meeting types"): the caseworker,
// the partners and the family fill it in together during the meeting, instead of written
// statements. Per goal: the family's view, each department's view and the status they agreed.
// Stored with the meeting (`statusForm`); printed with its minutes.
import { OperationError } from './errors.js';
import type { Family, Meeting, StatusFormRow } from './schema.js';
import type { Sector, StatusFormStatus } from './vocabulary.js';

export interface StatusFormChange {
  goalId: string;
  /** Empty text takes the family's view away. */
  familyView?: string | undefined;
  /** Each department's view, by sector: replaces that sector's view; an empty view takes it away. */
  views?: ReadonlyArray<{ sector: Sector; view: string }> | undefined;
  agreedStatus?: StatusFormStatus | undefined;
  /** Empty text takes it away. */
  agreed?: string | undefined;
}

/** A text as the form keeps it: trimmed, and gone when empty; undefined leaves what was there. */
const textOr = (given: string | undefined, was: string | undefined) => (given === undefined ? was : given.trim() || undefined);

/**
 * The meeting's status form with one goal's row added or changed. Only an FFS has one, and the goal
 * must be one of the meeting's family's.
 */
export function withStatusFormRow(family: Family, meeting: Meeting, change: StatusFormChange): StatusFormRow[] {
  if (meeting.type !== 'flerfagligt-statusmøde') throw new OperationError(`meeting ${meeting.id} is a ${meeting.type}; a status form belongs to a flerfagligt-statusmøde (FFS)`);
  if (!family.goals.some((g) => g.id === change.goalId)) throw new OperationError(`no goal ${change.goalId} in family ${family.id}, the family of meeting ${meeting.id}`);
  const form = meeting.statusForm ?? [];
  const index = form.findIndex((row) => row.goalId === change.goalId);
  const was: StatusFormRow = form[index] ?? { goalId: change.goalId, views: [] };
  const views = [...was.views];
  for (const { sector, view } of change.views ?? []) {
    const at = views.findIndex((v) => v.sector === sector);
    const text = view.trim();
    if (at >= 0 && text) views[at] = { ...views[at], sector, view: text };
    else if (at >= 0) views.splice(at, 1);
    else if (text) views.push({ sector, view: text });
  }
  const { familyView: _familyView, agreedStatus: _agreedStatus, agreed: _agreed, views: _views, ...kept } = was;
  const familyView = textOr(change.familyView, was.familyView);
  const agreedStatus = change.agreedStatus ?? was.agreedStatus;
  const agreed = textOr(change.agreed, was.agreed);
  const row: StatusFormRow = { ...kept, ...(familyView !== undefined && { familyView }), views, ...(agreedStatus !== undefined && { agreedStatus }), ...(agreed !== undefined && { agreed }) };
  return index < 0 ? [...form, row] : form.map((r, i) => (i === index ? row : r));
}

export interface StatusFormLine extends StatusFormRow {
  /** The goal's title, or its id when the goal is no longer in the family. */
  goalTitle: string;
  memberName?: string;
}

/** The meeting's status form with each goal's title and whose goal it is, in the order it was filled in. */
export function statusFormLines(family: Family, meeting: Meeting): StatusFormLine[] {
  return (meeting.statusForm ?? []).map((row) => {
    const goal = family.goals.find((g) => g.id === row.goalId);
    const member = goal?.memberId === undefined ? undefined : family.members.find((m) => m.id === goal.memberId);
    return { ...row, goalTitle: goal?.title ?? row.goalId, ...(member && { memberName: member.name }) };
  });
}
