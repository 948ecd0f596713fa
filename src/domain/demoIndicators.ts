// Demo indicator histories (DOMAIN.md, "What is measured"): each member is assessed at intake, about
// half a year ago and recently, and the family drifts mildly better, with noise. The starting
// proportions and the drift follow the STAR trial's mid-term evaluation (adults on cash benefit
// 73% → 64%, children with severe or extensive problems 49% → 40%), so `famcoord report` on the
// demo shows figures of the size coordinators know. Histories are short to keep a 100,000-family
// demo small: a value is recorded at intake and then only when it changes (the report reads the
// latest value on or before a date, so this is the same history), except absence days, which
// count the days of each period.
// The later indicators (leisure, friendships, leisure jobs, the family's rating of its case
// handling, returning home, stepping down, complaints) draw from a second stream, so adding them
// left every earlier figure of a seed's demo as it was.
import { addDays, byDate, daysBetween } from './dates.js';
import { Picker, seededRandom } from './random.js';
import type { CaseEventEntry, Member, Observation, ObservationValue } from './schema.js';
import type { EmploymentStatus, ObservationKind, Severity } from './vocabulary.js';

export interface IndicatorStreams {
  indicators: Picker;
  outcomes: Picker;
}

const INDICATOR_STREAM = 0x1d1ca7;
const OUTCOME_STREAM = 0x0c0e5d;

export function indicatorStreams(seed: number): IndicatorStreams {
  return { indicators: new Picker(seededRandom(seed ^ INDICATOR_STREAM)), outcomes: new Picker(seededRandom(seed ^ OUTCOME_STREAM)) };
}

type Transitions<T extends string> = Record<T, ReadonlyArray<readonly [T, number]>>;

/** Where an adult's employment goes between two assessments (the weight of staying is the rest). */
const EMPLOYMENT_MOVES: Transitions<EmploymentStatus> = {
  'cash-benefit': [['resource-course', 0.04], ['internship', 0.035], ['job', 0.015], ['education', 0.01], ['other', 0.01]],
  'resource-course': [['internship', 0.12], ['cash-benefit', 0.1], ['job', 0.05]],
  internship: [['job', 0.15], ['cash-benefit', 0.12], ['education', 0.05]],
  education: [['job', 0.06], ['cash-benefit', 0.06]],
  job: [['cash-benefit', 0.05]],
  other: [['cash-benefit', 0.08], ['job', 0.04]],
};
const EMPLOYMENT_AT_INTAKE = [['cash-benefit', 0.73], ['resource-course', 0.09], ['internship', 0.03], ['education', 0.03], ['job', 0.05], ['other', 0.07]] as const;

const SEVERITY_MOVES: Transitions<Severity> = {
  severe: [['some', 0.13]],
  some: [['none', 0.1], ['severe', 0.07]],
  none: [['some', 0.06]],
};
const SEVERITY_AT_INTAKE = [['severe', 0.49], ['some', 0.36], ['none', 0.15]] as const;

/** School absence days in a quarter, by the child's severity of problems. */
const ABSENCE_RANGE: Record<Severity, readonly [number, number]> = { severe: [6, 22], some: [2, 10], none: [0, 4] };

/**
 * Each event's chance for a child in the year before last and in the last year:
 * fewer investigations, notifications and placements as families do better, and some cases
 * closed because the child is doing well.
 */
const EVENT_CHANCES = {
  notification: [0.3, 0.2],
  investigation: [0.18, 0.1],
  placement: [0.05, 0.03],
  'closed-doing-well': [0, 0.07],
} as const satisfies Record<string, readonly [number, number]>;

/**
 * After a placement, the chance that the child has since come home (hjemgivelse) or moved to a less
 * intrusive, preventive measure; Assens counted 3 children home and 4 stepped down in three years.
 */
const AFTER_PLACEMENT = { 'returned-home': 0.25, 'stepped-down': 0.3 } as const;
/** A complaint (klagesag) from the family in the year before last and in the last year: fewer with the work. */
const COMPLAINT_CHANCES = [0.14, 0.07] as const;
/** Chance of a steady leisure activity at intake, by the child's problems. */
const LEISURE_AT_INTAKE: Record<Severity, number> = { severe: 0.2, some: 0.4, none: 0.65 };
/** The ages at which a leisure job (fritidsjob) is usual. */
const LEISURE_JOB_AGES = [13, 17] as const;

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));

/** The next value: leaving `from` as the weights say, `tilt` more (or less) likely than usual. */
function move<T extends string>(pick: Picker, from: T, moves: Transitions<T>, tilt = 0): T {
  const away = moves[from].map(([to, weight]) => [to, weight * (1 + tilt)] as const);
  const stay = 1 - away.reduce((sum, [, weight]) => sum + weight, 0);
  return pick.weighted<T>([[from, Math.max(0, stay)], ...away]);
}

/** A 1–5 or 0–10 score one assessment later: mostly up, sometimes down. */
function step(pick: Picker, value: number, up: number, min: number, max: number, stride = 1): number {
  const roll = pick.random();
  const change = roll < up ? pick.int(1, stride) : roll < up + 0.12 ? -pick.int(1, stride) : 0;
  return clamp(value + change, min, max);
}

/** The dates of a family's assessments: intake (for a fifth of families within the last year), mid, recent. */
function assessmentDates(pick: Picker, today: string): string[] {
  const intake = addDays(today, pick.chance(0.8) ? -pick.int(380, 700) : -pick.int(200, 340));
  const mid = addDays(today, -pick.int(150, 190));
  return [intake, mid, addDays(today, -pick.int(0, 60))];
}

class History {
  readonly observations: Observation[] = [];
  private readonly last = new Map<ObservationKind, unknown>();
  /** Records a value when it differs from the last one recorded; absence days always (they are per period). */
  record<Kind extends ObservationKind>(date: string, kind: Kind, value: ObservationValue<Kind>): void {
    if (kind !== 'absenceDays' && this.last.has(kind) && this.last.get(kind) === value) return;
    this.last.set(kind, value);
    this.observations.push({ date, kind, value } as Observation);
  }
}

function adultHistory(pick: Picker, dates: string[], momentum: number): Observation[] {
  const history = new History();
  let employment: EmploymentStatus = pick.weighted(EMPLOYMENT_AT_INTAKE);
  let quality = pick.int(2, 6);
  let functional = pick.int(2, 4);
  dates.forEach((date, i) => {
    if (i > 0) {
      employment = move(pick, employment, EMPLOYMENT_MOVES, employment === 'cash-benefit' ? momentum * 2 : 0);
      quality = step(pick, quality, 0.45 + momentum, 0, 10, 2);
      functional = step(pick, functional, 0.3 + momentum, 1, 5);
    }
    history.record(date, 'employment', employment);
    history.record(date, 'qualityOfLife', quality);
    history.record(date, 'functionalLevel', functional);
  });
  return history.observations;
}

function childHistory(pick: Picker, dates: string[], momentum: number): Observation[] {
  const history = new History();
  let severity: Severity = pick.weighted(SEVERITY_AT_INTAKE);
  let functional = severity === 'severe' ? pick.int(1, 3) : severity === 'some' ? pick.int(2, 4) : pick.int(3, 5);
  let wellbeing = severity === 'severe' ? pick.int(2, 5) : severity === 'some' ? pick.int(3, 7) : pick.int(6, 9);
  let absence = pick.int(...ABSENCE_RANGE[severity]);
  dates.forEach((date, i) => {
    if (i > 0) {
      const before = severity;
      severity = move(pick, severity, SEVERITY_MOVES, severity === 'severe' ? momentum * 2 : 0);
      functional = step(pick, functional, 0.55 + momentum, 1, 5);
      wellbeing = step(pick, wellbeing, 0.45 + momentum, 0, 10, 2);
      // Absence follows the problems: it falls with them, and otherwise stays about where it was.
      const factor = severity === before ? 0.85 + pick.random() * 0.5 : before === 'severe' || severity === 'none' ? 0.6 : 1.4;
      absence = clamp(Math.round(absence * factor), 0, 60);
    }
    history.record(date, 'severity', severity);
    history.record(date, 'functionalLevel', functional);
    history.record(date, 'wellbeing', wellbeing);
    history.record(date, 'absenceDays', absence);
  });
  return history.observations;
}

function childEvents(pick: Picker, today: string): CaseEventEntry[] {
  const events: CaseEventEntry[] = [];
  for (const [kind, [before, after]] of Object.entries(EVENT_CHANCES) as Array<[keyof typeof EVENT_CHANCES, readonly [number, number]]>) {
    if (pick.chance(before)) events.push({ date: addDays(today, -pick.int(366, 730)), kind });
    if (pick.chance(after)) events.push({ date: addDays(today, -pick.int(0, 365)), kind });
  }
  return events.sort(byDate);
}

/** Age in whole years on a date, from a YYYY-MM-DD birth date. */
const ageOn = (born: string, date: string) => Number(date.slice(0, 4)) - Number(born.slice(0, 4)) - (born.slice(5) > date.slice(5) ? 1 : 0);

/** A yes/no one assessment later: gained with chance `gain`, lost with chance `loss`. */
const yesNoStep = (pick: Picker, value: boolean, gain: number, loss: number) => (value ? !pick.chance(loss) : pick.chance(gain));

/** A child's leisure activity, own rating of friendships and, at 13–17, leisure job, at each assessment. */
function childOutcomes(pick: Picker, child: Member, dates: string[], momentum: number): Observation[] {
  const history = new History();
  const severity = valueAt(child, 'severity', dates[0] as string) ?? 'some';
  let leisure = pick.chance(LEISURE_AT_INTAKE[severity]);
  let friendships = severity === 'severe' ? pick.int(2, 5) : pick.int(4, 8);
  let leisureJob = pick.chance(0.1);
  dates.forEach((date, i) => {
    if (i > 0) {
      leisure = yesNoStep(pick, leisure, 0.15 + momentum, 0.08);
      leisureJob = yesNoStep(pick, leisureJob, 0.1 + momentum, 0.1);
    }
    // The child is asked about friendships at intake and at the latest assessment only.
    if (i === dates.length - 1) friendships = step(pick, friendships, 0.5 + momentum, 0, 10, 2);
    history.record(date, 'leisureActivity', leisure);
    if (i === 0 || i === dates.length - 1) history.record(date, 'friendships', friendships);
    const age = child.born === undefined ? undefined : ageOn(child.born, date);
    if (age !== undefined && age >= LEISURE_JOB_AGES[0] && age <= LEISURE_JOB_AGES[1]) history.record(date, 'leisureJob', leisureJob);
  });
  return history.observations;
}

/** The family's own rating of its case handling (1–5), asked at intake and at the latest assessment: low at first, mostly better since. */
function caseHandlingHistory(pick: Picker, dates: string[], momentum: number): Observation[] {
  const history = new History();
  const first = pick.weighted<number>([[1, 0.15], [2, 0.35], [3, 0.35], [4, 0.15]]);
  history.record(dates[0] as string, 'caseHandling', first);
  history.record(dates.at(-1) as string, 'caseHandling', step(pick, first, 0.5 + momentum, 1, 5));
  return history.observations;
}

/** A placed child, now and then, came home or stepped down to a preventive measure since. */
function afterPlacement(pick: Picker, events: readonly CaseEventEntry[], today: string): CaseEventEntry[] {
  const placed = events.findLast((e) => e.kind === 'placement');
  if (placed === undefined || placed.date >= today) return [];
  const roll = pick.random();
  const kind = roll < AFTER_PLACEMENT['returned-home'] ? 'returned-home' : roll < AFTER_PLACEMENT['returned-home'] + AFTER_PLACEMENT['stepped-down'] ? 'stepped-down' : undefined;
  return kind === undefined ? [] : [{ date: addDays(placed.date, pick.int(1, Math.max(1, daysBetween(placed.date, today)))), kind }];
}

/** A family's complaints, recorded on the adult who made them. */
function complaints(pick: Picker, today: string): CaseEventEntry[] {
  const [before, after] = COMPLAINT_CHANCES;
  return [
    ...(pick.chance(before) ? [{ date: addDays(today, -pick.int(366, 730)), kind: 'complaint' as const }] : []),
    ...(pick.chance(after) ? [{ date: addDays(today, -pick.int(0, 365)), kind: 'complaint' as const }] : []),
  ];
}

const valueAt = <Kind extends ObservationKind>(member: Member, kind: Kind, date: string) =>
  member.observations.find((o) => o.kind === kind && o.date === date)?.value as ObservationValue<Kind> | undefined;

/** The family's members with their indicator histories and case events. */
export function withIndicatorHistories({ indicators: pick, outcomes }: IndicatorStreams, members: readonly Member[], today: string): Member[] {
  const dates = assessmentDates(pick, today);
  // Some families move together: a shared tilt makes adults' and children's progress go along.
  const momentum = pick.random() * 0.25 - 0.1;
  const measured = members.map((member) =>
    member.role === 'adult'
      ? { ...member, observations: adultHistory(pick, dates, momentum), events: [] }
      : { ...member, observations: childHistory(pick, dates, momentum), events: childEvents(pick, today) },
  );
  // The first adult answers for the family: its rating of the case handling, and its complaints.
  const spokesperson = measured.findIndex((m) => m.role === 'adult');
  return measured.map((member, i) => {
    if (member.role === 'child') {
      const events = [...member.events, ...afterPlacement(outcomes, member.events, today)].sort(byDate);
      return { ...member, observations: [...member.observations, ...childOutcomes(outcomes, member, dates, momentum)].sort(byDate), events };
    }
    if (i !== spokesperson) return member;
    return { ...member, observations: [...member.observations, ...caseHandlingHistory(outcomes, dates, momentum)].sort(byDate), events: complaints(outcomes, today).sort(byDate) };
  });
}
