// Touch points and spending: per family, and as the report sums them up, against a hand count.
import { describe, expect, it } from 'vitest';
import { caseloadReport } from '../../src/domain/report.js';
import { monthlyCost, touchPoints } from '../../src/domain/touchPoints.js';
import { intervention } from '../helpers/fixtures.js';
import { FROM, handCounted, TO } from '../helpers/handCounted.js';

describe('touch points', () => {
  it('counts meetings in the period and the distinct people at them outside the family', () => {
    const [f1, f2, f3] = handCounted.families;
    expect(touchPoints(f1!, '2025-07-04', FROM)).toEqual({ professionals: 4, meetings: 2 });
    expect(touchPoints(f1!, FROM, TO)).toEqual({ professionals: 2, meetings: 1 });
    expect(touchPoints(f2!, '2025-07-04', FROM)).toEqual({ professionals: 1, meetings: 1 });
    expect(touchPoints(f3!, FROM, TO)).toEqual({ professionals: 0, meetings: 0 });
  });

  it('gives the report medians and the families where they fell, as counted by hand', () => {
    expect(caseloadReport(handCounted, { from: FROM, to: TO }).touchPoints).toEqual({
      professionals: { baseline: 1, followUp: 2 },
      meetings: { baseline: 1, followUp: 1 },
      professionalsFell: { n: 2, of: 3 },
      meetingsFell: { n: 2, of: 3 },
    });
  });
});

describe('spending', () => {
  it('spreads a total over the days of the intervention, an ongoing one over its days so far', () => {
    const total = intervention('i9', 'p1', '2026-01-01', undefined, { cost: { dkk: 12_000, per: 'total' } });
    expect(monthlyCost(total, '2026-01-10')).toBe(12_000); // at least a month
    expect(monthlyCost(total, '2026-12-31')).toBeCloseTo((12_000 * 30.4375) / 365, 6);
    expect(monthlyCost(total, '2025-12-31')).toBeUndefined();
  });

  it('gives the mean a month per family at baseline and follow-up, by the sector that pays, as counted by hand', () => {
    expect(caseloadReport(handCounted, { from: FROM, to: TO }).spending).toEqual({
      // (4500 + 6200 + 1000) / 3 = 3900; (6200 + 3970.11) / 3 = 3390.04
      perFamilyMonthly: { baseline: 3900, followUp: 3390 },
      bySector: {
        employment: { baseline: 1500, followUp: 0 },
        adults: { baseline: 2067, followUp: 2067 },
        school: { baseline: 0, followUp: 1323 },
        finance: { baseline: 333, followUp: 0 },
      },
      withoutCost: { baseline: 1, followUp: 1 },
    });
  });
});
