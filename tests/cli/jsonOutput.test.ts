import fc from 'fast-check';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { prettyJson, prettyJsonStreaming, writeJson } from '../../src/cli/jsonOutput.js';

const whole = (value: unknown) => [...prettyJson(value)].join('');

describe('--json output in slices', () => {
  it('is exactly JSON.stringify(value, null, 2), for any JSON and for objects with undefined entries', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => whole(value) === JSON.stringify(value, null, 2)), { numRuns: 2_000 });
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.array(fc.option(fc.object(), { nil: undefined }))), (value) => whole(value) === JSON.stringify(value, null, 2)), { numRuns: 1_000 });
    for (const value of [{}, [], { a: undefined }, [undefined], { when: new Date(0), list: [new Date(0)] }, 'text', null])
      expect(whole(value)).toBe(JSON.stringify(value, null, 2));
  });

  it('writes a large answer in slices, never as one string, waiting for a slow reader', async () => {
    const view = { date: '2026-11-24', openContacts: Array.from({ length: 5_000 }, (_, i) => ({ id: `c${i}`, subject: 'Spørgsmål om bolig', daysWaiting: i })) };
    const writes: string[] = [];
    let mostHeld = 0;
    const slowReader = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, done) {
        writes.push(chunk.toString('utf8'));
        mostHeld = Math.max(mostHeld, slowReader.writableLength);
        setTimeout(done, 1);
      },
    });
    await writeJson(view, slowReader);
    expect(mostHeld).toBeLessThan(2 * 80 * 1024); // never more than a slice or two waiting
    expect(writes.join('')).toBe(`${JSON.stringify(view, null, 2)}\n`);
    expect(writes.length).toBeGreaterThan(5);
    expect(Math.max(...writes.map((w) => w.length))).toBeLessThan(80 * 1024);
  });
});

describe('a document whose long list comes item by item (export --all)', () => {
  async function* itemsOf<T>(items: readonly T[], taken: { count: number }): AsyncGenerator<T> {
    for (const item of items) {
      taken.count++;
      yield item;
    }
  }

  it('is exactly JSON.stringify of the whole document, written as the items come', async () => {
    fc.assert(
      await fc.asyncProperty(fc.array(fc.jsonValue(), { maxLength: 20 }), fc.jsonValue(), async (items, other) => {
        const document = { format: 'x', list: [] as unknown[], after: other };
        const pieces: string[] = [];
        for await (const piece of prettyJsonStreaming(document, 'list', itemsOf(items, { count: 0 }))) pieces.push(piece);
        return pieces.join('') === JSON.stringify({ ...document, list: items }, null, 2);
      }),
      { numRuns: 300 },
    );
    // One piece per item, each written before the next item is read: never the whole list at once.
    const taken = { count: 0 };
    const seenWhenWritten: number[] = [];
    for await (const piece of prettyJsonStreaming({ families: [], changes: [] }, 'families', itemsOf([{ id: 'f1' }, { id: 'f2' }, { id: 'f3' }], taken)))
      if (piece.includes('"id"')) seenWhenWritten.push(taken.count);
    expect(seenWhenWritten).toEqual([1, 2, 3]);
  });
});
