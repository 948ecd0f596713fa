// What the edit dialogs (`e` on a goal, a meeting or an agreement) open with: the object's values
// as the store has them. Pure, so that a save can ask it again of the store as it is then (this
// and the assessment's dialogs), and see whether another window (a second workbench, a script)
// changed a field this dialog sends since it opened: sending it would overwrite that change unseen.
import { agreementStatusOf, findAgreement } from '../domain/agreements.js';
import { wallClock } from '../domain/dates.js';
import { sanitizeLine } from '../domain/sanitize.js';
import type { Family, State } from '../domain/schema.js';
import { assessmentDialog, type DialogOpening } from './assessmentDialogs.js';
import { DIALOGS, groupInitial, type DialogState } from './forms.js';
import type { Lang } from './i18n.js';
import { ANALYSIS_ROW, CONCLUSION_ROW, sectionRowId } from './models.js';

export type EditKind = 'editGoal' | 'editMeeting' | 'editAgreement';

const isEditKind = (kind: string): kind is EditKind => kind === 'editGoal' || kind === 'editMeeting' || kind === 'editAgreement';

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

/**
 * The open dialog as it would open on the store as it is now: an edit's object, or the step of
 * the family assessment it writes (whose operations send every field). Undefined when there is
 * nothing to compare with: the object is gone (the store then refuses the operation), the
 * dialog adds rather than edits, or its section was changed in the dialog to another one.
 */
export function reopened(state: State, dialog: DialogState, ctx: { today: string; timeZone: string; lang: Lang }): DialogOpening | undefined {
  if (isEditKind(dialog.kind)) {
    for (const family of state.families) {
      const opening = editOpening(family, dialog.kind, dialog.target, ctx.timeZone);
      if (opening) return opening;
    }
    return undefined;
  }
  const family = state.families.find((f) => f.id === dialog.target);
  if (!family?.assessment) return undefined;
  const sameSection = (name: string) => dialog.values[name] === dialog.initial[name];
  const row =
    dialog.kind === 'assessmentAnalysis'
      ? ANALYSIS_ROW
      : dialog.kind === 'assessmentConclusion'
        ? CONCLUSION_ROW
        : dialog.kind === 'assessmentSection' && sameSection('memberId') && sameSection('method')
          ? sectionRowId(dialog.initial.memberId ?? '', dialog.initial.method ?? '')
          : undefined;
  const opening = row === undefined ? undefined : assessmentDialog(family, row, ctx);
  return opening?.kind === dialog.kind ? opening : undefined;
}
