// famcoord report: how the caseload is doing on the evaluations' indicators, between a baseline and
// a follow-up date. The figures come from caseloadReport (src/domain/report.ts); this file only
// prints them: as tables with bars and sparklines for people, or as JSON or CSV for export.
import type { Command } from 'commander';
import { addMonths, daysBetween } from '../domain/dates.js';
import { caseloadReport, type BaselineFollowUp, type CaseloadReport, type ReplyTimes, type Share } from '../domain/report.js';
import { bar, shareSparkline } from '../domain/sparkline.js';
import { CASE_EVENT_LABELS, EMPLOYMENT_STATUS_LABELS, type CaseEvent, type EmploymentStatus, type Sector } from '../domain/vocabulary.js';
import { checkDate, collect, createContext, type Lang } from './context.js';
import { UsageError } from './errors.js';
import { kroner, sectorLabel } from './labels.js';
import { formatTable, type Column } from './table.js';
import { requireKnownCaseload, unknownFamily } from './known.js';

const fraction = (figure: Share) => (figure.of === 0 ? undefined : figure.n / figure.of);
const percent = (figure: Share) => {
  const f = fraction(figure);
  return f === undefined ? '–' : `${Math.round(f * 100)}%`;
};

/** "████▌░░░░░░░  38%  5/13": the bar, the share and the counts it comes from. */
export function shareCell(figure: Share): string {
  return `${bar(fraction(figure) ?? 0)} ${percent(figure).padStart(4)}  ${figure.n}/${figure.of}`;
}

interface Row {
  label: string;
  cells: string[];
}

function table(headers: string[], rows: Row[]): string {
  const columns: Column<Row>[] = headers.map((header, i) => ({ header, value: (row) => (i === 0 ? row.label : row.cells[i - 1]) }));
  return formatTable(columns, rows);
}

const beforeAfter = (label: string, figure: BaselineFollowUp<Share>): Row => ({ label, cells: [shareCell(figure.baseline), shareCell(figure.followUp)] });
const single = (label: string, figure: Share, note = ''): Row => ({ label, cells: [shareCell(figure) + note] });
const oneDecimal = (value: number | null) => (value === null ? '–' : value.toFixed(1));

const EVENT_ROW: Record<CaseEvent, string> = {
  investigation: 'Children with a child-protection investigation',
  notification: 'Children with a notification of concern',
  placement: 'Children placed',
  'closed-doing-well': 'Children whose case closed, doing well',
};

function replyRows(report: CaseloadReport, lang: Lang): string {
  const entries = Object.entries(report.contactReplyDays.bySector) as Array<[Sector, ReplyTimes]>;
  const longest = Math.max(1, ...entries.map(([, t]) => t.medianDays ?? 0));
  const row = (label: string, times: ReplyTimes): Row => ({
    label,
    cells: [`${bar((times.medianDays ?? 0) / longest)} ${times.medianDays === null ? '–' : `${times.medianDays} d`}`, String(times.replied), String(times.waiting)],
  });
  return table(['CONTACTS OPENED IN THE PERIOD', 'MEDIAN DAYS TO A REPLY', 'REPLIED', 'WAITING'], [
    ...entries.map(([sector, times]) => row(sectorLabel(sector, lang), times)),
    row('All sectors', report.contactReplyDays),
  ]);
}

function trendRows(report: CaseloadReport): string {
  const points = Object.values(report.trend);
  const line = (label: string, pick: (p: (typeof points)[number]) => Share): Row => {
    const shares = points.map(pick);
    const first = shares[0] as Share;
    const last = shares.at(-1) as Share;
    return { label, cells: [`${shareSparkline(shares.map((s) => fraction(s) ?? 0))}  ${percent(first)} → ${percent(last)}`] };
  };
  const dates = Object.keys(report.trend);
  return table([`TREND (${dates.length} dates, ${dates[0]} … ${dates.at(-1)})`, ''], [
    line('Adults on cash benefit', (p) => p.adultsOnCashBenefit),
    line('Children with severe or extensive problems', (p) => p.childrenSevere),
  ]);
}

const medianText = (value: number | null) => (value === null ? '–' : String(value));

/** Touch points over the two periods, and what the interventions cost a month on the two dates. */
function touchPointAndSpendingRows(report: CaseloadReport, lang: Lang, periods: [string, string]): string {
  const { touchPoints, spending } = report;
  const medians = (label: string, figure: BaselineFollowUp<number | null>): Row => ({ label, cells: [medianText(figure.baseline), medianText(figure.followUp)] });
  const money = (label: string, figure: BaselineFollowUp<number>): Row => ({ label, cells: [kroner(figure.baseline), kroner(figure.followUp)] });
  return [
    table(['TOUCH POINTS PER FAMILY (MEDIAN)', ...periods], [medians('Professionals met', touchPoints.professionals), medians('Meetings', touchPoints.meetings)]),
    table(['FEWER TOUCH POINTS', ''], [single('Families that met fewer professionals', touchPoints.professionalsFell), single('Families with fewer meetings', touchPoints.meetingsFell)]),
    table([`SPENDING A MONTH PER FAMILY (${report.families})`, `ON ${report.from}`, `ON ${report.to}`], [
      ...(Object.entries(spending.bySector) as Array<[Sector, BaselineFollowUp<number>]>).map(([sector, figure]) => money(sectorLabel(sector, lang), figure)),
      money('All sectors', spending.perFamilyMonthly),
    ]),
    `Interventions in effect without a cost (left out): ${spending.withoutCost.baseline} on ${report.from}, ${spending.withoutCost.followUp} on ${report.to}.`,
  ].join('\n\n');
}

export function renderReport(report: CaseloadReport, lang: Lang): string {
  const baseline = `BASELINE ${report.from}`;
  const followUp = `FOLLOW-UP ${report.to}`;
  const goals = report.goals;
  const periodDays = daysBetween(report.from, report.to);
  return [
    `Caseload report ${report.from} → ${report.to}: ${report.families} families, ${report.adults} adults, ${report.children} children`,
    table(['BEFORE AND AFTER', baseline, followUp], [
      beforeAfter('Adults on cash benefit', report.adultsOnCashBenefit),
      beforeAfter('Children with severe or extensive problems', report.childrenSevere),
      beforeAfter('Families with overlapping interventions', report.overlappingInterventions.families),
    ]),
    trendRows(report),
    table(['IMPROVED FROM BASELINE TO FOLLOW-UP', ''], [
      single('Adults from cash benefit to job, internship or education', report.adultsFromCashBenefitToWorkOrEducation),
      single("Adults whose quality of life rose", report.adultsQualityOfLifeImproved),
      single("Adults whose functional level rose", report.adultsFunctionalImproved),
      single("Children whose functional level rose", report.childrenFunctionalImproved),
      single("  where an adult's functional level also rose", report.childrenFunctionalImprovedWhereAdultsImproved),
      single('Children whose well-being rose', report.childrenWellbeingImproved),
      single('Families where school absence fell', report.familiesAbsenceFell),
      single('Goals whose progress score rose', goals.progressImproved, `  (mean ${oneDecimal(goals.meanScore.baseline)} → ${oneDecimal(goals.meanScore.followUp)} of 10)`),
      single('Goals completed (of goals not just proposed)', goals.completed),
    ]),
    table(['EMPLOYMENT OF ADULTS', baseline, followUp], (Object.entries(report.employment) as Array<[EmploymentStatus, BaselineFollowUp<Share>]>).map(([status, figure]) => beforeAfter(EMPLOYMENT_STATUS_LABELS[status][lang], figure))),
    table(['CASE EVENTS', `${periodDays} DAYS UP TO ${report.from}`, `${periodDays} DAYS UP TO ${report.to}`], (Object.entries(report.childrenWithEvent) as Array<[CaseEvent, BaselineFollowUp<Share>]>).map(([kind, figure]) => beforeAfter(lang === 'da' ? CASE_EVENT_LABELS[kind].da : EVENT_ROW[kind], figure))),
    replyRows(report, lang),
    touchPointAndSpendingRows(report, lang, [`${periodDays} DAYS UP TO ${report.from}`, `${periodDays} DAYS UP TO ${report.to}`]),
    `Overlapping pairs of interventions in effect: ${report.overlappingInterventions.pairs.baseline} on ${report.from}, ${report.overlappingInterventions.pairs.followUp} on ${report.to}.`,
    'A person counts in a figure only with a value at both dates (n/of: how many of whom). The rules: README, "Caseload report".',
  ].join('\n\n');
}

const isShare = (value: unknown): value is Share =>
  typeof value === 'object' && value !== null && Object.keys(value).length === 2 && 'n' in value && 'of' in value;

/** One CSV row per figure: a share gives n, of and share; a number (a median, a mean, a count) gives value. */
export function reportCsv(report: CaseloadReport): string {
  const rows = [['figure', 'n', 'of', 'share', 'value']];
  const walk = (value: unknown, path: string) => {
    if (isShare(value)) rows.push([path, String(value.n), String(value.of), value.of ? (value.n / value.of).toFixed(4) : '', '']);
    else if (value !== null && typeof value === 'object') for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key);
    else rows.push([path, '', '', '', value === null ? '' : String(value)]);
  };
  walk(report, '');
  return rows.map((row) => row.join(',')).join('\n');
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description("the caseload's outcomes on the evaluations' indicators, between a baseline and a follow-up date")
    .option('--from <YYYY-MM-DD>', 'the baseline date (default: 12 months before --to)')
    .option('--to <YYYY-MM-DD>', 'the follow-up date (default: today)')
    .option('--family <FAMILY_ID>', 'only this family (repeatable; default: the whole caseload)', collect)
    .option('--csv', 'print the figures as CSV: figure,n,of,share,value')
    .addHelpText('after', '\nExamples:\n  famcoord report\n  famcoord report --from 2026-01-01 --to 2026-11-24 --json\n  famcoord report --family f3 --family f7 --csv > report.csv')
    .action(async (o: { from?: string; to?: string; family?: string[]; csv?: boolean }, command: Command) => {
      const ctx = createContext(command);
      if (ctx.json && o.csv) throw new UsageError('choose one of --json and --csv');
      const to = o.to === undefined ? ctx.today : checkDate(o.to, '--to');
      const from = o.from === undefined ? addMonths(to, -12) : checkDate(o.from, '--from');
      if (from >= to) throw new UsageError(`--from must be before --to (${to}), e.g. --from ${addMonths(to, -12)}`);
      const store = await ctx.openStore();
      const state = await store.read(ctx.scope());
      await requireKnownCaseload(ctx, store, state.families.length);
      const known = new Set(state.families.map((f) => f.id));
      const unknown = o.family?.find((id) => !known.has(id));
      if (unknown !== undefined) throw await unknownFamily(store, unknown, { scope: ctx.scope(), flag: '--family' });
      const report = caseloadReport(state, { from, to, ...(o.family && { familyIds: o.family }) });
      if (ctx.json) await ctx.printJson(report);
      else if (o.csv) ctx.print(reportCsv(report));
      else ctx.print(report.families === 0 ? 'No families to report on. Add one with famcoord families add --name "Familien Jensen", or try famcoord demo' : renderReport(report, ctx.lang));
    });
}
