// Recording indicators: observation.add and event.add, their validation, and the demo's histories.
import { describe, expect, it } from 'vitest';
import { addMonths } from '../../src/domain/dates.js';
import { generateDemo } from '../../src/domain/demo.js';
import { OperationSchema, type OperationInput } from '../../src/domain/operations.js';
import { changesAbout } from '../../src/domain/personLog.js';
import { caseloadReport } from '../../src/domain/report.js';
import { runTransaction } from '../../src/domain/transaction.js';
import { parseState } from '../../src/domain/validate.js';
import { StateWorkspace } from '../../src/domain/workspace.js';
import type { State } from '../../src/domain/schema.js';
import { family, state } from '../helpers/fixtures.js';

const TODAY = '2026-11-24';

function apply(start: State, inputs: OperationInput[]) {
  const ws = new StateWorkspace(start);
  const { applied } = runTransaction(ws, inputs.map((i) => OperationSchema.parse(i)), { today: TODAY });
  return { applied, state: ws.result(start) };
}

const problem = (input: unknown) => {
  const result = OperationSchema.safeParse(input);
  return result.success ? undefined : `${result.error.issues[0]?.path.join('.')}: ${result.error.issues[0]?.message}`;
};

describe('observation.add and event.add', () => {
  it('keep a member\'s history in date order, dated today by default', () => {
    const { state: after, applied } = apply(state(family('f1')), [
      { op: 'observation.add', memberId: 'f1-a', kind: 'employment', value: 'job' },
      { op: 'observation.add', memberId: 'f1-a', kind: 'employment', value: 'cash-benefit', date: '2026-01-15' },
      { op: 'observation.add', memberId: 'f1-c', kind: 'absenceDays', value: 4, date: '2026-06-30' },
      { op: 'event.add', memberId: 'f1-c', kind: 'notification', date: '2026-09-01' },
      { op: 'event.add', memberId: 'f1-c', kind: 'investigation', date: '2026-03-01' },
    ]);
    const [adult, child] = after.families[0]?.members ?? [];
    expect(adult?.observations).toEqual([
      { date: '2026-01-15', kind: 'employment', value: 'cash-benefit' },
      { date: TODAY, kind: 'employment', value: 'job' },
    ]);
    expect(child?.observations).toEqual([{ date: '2026-06-30', kind: 'absenceDays', value: 4 }]);
    expect(child?.events).toEqual([
      { date: '2026-03-01', kind: 'investigation' },
      { date: '2026-09-01', kind: 'notification' },
    ]);
    expect(applied[0]).toMatchObject({ op: 'observation.add', date: TODAY }); // the default date is recorded
  });

  it('are changes about that person in the access log', () => {
    const { applied } = apply(state(family('f1')), [
      { op: 'observation.add', memberId: 'f1-c', kind: 'severity', value: 'some' },
      { op: 'event.add', memberId: 'f1-c', kind: 'placement' },
      { op: 'observation.add', memberId: 'f1-a', kind: 'qualityOfLife', value: 7 },
    ]);
    const steps = [{ step: 1, time: '2026-11-24T10:00:00Z', user: 'tester', source: 'cli', ops: applied, before: {} }];
    expect(changesAbout('f1-c', steps, []).map((c) => [c.op, c.objectId])).toEqual([
      ['observation.add', 'f1-c'],
      ['event.add', 'f1-c'],
    ]);
  });

  it('refuses an unknown member', () => {
    expect(() => apply(state(family('f1')), [{ op: 'observation.add', memberId: 'p404', kind: 'wellbeing', value: 5 }])).toThrow(/no member p404/);
    expect(() => apply(state(family('f1')), [{ op: 'event.add', memberId: 'p404', kind: 'placement' }])).toThrow(/no member p404/);
  });

  it('checks the value against its kind and says what to type, never echoing it', () => {
    expect(problem({ op: 'observation.add', memberId: 'p1', kind: 'employment', value: 'unemployed' })).toBe(
      'value: must be one of: cash-benefit, resource-course, internship, education, job, other for employment',
    );
    expect(problem({ op: 'observation.add', memberId: 'p1', kind: 'functionalLevel', value: 0 })).toBe('value: must be a whole number from 1 to 5 for functionalLevel');
    expect(problem({ op: 'observation.add', memberId: 'p1', kind: 'qualityOfLife', value: 11 })).toBe('value: must be a whole number from 0 to 10 for qualityOfLife');
    expect(problem({ op: 'observation.add', memberId: 'p1', kind: 'severity', value: 3 })).toBe('value: must be one of: none, some, severe for severity');
    expect(problem({ op: 'observation.add', memberId: 'p1', kind: 'absenceDays', value: -1 })).toBe('value: must be a whole number from 0 to 366 for absenceDays');
    expect(problem({ op: 'observation.add', memberId: 'p1', kind: 'mood', value: 3 })).toBe(
      'kind: must be one of: employment, qualityOfLife, wellbeing, functionalLevel, severity, absenceDays, leisureActivity, friendships, leisureJob, caseHandling',
    );
    expect(problem({ op: 'observation.add', memberId: 'p1', kind: 'wellbeing' })).toMatch(/^value: /);
    expect(problem({ op: 'event.add', memberId: 'p1', kind: 'party' })).toBe('kind: must be one of: investigation, notification, placement, closed-doing-well, returned-home, stepped-down, complaint');
    expect(problem({ op: 'observation.add', memberId: 'p1', kind: 'leisureJob', value: 'maybe' })).toBe('value: must be yes or no (true or false) for leisureJob');
    expect(problem({ op: 'observation.add', memberId: 'p1', kind: 'caseHandling', value: 6 })).toBe('value: must be a whole number from 1 to 5 for caseHandling');
    expect(problem({ op: 'observation.add', memberId: 'p1', kind: 'leisureActivity', value: true })).toBeUndefined();
    expect(problem({ op: 'observation.add', memberId: 'p1', kind: 'wellbeing', value: 5, date: '2026-02-30' })).toMatch(/^date: must be a real date/);
  });

  it('are validated in the store too: a hand-written observation with a wrong value is refused with its place', () => {
    const bad = state(family('f1'));
    (bad.families[0]?.members[0] as { observations: unknown[] }).observations = [{ date: '2026-01-01', kind: 'severity', value: 'terrible' }];
    expect(() => parseState(bad)).toThrow(/families\[0\] \(f1\)\.members\[0\] \(f1-a\)\.observations\[0\]\.value: must be one of: none, some, severe/);
  });
});

describe('addMonths', () => {
  it('keeps the day, or takes the last day of a shorter month', () => {
    expect(addMonths('2026-11-24', -12)).toBe('2025-11-24');
    expect(addMonths('2024-02-29', -12)).toBe('2023-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });
});

describe('demo indicator histories', () => {
  const demo = generateDemo({ families: 400, seed: 3, today: TODAY });
  const report = caseloadReport(demo, { from: addMonths(TODAY, -12), to: TODAY });
  const share = (figure: { n: number; of: number }) => figure.n / figure.of;

  it('are valid, short, never in the future, and leave the rest of a seed\'s demo as it was', () => {
    expect(() => parseState(demo)).not.toThrow();
    const members = demo.families.flatMap((f) => f.members);
    const observations = members.flatMap((m) => m.observations);
    expect(observations.length / members.length).toBeLessThan(10);
    expect(observations.every((o) => o.date <= TODAY)).toBe(true);
    expect(members.flatMap((m) => m.events).every((e) => e.date <= TODAY)).toBe(true);
    // Histories use a random stream of their own: without them the demo is what it was before them.
    const withoutHistories = (s: State) => s.families.map((f) => ({ ...f, members: f.members.map(({ observations: _o, events: _e, ...m }) => m) }));
    expect(withoutHistories(generateDemo({ families: 5, seed: 3, today: TODAY }))).toEqual(withoutHistories({ ...demo, families: demo.families.slice(0, 5) }));
  });

  it('trend mildly better, near the mid-term evaluation\'s figures', () => {
    expect(share(report.adultsOnCashBenefit.baseline)).toBeGreaterThan(0.63);
    expect(share(report.adultsOnCashBenefit.baseline)).toBeLessThan(0.83);
    expect(share(report.adultsOnCashBenefit.followUp)).toBeLessThan(share(report.adultsOnCashBenefit.baseline));
    expect(share(report.childrenSevere.baseline)).toBeGreaterThan(0.39);
    expect(share(report.childrenSevere.baseline)).toBeLessThan(0.59);
    expect(share(report.childrenSevere.followUp)).toBeLessThan(share(report.childrenSevere.baseline));
    expect(share(report.childrenFunctionalImproved)).toBeGreaterThan(0.5);
    expect(share(report.familiesAbsenceFell)).toBeGreaterThan(0.15);
    expect(report.childrenWithEvent.notification.followUp.n).toBeLessThan(report.childrenWithEvent.notification.baseline.n);
    // The later indicators move the way the seeds tell: more leisure, fewer complaints, a better
    // experience of the case handling, some children home or stepped down from a placement.
    expect(share(report.childrenLeisureActivity.followUp)).toBeGreaterThan(share(report.childrenLeisureActivity.baseline));
    expect(share(report.childrenWithLeisureJob.followUp)).toBeGreaterThan(share(report.childrenWithLeisureJob.baseline));
    expect(share(report.childrenFriendshipsImproved)).toBeGreaterThan(0.3);
    expect(report.familiesWithComplaint.followUp.n).toBeLessThan(report.familiesWithComplaint.baseline.n);
    expect(share(report.caseHandling.ratedGood.followUp)).toBeGreaterThan(share(report.caseHandling.ratedGood.baseline));
    expect(report.childrenWithEvent['returned-home'].followUp.n).toBeGreaterThan(0);
    expect(report.childrenWithEvent['stepped-down'].followUp.n).toBeGreaterThan(0);
    expect(share(report.adultsActivated.baseline)).toBeGreaterThan(0.05);
    expect(share(report.adultsActivated.baseline)).toBeLessThan(0.4);
    // Only young people of 13–17 have a leisure job recorded.
    const ageOn = (born: string) => Number(TODAY.slice(0, 4)) - Number(born.slice(0, 4));
    const withJob = demo.families.flatMap((f) => f.members).filter((m) => m.observations.some((o) => o.kind === 'leisureJob'));
    expect(withJob.length).toBeGreaterThan(0);
    expect(withJob.every((m) => m.role === 'child' && m.born !== undefined && ageOn(m.born) >= 13)).toBe(true);
    // Some people have no baseline (they came in during the year) and are left out.
    expect(report.adultsOnCashBenefit.baseline.of).toBeLessThan(report.adults);
    expect(report.adultsOnCashBenefit.baseline.of).toBeGreaterThan(report.adults / 2);
  });
});
