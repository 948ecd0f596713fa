// Which dialog the workbench opens for the family assessment and an FFS's status form, and with
// what values: pure, so the keys' choices are tested without a screen. The dialogs themselves are
// in forms.ts.
import { assessmentView } from '../domain/assessment.js';
import { dayTimeText } from '../domain/dateFormat.js';
import { sanitizeLine } from '../domain/sanitize.js';
import type { Family, Meeting } from '../domain/schema.js';
import { MEETING_TYPE_LABELS, type Lang } from '../domain/vocabulary.js';
import { DIALOGS, groupInitial, type DialogKind, type DialogState } from './forms.js';
import { ANALYSIS_ROW, CONCLUSION_ROW, sectionRowId } from './models.js';

export interface DialogOpening {
  kind: DialogKind;
  target: string;
  initial: Record<string, string>;
  dynamic: Pick<DialogState, 'choices' | 'labels'>;
}

interface Context {
  today: string;
  timeZone: string;
  lang: Lang;
}

/**
 * `A` on a family, or `e` on a line of its assessment panel: starts the assessment when there is
 * none; otherwise opens the line selected (a section, the analysis, the conclusion), or else the
 * first step missing.
 */
export function assessmentDialog(family: Family, selectedRowId: string | undefined, ctx: Context): DialogOpening {
  if (!family.assessment) return { kind: 'startAssessment', target: family.id, initial: { date: ctx.today }, dynamic: {} };
  const view = assessmentView(family);
  const firstMissing = view.missing[0];
  const rowId =
    selectedRowId ??
    (firstMissing?.kind === 'section' ? sectionRowId(firstMissing.memberId, firstMissing.method) : firstMissing?.kind === 'analysis' ? ANALYSIS_ROW : CONCLUSION_ROW);
  if (rowId === ANALYSIS_ROW) return { kind: 'assessmentAnalysis', target: family.id, initial: { summary: view.analysis?.summary ?? '' }, dynamic: {} };
  if (rowId === CONCLUSION_ROW) {
    const tams = family.meetings.filter((m) => m.type === 'tværfagligt-analysemøde').sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
    const meetingLabel = (m: Meeting) => `${MEETING_TYPE_LABELS[m.type][ctx.lang]} ${dayTimeText(m.start, ctx.timeZone, ctx.lang, ctx.today)} (${m.id})`;
    return {
      kind: 'assessmentConclusion',
      target: family.id,
      initial: { meetingId: view.conclusion?.meetingId ?? tams[0]?.id ?? '', conclusion: view.conclusion?.text ?? '' },
      dynamic: { choices: { meetingId: tams.map((m) => m.id) }, labels: Object.fromEntries(tams.map((m) => [m.id, meetingLabel(m)])) },
    };
  }
  const section = view.sections.find((s) => sectionRowId(s.memberId, s.method) === rowId) ?? view.sections[0];
  return {
    kind: 'assessmentSection',
    target: family.id,
    initial: section ? { memberId: section.memberId, method: section.method, status: section.status, summary: section.summary ?? '' } : {},
    dynamic: { choices: { memberId: family.members.map((m) => m.id) }, labels: Object.fromEntries(family.members.map((m) => [m.id, sanitizeLine(m.name)])) },
  };
}

/** `s` on an FFS: the status form opened on the first goal not filled in yet (else the first), with its row. */
export function statusFormDialog(family: Family, meeting: Meeting): DialogOpening {
  const form = meeting.statusForm ?? [];
  const goal = family.goals.find((g) => !form.some((row) => row.goalId === g.id)) ?? family.goals[0];
  const row = form.find((r) => r.goalId === goal?.id);
  return {
    kind: 'statusForm',
    target: meeting.id,
    initial: {
      goalId: goal?.id ?? '',
      familyView: row?.familyView ?? '',
      agreedStatus: row?.agreedStatus ?? '',
      agreed: row?.agreed ?? '',
      ...groupInitial(DIALOGS.statusForm.repeat, row?.views ?? []),
    },
    dynamic: { choices: { goalId: family.goals.map((g) => g.id) }, labels: Object.fromEntries(family.goals.map((g) => [g.id, sanitizeLine(g.title)])) },
  };
}
