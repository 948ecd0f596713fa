import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDanish } from '../../src/domain/collate.js';

const danish = new Intl.Collator('da');
const sign = (n: number) => Math.sign(n);
const plainText = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZæøåÆØÅ0123456789 .-'), maxLength: 12 });
const anyName = fc.string({ unit: fc.constantFrom(...'aAbBeEoOvVwWzZæÆøØåÅéüä -.'), maxLength: 10 });
// Heavy on a, A and å, so that "aa", "Aa", "aA", "aaa" and "aå" come up often.
const aHeavy = fc.string({ unit: fc.constantFrom(...'aaAAåÅgrdøæ '), maxLength: 9 });

describe('Danish alphabetical order', () => {
  it('agrees with ICU for plain text (without starting a collator) and for any other text', () => {
    fc.assert(fc.property(plainText, plainText, (a, b) => sign(compareDanish(a, b)) === sign(danish.compare(a, b))), { numRuns: 20_000 });
    fc.assert(fc.property(aHeavy, aHeavy, (a, b) => sign(compareDanish(a, b)) === sign(danish.compare(a, b))), { numRuns: 20_000 });
    fc.assert(fc.property(anyName, anyName, (a, b) => sign(compareDanish(a, b)) === sign(danish.compare(a, b))), { numRuns: 5_000 });
  });

  it('puts æ, ø, å after z and reads aa as å', () => {
    const names = ['Aaberg', 'Østergaard', 'Østergård', 'Zeuthen', 'Ærø', 'Andersen', 'Åkjær', 'ahmed', 'Ahmed'];
    expect([...names].sort(compareDanish)).toEqual(['Ahmed', 'ahmed', 'Andersen', 'Zeuthen', 'Ærø', 'Østergård', 'Østergaard', 'Aaberg', 'Åkjær']);
  });
});
