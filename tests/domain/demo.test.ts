import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/domain/demo.js';
import { overlappingInterventions } from '../../src/domain/rules.js';
import { parseState } from '../../src/domain/validate.js';
import { todayView } from '../../src/domain/views.js';
import { MEETING_TYPES, SECTORS } from '../../src/domain/vocabulary.js';

const TODAY = '2026-11-24';

describe('demo data', () => {
  const demo = generateDemo({ families: 25, seed: 1, today: TODAY });

  it('is a valid store, deterministic for a seed and date, and different for another seed', () => {
    expect(() => parseState(demo)).not.toThrow();
    expect(JSON.stringify(generateDemo({ families: 25, seed: 1, today: TODAY }))).toBe(JSON.stringify(demo));
    expect(JSON.stringify(generateDemo({ families: 25, seed: 2, today: TODAY }))).not.toBe(JSON.stringify(demo));
  });

  it('gives the morning something to show: meetings today, overdue goals, contacts past reply-by', () => {
    const view = todayView(demo, TODAY, 'Europe/Copenhagen');
    expect(view.meetings.length).toBeGreaterThanOrEqual(4);
    expect(view.overdueGoals.length).toBeGreaterThanOrEqual(9);
    expect(view.openContacts.filter((c) => c.replyByPassed).length).toBeGreaterThanOrEqual(6);
    expect(demo.families.filter((f) => overlappingInterventions(f).length > 0).length).toBeGreaterThanOrEqual(3);
  });

  it('covers every sector and meeting type, with Danish names, and progress that goes up and down', () => {
    const families = demo.families;
    const sectors = new Set(families.flatMap((f) => [...f.goals, ...f.contacts].map((x) => x.sector)));
    expect([...sectors].sort()).toEqual([...SECTORS].sort());
    expect(new Set(families.flatMap((f) => f.meetings.map((m) => m.type)))).toEqual(new Set(MEETING_TYPES));
    expect(families.every((f) => f.name.startsWith('Familien '))).toBe(true);
    const histories = families.flatMap((f) => f.goals.map((g) => g.progress.map((p) => p.score)));
    const ups = histories.some((h) => h.some((s, i) => i > 0 && s > (h[i - 1] as number)));
    const downs = histories.some((h) => h.some((s, i) => i > 0 && s < (h[i - 1] as number)));
    expect(ups && downs).toBe(true);
    expect(histories.flat().every((s) => s >= 0 && s <= 10)).toBe(true);
  });

  it('keeps every date relative to today: no progress is recorded in the future', () => {
    for (const f of demo.families) for (const g of f.goals) for (const p of g.progress) expect(p.date <= TODAY).toBe(true);
  });
});
