// The caseload report: are the families doing better, in the terms the evaluations use (DOMAIN.md,
// "What is measured")? A pure view over the store, shown by `famcoord report` and the workbench.
// Every figure is a count of a stated population ({n, of}), so a reader can check it by hand;
// README.md, "Caseload report", states each rule. The rules in short:
// - a person's baseline value of a kind is their latest observation of it on or before `from`, the
//   follow-up value their latest on or before `to`; a person without both is left out of that figure;
// - the period is the days after `from` up to and including `to`; the baseline period, for events,
//   is as many days up to and including `from`.
import { addDays, addMonths, byDate, daysBetween } from './dates.js';
import { inEffectOn, overlappingInterventions } from './rules.js';
import { monthlySpending, touchPoints, type TouchPoints } from './touchPoints.js';
import type { Contact, Family, Goal, Member, ObservationValue, State } from './schema.js';
import { CHILD_CASE_EVENTS, EMPLOYMENT_STATUSES, SECTORS, type ChildCaseEvent, type EmploymentStatus, type ObservationKind, type Sector } from './vocabulary.js';

/** A figure: `n` of a population of `of`. */
export interface Share {
  n: number;
  of: number;
}

export interface BaselineFollowUp<T> {
  baseline: T;
  followUp: T;
}

export interface ReportOptions {
  /** The baseline date, YYYY-MM-DD. */
  from: string;
  /** The follow-up date, YYYY-MM-DD, after `from`. */
  to: string;
  /** Only these families (default: the whole caseload). */
  familyIds?: readonly string[];
}

export interface ReplyTimes {
  /** Median days from opened to the reply, of the contacts replied to; null when none was. */
  medianDays: number | null;
  replied: number;
  /** Contacts opened in the period still without a reply on `to`. */
  waiting: number;
}

export interface IndicatorsOn {
  adultsOnCashBenefit: Share;
  adultsActivated: Share;
  childrenSevere: Share;
  childrenLeisureActivity: Share;
}

export interface CaseloadReport {
  from: string;
  to: string;
  families: number;
  adults: number;
  children: number;
  adultsOnCashBenefit: BaselineFollowUp<Share>;
  /** Of adults on cash benefit at baseline: in a job, internship or education at follow-up. */
  adultsFromCashBenefitToWorkOrEducation: Share;
  /** Every employment status at baseline and follow-up, of the adults with both. */
  employment: Record<EmploymentStatus, BaselineFollowUp<Share>>;
  /**
   * The activation rate (aktiveringsgrad): of the adults with an employment status at both dates
   * who are on public benefit on the date (cash benefit, a resource course or an internship), those
   * in activation (a resource course or an internship).
   */
  adultsActivated: BaselineFollowUp<Share>;
  adultsQualityOfLifeImproved: Share;
  adultsFunctionalImproved: Share;
  childrenSevere: BaselineFollowUp<Share>;
  childrenWellbeingImproved: Share;
  childrenFunctionalImproved: Share;
  childrenFunctionalImprovedWhereAdultsImproved: Share;
  familiesAbsenceFell: Share;
  /** Children with a steady leisure activity (fast fritidstilknytning), of those recorded at both dates. */
  childrenLeisureActivity: BaselineFollowUp<Share>;
  /** Children whose own rating of their friendships rose. */
  childrenFriendshipsImproved: Share;
  /** Children and young people with a leisure job (fritidsjob), of those recorded at both dates. */
  childrenWithLeisureJob: BaselineFollowUp<Share>;
  /** Children with at least one such event in the baseline period and in the period. */
  childrenWithEvent: Record<ChildCaseEvent, BaselineFollowUp<Share>>;
  /** Families where anyone made a complaint (klagesag) in the baseline period and in the period, of all families. */
  familiesWithComplaint: BaselineFollowUp<Share>;
  /**
   * The family's own rating of how their case was handled (1–5): a family's rating on a date is the
   * latest any of its members gave on or before it. Of the families with a rating at both dates:
   * those rating it good (4 or 5) on each date, and those whose rating rose.
   */
  caseHandling: { ratedGood: BaselineFollowUp<Share>; rose: Share };
  goals: {
    completed: Share;
    progressImproved: Share;
    /** Mean start and latest score (0–10) of the goals in `progressImproved.of`. */
    meanScore: BaselineFollowUp<number | null>;
  };
  contactReplyDays: ReplyTimes & { bySector: Partial<Record<Sector, ReplyTimes>> };
  overlappingInterventions: {
    /** Families with at least one overlapping pair in effect on the date. */
    families: BaselineFollowUp<Share>;
    pairs: BaselineFollowUp<number>;
  };
  /**
   * Touch points (README, "Caseload report"): per family, the distinct professionals at its
   * meetings and the number of meetings in the baseline period and in the period; the medians over
   * the families, and the families where each fell, of those with any in the baseline period.
   */
  touchPoints: {
    professionals: BaselineFollowUp<number | null>;
    meetings: BaselineFollowUp<number | null>;
    professionalsFell: Share;
    meetingsFell: Share;
  };
  /**
   * What the interventions in effect on each date cost a month, in whole DKK: the mean per family
   * (of all the report's families), the same by the sector that pays, and how many interventions
   * in effect have no cost recorded (left out of the sums).
   */
  spending: {
    perFamilyMonthly: BaselineFollowUp<number>;
    bySector: Partial<Record<Sector, BaselineFollowUp<number>>>;
    withoutCost: BaselineFollowUp<number>;
  };
  /**
   * The headline shares on quarterly dates from `from` to `to` (see trendDates), for the
   * same people as the baseline and follow-up figures: the first date is the baseline, the last
   * the follow-up.
   */
  trend: Record<string, IndicatorsOn>;
}

const share = <T>(population: readonly T[], counts: (item: T) => boolean): Share => ({
  n: population.filter(counts).length,
  of: population.length,
});

const round2 = (value: number) => Math.round(value * 100) / 100;
const mean = (values: readonly number[]) => (values.length ? round2(values.reduce((a, b) => a + b, 0) / values.length) : null);

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** A person's latest observation of a kind on or before a date (same day: the one recorded last). */
export function valueOn<Kind extends ObservationKind>(member: Member, kind: Kind, date: string): ObservationValue<Kind> | undefined {
  return latestOf([member], kind, date);
}

/** The latest observation of a kind on or before a date by any of these people (same day: the later person's, the one recorded last). */
function latestOf<Kind extends ObservationKind>(people: readonly Member[], kind: Kind, date: string): ObservationValue<Kind> | undefined {
  let latest: { date: string; value: unknown } | undefined;
  for (const member of people)
    for (const observation of member.observations)
      if (observation.kind === kind && observation.date <= date && (!latest || observation.date >= latest.date)) latest = observation;
  return latest?.value as ObservationValue<Kind> | undefined;
}

interface Paired<Value> {
  member: Member;
  baseline: Value;
  followUp: Value;
}

/** The people with both a baseline and a follow-up value of a kind, with the two values. */
function paired<Kind extends ObservationKind>(people: readonly Member[], kind: Kind, from: string, to: string): Array<Paired<ObservationValue<Kind>>> {
  return people.flatMap((member) => {
    const baseline = valueOn(member, kind, from);
    const followUp = valueOn(member, kind, to);
    return baseline === undefined || followUp === undefined ? [] : [{ member, baseline, followUp }];
  });
}

const rose = (pair: Paired<number>) => pair.followUp > pair.baseline;
const adultsOf = (family: Family) => family.members.filter((m) => m.role === 'adult');
const childrenOf = (family: Family) => family.members.filter((m) => m.role === 'child');
const LEFT_CASH_BENEFIT_FOR = new Set<EmploymentStatus>(['job', 'internship', 'education']);
/** On public benefit (offentlig forsørgelse), the activation rate's population, and of those, in activation. */
const ON_PUBLIC_BENEFIT = new Set<EmploymentStatus>(['cash-benefit', 'resource-course', 'internship']);
const IN_ACTIVATION = new Set<EmploymentStatus>(['resource-course', 'internship']);
/** A rating of case handling of 4 or 5 (of 5) is good. */
const GOOD_CASE_HANDLING = 4;

/**
 * A goal's start score (its latest on or before `from`, or else its first) and its latest score on
 * or before `to`; undefined when that is one and the same score, so there is nothing to compare.
 */
export function goalProgressSpan(goal: Goal, from: string, to: string): { start: number; latest: number } | undefined {
  const scores = goal.progress.filter((p) => p.date <= to).sort(byDate);
  const start = Math.max(0, scores.findLastIndex((p) => p.date <= from));
  if (start >= scores.length - 1) return undefined;
  return { start: (scores[start] as Goal['progress'][number]).score, latest: (scores.at(-1) as Goal['progress'][number]).score };
}

/** When the other department replied: the answer's date, or a resolved contact's closing date. */
export function replyDate(contact: Contact): string | undefined {
  return contact.answered ?? (contact.status === 'resolved' ? contact.closed : undefined);
}

function replyTimes(contacts: readonly Contact[], to: string): ReplyTimes {
  const days: number[] = [];
  let waiting = 0;
  for (const contact of contacts) {
    const reply = replyDate(contact);
    if (reply !== undefined && reply <= to) days.push(daysBetween(contact.opened, reply));
    else if (!(contact.status === 'cancelled' && contact.closed !== undefined && contact.closed <= to)) waiting++;
    // A contact cancelled without a reply was never answered, and is no longer waiting: left out.
  }
  return { medianDays: median(days), replied: days.length, waiting };
}

/** Dates from `from` to `to`, both included: every quarter, or for a period over three years every few quarters (at most 13 dates). */
export function trendDates(from: string, to: string): string[] {
  const months = 3 * Math.max(1, Math.ceil(daysBetween(from, to) / 365.25 / 3));
  const dates: string[] = [];
  for (let date = from, step = 1; date < to; date = addMonths(from, months * step++)) dates.push(date);
  return [...dates, to];
}

function touchPointFigures(perFamily: ReadonlyArray<BaselineFollowUp<TouchPoints>>): CaseloadReport['touchPoints'] {
  const figure = (kind: keyof TouchPoints) => ({
    medians: { baseline: median(perFamily.map((f) => f.baseline[kind])), followUp: median(perFamily.map((f) => f.followUp[kind])) },
    fell: share(perFamily.filter((f) => f.baseline[kind] > 0), (f) => f.followUp[kind] < f.baseline[kind]),
  });
  const professionals = figure('professionals');
  const meetings = figure('meetings');
  return { professionals: professionals.medians, meetings: meetings.medians, professionalsFell: professionals.fell, meetingsFell: meetings.fell };
}

function spendingFigures(families: readonly Family[], from: string, to: string): CaseloadReport['spending'] {
  const [baseline, followUp] = [from, to].map((date) => families.map((f) => monthlySpending(f, date))) as [ReturnType<typeof monthlySpending>[], ReturnType<typeof monthlySpending>[]];
  const perFamily = (values: readonly number[]) => (families.length ? Math.round(values.reduce((a, b) => a + b, 0) / families.length) : 0);
  const sectors = SECTORS.filter((sector) => [...baseline, ...followUp].some((s) => s.bySector[sector] !== undefined));
  return {
    perFamilyMonthly: { baseline: perFamily(baseline.map((s) => s.total)), followUp: perFamily(followUp.map((s) => s.total)) },
    bySector: Object.fromEntries(sectors.map((sector) => [sector, { baseline: perFamily(baseline.map((s) => s.bySector[sector] ?? 0)), followUp: perFamily(followUp.map((s) => s.bySector[sector] ?? 0)) }])),
    withoutCost: { baseline: baseline.reduce((n, s) => n + s.withoutCost, 0), followUp: followUp.reduce((n, s) => n + s.withoutCost, 0) },
  };
}

export function caseloadReport(state: State, options: ReportOptions): CaseloadReport {
  const { from, to } = options;
  if (!(from < to)) throw new RangeError('the baseline date must be before the follow-up date');
  const chosen = options.familyIds && new Set(options.familyIds);
  const families = chosen ? state.families.filter((f) => chosen.has(f.id)) : state.families;
  const adults = families.flatMap(adultsOf);
  const children = families.flatMap(childrenOf);
  const both = <Kind extends ObservationKind>(people: readonly Member[], kind: Kind) => paired(people, kind, from, to);
  const baselinePeriodStart = addDays(from, -daysBetween(from, to));

  const employment = both(adults, 'employment');
  const severity = both(children, 'severity');
  const leisureActivity = both(children, 'leisureActivity');
  const onCashBenefit = (date: string) => share(employment, (p) => valueOn(p.member, 'employment', date) === 'cash-benefit');
  const activated = (date: string) => {
    const onBenefit = employment.flatMap((p) => {
      const status = valueOn(p.member, 'employment', date);
      return status !== undefined && ON_PUBLIC_BENEFIT.has(status) ? [status] : [];
    });
    return share(onBenefit, (status) => IN_ACTIVATION.has(status));
  };
  const severe = (date: string) => share(severity, (p) => valueOn(p.member, 'severity', date) === 'severe');
  const withLeisureActivity = (date: string) => share(leisureActivity, (p) => valueOn(p.member, 'leisureActivity', date) === true);
  const leisureJob = both(children, 'leisureJob');
  const caseHandling = families.flatMap((family) => {
    const [baseline, followUp] = [from, to].map((date) => latestOf(family.members, 'caseHandling', date));
    return baseline === undefined || followUp === undefined ? [] : [{ baseline, followUp }];
  });

  const familiesWhereAdultsImproved = families.filter((f) => both(adultsOf(f), 'functionalLevel').some(rose));
  const absence = families.flatMap((family) => {
    const pairs = both(childrenOf(family), 'absenceDays');
    const sum = (pick: (p: Paired<number>) => number) => pairs.reduce((total, p) => total + pick(p), 0);
    return pairs.length ? [{ baseline: sum((p) => p.baseline), followUp: sum((p) => p.followUp) }] : [];
  });

  const hadEvent = (person: Member, kind: string, after: string, until: string) =>
    person.events.some((e) => e.kind === kind && e.date > after && e.date <= until);
  const complained = (after: string, until: string) => share(families, (f) => f.members.some((m) => hadEvent(m, 'complaint', after, until)));
  const goals = families.flatMap((f) => f.goals);
  const spans = goals.flatMap((g) => goalProgressSpan(g, from, to) ?? []);
  const contactsInPeriod = families.flatMap((f) => f.contacts.filter((c) => c.opened > from && c.opened <= to));
  const overlaps = families.map((f) => overlappingInterventions(f));
  const overlapsOn = (date: string) => overlaps.map((pairs) => pairs.filter(([a, b]) => inEffectOn(a, date) && inEffectOn(b, date)).length);
  const familiesWithOverlapsOn = (date: string) => share(overlapsOn(date), (count) => count > 0);
  const pairsOn = (date: string) => overlapsOn(date).reduce((a, b) => a + b, 0);

  return {
    from,
    to,
    families: families.length,
    adults: adults.length,
    children: children.length,
    adultsOnCashBenefit: { baseline: onCashBenefit(from), followUp: onCashBenefit(to) },
    adultsFromCashBenefitToWorkOrEducation: share(
      employment.filter((p) => p.baseline === 'cash-benefit'),
      (p) => LEFT_CASH_BENEFIT_FOR.has(p.followUp),
    ),
    employment: Object.fromEntries(
      EMPLOYMENT_STATUSES.map((status) => [
        status,
        { baseline: share(employment, (p) => p.baseline === status), followUp: share(employment, (p) => p.followUp === status) },
      ]),
    ) as CaseloadReport['employment'],
    adultsActivated: { baseline: activated(from), followUp: activated(to) },
    adultsQualityOfLifeImproved: share(both(adults, 'qualityOfLife'), rose),
    adultsFunctionalImproved: share(both(adults, 'functionalLevel'), rose),
    childrenSevere: { baseline: severe(from), followUp: severe(to) },
    childrenWellbeingImproved: share(both(children, 'wellbeing'), rose),
    childrenFunctionalImproved: share(both(children, 'functionalLevel'), rose),
    childrenFunctionalImprovedWhereAdultsImproved: share(both(familiesWhereAdultsImproved.flatMap(childrenOf), 'functionalLevel'), rose),
    familiesAbsenceFell: share(absence, (a) => a.followUp < a.baseline),
    childrenLeisureActivity: { baseline: withLeisureActivity(from), followUp: withLeisureActivity(to) },
    childrenFriendshipsImproved: share(both(children, 'friendships'), rose),
    childrenWithLeisureJob: { baseline: share(leisureJob, (p) => p.baseline), followUp: share(leisureJob, (p) => p.followUp) },
    childrenWithEvent: Object.fromEntries(
      CHILD_CASE_EVENTS.map((kind) => [
        kind,
        {
          baseline: share(children, (c) => hadEvent(c, kind, baselinePeriodStart, from)),
          followUp: share(children, (c) => hadEvent(c, kind, from, to)),
        },
      ]),
    ) as CaseloadReport['childrenWithEvent'],
    familiesWithComplaint: { baseline: complained(baselinePeriodStart, from), followUp: complained(from, to) },
    caseHandling: {
      ratedGood: { baseline: share(caseHandling, (r) => r.baseline >= GOOD_CASE_HANDLING), followUp: share(caseHandling, (r) => r.followUp >= GOOD_CASE_HANDLING) },
      rose: share(caseHandling, (r) => r.followUp > r.baseline),
    },
    goals: {
      completed: share(
        goals.filter((g) => g.status !== 'proposed'),
        (g) => g.status === 'completed',
      ),
      progressImproved: share(spans, (s) => s.latest > s.start),
      meanScore: { baseline: mean(spans.map((s) => s.start)), followUp: mean(spans.map((s) => s.latest)) },
    },
    contactReplyDays: {
      ...replyTimes(contactsInPeriod, to),
      bySector: Object.fromEntries(
        SECTORS.flatMap((sector) => {
          const ofSector = contactsInPeriod.filter((c) => c.sector === sector);
          return ofSector.length ? [[sector, replyTimes(ofSector, to)]] : [];
        }),
      ),
    },
    overlappingInterventions: {
      families: { baseline: familiesWithOverlapsOn(from), followUp: familiesWithOverlapsOn(to) },
      pairs: { baseline: pairsOn(from), followUp: pairsOn(to) },
    },
    touchPoints: touchPointFigures(families.map((f) => ({ baseline: touchPoints(f, baselinePeriodStart, from), followUp: touchPoints(f, from, to) }))),
    spending: spendingFigures(families, from, to),
    trend: Object.fromEntries(
      trendDates(from, to).map((date) => [
        date,
        { adultsOnCashBenefit: onCashBenefit(date), adultsActivated: activated(date), childrenSevere: severe(date), childrenLeisureActivity: withLeisureActivity(date) },
      ]),
    ),
  };
}
