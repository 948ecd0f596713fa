// The demo tells the assessment's story: a few families in different stages, one concluded at a
// TAM of internal experts, and one FFS with its status form; nothing dated after today.
import { describe, expect, it } from 'vitest';
import { assessmentView } from '../../src/domain/assessment.js';
import { generateDemo } from '../../src/domain/demo.js';
import { StateSchema } from '../../src/domain/schema.js';

const TODAY = '2026-11-24';

describe.each([1, 2, 3, 7])('the demo with seed %i', (seed) => {
  const state = generateDemo({ families: 25, seed, today: TODAY });

  it('holds assessments in three stages, with believable dates, and the store contract', () => {
    const assessed = state.families.filter((f) => f.assessment);
    expect(new Set(assessed.map((f) => assessmentView(f).stage))).toEqual(new Set(['sections', 'tam', 'concluded']));
    for (const family of assessed) {
      const a = family.assessment!;
      for (const s of a.sections) expect(s.updated! >= a.started && s.updated! <= TODAY).toBe(true);
      if (a.analysis) expect(a.analysis.date <= TODAY).toBe(true);
    }
    // Written as the schema would give it back: a JSON store famcoord wrote is read without it.
    const written = JSON.parse(JSON.stringify(state)) as unknown;
    expect(StateSchema.parse(written)).toEqual(written);
  });

  it("concludes at a past TAM of internal experts, and the conclusion's goals are the family's", () => {
    const family = state.families.find((f) => f.assessment?.conclusion)!;
    const conclusion = family.assessment!.conclusion!;
    const tam = family.meetings.find((m) => m.id === conclusion.meetingId)!;
    expect(tam.type).toBe('tværfagligt-analysemøde');
    expect(tam.start.slice(0, 10) < TODAY).toBe(true);
    const memberNames = new Set(family.members.map((m) => m.name));
    expect(tam.attendees.some((a) => memberNames.has(a.name))).toBe(false);
    for (const id of conclusion.goalIds) expect(family.goals.some((g) => g.id === id)).toBe(true);
  });

  it('has one FFS with a status form, per goal of its family', () => {
    const forms = state.families.flatMap((f) => f.meetings.filter((m) => m.statusForm).map((m) => ({ f, m })));
    expect(forms).toHaveLength(1);
    const { f, m } = forms[0]!;
    expect(m.type).toBe('flerfagligt-statusmøde');
    for (const row of m.statusForm!) {
      expect(f.goals.some((g) => g.id === row.goalId)).toBe(true);
      expect(row.familyView).toBeTruthy();
      expect(row.views.length).toBeGreaterThan(0);
      expect(row.agreedStatus).toBeDefined();
    }
  });
});
