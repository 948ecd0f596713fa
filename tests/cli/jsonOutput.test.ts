import fc from 'fast-check';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { prettyJson, prettyJsonStreaming, writeJson } from '../../src/cli/jsonOutput.js';
import { escapeJsonControls, JSON_UNSAFE_LEAD_BYTES } from '../../src/domain/sanitize.js';

const whole = (value: unknown) => [...prettyJson(value)].join('');

describe('--json output in slices', () => {
  const expected = (value: unknown) => escapeJsonControls(JSON.stringify(value, null, 2));

  it('is JSON.stringify(value, null, 2) with controls escaped, for any JSON and for objects with undefined entries', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => whole(value) === expected(value)), { numRuns: 2_000 });
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.array(fc.option(fc.object(), { nil: undefined }))), (value) => whole(value) === expected(value)), { numRuns: 1_000 });
    for (const value of [{}, [], { a: undefined }, [undefined], { when: new Date(0), list: [new Date(0)] }, 'text', null])
      expect(whole(value)).toBe(JSON.stringify(value, null, 2));
  });

  it('escapes C1, BiDi and invisible characters in keys and values, and reads back as the same data', () => {
    // Text with the characters JSON output escapes mixed in, in small JSON values.
    const text = fc.string({ unit: fc.oneof(fc.constantFrom('\u009b', '\u202e', '\u200b', '\u2028', '\u{e0041}', '\u001b', '\\'), fc.string({ maxLength: 1 })), maxLength: 8 });
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ maxDepth: 3 }, text, fc.integer(), fc.constant(null), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(text, tie('value'), { maxKeys: 3 })),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        const out = whole(value);
        return out === expected(value) && JSON.stringify(JSON.parse(out)) === JSON.stringify(value) && !/[\u007f-\u009f\u202a-\u202e\u200b\u2028]|\udb40/.test(out);
      }),
      { numRuns: 300 },
    );
    expect(whole({ 'x\u009b': ['\u202eabc'] })).toBe('{\n  "x\\u009b": [\n    "\\u202eabc"\n  ]\n}');
  });

  it('writes what prettyJson gives, bytes looked at for the escaped characters rather than every slice searched', async () => {
    // Every character escapeJsonControls changes begins, in UTF-8, with one of the bytes looked for.
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCodePoint(code);
      if (escapeJsonControls(char) !== char) expect(JSON_UNSAFE_LEAD_BYTES).toContain(Buffer.from(char, 'utf8')[0]);
    }
    const written = async (value: unknown) => {
      const chunks: Buffer[] = [];
      await writeJson(value, new Writable({ write: (chunk: Buffer, _encoding, done) => (chunks.push(chunk), done()) }));
      return Buffer.concat(chunks).toString('utf8');
    };
    const long = (text: string) => ({ rows: Array.from({ length: 3_000 }, (_, i) => ({ id: `c${i}`, subject: i === 2_500 ? text : 'Spørgsmål om bolig – “skole” ½' })) });
    for (const value of [long('Møde\u009b[2J'), long('\u202eabc'), long('tag \u{e0041}'), long('plain'), { 'x\u200b': ['\ufeff'] }])
      expect(await written(value)).toBe(`${whole(value)}\n`);
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

  const streamed = async (document: Record<string, unknown>, key: string, items: readonly unknown[]) => {
    const pieces: string[] = [];
    for await (const piece of prettyJsonStreaming(document, key, itemsOf(items, { count: 0 }))) pieces.push(piece);
    return pieces.join('');
  };

  it('is exactly JSON.stringify of the whole document with controls escaped, written as the items come', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue(), { maxLength: 20 }), fc.jsonValue(), async (items, other) => {
        const document = { format: 'x', list: [] as unknown[], after: other };
        return (await streamed(document, 'list', items)) === escapeJsonControls(JSON.stringify({ ...document, list: items }, null, 2));
      }),
      { numRuns: 300 },
    );
    // A family's name with C1, BiDi and invisible characters is escaped in the streamed list too.
    const hostile = [{ id: 'f1', name: 'A\u009b\u202e\u200b' }];
    const text = await streamed({ families: [] }, 'families', hostile);
    expect(text).toContain('"A\\u009b\\u202e\\u200b"');
    expect(JSON.parse(text)).toEqual({ families: hostile });
    // One piece per item, each written before the next item is read: never the whole list at once.
    const taken = { count: 0 };
    const seenWhenWritten: number[] = [];
    for await (const piece of prettyJsonStreaming({ families: [], changes: [] }, 'families', itemsOf([{ id: 'f1' }, { id: 'f2' }, { id: 'f3' }], taken)))
      if (piece.includes('"id"')) seenWhenWritten.push(taken.count);
    expect(seenWhenWritten).toEqual([1, 2, 3]);
  });
});
