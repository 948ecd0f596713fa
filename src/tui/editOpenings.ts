// What the edit dialogs (`e` on a goal, a meeting or an agreement) open with: the object's values
// as the store has them. Pure, so that a save can ask it again of the store as it is then, and
// see whether another window (a second workbench, a script) changed a field this dialog changed
// too since it opened: sending the dialog's value would overwrite that change unseen.
import { agreementStatusOf, findAgreement } from '../domain/agreements.js';
import { wallClock } from '../domain/dates.js';
import { sanitizeLine } from '../domain/sanitize.js';
import type { Family, State } from '../domain/schema.js';
import type { DialogOpening } from './assessmentDialogs.js';
import { DIALOGS, groupInitial, type DialogState } from './forms.js';

export type EditKind = 'editGoal' | 'editMeeting' | 'editAgreement';

export const isEditKind = (kind: string): kind is EditKind => kind === 'editGoal' || kind === 'editMeeting' || kind === 'editAgreement';

/** The edit dialog of a selected row's kind of object, if it has one here (an assessment's is its own). */
export function editKindOf(rowKind: string | undefined): EditKind | undefined {
  if (rowKind === 'goal') return 'editGoal';
  if (rowKind === 'meeting') return 'editMeeting';
  if (rowKind === 'agreement') return 'editAgreement';
  return undefined;
}

/** A family's members as the choices of a dialog's member field (with '' for the whole family), and 1 … `priorities` as a priority's. */
export function memberChoices(family: Family | undefined, wholeFamily: boolean, priorities?: number): Pick<DialogState, 'choices' | 'labels'> {
  const members = family?.members ?? [];
  return {
    choices: { memberId: [...(wholeFamily ? [''] : []), ...members.map((m) => m.id)], ...(priorities !== undefined && { priority: ['', ...Array.from({ length: priorities }, (_, i) => String(i + 1))] }) },
    labels: Object.fromEntries(members.map((m) => [m.id, sanitizeLine(m.name)])),
  };
}

/** "2026-11-24 09:30": a meeting's start as the dialog takes it, in the local time zone. */
export function localStart(instant: string, timeZone: string): string {
  const local = wallClock(instant, timeZone);
  return `${local.date} ${local.time}`;
}

/** The edit dialog of the object `id` of this kind in the family, or undefined when it has none. */
export function editOpening(family: Family, kind: EditKind, id: string, timeZone: string): DialogOpening | undefined {
  const opening = (initial: Record<string, string>, dynamic: DialogOpening['dynamic'] = {}): DialogOpening => ({ kind, target: id, initial, dynamic });
  switch (kind) {
    case 'editAgreement': {
      const agreement = findAgreement(family, id)?.agreement;
      return agreement && opening({ who: agreement.who, what: agreement.what, due: agreement.due ?? '', status: agreementStatusOf(agreement) });
    }
    case 'editGoal': {
      const goal = family.goals.find((g) => g.id === id);
      return (
        goal &&
        opening(
          { title: goal.title, due: goal.due, memberId: goal.memberId ?? '', priority: goal.priority === undefined ? '' : String(goal.priority), status: goal.status, sector: goal.sector },
          memberChoices(family, true, Math.max(family.goals.length, goal.priority ?? 0)),
        )
      );
    }
    case 'editMeeting': {
      const meeting = family.meetings.find((m) => m.id === id);
      return meeting && opening({ type: meeting.type, start: localStart(meeting.start, timeZone), durationMin: String(meeting.durationMin), place: meeting.place, ...groupInitial(DIALOGS.editMeeting.repeat, meeting.attendees) });
    }
  }
}

/** The same edit dialog opened on the store as it is now; undefined when the object is gone. */
export function editOpeningNow(state: State, kind: EditKind, id: string, timeZone: string): DialogOpening | undefined {
  for (const family of state.families) {
    const opening = editOpening(family, kind, id, timeZone);
    if (opening) return opening;
  }
  return undefined;
}
