import { describe, expect, it } from 'vitest';
import { decodeUtf8Lines, describeSize, inputLimit, MAX_BATCH_BYTES } from '../../src/cli/input.js';

describe('decodeUtf8Lines', () => {
  const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

  it('skips a byte order mark at the start only, whether or not a line is bad', () => {
    expect(decodeUtf8Lines(bytes([0xef, 0xbb, 0xbf], 'a\n\ufeffb\n'))).toEqual({ text: 'a\n\ufeffb\n', badLines: [] });
    expect(decodeUtf8Lines(bytes([0xef, 0xbb, 0xbf], 'a\n\ufeffb\n', [0xff], '\n'))).toEqual({ text: 'a\n\ufeffb\n\n', badLines: [3] });
  });

  it('numbers bad lines as the batch does (CRLF included), leaving them empty', () => {
    expect(decodeUtf8Lines(bytes('ok\r\n', [0xc3], '\r\nok\n', [0xe2, 0x82], '\n'))).toEqual({ text: 'ok\r\n\nok\n\n', badLines: [2, 4] });
  });
});

describe('the input limit', () => {
  it('can be lowered for tests, never raised', () => {
    expect(inputLimit(MAX_BATCH_BYTES, {})).toBe(256 * 1024 * 1024);
    expect(inputLimit(MAX_BATCH_BYTES, { FAMCOORD_TEST_MAX_INPUT_BYTES: '100' })).toBe(100);
    expect(inputLimit(100, { FAMCOORD_TEST_MAX_INPUT_BYTES: '1000' })).toBe(100);
    expect(inputLimit(100, { FAMCOORD_TEST_MAX_INPUT_BYTES: 'lots' })).toBe(100);
    expect([describeSize(MAX_BATCH_BYTES), describeSize(64 * 1024), describeSize(5)]).toEqual(['256 MB', '64 KB', '5 bytes']);
  });
});
