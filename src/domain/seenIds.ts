// The ids of a store read family by family (validate.ts's parseFamily, quickValidate.ts's
// quickFamily), kept apart from the schemas so that a read the quick parse passes loads no zod.

import { numberedId } from './ids.js';

/** Numbers below this are kept one bit each (at most 2 MB per prefix); a number above, in a set. */
const BITMAP_LIMIT = 2 ** 24;

/**
 * The numbers in use after one id prefix. famcoord numbers ids from 1 upwards, so a bitmap holds a
 * municipality's 450,000 goals in 56 KB, where a Set of numbers took ~30 bytes each (80 MB for
 * the 2.4 million ids of 100,000 families): that much less for the heap to carry, and grow by,
 * through a whole-store read. A number too large for the bitmap goes in a set.
 */
class SeenNumbers {
  private bits = new Uint8Array(1024);
  private readonly beyond = new Set<number>();

  has(n: number): boolean {
    if (n >= BITMAP_LIMIT) return this.beyond.has(n);
    return ((this.bits[n >> 3] ?? 0) & (1 << (n & 7))) !== 0;
  }

  add(n: number): void {
    if (n >= BITMAP_LIMIT) {
      this.beyond.add(n);
      return;
    }
    const byte = n >> 3;
    if (byte >= this.bits.length) {
      const grown = new Uint8Array(Math.min(BITMAP_LIMIT / 8, Math.max(byte + 1, this.bits.length * 2)));
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[byte] = (this.bits[byte] as number) | (1 << (n & 7));
  }
}

/**
 * The ids of a store read family by family, for `parseFamily`: numbered ids (g12) are kept as
 * numbers per prefix (`SeenNumbers`), a fraction of the memory of the two million strings of a
 * municipality's store.
 */
export class SeenIds {
  private readonly numbered = new Map<string, SeenNumbers>();
  private readonly others = new Set<string>();

  has(id: string): boolean {
    const numbered = numberedId(id);
    return numbered ? this.numbered.get(numbered.prefix)?.has(numbered.number) === true : this.others.has(id);
  }

  add(id: string): this {
    const numbered = numberedId(id);
    if (!numbered) this.others.add(id);
    else {
      let numbers = this.numbered.get(numbered.prefix);
      if (!numbers) this.numbered.set(numbered.prefix, (numbers = new SeenNumbers()));
      numbers.add(numbered.number);
    }
    return this;
  }
}
