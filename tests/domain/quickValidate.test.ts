// A database's read checks its families by the quick parse first (issue 19): it must give what
// zod's check gives, refuse what it refuses with the same problems, and leave to zod whatever it
// does not pass.
import { describe, expect, it, vi } from 'vitest';
import { generateDemo, seededRandom } from '../../src/domain/demo.js';
import { ValidationError } from '../../src/domain/errors.js';
import { familyChecker, quickFamily, quickState } from '../../src/domain/quickValidate.js';
import { SeenIds } from '../../src/domain/seenIds.js';
import { parseFamily, parseState } from '../../src/domain/validate.js';
import { family, goal, state } from '../helpers/fixtures.js';

/** What a check gives: its result as JSON text (key order included), or its problems. */
function outcome(check: () => unknown): string {
  try {
    return JSON.stringify(check());
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return `problems ${JSON.stringify(error.problems)}`;
  }
}

/** The families checked one at a time by the quick parse (zod only where it does not pass), and by zod alone. */
function bothWays(families: unknown[]): { quick: string; zod: string; zodAsked: number } {
  const zodCheck = vi.fn(async () => parseFamily);
  const check = familyChecker(zodCheck);
  const quick = families.map((f) => outcome(() => check(f)));
  const seen = new SeenIds();
  const zod = families.map((f, i) => outcome(() => parseFamily(f, i, seen)));
  return { quick: quick.join('\n'), zod: zod.join('\n'), zodAsked: zodCheck.mock.calls.length };
}

describe("a database's families checked without zod", () => {
  const demo = generateDemo({ families: 12, seed: 4, today: '2026-11-24' });

  it('gives zod its output for a store famcoord wrote, and never asks zod', () => {
    const { quick, zod, zodAsked } = bothWays(demo.families);
    expect(quick).toBe(zod);
    expect(zodAsked).toBe(0);
    expect(JSON.stringify(quickState({ ...demo, exportedBy: 'script' }))).toBe(JSON.stringify(parseState({ ...demo, exportedBy: 'script' })));
  });

  it("fills in the defaults a family written by hand leaves out, as zod's parse does", () => {
    const bare = { id: 'f1', name: 'Familien Juhl', coordinator: 'Hanne Kjær' };
    expect(JSON.stringify(quickFamily(bare, 0, new SeenIds()))).toBe(JSON.stringify(parseFamily(bare, 0, new SeenIds())));
  });

  it('refuses an id used twice across families, and a goal of no member, with the problems zod reports', () => {
    const twice = [family('f1', { goals: [goal('x1', '2026-12-01')] }), family('f2', { goals: [goal('x1', '2026-12-01', 'active', { memberId: 'nobody' })] })];
    const { quick, zod, zodAsked } = bothWays(twice);
    expect(quick).toContain('problems');
    expect(quick).toBe(zod);
    expect(zodAsked).toBe(0);
    expect(outcome(() => quickState(state(...twice)))).toBe(outcome(() => parseState(state(...twice))));
  });

  it('leaves to zod what it does not pass: a wrong field, a wrong version, too deep a nesting', async () => {
    const wrong = family('f2', { goals: [goal('g7', '2026-13-01')] });
    expect(quickFamily(wrong, 1, new SeenIds())).toBeUndefined();
    expect(quickState({ version: 2, families: [] })).toBeUndefined();
    let deep: unknown = 'x';
    for (let i = 0; i < 80; i++) deep = [deep];
    expect(quickFamily({ ...family('f3'), notes: deep }, 0, new SeenIds())).toBeUndefined();
    // The checker asks zod for that family alone, at its place in the store.
    const zodCheck = vi.fn(async () => parseFamily);
    const check = familyChecker(zodCheck);
    expect(check(family('f1'))).toMatchObject({ id: 'f1' });
    await expect(check(wrong)).rejects.toThrow(ValidationError);
    await expect(Promise.resolve(check(wrong)).catch((error: ValidationError) => error.problems[0]?.path)).resolves.toMatch(/^families\[2\] \(f2\)\.goals\[0\]/);
    expect(zodCheck).toHaveBeenCalledTimes(2);
  });

  it('agrees with zod on a few hundred changed families', () => {
    const random = seededRandom(19);
    const odd = [undefined, null, '', 'x', '2026-02-30', -1, 11, 1.5, true, {}, [], 'active', 'p1'];
    for (let i = 0; i < 300; i++) {
      const changed = structuredClone(demo.families[i % demo.families.length]) as unknown as Record<string, unknown>;
      // One field somewhere in the family replaced or removed.
      let place: Record<string, unknown> = changed;
      for (let depth = 0; depth < 3; depth++) {
        const inner = Object.values(place).filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
        if (inner.length === 0 || random() < 0.3) break;
        place = inner[Math.floor(random() * inner.length)] as Record<string, unknown>;
      }
      const keys = Object.keys(place);
      const key = keys[Math.floor(random() * keys.length)] ?? 'extra';
      if (random() < 0.2) delete place[key];
      else place[key] = odd[Math.floor(random() * odd.length)];
      const quick = outcome(() => quickFamily(changed, 0, new SeenIds()));
      // Undefined (nothing to compare) is zod's to judge; anything else must be what zod gives.
      if (quick !== undefined) expect(quick, JSON.stringify(changed).slice(0, 300)).toBe(outcome(() => parseFamily(changed, 0, new SeenIds())));
    }
  });
});
