// A store too large for one JavaScript string (a 100,000-family demo with indicator histories is
// about 700 MB) is read a family per line. The limit is lowered here so a small store takes that path.
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/domain/demo.js';
import { StoreError } from '../../src/store/errors.js';
import { parseStoreBytes, serializeState } from '../../src/store/jsonStore.js';

const demo = generateDemo({ families: 30, seed: 5, today: '2026-11-24' });
const bytes = (text: string) => Buffer.from(text, 'utf8');
const written = [...serializeState(demo)].join('');

function errorOf(run: () => unknown): StoreError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error('expected a StoreError');
}

describe('parseStoreBytes', () => {
  it('reads the layout famcoord writes a line at a time, to the same data as one JSON text', () => {
    expect(parseStoreBytes(bytes(written), 'store.json', 100)).toEqual(JSON.parse(written));
    expect(parseStoreBytes(bytes(written), 'store.json')).toEqual(JSON.parse(written));
  });

  it('names the line that is not valid, never its text, and refuses a file cut short', () => {
    const lines = written.split('\n');
    lines[3] = '{"id":"f3","name":"Familien Hemmelig"';
    const broken = errorOf(() => parseStoreBytes(bytes(lines.join('\n')), 'store.json', 100));
    expect(broken.kind).toBe('corrupt');
    expect(broken.message).toMatch(/^the store store\.json is not valid JSON at line 4 .*; it was not changed$/);
    expect(broken.message).not.toMatch(/Hemmelig/);
    const withoutEnd = written.slice(0, written.lastIndexOf(']}'));
    expect(errorOf(() => parseStoreBytes(bytes(withoutEnd), 'store.json', 100)).message).toMatch(/at the end \(the file looks cut short\)/);
    expect(errorOf(() => parseStoreBytes(bytes(written.slice(0, written.length / 2)), 'store.json', 100)).message).toMatch(/at line \d+/);
    expect(errorOf(() => parseStoreBytes(bytes(`${written}{"more":1}\n`), 'store.json', 100)).message).toMatch(/at line \d+/);
  });

  it('refuses a large store in another layout, saying how it reads one', () => {
    const indented = JSON.stringify(demo, null, 2);
    expect(errorOf(() => parseStoreBytes(bytes(indented), 'store.json', 100)).message).toMatch(/at line 1 \(a store this large is read one family per line/);
  });
});
