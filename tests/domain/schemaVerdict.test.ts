import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { generateDemo, seededRandom } from '../../src/domain/demo.js';
import { isIsoDate } from '../../src/domain/dates.js';
import { FamilySchema } from '../../src/domain/schema.js';
import { OPERATION_SCHEMAS, type OperationName } from '../../src/domain/operations.js';
import { NOT_PASSED, quickParser as quickParserOfShape, verdictOf as verdictOfShape, type QuickParse, type Verdict } from '../../src/domain/schemaVerdict.js';
import { shapeOf } from '../../src/domain/schemaShape.js';

/** The quick parse and verdict of a zod schema, through its Shape; undefined when it has none. */
const quickParser = (schema: z.ZodType) => { const shape = shapeOf(schema); return shape && quickParserOfShape(shape); };
const verdictOf = (schema: z.ZodType) => { const shape = shapeOf(schema); return shape && verdictOfShape(shape); };

const TODAY = '2026-11-24';

/** Values that break some field or other: wrong types, out of range, not dates, too long, empty. */
const ODD_VALUES: unknown[] = [undefined, null, '', ' ', 'x', 'g 1', 'x'.repeat(201), 'x'.repeat(10_001), '2026-02-30', '2026-13-01', '2026-1-01', '2026-11-24T09:00+01:00', '2026-11-24T25:00+01:00', 0, -1, 1, 1.5, 5, 11, 1e9, Number.NaN, Number.POSITIVE_INFINITY, true, false, {}, [], [{}], ['children'], { dkk: 5, per: 'month' }, 'children', 'active', 'done', 'open', 'adult', 'qualityOfLife', 'p1', 'stormøde', 'statusmode'];

type Json = Record<string, unknown> | unknown[];

/** Every object and array inside `root` with its keys, so a mutation can pick any place. */
function places(root: Json): Json[] {
  const found: Json[] = [];
  const walk = (value: unknown) => {
    if (typeof value !== 'object' || value === null) return;
    found.push(value as Json);
    for (const child of Object.values(value)) walk(child);
  };
  walk(root);
  return found;
}

/** A copy of `value` with one random change: a field deleted, replaced, added, or an element added. */
function mutated<T extends Json>(value: T, random: () => number): T {
  const copy = structuredClone(value);
  const pick = <U>(items: readonly U[]) => items[Math.floor(random() * items.length)] as U;
  const place = pick(places(copy));
  const odd = pick(ODD_VALUES);
  const keys = Object.keys(place);
  const kind = random();
  if (Array.isArray(place)) {
    if (kind < 0.3 || place.length === 0) place.push(structuredClone(odd));
    else place[Math.floor(random() * place.length)] = structuredClone(odd);
  } else if (kind < 0.25 && keys.length > 0) delete place[pick(keys)];
  else if (kind < 0.35) place[pick(['extra', 'note', 'status', 'id', 'kind', 'value'])] = structuredClone(odd);
  else if (keys.length > 0) place[pick(keys)] = structuredClone(odd);
  return copy;
}

/** Checks the verdict against zod on `value`: a yes must be zod's yes; returns whether they agree. */
function agrees(verdict: Verdict, schema: z.ZodType, value: unknown): boolean {
  const zodSays = schema.safeParse(value).success;
  const verdictSays = verdict(value);
  if (verdictSays) expect(zodSays, JSON.stringify(value).slice(0, 400)).toBe(true);
  return verdictSays === zodSays;
}

/** The same data with the same keys in the same order, an undefined field included (JSON.stringify would drop it). */
function sameOutput(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return keys.join('\u0000') === Object.keys(b).join('\u0000') && keys.every((key) => sameOutput((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** Checks a quick parse against zod's: where it passes a value, zod accepts it and gives the same output. */
function parsesAsZod(parse: QuickParse, schema: z.ZodType, value: unknown): boolean {
  const result = schema.safeParse(value);
  const quick = parse(value);
  if (quick !== NOT_PASSED) {
    expect(result.success, JSON.stringify(value).slice(0, 400)).toBe(true);
    expect(sameOutput(quick, result.data), JSON.stringify(value).slice(0, 400)).toBe(true);
  }
  return (quick !== NOT_PASSED) === result.success;
}

describe('verdictOf', () => {
  const families = generateDemo({ families: 40, seed: 3, today: TODAY }).families;

  it('passes every demo family, as zod does', () => {
    const verdict = verdictOf(FamilySchema) as Verdict;
    expect(verdict).toBeTypeOf('function');
    for (const family of families) expect(verdict(family), family.id).toBe(true);
  });

  it('never passes a family zod refuses, and agrees with zod on nearly all (random changes)', () => {
    const verdict = verdictOf(FamilySchema) as Verdict;
    const random = seededRandom(19);
    let refused = 0;
    let disagreements = 0;
    for (let i = 0; i < 4000; i++) {
      const family = mutated(families[i % families.length] as Json, random);
      if (!FamilySchema.safeParse(family).success) refused++;
      if (!agrees(verdict, FamilySchema, family)) disagreements++;
    }
    // The changes hit every kind of field, and most of them break the family.
    expect(refused).toBeGreaterThan(1500);
    // Where the verdict says no, zod decides: that costs time, never a wrong answer; it should be rare.
    expect(disagreements).toBeLessThan(40);
  });

  it("parses each operation's lines as zod does: the same verdict, defaults, fields and their order", () => {
    const random = seededRandom(7);
    const examples: Partial<Record<OperationName, Record<string, unknown>>> = {
      'goal.progress': { op: 'goal.progress', goalId: 'g12', score: 6, note: 'Mødt op hver dag', date: '2026-11-20', status: 'active' },
      'goal.add': { title: 'Skole hver dag', op: 'goal.add', familyId: 'f1', sector: 'children', due: '2027-01-31', priority: 1 },
      'contact.resolve': { op: 'contact.resolve', contactId: 'c5', resolution: 'Ressourceforløb bevilget' },
      'meeting.add': { op: 'meeting.add', familyId: 'f1', type: 'stormøde', start: '2026-12-01T09:00+01:00', attendees: [{ sector: 'employment', name: 'Lone Berg' }] },
      'family.add': { op: 'family.add', name: 'Familien Test', members: [{ name: 'Mette', role: 'adult', born: '1990-01-01' }] },
      'goal.update': { op: 'goal.update', goalId: 'g12', memberId: null, title: 'Skole hver dag', due: '2027-02-28' },
      'family.authority': { op: 'family.authority', familyId: 'f1', sector: 'children', holder: null },
    };
    for (const [name, example] of Object.entries(examples)) {
      const schema = OPERATION_SCHEMAS[name as OperationName] as unknown as z.ZodType;
      const parse = quickParser(schema) as QuickParse;
      expect(parse, name).toBeTypeOf('function');
      expect(parsesAsZod(parse, schema, example), name).toBe(true);
      expect(parse(example), name).not.toBe(NOT_PASSED);
      let disagreements = 0;
      for (let i = 0; i < 500; i++) if (!parsesAsZod(parse, schema, mutated(example, random))) disagreements++;
      expect(disagreements, name).toBeLessThan(10);
    }
  });

  it("gives a family's output as zod does (defaults filled in, unknown fields kept)", () => {
    const parse = quickParser(FamilySchema) as QuickParse;
    const random = seededRandom(5);
    for (let i = 0; i < 300; i++) parsesAsZod(parse, FamilySchema, mutated(families[i % families.length] as Json, random));
    const bare = { id: 'f1', name: 'Familien Test', extra: { kept: true }, meetings: [{ id: 'm1', type: 'statusmode', start: '2026-12-01T09:00+01:00', durationMin: 30 }] };
    expect(parsesAsZod(parse, FamilySchema, bare)).toBe(true);
  });

  it('gives no verdict for what it does not model, so zod alone judges', () => {
    expect(verdictOf(z.string().email())).toBeUndefined();
    expect(verdictOf(z.coerce.number())).toBeUndefined();
    expect(verdictOf(z.string().trim())).toBeUndefined();
    expect(verdictOf(z.object({ when: z.date() }))).toBeUndefined();
    expect(verdictOf(z.union([z.string(), z.number()]))).toBeUndefined();
    const verdict = verdictOf(z.strictObject({ n: z.number().int().min(1).max(3), s: z.string().max(2).regex(/^a/).optional(), d: z.array(z.string()).min(1).default(['a']) })) as Verdict;
    for (const [value, valid] of [
      [{ n: 2 }, true],
      [{ n: 2, s: 'ab', d: ['x'] }, true],
      [{ n: 2.5 }, false],
      [{ n: 0 }, false],
      [{ n: 4 }, false],
      [{ n: 2, s: 'abc' }, false],
      [{ n: 2, s: 'b' }, false],
      [{ n: 2, d: [] }, false],
      [{ n: 2, x: 1 }, false],
      [{}, false],
    ] as const)
      expect(verdict(value), JSON.stringify(value)).toBe(valid);
  });
});

describe('isIsoDate', () => {
  // The rule as it was written before it was made quicker: the pattern, then the calendar.
  const reference = (text: string) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) return false;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0) ? 1 : 0);
  };

  it('agrees with the pattern and the calendar on random text', () => {
    const random = seededRandom(11);
    const characters = '0123456789-/ T:\n١x';
    for (let i = 0; i < 20_000; i++) {
      const near = `${String(Math.floor(random() * 10_000)).padStart(4, '0')}-${String(Math.floor(random() * 14)).padStart(2, '0')}-${String(Math.floor(random() * 33)).padStart(2, '0')}`;
      const chars = [...near];
      if (random() < 0.3) chars[Math.floor(random() * chars.length)] = characters[Math.floor(random() * characters.length)] as string;
      if (random() < 0.05) chars.push('\n');
      const text = chars.join('');
      expect(isIsoDate(text), text).toBe(reference(text));
    }
    for (const text of ['2024-02-29', '2100-02-29', '2000-02-29', '0000-02-29', '2026-04-31', '2026-12-31', ''])
      expect(isIsoDate(text), text).toBe(reference(text));
  });
});
