import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors.js';
import { SeenIds } from '../../src/domain/seenIds.js';
import { parseFamily, parseState } from '../../src/domain/validate.js';
import { family, goal, intervention, state } from '../helpers/fixtures.js';

function problems(data: unknown): string[] {
  try {
    parseState(data);
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.problems.map((p) => `${p.path}: ${p.message}`);
  }
}

describe('validating a whole store', () => {
  it('loads a store written to the contract, keeping fields it does not know', () => {
    const data = { version: 1, exportedBy: 'script', families: [{ ...family('f1', { goals: [goal('g1', '2026-12-01')] }), caseNumber: '27.12.04' }] };
    const loaded = parseState(data);
    expect(loaded.families[0]).toMatchObject({ id: 'f1', caseNumber: '27.12.04' });
    expect(loaded).toMatchObject({ exportedBy: 'script' });
  });

  it('fills in empty lists a hand-written store may leave out', () => {
    const loaded = parseState({ version: 1, families: [{ id: 'f1', name: 'Familien Juhl' }] });
    expect(loaded.families[0]).toMatchObject({ members: [], goals: [], meetings: [], contacts: [], interventions: [] });
  });

  it('names where a problem is, with the ids on the way, and not the values', () => {
    const bad = state(family('f1'), family('f2', { goals: [goal('g7', '2026-13-01')] }));
    expect(problems(bad)).toEqual(['families[1] (f2).goals[0] (g7).due: must be a real date as YYYY-MM-DD, e.g. 2026-11-24']);
    expect(problems({ version: 2, families: [] })).toEqual(['version: must be 1']);
    expect(problems({ families: 'x' })).toHaveLength(2);
  });

  it('refuses duplicate ids and references to members that are not in the family', () => {
    const dup = state(family('f1', { goals: [goal('x1', '2026-12-01')] }), family('f2', { goals: [goal('x1', '2026-12-01', 'active', { memberId: 'nobody' })] }));
    expect(problems(dup)).toEqual([
      'families[1] (f2).goals[0]: id x1 is used more than once in the store',
      'families[1] (f2).goals[0] (x1).memberId: no member nobody in this family',
    ]);
    const reversed = state(family('f1', { interventions: [intervention('i1', 'f1-a', '2026-05-01', '2026-04-01')] }));
    expect(problems(reversed)).toEqual(['families[0] (f1).interventions[0] (i1).to: ends before it starts']);
  });
});

describe('a store checked family by family (families, doctor, export --all on a large store)', () => {
  it('finds what the whole-state check finds, at the same place: an id used twice in the store too', () => {
    const broken = state(
      family('f1', { goals: [goal('g7', '2026-12-01'), goal('g012', '2026-12-01')] }),
      family('f2', { goals: [goal('g12', '2026-12-01'), goal('g7', '2027-01-01', 'active', { due: 'soon' })] }),
      family('f3', { goals: [goal('g012', '2026-12-01')] }),
    );
    const oneByOne: string[] = [];
    const seen = new SeenIds();
    broken.families.forEach((f, position) => {
      try {
        parseFamily(structuredClone(f), position, seen);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        oneByOne.push(...error.problems.map((p) => `${p.path}: ${p.message}`));
      }
    });
    // g12 and g012 are different ids; g012 is used twice (f2, whose schema fails, is not counted).
    expect(oneByOne).toEqual([
      'families[1] (f2).goals[1] (g7).due: must be a real date as YYYY-MM-DD, e.g. 2026-11-24',
      'families[2] (f3).goals[0]: id g012 is used more than once in the store',
    ]);
    expect(problems(broken)).toEqual([oneByOne[0]]); // the whole check stops at the schema
    expect(problems(state(family('f1', { goals: [goal('g7', '2026-12-01')] }), family('f2', { goals: [goal('g7', '2026-12-01')] })))).toEqual(['families[1] (f2).goals[0]: id g7 is used more than once in the store']);
  });

  it('refuses a family nested too deep as the whole check does, named at its place in the store', () => {
    let deep: Record<string, unknown> = {};
    const f = { ...family('f3'), extra: deep };
    for (let level = 0; level < 80; level++) deep = deep.a = {};
    const whole = () => parseState(state(family('f1'), family('f2'), structuredClone(f)));
    const alone = () => parseFamily(structuredClone(f), 2, new SeenIds());
    for (const check of [whole, alone]) expect(check).toThrow(/^families\[2\] \(f3\)\.extra\.a\.a\.a…: is nested more than 64 levels deep$/);
  });
});

describe('the ids seen in a store read family by family', () => {
  it('tells each id seen from one not seen, numbered ids small and large, and others', () => {
    const seen = new SeenIds();
    const ids = ['g0', 'g1', 'g7', 'g8', 'g9', 'g8191', 'g8192', 'g450041', 'g16777215', 'g16777216', 'g999999999', 'm7', 'f12', 'g012', 'kontakt-a'];
    for (const id of ids) {
      expect(seen.has(id)).toBe(false);
      seen.add(id);
      expect(seen.has(id)).toBe(true);
    }
    for (const id of ids) expect(seen.has(id)).toBe(true);
    for (const id of ['g2', 'g6', 'g10', 'g8190', 'g8193', 'g450040', 'g450042', 'g16777214', 'g16777217', 'g999999998', 'm8', 'f7', 'g12', 'g0012', 'kontakt-b', 'x1'])
      expect(seen.has(id), id).toBe(false);
  });
});
