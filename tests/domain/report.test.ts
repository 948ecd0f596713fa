// The caseload report against figures computed by hand on a small store. Each expectation says how
// it was counted, so a failing figure can be checked on paper.
import { describe, expect, it } from 'vitest';
import { caseloadReport, goalProgressSpan, median, trendDates, valueOn } from '../../src/domain/report.js';
import type { Observation } from '../../src/domain/schema.js';
import { contact, family, goal, intervention, member, state } from '../helpers/fixtures.js';
import { FROM as OUTCOMES_FROM, TO as OUTCOMES_TO, handCountedOutcomes } from '../helpers/handCountedOutcomes.js';

const FROM = '2026-01-01';
const TO = '2026-07-01'; // 181 days: the baseline period for events is 2025-07-05 … 2026-01-01
const obs = (date: string, kind: Observation['kind'], value: Observation['value']) => ({ date, kind, value }) as Observation;
const progress = (...scores: Array<[string, number]>) => scores.map(([date, score]) => ({ date, score, note: '' }));

const store = state(
  family('fa', {
    members: [
      member('a1', 'adult', {
        observations: [
          obs('2025-10-01', 'employment', 'cash-benefit'),
          obs('2026-05-01', 'employment', 'job'),
          obs('2025-12-01', 'functionalLevel', 2),
          obs('2026-06-01', 'functionalLevel', 3),
          obs('2025-12-01', 'qualityOfLife', 4),
          obs('2026-06-01', 'qualityOfLife', 6),
        ],
      }),
      member('a2', 'adult', {
        observations: [
          obs('2025-11-01', 'employment', 'cash-benefit'),
          obs('2025-12-01', 'functionalLevel', 3),
          obs('2026-06-01', 'functionalLevel', 3),
          obs('2026-02-01', 'qualityOfLife', 5), // no baseline: left out
        ],
      }),
      member('c1', 'child', {
        observations: [
          obs('2025-12-15', 'severity', 'severe'),
          obs('2026-06-15', 'severity', 'some'),
          obs('2025-12-15', 'functionalLevel', 2),
          obs('2026-06-15', 'functionalLevel', 4),
          obs('2025-12-31', 'absenceDays', 10),
          obs('2026-06-30', 'absenceDays', 4),
          obs('2025-12-15', 'wellbeing', 5),
          obs('2026-06-15', 'wellbeing', 5),
        ],
        events: [
          { date: '2025-09-01', kind: 'notification' },
          { date: '2026-03-01', kind: 'investigation' },
        ],
      }),
      member('c2', 'child', {
        observations: [
          obs('2025-12-15', 'severity', 'severe'),
          obs('2026-06-15', 'severity', 'severe'),
          obs('2025-12-15', 'functionalLevel', 3),
          obs('2026-06-15', 'functionalLevel', 3),
          obs('2025-12-31', 'absenceDays', 2),
          obs('2026-06-30', 'absenceDays', 5),
        ],
        events: [
          { date: '2026-07-01', kind: 'closed-doing-well' }, // on --to: counted
          { date: '2026-07-02', kind: 'placement' }, // after --to: not counted
        ],
      }),
    ],
    goals: [
      goal('gA1', '2026-09-01', 'active', { progress: progress(['2025-11-01', 2], ['2025-12-20', 3], ['2026-04-01', 5], ['2026-08-01', 9]) }),
      goal('gA2', '2026-09-01', 'completed', { progress: progress(['2026-06-01', 8], ['2026-02-01', 4]) }), // out of order on purpose
      goal('gA3', '2026-09-01', 'proposed'),
      goal('gA4', '2026-09-01', 'cancelled', { progress: progress(['2025-10-01', 6]) }),
    ],
    contacts: [
      contact('k1', '2026-01-01', 'answered', { answered: '2026-01-05' }), // opened on --from: before the period
      contact('k2', '2026-02-01', 'answered', { answered: '2026-02-11' }), // employment, 10 days
      contact('k3', '2026-03-01', 'resolved', { closed: '2026-03-05' }), // employment, 4 days (closed, no answer date)
    ],
    interventions: [
      intervention('i4', 'a1', '2026-02-01', undefined, { sector: 'children', kind: 'SKP' }),
      intervention('i5', 'a1', '2026-06-01', '2026-12-31', { sector: 'children', kind: 'skp ' }),
    ],
  }),
  family('fb', {
    members: [
      member('b1', 'adult', {
        observations: [
          obs('2025-06-01', 'employment', 'resource-course'),
          obs('2026-01-01', 'employment', 'cash-benefit'), // on --from: the baseline
          obs('2026-07-02', 'employment', 'job'), // after --to: not the follow-up
          obs('2026-01-01', 'functionalLevel', 3),
          obs('2026-07-01', 'functionalLevel', 2),
        ],
      }),
      member('d1', 'child', {
        observations: [
          obs('2025-01-01', 'severity', 'some'),
          obs('2026-03-01', 'severity', 'none'),
          obs('2025-12-01', 'functionalLevel', 2),
          obs('2026-05-01', 'functionalLevel', 3),
          obs('2026-01-01', 'absenceDays', 3),
          obs('2026-06-30', 'absenceDays', 3),
        ],
        events: [{ date: '2025-07-04', kind: 'notification' }], // the day before the baseline period
      }),
    ],
    goals: [
      goal('gB1', '2026-09-01', 'on-hold', { progress: progress(['2025-12-01', 5], ['2026-03-01', 4]) }),
      goal('gB2', '2026-09-01', 'active', { progress: progress(['2026-08-01', 3]) }),
    ],
    contacts: [
      contact('k4', '2026-04-01', 'resolved', { answered: '2026-04-21', closed: '2026-05-01' }), // employment, 20 days
      contact('k5', '2026-02-01', 'open', { sector: 'school' }), // waiting
      contact('k6', '2026-03-01', 'cancelled', { sector: 'school', closed: '2026-03-10' }), // left out
    ],
  }),
  family('fc', {
    members: [
      member('e1', 'adult', {
        observations: [
          obs('2025-12-01', 'functionalLevel', 2),
          obs('2026-06-01', 'functionalLevel', 4),
          obs('2025-12-01', 'employment', 'job'),
          obs('2026-06-01', 'employment', 'job'),
        ],
      }),
      member('e2', 'adult'),
      member('g1', 'child', {
        observations: [
          obs('2025-12-01', 'functionalLevel', 4),
          obs('2026-06-01', 'functionalLevel', 3),
          obs('2026-02-01', 'severity', 'severe'), // no baseline: left out
          obs('2025-12-31', 'absenceDays', 0),
          obs('2026-06-30', 'absenceDays', 0),
        ],
      }),
      member('g2', 'child'),
    ],
    contacts: [
      contact('k7', '2026-06-01', 'answered', { sector: 'school', answered: '2026-07-10' }), // answered after --to: waiting
      contact('k8', '2026-05-01', 'answered', { sector: 'school', answered: '2026-05-08' }), // school, 7 days
      contact('k9', '2026-07-02', 'open', { sector: 'health' }), // after the period
    ],
  }),
  family('fd', {
    members: [member('h1', 'adult')],
    interventions: [
      intervention('i1', 'h1', '2025-10-01', '2025-12-31'),
      intervention('i2', 'h1', '2025-11-01'),
      intervention('i3', 'h1', '2025-12-15', '2026-03-01'),
    ],
  }),
);

describe('caseloadReport on a hand-computed store', () => {
  const report = caseloadReport(store, { from: FROM, to: TO });

  it('counts families, adults and children', () => {
    expect([report.families, report.adults, report.children]).toEqual([4, 6, 5]);
  });

  it('compares adults with an employment status at both dates: a1, a2, b1, e1', () => {
    // Baseline: a1, a2, b1 on cash benefit (b1's from the day of --from); follow-up: a2, b1 (a1 got a job).
    expect(report.adultsOnCashBenefit).toEqual({ baseline: { n: 3, of: 4 }, followUp: { n: 2, of: 4 } });
    expect(report.adultsFromCashBenefitToWorkOrEducation).toEqual({ n: 1, of: 3 });
    expect(report.employment.job).toEqual({ baseline: { n: 1, of: 4 }, followUp: { n: 2, of: 4 } });
    expect(report.employment['resource-course']).toEqual({ baseline: { n: 0, of: 4 }, followUp: { n: 0, of: 4 } });
  });

  it('counts who improved among those with both values', () => {
    expect(report.adultsQualityOfLifeImproved).toEqual({ n: 1, of: 1 }); // a1 4→6; a2 has no baseline
    expect(report.adultsFunctionalImproved).toEqual({ n: 2, of: 4 }); // a1 2→3, e1 2→4; a2 3→3, b1 3→2
    expect(report.childrenSevere).toEqual({ baseline: { n: 2, of: 3 }, followUp: { n: 1, of: 3 } }); // c1, c2, d1; g1 left out
    expect(report.childrenFunctionalImproved).toEqual({ n: 2, of: 4 }); // c1 2→4, d1 2→3; c2 3→3, g1 4→3
    // Families where an adult rose: fa (a1) and fc (e1); their children with both values: c1 (rose), c2, g1.
    expect(report.childrenFunctionalImprovedWhereAdultsImproved).toEqual({ n: 1, of: 3 });
    expect(report.childrenWellbeingImproved).toEqual({ n: 0, of: 1 });
  });

  it('sums each family\'s absence over its children with both values', () => {
    // fa 10+2=12 → 4+5=9 fell; fb 3 → 3; fc 0 → 0; fd has no children.
    expect(report.familiesAbsenceFell).toEqual({ n: 1, of: 3 });
  });

  it('counts children with an event in the baseline period and in the period, ends included', () => {
    expect(report.childrenWithEvent.notification).toEqual({ baseline: { n: 1, of: 5 }, followUp: { n: 0, of: 5 } });
    expect(report.childrenWithEvent.investigation).toEqual({ baseline: { n: 0, of: 5 }, followUp: { n: 1, of: 5 } });
    expect(report.childrenWithEvent.placement).toEqual({ baseline: { n: 0, of: 5 }, followUp: { n: 0, of: 5 } });
    expect(report.childrenWithEvent['closed-doing-well']).toEqual({ baseline: { n: 0, of: 5 }, followUp: { n: 1, of: 5 } });
  });

  it('counts goals completed and compares each goal\'s start score with its latest', () => {
    // Not proposed: gA1, gA2, gA4, gB1, gB2; completed: gA2.
    expect(report.goals.completed).toEqual({ n: 1, of: 5 });
    // gA1 3→5, gA2 4→8 (its first score, recorded after --from), gB1 5→4; gA4 and gB2 have one score to --to.
    expect(report.goals.progressImproved).toEqual({ n: 2, of: 3 });
    expect(report.goals.meanScore).toEqual({ baseline: 4, followUp: 5.67 });
  });

  it('takes the median reply time by sector of contacts opened in the period', () => {
    expect(report.contactReplyDays).toEqual({
      medianDays: 8.5, // 4, 7, 10, 20
      replied: 4,
      waiting: 2,
      bySector: {
        employment: { medianDays: 10, replied: 3, waiting: 0 },
        school: { medianDays: 7, replied: 1, waiting: 2 },
      },
    });
  });

  it('counts overlapping interventions in effect on each date', () => {
    // On --from: i2 and i3 in fd. On --to: i4 and i5 in fa ("SKP" and "skp " are the same kind).
    expect(report.overlappingInterventions).toEqual({
      families: { baseline: { n: 1, of: 4 }, followUp: { n: 1, of: 4 } },
      pairs: { baseline: 1, followUp: 1 },
    });
  });

  it('follows the headline shares quarterly, first the baseline and last the follow-up', () => {
    // On benefit: a1, a2, b1 until a1's job (e1 always in a job), none in activation; no leisure recorded.
    const none = { n: 0, of: 0 };
    expect(report.trend).toEqual({
      '2026-01-01': { adultsOnCashBenefit: { n: 3, of: 4 }, adultsActivated: { n: 0, of: 3 }, childrenSevere: { n: 2, of: 3 }, childrenLeisureActivity: none },
      '2026-04-01': { adultsOnCashBenefit: { n: 3, of: 4 }, adultsActivated: { n: 0, of: 3 }, childrenSevere: { n: 2, of: 3 }, childrenLeisureActivity: none },
      '2026-07-01': { adultsOnCashBenefit: { n: 2, of: 4 }, adultsActivated: { n: 0, of: 2 }, childrenSevere: { n: 1, of: 3 }, childrenLeisureActivity: none },
    });
  });

  it('reports on a chosen set of families only', () => {
    const fb = caseloadReport(store, { from: FROM, to: TO, familyIds: ['fb'] });
    expect([fb.families, fb.adults, fb.children]).toEqual([1, 1, 1]);
    expect(fb.adultsOnCashBenefit).toEqual({ baseline: { n: 1, of: 1 }, followUp: { n: 1, of: 1 } });
    expect(fb.childrenSevere).toEqual({ baseline: { n: 0, of: 1 }, followUp: { n: 0, of: 1 } });
    expect(fb.familiesAbsenceFell).toEqual({ n: 0, of: 1 });
    expect(fb.contactReplyDays.bySector).toEqual({ employment: { medianDays: 20, replied: 1, waiting: 0 }, school: { medianDays: null, replied: 0, waiting: 1 } });
  });

  it('refuses a baseline that is not before the follow-up', () => {
    expect(() => caseloadReport(store, { from: TO, to: TO })).toThrow(RangeError);
  });
});

describe('the later indicators on a hand-counted store (tests/helpers/handCountedOutcomes.ts says how)', () => {
  const report = caseloadReport(handCountedOutcomes, { from: OUTCOMES_FROM, to: OUTCOMES_TO });

  it('gives the activation rate of the adults on benefit, on each date and in the trend', () => {
    expect(report.adultsActivated).toEqual({ baseline: { n: 2, of: 3 }, followUp: { n: 1, of: 2 } });
    expect(Object.values(report.trend).map((point) => point.adultsActivated)).toEqual([{ n: 2, of: 3 }, { n: 2, of: 3 }, { n: 1, of: 2 }]);
  });

  it('counts children with a steady leisure activity, better friendships and a leisure job', () => {
    expect(report.childrenLeisureActivity).toEqual({ baseline: { n: 2, of: 3 }, followUp: { n: 2, of: 3 } });
    expect(Object.values(report.trend).map((point) => point.childrenLeisureActivity)).toEqual([{ n: 2, of: 3 }, { n: 3, of: 3 }, { n: 2, of: 3 }]);
    expect(report.childrenFriendshipsImproved).toEqual({ n: 1, of: 2 });
    expect(report.childrenWithLeisureJob).toEqual({ baseline: { n: 1, of: 2 }, followUp: { n: 2, of: 2 } });
  });

  it('counts children returned home and stepped down in each period, and families with a complaint', () => {
    expect(report.childrenWithEvent.placement).toEqual({ baseline: { n: 2, of: 4 }, followUp: { n: 0, of: 4 } });
    expect(report.childrenWithEvent['returned-home']).toEqual({ baseline: { n: 0, of: 4 }, followUp: { n: 1, of: 4 } });
    expect(report.childrenWithEvent['stepped-down']).toEqual({ baseline: { n: 0, of: 4 }, followUp: { n: 1, of: 4 } });
    expect(report.childrenWithEvent).not.toHaveProperty('complaint');
    expect(report.familiesWithComplaint).toEqual({ baseline: { n: 1, of: 3 }, followUp: { n: 1, of: 3 } });
  });

  it("takes a family's latest rating of its case handling by any member", () => {
    expect(report.caseHandling).toEqual({ ratedGood: { baseline: { n: 1, of: 3 }, followUp: { n: 2, of: 3 } }, rose: { n: 2, of: 3 } });
  });
});

describe('the report\'s building blocks', () => {
  it('takes the latest value on or before a date, the one recorded last on the same day, in any order', () => {
    const person = member('x', 'adult', {
      observations: [obs('2026-03-01', 'qualityOfLife', 7), obs('2026-01-01', 'qualityOfLife', 3), obs('2026-03-01', 'qualityOfLife', 8), obs('2026-02-01', 'wellbeing', 1)],
    });
    expect(valueOn(person, 'qualityOfLife', '2025-12-31')).toBeUndefined();
    expect(valueOn(person, 'qualityOfLife', '2026-02-28')).toBe(3);
    expect(valueOn(person, 'qualityOfLife', '2026-03-01')).toBe(8);
  });

  it('has a median for odd and even counts, and none for no values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNull();
  });

  it('leaves out a goal without two scores to compare', () => {
    expect(goalProgressSpan(goal('g', '2027-01-01', 'active', { progress: progress(['2026-03-01', 4]) }), FROM, TO)).toBeUndefined();
    expect(goalProgressSpan(goal('g', '2027-01-01', 'active', { progress: progress(['2025-03-01', 4], ['2025-06-01', 6]) }), FROM, TO)).toBeUndefined();
    expect(goalProgressSpan(goal('g', '2027-01-01', 'active', { progress: progress(['2025-03-01', 4], ['2026-06-01', 6]) }), FROM, TO)).toEqual({ start: 4, latest: 6 });
  });

  it('spaces trend dates a quarter apart (more for long periods), 2 to 13 of them', () => {
    expect(trendDates('2025-11-24', '2026-11-24')).toEqual(['2025-11-24', '2026-02-24', '2026-05-24', '2026-08-24', '2026-11-24']);
    expect(trendDates('2025-11-30', '2026-03-15')).toEqual(['2025-11-30', '2026-02-28', '2026-03-15']);
    expect(trendDates('2026-01-01', '2026-01-10')).toEqual(['2026-01-01', '2026-01-10']);
    for (const years of [2, 3, 4, 10, 26]) expect(trendDates('2000-01-01', `${2000 + years}-01-01`).length).toBeLessThanOrEqual(13);
  });
});
