import { describe, expect, it } from 'vitest';
import { familyCollisions } from '../../src/domain/collisions.js';
import { demoCoordinator, generateDemo } from '../../src/domain/demo.js';
import { overlappingInterventions } from '../../src/domain/rules.js';
import { parseState } from '../../src/domain/validate.js';
import { todayView } from '../../src/domain/views.js';
import { MEETING_TYPES, SECTORS } from '../../src/domain/vocabulary.js';

const TODAY = '2026-11-24';

describe('demo data', () => {
  const demo = generateDemo({ families: 25, seed: 1, today: TODAY });

  it('gives every household goals, also one whose members fit none of the texts of a sector (seed 4 had one at family 500)', () => {
    for (const [seed, families] of [[4, 500], [1, 1500]] as const)
      expect(() => parseState(generateDemo({ families, seed, today: '2026-11-30' }))).not.toThrow();
  });

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

  it('leaves a believable caseload of agreements: a handful overdue, none for long, the old ones done or dropped after their meeting', () => {
    for (const [seed, today] of [[1, TODAY], [2, '2026-11-30'], [7, '2026-11-30']] as const) {
      const generated = generateDemo({ families: 25, seed, today });
      const overdue = todayView(generated, today, 'Europe/Copenhagen').agreements.filter((a) => a.daysOverdue > 0);
      expect(overdue.length, `seed ${seed}`).toBeGreaterThanOrEqual(5);
      expect(overdue.length, `seed ${seed}`).toBeLessThanOrEqual(15);
      expect(Math.max(...overdue.map((a) => a.daysOverdue)), `seed ${seed}`).toBeLessThanOrEqual(30);
      for (const family of generated.families)
        for (const meeting of family.meetings)
          for (const agreement of meeting.agreements) {
            if (agreement.status === 'done') expect(agreement.done! >= meeting.start.slice(0, 10) && agreement.done! <= today).toBe(true);
            if (agreement.status !== 'open') expect(agreement.due! < today).toBe(true);
          }
    }
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

  describe('tells a believable story', () => {
    const big = generateDemo({ families: 300, seed: 3, today: TODAY });
    const age = (born: string | undefined) => Number(TODAY.slice(0, 4)) - Number(born?.slice(0, 4)) - (born && born.slice(5) > TODAY.slice(5) ? 1 : 0);

    it('gives goals and interventions that fit the child: no fritidsjob under 13, no school before 6', () => {
      for (const f of big.families)
        for (const child of f.members.filter((m) => m.role === 'child')) {
          const years = age(child.born);
          const goals = f.goals.filter((g) => g.memberId === child.id).map((g) => g.title);
          const kinds = f.interventions.filter((i) => i.memberId === child.id).map((i) => i.kind);
          if (years < 13) expect([...goals, ...kinds].filter((t) => /fritidsjob/.test(t)), `${child.id}, ${years}`).toEqual([]);
          if (years < 6) expect(goals.filter((t) => /skole|klassen|lektie/.test(t)), `${child.id}, ${years}`).toEqual([]);
          if (years < 7) expect(kinds.filter((k) => /lektie/.test(k)), `${child.id}, ${years}`).toEqual([]);
        }
    });

    it("repeats a goal within a family only where the sector had no other text for it (the plan showed the same goal three times)", () => {
      const repeating = big.families.filter((f) => new Set(f.goals.map((g) => g.title)).size < f.goals.length);
      expect(repeating.length, repeating.map((f) => f.id).join(' ')).toBeLessThanOrEqual(2);
    });

    it('writes progress notes that agree with the score: up, down or the same', () => {
      const up = new Set(['Mødt op hver dag i denne uge', 'God samtale, familien er motiveret', 'Første skridt er taget', 'Det går bedre end ventet', 'Har selv ringet til skolen']);
      for (const g of big.families.flatMap((f) => f.goals))
        for (const [i, p] of g.progress.entries()) {
          const before = g.progress[i - 1]?.score;
          if (before !== undefined && p.score <= before) expect(up.has(p.note), `${g.id} ${before} → ${p.score}: ${p.note}`).toBe(false);
        }
    });

    it('holds a TAM among the departments only, and gives coordinators names people have', () => {
      for (const f of big.families) {
        const members = new Set(f.members.map((m) => m.name));
        for (const m of f.meetings.filter((m) => m.type === 'tværfagligt-analysemøde')) expect(m.attendees.filter((a) => members.has(a.name))).toEqual([]);
      }
      for (const index of [100, 120, 500, 5000]) expect(demoCoordinator(index)).not.toMatch(/\b(\p{L}+) \1$/u);
      expect(new Set(Array.from({ length: 2000 }, (_, i) => demoCoordinator(100 + i * 20))).size).toBe(2000);
    });

    it('has no member with the same help three times at once, and exactly one family with a same-purpose collision: mentorstøtte beside bostøtte', () => {
      for (const f of big.families) {
        const copies = new Map<string, number>();
        for (const i of f.interventions) copies.set(`${i.memberId} ${i.kind}`, (copies.get(`${i.memberId} ${i.kind}`) ?? 0) + 1);
        expect(Math.max(...copies.values()), f.id).toBeLessThan(3);
      }
      const samePurpose = big.families.flatMap((f) => familyCollisions(f).filter((c) => c.kind === 'same-purpose').map((c) => ({ f, c })));
      expect(samePurpose.map(({ f }) => f.id)).toEqual(['f2']);
      const [a, b] = samePurpose[0]!.c.ids.map((id) => samePurpose[0]!.f.interventions.find((i) => i.id === id)!);
      expect([a!.kind, a!.sector, b!.kind, b!.sector]).toEqual(['mentorstøtte', 'employment', 'bostøtte', 'adults']);
    });

    it('places goals and interventions in the plans they come from, with a cost', () => {
      const goals = big.families.flatMap((f) => f.goals);
      expect(goals.filter((g) => g.memberId === undefined).every((g) => g.source === 'family' && g.ownWords === true)).toBe(true);
      expect(goals.filter((g) => g.memberId !== undefined).every((g) => g.source !== undefined && g.department !== undefined && g.caseworker !== undefined)).toBe(true);
      expect(big.families.flatMap((f) => f.interventions).every((i) => i.cost !== undefined && i.source !== undefined)).toBe(true);
    });
  });
});

