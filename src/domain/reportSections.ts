// The caseload report (report.ts) arranged for people: its figures in sections with their words in
// Danish and English. The text report (src/cli/report.ts) and the HTML page for funders
// (documents/reportHtml.ts) both draw these, so a figure is named and placed once. The figures'
// names follow the evaluations' (DOMAIN.md, "What is measured"; the seeds' own Danish words).
import { decimalText, kroner, numericDate } from './dateFormat.js';
import { daysBetween } from './dates.js';
import type { BaselineFollowUp, CaseloadReport, IndicatorsOn, ReplyTimes, Share } from './report.js';
import { EMPLOYMENT_STATUS_LABELS, SECTOR_LABELS, type ChildCaseEvent, type EmploymentStatus, type Lang, type Sector } from './vocabulary.js';

const EN = {
  title: (from: string, to: string, r: CaseloadReport) => `Caseload report ${from} → ${to}: ${r.families} families, ${r.adults} adults, ${r.children} children`,
  documentTitle: 'Caseload report',
  subtitle: (from: string, to: string, r: CaseloadReport) => `${from} → ${to}: ${r.families} families, ${r.adults} adults, ${r.children} children`,
  beforeAndAfter: 'BEFORE AND AFTER',
  baseline: 'BASELINE',
  followUp: 'FOLLOW-UP',
  cashBenefit: 'Adults on cash benefit',
  activation: 'Activation rate of adults on public benefit',
  childrenSevere: 'Children with severe or extensive problems',
  leisureActivity: 'Children with a steady leisure activity',
  leisureJob: 'Children and young people with a leisure job',
  caseHandlingGood: 'Families who rate the handling of their case good (4–5 of 5)',
  overlapping: 'Families with overlapping interventions',
  trend: (count: number, first: string, last: string) => `TREND (${count} dates, ${first} … ${last})`,
  trendHeading: 'Trend over the quarters',
  improved: 'IMPROVED FROM BASELINE TO FOLLOW-UP',
  toWork: 'Adults from cash benefit to job, internship or education',
  qualityOfLife: 'Adults whose quality of life rose',
  adultsFunctional: 'Adults whose functional level rose',
  childrenFunctional: 'Children whose functional level rose',
  whereAdults: "  where an adult's functional level also rose",
  wellbeing: 'Children whose well-being rose',
  friendships: 'Children who rate their friendships higher',
  absence: 'Families where school absence fell',
  caseHandlingRose: 'Families who rate the handling of their case higher',
  goalsUp: 'Goals whose progress score rose',
  mean: (from: string, to: string) => `  (mean ${from} → ${to} of 10)`,
  goalsCompleted: 'Goals completed (of goals not just proposed)',
  employment: 'EMPLOYMENT OF ADULTS',
  caseEvents: 'CASE EVENTS',
  daysUpTo: (days: number, date: string) => `${days} DAYS UP TO ${date}`,
  complaints: 'Families with a complaint',
  contactsOpened: 'CONTACTS OPENED IN THE PERIOD',
  medianDays: 'MEDIAN DAYS TO A REPLY',
  replied: 'REPLIED',
  waiting: 'WAITING',
  allSectors: 'All sectors',
  pairs: (baseline: number, from: string, followUp: number, to: string) => `Overlapping pairs of interventions in effect: ${baseline} on ${from}, ${followUp} on ${to}.`,
  rules: 'A person counts in a figure only with a value at both dates (n/of: how many of whom). The rules: README, "Caseload report".',
  of: 'of',
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
    'returned-home': 'Children returned home',
    'stepped-down': 'Children stepped down from placement to preventive support',
  } satisfies Record<ChildCaseEvent, string>,
};

const DA: typeof EN = {
  title: (from, to, r) => `Resultater ${from} → ${to}: ${r.families} familier, ${r.adults} voksne, ${r.children} børn`,
  documentTitle: 'Resultater for familierne',
  subtitle: (from, to, r) => `${from} → ${to}: ${r.families} familier, ${r.adults} voksne, ${r.children} børn`,
  beforeAndAfter: 'FØR OG EFTER',
  baseline: 'START',
  followUp: 'OPFØLGNING',
  cashBenefit: 'Voksne på kontanthjælp',
  activation: 'Aktiveringsgrad blandt voksne på offentlig forsørgelse',
  childrenSevere: 'Børn med svære eller omfattende problemer',
  leisureActivity: 'Børn med fast fritidstilknytning',
  leisureJob: 'Børn og unge med fritidsjob',
  caseHandlingGood: 'Familier der oplever sagsgangen som god (4–5 af 5)',
  overlapping: 'Familier med overlappende indsatser',
  trend: (count, first, last) => `UDVIKLING (${count} datoer, ${first} … ${last})`,
  trendHeading: 'Udviklingen kvartal for kvartal',
  improved: 'BEDRE FRA START TIL OPFØLGNING',
  toWork: 'Voksne fra kontanthjælp til job, praktik eller uddannelse',
  qualityOfLife: 'Voksne med højere livskvalitet',
  adultsFunctional: 'Voksne med højere funktionsniveau',
  childrenFunctional: 'Børn med højere funktionsniveau',
  whereAdults: '  hvor en voksens funktionsniveau også steg',
  wellbeing: 'Børn med bedre trivsel',
  friendships: 'Børn der selv oplever bedre venskaber',
  absence: 'Familier hvor skolefraværet faldt',
  caseHandlingRose: 'Familier med en bedre oplevelse af sagsgangen',
  goalsUp: 'Mål med stigende score',
  mean: (from, to) => `  (gennemsnit ${from} → ${to} af 10)`,
  goalsCompleted: 'Mål nået (af mål, der ikke kun er foreslået)',
  employment: 'DE VOKSNES BESKÆFTIGELSE',
  caseEvents: 'HÆNDELSER I SAGERNE',
  daysUpTo: (days, date) => `${days} DAGE TIL ${date}`,
  complaints: 'Familier med en klagesag',
  contactsOpened: 'HENVENDELSER I PERIODEN',
  medianDays: 'MEDIAN DAGE TIL SVAR',
  replied: 'BESVARET',
  waiting: 'VENTER',
  allSectors: 'Alle sektorer',
  pairs: (baseline, from, followUp, to) => `Overlappende par af indsatser: ${baseline} den ${from}, ${followUp} den ${to}.`,
  rules: 'En person tæller kun med i et tal med en værdi på begge datoer (n/af: hvor mange af hvem). Reglerne: README, "Caseload report".',
  of: 'af',
  touchPoints: 'KONTAKTFLADER PR. FAMILIE (MEDIAN)',
  professionalsMet: 'Fagpersoner mødt',
  meetings: 'Møder',
  fewerTouchPoints: 'FÆRRE KONTAKTFLADER',
  fewerProfessionals: 'Familier der mødte færre fagpersoner',
  fewerMeetings: 'Familier med færre møder',
  spending: (families) => `UDGIFT PR. MÅNED PR. FAMILIE (${families})`,
  on: (date) => `DEN ${date}`,
  withoutCost: (baseline, from, followUp, to) => `Indsatser uden udgift (udeladt): ${baseline} den ${from}, ${followUp} den ${to}.`,
  events: {
    investigation: 'Børn med en børnefaglig undersøgelse',
    notification: 'Børn med en underretning',
    placement: 'Børn anbragt',
    'closed-doing-well': 'Børn hvis sag er lukket, fordi barnet trives',
    'returned-home': 'Børn hjemgivet',
    'stepped-down': 'Børn fra anbringelse til mindre indgribende foranstaltning',
  },
};

/** The report's words; its figures' names follow the evaluations'. */
export const REPORT_WORDS: Record<Lang, typeof EN> = { en: EN, da: DA };

/** A row of shares: at baseline and follow-up, or one share (improved from one to the other). */
export interface FigureRow {
  label: string;
  figure: BaselineFollowUp<Share> | Share;
  /** Said after the figure, e.g. the goals' mean scores. */
  note?: string;
}

/** A section of share figures, headed by its two columns when its rows are before and after. */
export interface FigureSection {
  heading: string;
  columns: [baseline: string, followUp: string] | [];
  rows: FigureRow[];
}

/** A share as a fraction, or undefined when it is of no one. */
export const fraction = (figure: Share) => (figure.of === 0 ? undefined : figure.n / figure.of);

/** "38%", or "–" for a share of no one. */
export function percent(figure: Share): string {
  const f = fraction(figure);
  return f === undefined ? '–' : `${Math.round(f * 100)}%`;
}

export const isPaired = (figure: FigureRow['figure']): figure is BaselineFollowUp<Share> => 'baseline' in figure;

/** A section of plain values (medians, kroner): a label and one text per column. */
export interface ValueSection {
  heading: string;
  columns: string[];
  rows: Array<{ label: string; values: string[] }>;
}

export interface ReportSections {
  title: string;
  from: string;
  to: string;
  beforeAfter: FigureSection;
  improved: FigureSection;
  employment: FigureSection;
  caseEvents: FigureSection;
  fewerTouchPoints: FigureSection;
  touchPoints: ValueSection;
  spending: ValueSection;
  replies: { heading: string; columns: [string, string, string]; rows: Array<{ label: string; times: ReplyTimes }> };
  /** The headline shares on each trend date, oldest first. */
  trend: { heading: string; dates: string[]; lines: Array<{ label: string; shares: Share[] }> };
  notes: string[];
}

const oneDecimal = (value: number | null, lang: Lang) => (value === null ? '–' : decimalText(value, lang, 1));
const medianText = (value: number | null, lang: Lang) => (value === null ? '–' : decimalText(value, lang));

/** Which of the trend's shares are drawn, with their names. */
const TREND_LINES: ReadonlyArray<[keyof IndicatorsOn, 'cashBenefit' | 'activation' | 'childrenSevere' | 'leisureActivity']> = [
  ['adultsOnCashBenefit', 'cashBenefit'],
  ['adultsActivated', 'activation'],
  ['childrenSevere', 'childrenSevere'],
  ['childrenLeisureActivity', 'leisureActivity'],
];

export function reportSections(report: CaseloadReport, lang: Lang): ReportSections {
  const w = REPORT_WORDS[lang];
  const from = numericDate(report.from, lang);
  const to = numericDate(report.to, lang);
  const dates: [string, string] = [`${w.baseline} ${from}`, `${w.followUp} ${to}`];
  const periodDays = daysBetween(report.from, report.to);
  const periods: [string, string] = [w.daysUpTo(periodDays, from), w.daysUpTo(periodDays, to)];
  const { goals, touchPoints, spending } = report;
  const trendDates = Object.keys(report.trend);
  const trendPoints = Object.values(report.trend);
  const money = (label: string, figure: BaselineFollowUp<number>) => ({ label, values: [kroner(figure.baseline), kroner(figure.followUp)] });
  const medians = (label: string, figure: BaselineFollowUp<number | null>) => ({ label, values: [medianText(figure.baseline, lang), medianText(figure.followUp, lang)] });
  return {
    title: w.title(from, to, report),
    from,
    to,
    beforeAfter: {
      heading: w.beforeAndAfter,
      columns: dates,
      rows: [
        { label: w.cashBenefit, figure: report.adultsOnCashBenefit },
        { label: w.activation, figure: report.adultsActivated },
        { label: w.childrenSevere, figure: report.childrenSevere },
        { label: w.leisureActivity, figure: report.childrenLeisureActivity },
        { label: w.leisureJob, figure: report.childrenWithLeisureJob },
        { label: w.caseHandlingGood, figure: report.caseHandling.ratedGood },
        { label: w.overlapping, figure: report.overlappingInterventions.families },
      ],
    },
    improved: {
      heading: w.improved,
      columns: [],
      rows: [
        { label: w.toWork, figure: report.adultsFromCashBenefitToWorkOrEducation },
        { label: w.qualityOfLife, figure: report.adultsQualityOfLifeImproved },
        { label: w.adultsFunctional, figure: report.adultsFunctionalImproved },
        { label: w.childrenFunctional, figure: report.childrenFunctionalImproved },
        { label: w.whereAdults, figure: report.childrenFunctionalImprovedWhereAdultsImproved },
        { label: w.wellbeing, figure: report.childrenWellbeingImproved },
        { label: w.friendships, figure: report.childrenFriendshipsImproved },
        { label: w.absence, figure: report.familiesAbsenceFell },
        { label: w.caseHandlingRose, figure: report.caseHandling.rose },
        { label: w.goalsUp, figure: goals.progressImproved, note: w.mean(oneDecimal(goals.meanScore.baseline, lang), oneDecimal(goals.meanScore.followUp, lang)) },
        { label: w.goalsCompleted, figure: goals.completed },
      ],
    },
    employment: {
      heading: w.employment,
      columns: dates,
      rows: (Object.entries(report.employment) as Array<[EmploymentStatus, BaselineFollowUp<Share>]>).map(([status, figure]) => ({ label: EMPLOYMENT_STATUS_LABELS[status][lang], figure })),
    },
    caseEvents: {
      heading: w.caseEvents,
      columns: periods,
      rows: [
        ...(Object.entries(report.childrenWithEvent) as Array<[ChildCaseEvent, BaselineFollowUp<Share>]>).map(([kind, figure]) => ({ label: w.events[kind], figure })),
        { label: w.complaints, figure: report.familiesWithComplaint },
      ],
    },
    fewerTouchPoints: {
      heading: w.fewerTouchPoints,
      columns: [],
      rows: [
        { label: w.fewerProfessionals, figure: touchPoints.professionalsFell },
        { label: w.fewerMeetings, figure: touchPoints.meetingsFell },
      ],
    },
    touchPoints: { heading: w.touchPoints, columns: periods, rows: [medians(w.professionalsMet, touchPoints.professionals), medians(w.meetings, touchPoints.meetings)] },
    spending: {
      heading: w.spending(report.families),
      columns: [w.on(from), w.on(to)],
      rows: [
        ...(Object.entries(spending.bySector) as Array<[Sector, BaselineFollowUp<number>]>).map(([sector, figure]) => money(SECTOR_LABELS[sector][lang], figure)),
        money(w.allSectors, spending.perFamilyMonthly),
      ],
    },
    replies: {
      heading: w.contactsOpened,
      columns: [w.medianDays, w.replied, w.waiting],
      rows: [
        ...(Object.entries(report.contactReplyDays.bySector) as Array<[Sector, ReplyTimes]>).map(([sector, times]) => ({ label: SECTOR_LABELS[sector][lang], times })),
        { label: w.allSectors, times: report.contactReplyDays },
      ],
    },
    trend: {
      heading: w.trend(trendDates.length, numericDate(trendDates[0] as string, lang), numericDate(trendDates.at(-1) as string, lang)),
      dates: trendDates,
      lines: TREND_LINES.map(([key, word]) => ({ label: w[word], shares: trendPoints.map((point) => point[key]) })),
    },
    notes: [
      w.withoutCost(spending.withoutCost.baseline, from, spending.withoutCost.followUp, to),
      w.pairs(report.overlappingInterventions.pairs.baseline, from, report.overlappingInterventions.pairs.followUp, to),
      w.rules,
    ],
  };
}
