import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/domain/random.js';
import { sha256Hex, sha256OfBytes } from '../../src/store/sha256.js';

const bySpec = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('sha256', () => {
  it("gives node:crypto's hash for every length around the blocks' and on random bytes", () => {
    const random = seededRandom(256);
    for (let length = 0; length <= 200; length++) {
      const bytes = Uint8Array.from({ length }, () => Math.floor(random() * 256));
      expect(sha256OfBytes(bytes), String(length)).toBe(bySpec(bytes));
    }
    for (const length of [1000, 4096, 65_535, 100_003]) {
      const bytes = Uint8Array.from({ length }, () => Math.floor(random() * 256));
      expect(sha256OfBytes(bytes), String(length)).toBe(bySpec(bytes));
    }
    expect(sha256OfBytes(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes text as its UTF-8 bytes, below and above what it hashes without node:crypto', () => {
    const texts = ['', 'æøå Ærø 🙂 \u0000 \ud800', '{"step":1}'.repeat(10_000), 'x'.repeat(70_000), 'ø'];
    for (const text of texts) expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});
