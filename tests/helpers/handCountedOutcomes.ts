// A small caseload whose later indicators were counted by hand: leisure activity and friendships,
// leisure jobs, children returned home and stepped down, complaints, the family's rating of its
// case handling and the adults' activation rate (tests/domain/report.test.ts, tests/cli/reportHtml.test.ts).
import type { Observation } from '../../src/domain/schema.js';
import { family, member, state } from './fixtures.js';

export const FROM = '2026-01-01';
export const TO = '2026-07-01'; // 181 days: the baseline period for events is 2025-07-04 (excluded) … 2026-01-01
const obs = (date: string, kind: Observation['kind'], value: Observation['value']) => ({ date, kind, value }) as Observation;

/**
 * Activation rate (of adults with employment at both dates, those on benefit on the date):
 * baseline p1 cash, p2 resource course, r1 internship (q1 in a job): 2 of 3 in activation;
 * 2026-04-01 the same; follow-up p1 internship, p2 cash (q1, r1 in a job): 1 of 2.
 * Leisure activity (p3, p4, q2 have both values): baseline p4, q2: 2 of 3; 2026-04-01 p3, p4, q2:
 * 3 of 3; follow-up p3, p4: 2 of 3. Friendships (p3 3→6, p4 5→5; q3 has no baseline): 1 of 2 rose.
 * Leisure job (p4 no→yes, q2 yes→yes): 1 of 2, then 2 of 2.
 * Events of the 4 children: placed p3, q2 in the baseline period (2 of 4), none in the period;
 * returned home p3 in the period (q3's is after the follow-up): 1 of 4; stepped down q2: 1 of 4.
 * Complaints: f1 in the baseline period, f2 in the period (its second after it): 1 of 3 each.
 * Case handling (a family's latest rating by anyone): f1 2 → 4, f2 4 → 3, f3 3 (r1) → 5 (r2):
 * good (4–5) 1 of 3 → 2 of 3; rose in f1 and f3: 2 of 3.
 */
export const handCountedOutcomes = state(
  family('f1', {
    members: [
      member('p1', 'adult', {
        observations: [obs('2025-12-01', 'employment', 'cash-benefit'), obs('2026-05-01', 'employment', 'internship'), obs('2025-12-10', 'caseHandling', 2), obs('2026-06-10', 'caseHandling', 4)],
        events: [{ date: '2025-10-01', kind: 'complaint' }],
      }),
      member('p2', 'adult', { observations: [obs('2025-11-01', 'employment', 'resource-course'), obs('2026-06-01', 'employment', 'cash-benefit')] }),
      member('p3', 'child', {
        observations: [obs('2025-12-01', 'leisureActivity', false), obs('2026-04-01', 'leisureActivity', true), obs('2025-12-01', 'friendships', 3), obs('2026-06-01', 'friendships', 6)],
        events: [
          { date: '2025-08-01', kind: 'placement' },
          { date: '2026-03-15', kind: 'returned-home' },
        ],
      }),
      member('p4', 'child', {
        born: '2011-03-01',
        observations: [obs('2025-12-01', 'leisureJob', false), obs('2026-05-01', 'leisureJob', true), obs('2025-12-01', 'leisureActivity', true), obs('2025-12-01', 'friendships', 5), obs('2026-06-01', 'friendships', 5)],
      }),
    ],
  }),
  family('f2', {
    members: [
      member('q1', 'adult', {
        observations: [obs('2025-06-01', 'employment', 'job'), obs('2025-11-01', 'caseHandling', 4), obs('2026-02-01', 'caseHandling', 3)],
        events: [
          { date: '2026-02-01', kind: 'complaint' },
          { date: '2026-07-02', kind: 'complaint' },
        ],
      }),
      member('q2', 'child', {
        observations: [obs('2025-10-01', 'leisureActivity', true), obs('2026-06-01', 'leisureActivity', false), obs('2025-12-01', 'leisureJob', true)],
        events: [
          { date: '2025-12-01', kind: 'placement' },
          { date: '2026-05-01', kind: 'stepped-down' },
        ],
      }),
      member('q3', 'child', { observations: [obs('2026-02-01', 'friendships', 7)], events: [{ date: '2026-07-02', kind: 'returned-home' }] }),
    ],
  }),
  family('f3', {
    members: [
      member('r1', 'adult', { observations: [obs('2025-12-01', 'employment', 'internship'), obs('2026-06-01', 'employment', 'job'), obs('2026-01-01', 'caseHandling', 3)] }),
      member('r2', 'adult', { observations: [obs('2026-03-01', 'caseHandling', 5)] }),
    ],
  }),
);
