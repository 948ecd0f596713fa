// famcoord report: how the caseload is doing on the evaluations' indicators, between a baseline and
// a follow-up date. The figures come from caseloadReport (src/domain/report.ts); this file only
// prints them: as tables with bars and sparklines for people, or as JSON or CSV for export.
import type { Command } from 'commander';
import { decimalText, numericDate } from '../domain/dateFormat.js';
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
const oneDecimal = (value: number | null, lang: Lang) => (value === null ? '–' : decimalText(value, lang, 1));

/** The report's words; its figures' names follow the evaluations' (DOMAIN.md, "What is measured"). */
const REPORT_WORDS = {
  en: {
    title: (from: string, to: string, r: CaseloadReport) => `Caseload report ${from} → ${to}: ${r.families} families, ${r.adults} adults, ${r.children} children`,
    beforeAndAfter: 'BEFORE AND AFTER',
    baseline: 'BASELINE',
    followUp: 'FOLLOW-UP',
    cashBenefit: 'Adults on cash benefit',
    childrenSevere: 'Children with severe or extensive problems',
    overlapping: 'Families with overlapping interventions',
    trend: (count: number, first: string, last: string) => `TREND (${count} dates, ${first} … ${last})`,
    improved: 'IMPROVED FROM BASELINE TO FOLLOW-UP',
    toWork: 'Adults from cash benefit to job, internship or education',
    qualityOfLife: 'Adults whose quality of life rose',
    adultsFunctional: 'Adults whose functional level rose',
    childrenFunctional: 'Children whose functional level rose',
    whereAdults: "  where an adult's functional level also rose",
    wellbeing: 'Children whose well-being rose',
    absence: 'Families where school absence fell',
    goalsUp: 'Goals whose progress score rose',
    mean: (from: string, to: string) => `  (mean ${from} → ${to} of 10)`,
    goalsCompleted: 'Goals completed (of goals not just proposed)',
    employment: 'EMPLOYMENT OF ADULTS',
    caseEvents: 'CASE EVENTS',
    daysUpTo: (days: number, date: string) => `${days} DAYS UP TO ${date}`,
    contactsOpened: 'CONTACTS OPENED IN THE PERIOD',
    medianDays: 'MEDIAN DAYS TO A REPLY',
    replied: 'REPLIED',
    waiting: 'WAITING',
    allSectors: 'All sectors',
    pairs: (baseline: number, from: string, followUp: number, to: string) => `Overlapping pairs of interventions in effect: ${baseline} on ${from}, ${followUp} on ${to}.`,
    rules: 'A person counts in a figure only with a value at both dates (n/of: how many of whom). The rules: README, "Caseload report".',
    touchPoints: 'TOUCH POINTS PER FAMILY (MEDIAN)',
    professionalsMet: 'Professionals met',
    meetings: 'Meetings',
    fewerTouchPoints: 'FEWER TOUCH POINTS',
    fewerProfessionals: 'Families that met fewer professionals',
    fewerMeetings: 'Families with fewer meetings',
    spending: (families: number) => `SPENDING A MONTH PER FAMILY (${families})`,
    on: (date: string) => `ON ${date}`,
    withoutCost: (baseline: number, from: string, followUp: number, to: string) => `Interventions in effect without a cost (left out): ${baseline} on ${from}, ${followUp} on ${to}.`,
    events: {
      investigation: 'Children with a child-protection investigation',
      notification: 'Children with a notification of concern',
      placement: 'Children placed',
      'closed-doing-well': 'Children whose case closed, doing well',
    } satisfies Record<CaseEvent, string>,
  },
  da: {
    title: (from: string, to: string, r: CaseloadReport) => `Resultater ${from} → ${to}: ${r.families} familier, ${r.adults} voksne, ${r.children} børn`,
    beforeAndAfter: 'FØR OG EFTER',
    baseline: 'START',
    followUp: 'OPFØLGNING',
    cashBenefit: 'Voksne på kontanthjælp',
    childrenSevere: 'Børn med svære eller omfattende problemer',
    overlapping: 'Familier med overlappende indsatser',
    trend: (count: number, first: string, last: string) => `UDVIKLING (${count} datoer, ${first} … ${last})`,
    improved: 'BEDRE FRA START TIL OPFØLGNING',
    toWork: 'Voksne fra kontanthjælp til job, praktik eller uddannelse',
    qualityOfLife: 'Voksne med højere livskvalitet',
    adultsFunctional: 'Voksne med højere funktionsniveau',
    childrenFunctional: 'Børn med højere funktionsniveau',
    whereAdults: '  hvor en voksens funktionsniveau også steg',
    wellbeing: 'Børn med bedre trivsel',
    absence: 'Familier hvor skolefraværet faldt',
    goalsUp: 'Mål med stigende score',
    mean: (from: string, to: string) => `  (gennemsnit ${from} → ${to} af 10)`,
    goalsCompleted: 'Mål nået (af mål, der ikke kun er foreslået)',
    employment: 'DE VOKSNES BESKÆFTIGELSE',
    caseEvents: 'HÆNDELSER I BØRNENES SAGER',
    daysUpTo: (days: number, date: string) => `${days} DAGE TIL ${date}`,
    contactsOpened: 'HENVENDELSER I PERIODEN',
    medianDays: 'MEDIAN DAGE TIL SVAR',
    replied: 'BESVARET',
    waiting: 'VENTER',
    allSectors: 'Alle sektorer',
    pairs: (baseline: number, from: string, followUp: number, to: string) => `Overlappende par af indsatser: ${baseline} den ${from}, ${followUp} den ${to}.`,
    rules: 'En person tæller kun med i et tal med en værdi på begge datoer (n/af: hvor mange af hvem). Reglerne: README, "Caseload report".',
    touchPoints: 'KONTAKTFLADER PR. FAMILIE (MEDIAN)',
    professionalsMet: 'Fagpersoner mødt',
    meetings: 'Møder',
    fewerTouchPoints: 'FÆRRE KONTAKTFLADER',
    fewerProfessionals: 'Familier der mødte færre fagpersoner',
    fewerMeetings: 'Familier med færre møder',
    spending: (families: number) => `UDGIFT PR. MÅNED PR. FAMILIE (${families})`,
    on: (date: string) => `DEN ${date}`,
    withoutCost: (baseline: number, from: string, followUp: number, to: string) => `Indsatser uden udgift (udeladt): ${baseline} den ${from}, ${followUp} den ${to}.`,
    events: Object.fromEntries(Object.entries(CASE_EVENT_LABELS).map(([kind, label]) => [kind, label.da])) as Record<CaseEvent, string>,
  },
};

function replyRows(report: CaseloadReport, lang: Lang): string {
  const w = REPORT_WORDS[lang];
  const entries = Object.entries(report.contactReplyDays.bySector) as Array<[Sector, ReplyTimes]>;
  const longest = Math.max(1, ...entries.map(([, t]) => t.medianDays ?? 0));
  const row = (label: string, times: ReplyTimes): Row => ({
    label,
    cells: [`${bar((times.medianDays ?? 0) / longest)} ${times.medianDays === null ? '–' : `${decimalText(times.medianDays, lang)} d`}`, String(times.replied), String(times.waiting)],
  });
  return table([w.contactsOpened, w.medianDays, w.replied, w.waiting], [
    ...entries.map(([sector, times]) => row(sectorLabel(sector, lang), times)),
    row(w.allSectors, report.contactReplyDays),
  ]);
}

function trendRows(report: CaseloadReport, lang: Lang): string {
  const w = REPORT_WORDS[lang];
  const points = Object.values(report.trend);
  const line = (label: string, pick: (p: (typeof points)[number]) => Share): Row => {
    const shares = points.map(pick);
    const first = shares[0] as Share;
    const last = shares.at(-1) as Share;
    return { label, cells: [`${shareSparkline(shares.map((s) => fraction(s) ?? 0))}  ${percent(first)} → ${percent(last)}`] };
  };
  const dates = Object.keys(report.trend);
  return table([w.trend(dates.length, numericDate(dates[0] as string, lang), numericDate(dates.at(-1) as string, lang)), ''], [
    line(w.cashBenefit, (p) => p.adultsOnCashBenefit),
    line(w.childrenSevere, (p) => p.childrenSevere),
  ]);
}

const medianText = (value: number | null, lang: Lang) => (value === null ? '–' : decimalText(value, lang));

/** Touch points over the two periods, and what the interventions cost a month on the two dates. */
function touchPointAndSpendingRows(report: CaseloadReport, lang: Lang, periods: [string, string], [from, to]: [string, string]): string {
  const w = REPORT_WORDS[lang];
  const { touchPoints, spending } = report;
  const medians = (label: string, figure: BaselineFollowUp<number | null>): Row => ({ label, cells: [medianText(figure.baseline, lang), medianText(figure.followUp, lang)] });
  const money = (label: string, figure: BaselineFollowUp<number>): Row => ({ label, cells: [kroner(figure.baseline), kroner(figure.followUp)] });
  return [
    table([w.touchPoints, ...periods], [medians(w.professionalsMet, touchPoints.professionals), medians(w.meetings, touchPoints.meetings)]),
    table([w.fewerTouchPoints, ''], [single(w.fewerProfessionals, touchPoints.professionalsFell), single(w.fewerMeetings, touchPoints.meetingsFell)]),
    table([w.spending(report.families), w.on(from), w.on(to)], [
      ...(Object.entries(spending.bySector) as Array<[Sector, BaselineFollowUp<number>]>).map(([sector, figure]) => money(sectorLabel(sector, lang), figure)),
      money(w.allSectors, spending.perFamilyMonthly),
    ]),
    w.withoutCost(spending.withoutCost.baseline, from, spending.withoutCost.followUp, to),
  ].join('\n\n');
}

export function renderReport(report: CaseloadReport, lang: Lang): string {
  const w = REPORT_WORDS[lang];
  const from = numericDate(report.from, lang);
  const to = numericDate(report.to, lang);
  const baseline = `${w.baseline} ${from}`;
  const followUp = `${w.followUp} ${to}`;
  const goals = report.goals;
  const periodDays = daysBetween(report.from, report.to);
  return [
    w.title(from, to, report),
    table([w.beforeAndAfter, baseline, followUp], [
      beforeAfter(w.cashBenefit, report.adultsOnCashBenefit),
      beforeAfter(w.childrenSevere, report.childrenSevere),
      beforeAfter(w.overlapping, report.overlappingInterventions.families),
    ]),
    trendRows(report, lang),
    table([w.improved, ''], [
      single(w.toWork, report.adultsFromCashBenefitToWorkOrEducation),
      single(w.qualityOfLife, report.adultsQualityOfLifeImproved),
      single(w.adultsFunctional, report.adultsFunctionalImproved),
      single(w.childrenFunctional, report.childrenFunctionalImproved),
      single(w.whereAdults, report.childrenFunctionalImprovedWhereAdultsImproved),
      single(w.wellbeing, report.childrenWellbeingImproved),
      single(w.absence, report.familiesAbsenceFell),
      single(w.goalsUp, goals.progressImproved, w.mean(oneDecimal(goals.meanScore.baseline, lang), oneDecimal(goals.meanScore.followUp, lang))),
      single(w.goalsCompleted, goals.completed),
    ]),
    table([w.employment, baseline, followUp], (Object.entries(report.employment) as Array<[EmploymentStatus, BaselineFollowUp<Share>]>).map(([status, figure]) => beforeAfter(EMPLOYMENT_STATUS_LABELS[status][lang], figure))),
    table([w.caseEvents, w.daysUpTo(periodDays, from), w.daysUpTo(periodDays, to)], (Object.entries(report.childrenWithEvent) as Array<[CaseEvent, BaselineFollowUp<Share>]>).map(([kind, figure]) => beforeAfter(w.events[kind], figure))),
    replyRows(report, lang),
    touchPointAndSpendingRows(report, lang, [w.daysUpTo(periodDays, from), w.daysUpTo(periodDays, to)], [from, to]),
    w.pairs(report.overlappingInterventions.pairs.baseline, from, report.overlappingInterventions.pairs.followUp, to),
    w.rules,
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
      else if (report.families > 0) ctx.print(renderReport(report, ctx.lang));
      else ctx.print(ctx.lang === 'da' ? 'Ingen familier at lave resultater for. Tilføj en med famcoord families add --name "Familien Jensen", eller prøv famcoord demo' : 'No families to report on. Add one with famcoord families add --name "Familien Jensen", or try famcoord demo');
    });
}
