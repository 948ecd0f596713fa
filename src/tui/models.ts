// What each screen shows, as plain data: panels of rows with ids, kinds and sanitised cell texts.
// Rendering and key handling read the same model, so "the selected row" means one thing.
import { familyMatches } from '../domain/find.js';
import { sanitizeLine } from '../domain/sanitize.js';
import type { Family, State } from '../domain/schema.js';
import { bar, scoreSparkline, shareSparkline } from '../domain/sparkline.js';
import { caseloadReport, type Share } from '../domain/report.js';
import { fraction, isPaired, reportSections } from '../domain/reportSections.js';
import { addMonths } from '../domain/dates.js';
import { familiesView, familyPlan, todayView, type FamilyPlan, type OpenContact, type TodayView } from '../domain/views.js';
import type { DecisionItem } from '../domain/decisions.js';
import { samePerson } from '../domain/people.js';
import { teamOverview, type CoordinatorOverview } from '../domain/teamOverview.js';
import { dayTimeText, decimalText, numericDate } from '../domain/dateFormat.js';
import { ASSESSMENT_METHOD_LABELS, CONTACT_STATUS_LABELS, DECISION_STATUS_LABELS, GOAL_STATUS_LABELS, labelOf, MEETING_TYPE_LABELS, PLAN_SOURCE_LABELS, SECTION_STATUS_LABELS, SECTOR_LABELS, type PlanSource } from '../domain/vocabulary.js';
import { collisionsIfApproved, meetingClashes, type Collision, type CollisionKind, type PurposeTable } from '../domain/collisions.js';
import type { AssessmentView } from '../domain/assessment.js';
import { assessmentLine } from '../domain/assessmentWords.js';
import { shortDate, type Lang, type Translate } from './i18n.js';
import type { ColumnSpec } from './layout.js';

/**
 * What a row is; 'figure' (a report line), 'intervention' and 'assessment' rows (a section, the
 * analysis or the conclusion of the family assessment, which `e` edits) have nothing to open.
 * 'transfer' and 'decision' wait for the user's answer (y/n); 'transferAsked' and 'decided' are to see.
 */
export type RowKind = 'meeting' | 'goal' | 'contact' | 'agreement' | 'family' | 'intervention' | 'figure' | 'assessment' | 'transfer' | 'transferAsked' | 'decision' | 'decided';

export interface Row {
  id: string;
  kind: RowKind;
  familyId: string;
  cells: string[];
  /** Shown as a warning: reply-by passed, overlapping intervention. */
  warn?: boolean;
}

export interface Column extends ColumnSpec {
  header: string;
  align?: 'left' | 'right';
}

export interface PanelModel {
  title: string;
  columns: Column[];
  rows: Row[];
}

const col = (header: string, min: number, grow: number, align?: 'right', max?: number): Column => ({ header, min, grow, ...(align && { align }), ...(max !== undefined && { max }) });
/** A text column that stops growing at `max`. */
const capped = (header: string, min: number, grow: number, max: number): Column => col(header, min, grow, undefined, max);
const clean = (text: string | undefined) => sanitizeLine(text ?? '');

export interface ViewContext {
  today: string;
  timeZone: string;
  lang: Lang;
  t: Translate;
  /** The table of same-purpose interventions (default: the domain's). */
  purposes?: PurposeTable;
  /** Whose day Today is on a team's store (see TodayRows); undefined on one person's store. */
  person?: string;
  /** The caseload the families list shows (--caseload); the whole store read when undefined. */
  caseload?: string;
}

const COLLISION_WORD: Record<CollisionKind, 'overlaps' | 'samePurpose' | 'meetingClash'> = { 'same-kind': 'overlaps', 'same-purpose': 'samePurpose', 'meeting-clash': 'meetingClash' };

/** Before an approval: what a proposed intervention would overlap once in force ("once approved it overlaps i1 (OVERLAP)"). */
export function overlapsIfApprovedText(family: Family, interventionId: string, ctx: ViewContext): string {
  const overlaps = collisionsIfApproved(family, interventionId, ctx.purposes);
  if (overlaps.length === 0) return ctx.t('noOverlapsIfApproved');
  return `${ctx.t('overlapsIfApproved')} ${overlaps.map((c) => `${c.ids.filter((id) => id !== interventionId).join(' ')} (${ctx.t(COLLISION_WORD[c.kind])})`).join(', ')}`;
}

/** Each intervention's or meeting's collisions as the words shown beside it ("SAME PURPOSE"). */
function collisionMarks(collisions: readonly Collision[], t: Translate): Map<string, string> {
  const kinds = new Map<string, Set<CollisionKind>>();
  for (const c of collisions) for (const id of c.ids) kinds.set(id, (kinds.get(id) ?? new Set()).add(c.kind));
  return new Map([...kinds].map(([id, set]) => [id, [...set].map((kind) => t(COLLISION_WORD[kind])).join(', ')]));
}

/** The column of collision marks: as wide as the longest mark among these rows, at least `min`. */
function markColumn(marks: ReadonlyMap<string, string>, ids: readonly string[], min: number): Column {
  return col('', Math.max(min, ...ids.map((id) => [...(marks.get(id) ?? '')].length)), 0);
}

export function todayPanels(state: State, ctx: ViewContext): PanelModel[] {
  const { t, lang } = ctx;
  const view = todayView(state, ctx.today, ctx.timeZone, ctx.person);
  // A meeting today that overlaps another with the same person: marked, so the clash is seen in the morning.
  const meetingToday = new Set(view.meetings.map((m) => m.familyId));
  const clashing = new Set(state.families.filter((f) => meetingToday.has(f.id)).flatMap((f) => meetingClashes(f).flatMap((c) => c.pair.map((m) => m.id))));
  return [
    {
      title: t('meetingsToday'),
      // The time column holds "10:00!": a clash is marked as a passed reply-by date is.
      columns: [col(t('time'), 6, 0), capped(t('family'), 12, 2, 30), capped(t('type'), 10, 1, 24), capped(t('place'), 8, 1, 28), col(t('attendees'), 8, 2)],
      rows: view.meetings.map((m) => ({ id: m.id, kind: 'meeting', familyId: m.familyId, warn: clashing.has(m.id), cells: [`${m.time}${clashing.has(m.id) ? '!' : ''}`, clean(m.familyName), MEETING_TYPE_LABELS[m.type][lang], clean(m.place), clean(m.attendees.map((a) => a.name).join(', '))] })),
    },
    {
      title: t('overdueGoals'),
      columns: [col(t('daysOverdue'), 4, 0, 'right'), capped(t('family'), 12, 2, 30), capped(t('member'), 8, 1, 26), col(t('goal'), 14, 4)],
      rows: view.overdueGoals.map((g) => ({ id: g.id, kind: 'goal', familyId: g.familyId, cells: [String(g.daysOverdue), clean(g.familyName), clean(g.memberName ?? t('wholeFamily')), clean(g.title)] })),
    },
    {
      title: t('agreements'),
      columns: [col(t('daysOverdue'), 4, 0, 'right'), col(t('due'), 11, 0), capped(t('who'), 8, 1, 24), col(t('what'), 14, 4), capped(t('family'), 10, 2, 30)],
      // Days overdue; one not yet due shows its date only.
      rows: view.agreements.map((a) => ({ id: a.id, kind: 'agreement', familyId: a.familyId, warn: a.daysOverdue > 0, cells: [a.daysOverdue > 0 ? String(a.daysOverdue) : '', shortDate(a.due, lang, ctx.today), clean(a.who), clean(a.what), clean(a.familyName)] })),
    },
    {
      title: t('openContacts'),
      columns: [col(t('waiting'), 7, 0, 'right'), col(t('replyBy'), 11, 0), capped(t('sector'), 8, 1, 20), col(t('subject'), 14, 4), capped(t('family'), 10, 2, 30), col(t('consent'), 7, 0)],
      rows: view.openContacts.map((c) => ({
        id: c.id,
        kind: 'contact',
        familyId: c.familyId,
        warn: c.replyByPassed || c.consentMissing,
        cells: [`${c.daysWaiting}${t('waitingDays')}`, replyByText(c, ctx), SECTOR_LABELS[c.sector][lang], clean(c.subject), clean(c.familyName), c.consentMissing ? t('consentMissing') : ''],
      })),
    },
    ...teamPanels(view, ctx),
  ];
}

/**
 * Today's transfers and decisions, each panel only when it has rows (after the others, so the
 * panels before keep their places when one goes).
 */
function teamPanels(view: TodayView, ctx: ViewContext): PanelModel[] {
  const { t, lang } = ctx;
  const day = (date: string | undefined) => (date === undefined ? '' : shortDate(date, lang, ctx.today));
  const decisionCells = (d: DecisionItem) => [clean(d.familyName), clean(d.memberName ?? d.memberId), SECTOR_LABELS[d.sector][lang], clean(d.kind)];
  const decisionColumns = [capped(t('family'), 10, 2, 30), capped(t('member'), 8, 1, 20), capped(t('sector'), 8, 1, 20), col(t('kind'), 10, 3)];
  const panels: PanelModel[] = [
    {
      title: t('transfers'),
      columns: [capped(t('family'), 10, 2, 30), capped(t('transferFrom'), 8, 1, 24), capped(t('transferTo'), 8, 1, 24), col(t('asked'), 8, 0), col(t('status'), 12, 2)],
      rows: view.transfers.map((x) => ({ id: x.familyId, kind: x.toMe ? 'transfer' : 'transferAsked', familyId: x.familyId, warn: x.toMe, cells: [clean(x.familyName), clean(x.from), clean(x.to), day(x.asked), x.toMe ? t('yoursToAnswer') : t('waitingForReceiver')] })),
    },
    {
      title: t('decisionsWaiting'),
      columns: [...decisionColumns, capped(t('proposedBy'), 8, 1, 24), capped(t('authority'), 8, 1, 24)],
      rows: view.decisionsWaiting.map((d) => ({ id: d.interventionId, kind: 'decision', familyId: d.familyId, warn: true, cells: [...decisionCells(d), clean(d.proposedBy), clean(d.holder)] })),
    },
    {
      title: t('recentDecisions'),
      columns: [col(t('decision'), 9, 0), ...decisionColumns, capped(t('decidedBy'), 8, 1, 24), col(t('reason'), 8, 2)],
      rows: view.recentDecisions.map((d) => ({ id: d.interventionId, kind: 'decided', familyId: d.familyId, cells: [labelOf(DECISION_STATUS_LABELS, d.status, lang), ...decisionCells(d), clean(d.by), clean(d.reason)] })),
    },
  ];
  return panels.filter((panel) => panel.rows.length > 0);
}

/** The lead's overview (src/domain/teamOverview.ts): a line per coordinator. */
export function overviewPanels(state: State, ctx: ViewContext): { title: string; panels: PanelModel[] } {
  const { t, lang } = ctx;
  const overview = teamOverview(state.families, ctx.today);
  const replies = (c: CoordinatorOverview) =>
    (Object.entries(c.replyDays) as Array<[keyof typeof SECTOR_LABELS, { medianDays: number | null; replied: number }]>)
      .map(([sector, r]) => `${SECTOR_LABELS[sector][lang]} ${r.medianDays === null ? '–' : decimalText(r.medianDays, lang)}`)
      .join(' · ');
  return {
    title: `${t('teamOverview')} · ${t('repliesSince')} ${numericDate(overview.repliesSince, lang)}`,
    panels: [
      {
        title: t('teamOverview'),
        columns: [capped(t('coordinator'), 16, 2, 28), ...(['caseload', 'overdue', 'contacts', 'transfersOutIn', 'decisionsWaitingShort'] as const).map((key) => col(t(key), [...t(key)].length, 0, 'right')), col(t('medianReplyDays'), 12, 4)],
        rows: overview.coordinators.map((c) => ({
          id: c.coordinator ?? '',
          kind: 'figure',
          familyId: '',
          warn: c.overdueGoals > 0 || c.decisionsWaiting > 0,
          cells: [c.coordinator === null ? t('noCoordinator') : clean(c.coordinator), String(c.families), String(c.overdueGoals), String(c.waitingContacts), `${c.transfersOut}/${c.transfersIn}`, String(c.decisionsWaiting), replies(c)],
        })),
      },
    ],
  };
}

/** A contact's reply-by date: marked when passed, and said as "i morgen" / "om 2 dage" when it is near. */
function replyByText(contact: OpenContact, ctx: ViewContext): string {
  const { t, lang } = ctx;
  if (contact.replyBy === undefined) return '';
  const left = contact.replyByDaysLeft;
  if (left === undefined) return `${shortDate(contact.replyBy, lang, ctx.today)}${contact.replyByPassed ? t('passed') : ''}`;
  return left === 0 ? t('replyToday') : left === 1 ? t('replyTomorrow') : t('replyInDays').replace('{n}', String(left));
}

/** The caseload, filtered by a text typed after `/`: names, ids and goal titles (familyMatches). */
export function familiesPanel(state: State, ctx: ViewContext, filter: string): PanelModel {
  const { t, lang } = ctx;
  const matching = filter.trim() ? new Set(state.families.filter((f) => familyMatches(f, filter)).map((f) => f.id)) : undefined;
  // Today's read may hold families beyond the caseload (a transfer to the user): the list is the caseload.
  const caseload = ctx.caseload;
  const rows = familiesView(state, ctx.today, ctx.timeZone).filter((f) => (!matching || matching.has(f.id)) && (caseload === undefined || samePerson(caseload, f.coordinator)));
  return {
    title: t('families'),
    columns: [col('ID', 4, 0), capped(t('family'), 14, 3, 40), col(t('adults'), 3, 0, 'right'), col(t('children'), 3, 0, 'right'), col(t('overdue'), 4, 0, 'right'), col(t('contacts'), 4, 0, 'right'), col(t('nextMeeting'), 16, 0), col(t('coordinator'), 8, 1)],
    rows: rows.map((f) => ({
      id: f.id,
      kind: 'family',
      familyId: f.id,
      warn: f.overdueGoals > 0,
      cells: [f.id, clean(f.name), String(f.adults), String(f.children), String(f.overdueGoals), String(f.openContacts), f.nextMeeting ? dayTimeText(f.nextMeeting, ctx.timeZone, lang, ctx.today) : '', clean(f.coordinator)],
    })),
  };
}

export function familyModel(state: State, familyId: string, ctx: ViewContext): { plan: FamilyPlan; panels: PanelModel[] } | undefined {
  const plan = familyPlan(state, familyId, ctx.today, ctx.timeZone, ctx.purposes);
  if (!plan) return undefined;
  const { t, lang } = ctx;
  const marks = collisionMarks(plan.collisions, t);
  // An intervention not in force shows why: proposed (waiting for the authority) or rejected.
  const interventionNotes = new Map(plan.interventions.map((i) => [i.id, [i.decision && i.decision.status !== 'approved' ? labelOf(DECISION_STATUS_LABELS, i.decision.status, lang) : '', marks.get(i.id) ?? ''].filter(Boolean).join(', ')]));
  // The plan a goal or intervention comes from: a column only when one of them says, so a family
  // recorded without sources keeps the room for its titles.
  const sourceColumn = (items: ReadonlyArray<{ source?: PlanSource }>) => (items.some((item) => item.source !== undefined) ? [capped(t('planSource'), 8, 1, 20)] : []);
  const sourceCell = (items: ReadonlyArray<{ source?: PlanSource }>, source: PlanSource | undefined) => (sourceColumn(items).length > 0 ? [source ? PLAN_SOURCE_LABELS[source][lang] : ''] : []);
  return {
    plan,
    panels: [
      {
        title: t('goals'),
        columns: [col('#', 2, 0, 'right'), col(t('goal'), 16, 4), capped(t('member'), 8, 1, 26), ...sourceColumn(plan.goals), col(t('due'), 11, 0), col(t('status'), 12, 0), col(t('progress'), 14, 0)],
        rows: plan.goals.map((g) => ({
          id: g.id,
          kind: 'goal',
          familyId,
          warn: g.daysOverdue > 0,
          cells: [String(g.priority ?? ''), clean(g.title), clean(g.memberName ?? t('wholeFamily')), ...sourceCell(plan.goals, g.source), `${shortDate(g.due, lang, ctx.today)}${g.daysOverdue > 0 ? t('passed') : ''}`, labelOf(GOAL_STATUS_LABELS, g.status, lang), `${scoreSparkline(g.progress.map((p) => p.score), 8)} ${g.progress.at(-1)?.score ?? '-'}/10`],
        })),
      },
      {
        title: t('upcomingMeetings'),
        columns: [col(t('when'), 16, 0), capped(t('type'), 10, 1, 24), capped(t('place'), 8, 2, 30), col(t('attendees'), 8, 2), markColumn(marks, plan.upcomingMeetings.map((m) => m.id), 1)],
        rows: plan.upcomingMeetings.map((m) => ({ id: m.id, kind: 'meeting', familyId, warn: marks.has(m.id), cells: [dayTimeText(m.start, ctx.timeZone, lang, ctx.today), MEETING_TYPE_LABELS[m.type][lang], clean(m.place), clean(m.attendees.map((a) => a.name).join(', ')), marks.get(m.id) ?? ''] })),
      },
      {
        title: t('openContacts'),
        columns: [col(t('waiting'), 7, 0, 'right'), col(t('replyBy'), 11, 0), capped(t('sector'), 8, 1, 20), col(t('subject'), 14, 4), col(t('status'), 8, 0)],
        rows: plan.openContacts.map((c) => ({ id: c.id, kind: 'contact', familyId, warn: c.replyByPassed, cells: [`${c.daysWaiting}${t('waitingDays')}`, replyByText(c, ctx), SECTOR_LABELS[c.sector][lang], clean(c.subject), labelOf(CONTACT_STATUS_LABELS, c.status, lang)] })),
      },
      {
        title: t('interventions'),
        columns: [capped(t('member'), 8, 1, 26), capped(t('sector'), 8, 1, 20), col(t('kind'), 10, 3), ...sourceColumn(plan.interventions), col(t('from'), 10, 0), col(t('to'), 10, 0), markColumn(interventionNotes, plan.interventions.map((i) => i.id), 7)],
        rows: plan.interventions.map((i) => ({ id: i.id, kind: 'intervention', familyId, warn: marks.has(i.id), cells: [clean(i.memberName ?? i.memberId), SECTOR_LABELS[i.sector][lang], clean(i.kind), ...sourceCell(plan.interventions, i.source), shortDate(i.from, lang, ctx.today), i.to ? shortDate(i.to, lang, ctx.today) : '…', interventionNotes.get(i.id) ?? ''] })),
      },
      // Last, so the other panels keep their places; only once the assessment has started.
      ...(plan.assessment ? [assessmentPanel(plan.assessment, familyId, ctx)] : []),
    ],
  };
}

/** The id of a section's row on the family screen: what `e` opens the section dialog on. */
export const sectionRowId = (memberId: string, method: string) => `section:${memberId}:${method}`;
export const ANALYSIS_ROW = 'analysis';
export const CONCLUSION_ROW = 'conclusion';

/**
 * The family assessment: its stage in the title ("venter på TAM · 4/4 afsnit færdige"), a row per
 * section with its status and summary, then the analysis and the TAM's conclusion.
 */
function assessmentPanel(view: AssessmentView, familyId: string, ctx: ViewContext): PanelModel {
  const { t, lang } = ctx;
  const step = (done: boolean) => labelOf(SECTION_STATUS_LABELS, done ? 'done' : 'not-started', lang);
  const row = (id: string, cells: string[], warn = false): Row => ({ id, kind: 'assessment', familyId, warn, cells });
  return {
    title: `${t('assessment')}: ${assessmentLine(view, lang, 1)}`,
    columns: [capped(t('member'), 8, 1, 24), capped(t('method'), 8, 1, 30), col(t('status'), 12, 0), col(t('summary'), 14, 4)],
    rows: [
      ...view.sections.map((s) => row(sectionRowId(s.memberId, s.method), [clean(s.memberName ?? s.memberId), ASSESSMENT_METHOD_LABELS[s.method][lang], labelOf(SECTION_STATUS_LABELS, s.status, lang), clean(s.summary)])),
      row(ANALYSIS_ROW, ['', t('assessmentAnalysis'), step(view.analysis !== undefined), clean(view.analysis?.summary)]),
      row(CONCLUSION_ROW, ['', view.conclusion ? `${t('tamMeeting')} ${view.conclusion.meetingId}` : t('tamMeeting'), step(view.conclusion !== undefined), clean(view.conclusion?.text)]),
    ],
  };
}

/** "██▌░░░ 38% 5/13": a share as a bar, a percentage and the counts it comes from. */
function shareText(figure: Share): string {
  if (figure.of === 0) return `${bar(0, 8)}    – 0/0`;
  return `${bar(figure.n / figure.of, 8)} ${`${Math.round((figure.n / figure.of) * 100)}%`.padStart(4)} ${figure.n}/${figure.of}`;
}

/**
 * The caseload report (src/domain/report.ts) for the last twelve months, as panels: the
 * evaluations' figures at baseline and follow-up with bars, and reply times by sector.
 */
export function reportPanels(state: State, ctx: ViewContext): { title: string; panels: PanelModel[] } {
  const { t, lang } = ctx;
  const from = addMonths(ctx.today, -12);
  const report = caseloadReport(state, { from, to: ctx.today });
  // Every share figure the printed report has, in its words (src/domain/reportSections.ts), with
  // the trend's sparkline beside the figures the trend follows.
  const sections = reportSections(report, lang);
  const sparklines = new Map(sections.trend.lines.map((line) => [line.label, shareSparkline(line.shares.map((share) => fraction(share) ?? 0))]));
  const figures: Row[] = [sections.beforeAfter, sections.improved, sections.caseEvents, sections.fewerTouchPoints].flatMap((section) =>
    section.rows.map(({ label, figure }, index): Row => ({
      id: `${section.heading}.${index}`,
      kind: 'figure',
      familyId: '',
      cells: [label, isPaired(figure) ? shareText(figure.baseline) : '', shareText(isPaired(figure) ? figure.followUp : figure), sparklines.get(label) ?? ''],
    })),
  );
  const sectors = Object.entries(report.contactReplyDays.bySector) as Array<[keyof typeof SECTOR_LABELS, { medianDays: number | null; replied: number; waiting: number }]>;
  const longest = Math.max(1, ...sectors.map(([, r]) => r.medianDays ?? 0));
  return {
    title: `${t('report')} ${numericDate(from, lang)} → ${numericDate(ctx.today, lang)}: ${report.families} ${t('families').toLowerCase()}, ${report.adults} ${t('adults').toLowerCase()}, ${report.children} ${t('childrenLong')}`,
    panels: [
      {
        title: t('reportFigures'),
        columns: [col(t('reportFigure'), 20, 3), col(numericDate(from, lang), 19, 0), col(numericDate(ctx.today, lang), 19, 0), col(t('trend'), 5, 0)],
        rows: figures,
      },
      {
        title: t('reportReplyTimes'),
        columns: [capped(t('sector'), 12, 1, 24), col(t('reportMedianDays'), 16, 1), col(t('reportReplied'), 6, 0, 'right'), col(t('waiting'), 7, 0, 'right')],
        rows: sectors.map(([sector, r]) => ({ id: sector, kind: 'figure', familyId: '', cells: [SECTOR_LABELS[sector][lang], r.medianDays === null ? '–' : `${bar(r.medianDays / longest, 8)} ${decimalText(r.medianDays, lang)} d`, String(r.replied), String(r.waiting)] })),
      },
    ],
  };
}
