import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/canonical.js';
import { generateDemo, seededRandom } from '../../src/domain/demo.js';
import { familyHash } from '../../src/store/undo.js';

/**
 * The definition every log's hashes were written with (undo compares a family's hash with the one
 * its step recorded, across famcoord versions): keys sorted, an undefined field or an empty list
 * left out, a list's undefined item written as nothing (as join() writes a hole).
 */
function definition(value: unknown): string {
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += `${i > 0 ? ',' : ''}${definition(value[i]) ?? ''}`;
    return `${text}]`;
  }
  if (value && typeof value === 'object') {
    let text = '{';
    for (const key of Object.keys(value).sort()) {
      const field = (value as Record<string, unknown>)[key];
      if (field === undefined || (Array.isArray(field) && field.length === 0)) continue;
      text += `${text.length > 1 ? ',' : ''}${JSON.stringify(key)}:${definition(field)}`;
    }
    return `${text}}`;
  }
  return JSON.stringify(value);
}

/** Keys a plain object enumerates in another order than inserted (array indices), or that JSON.parse makes own and an assignment would not. */
const AWKWARD_KEYS = ['0', '2', '10', '4294967294', '4294967295', '01', '-1', '1.5', '__proto__', 'constructor', 'toJSON', 'toString', 'a', 'B', 'b', 'é', 'Z', '', ' ', '"', '\u2028', '\ud800'];

/** A random value of JSON's kinds and a few it lacks (undefined, functions, holes, dates), nested up to `depth`. */
function randomValue(random: () => number, depth: number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const kind = depth <= 0 ? pick(['string', 'number', 'literal']) : pick(['string', 'number', 'literal', 'array', 'object', 'object', 'empty', 'odd']);
  switch (kind) {
    case 'string':
      return pick(['', 'g12', 'Mødt op hver dag', 'a"b\\c', '\u0000\u001f', '\ud800', '\u{1f600}', '2026-11-24', '\u202e']);
    case 'number':
      return pick([0, -0, 1, 5.5, 1e21, -3, 2 ** 53, Number.NaN, Infinity]);
    case 'literal':
      return pick([true, false, null]);
    case 'empty':
      return [];
    case 'odd':
      return pick([undefined, () => 1, Symbol('s'), new Date(0), [1, undefined, 2], [, 1], { toJSON: () => 'x' }]);
    case 'array':
      return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth - 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let n = Math.floor(random() * 5); n > 0; n--) {
        const key = random() < 0.3 ? pick(AWKWARD_KEYS) : pick(['id', 'goals', 'progress', 'score', 'note', 'date', 'status', 'zeta', 'alpha']);
        // As JSON.parse makes it: an own property, also for __proto__.
        Object.defineProperty(object, key, { value: randomValue(random, depth - 1), enumerable: true, writable: true, configurable: true });
      }
      return object;
    }
  }
}

describe('canonicalJson', () => {
  it('writes every demo family as the definition does, and hashes it the same', () => {
    const { families } = generateDemo({ families: 60, seed: 3, today: '2026-11-24' });
    for (const family of families) {
      expect(canonicalJson(family)).toBe(definition(family));
      expect(familyHash(family)).toBe(createHash('sha256').update(definition(family)).digest('hex').slice(0, 32));
    }
  });

  it('writes random values as the definition does: array-index and __proto__ keys, empty lists, undefined, holes, functions, dates', () => {
    const random = seededRandom(19);
    for (let i = 0; i < 5000; i++) {
      const value = randomValue(random, 5);
      expect(canonicalJson(value), `value ${i}`).toBe(definition(value));
    }
  });

  it('sorts keys that a plain object would put first (array indices) and keeps an own __proto__ field', () => {
    expect(canonicalJson({ b: 1, 10: 2, 2: 3, a: [], c: undefined })).toBe('{"10":2,"2":3,"b":1}');
    expect(canonicalJson(JSON.parse('{"z":1,"__proto__":{"x":1},"a":{"__proto__":[1]}}'))).toBe('{"__proto__":{"x":1},"a":{"__proto__":[1]},"z":1}');
    expect(canonicalJson({ a: [undefined, 1, () => 1], toJSON: () => 'x' })).toBe(definition({ a: [undefined, 1, () => 1], toJSON: () => 'x' }));
  });

  it('gives the hash a log written by earlier famcoords recorded for a family', () => {
    const family = { id: 'f1', name: 'Familien Ø', members: [{ id: 'p1', name: 'Mette', role: 'adult' }], goals: [{ title: 'Skole', id: 'g1', progress: [] }], consents: [] };
    expect(familyHash(family as never)).toBe(createHash('sha256').update('{"goals":[{"id":"g1","title":"Skole"}],"id":"f1","members":[{"id":"p1","name":"Mette","role":"adult"}],"name":"Familien Ø"}').digest('hex').slice(0, 32));
  });
});
