import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { fit } from '../../src/tui/layout.js';
import { narrowTextWidth, terminalTextWidth } from '../../src/tui/textWidth.js';

const RANGES: Array<[number, number]> = [[0x20, 0x7e], [0xa0, 0xac], [0xae, 0x2ff], [0x2010, 0x2027], [0x2030, 0x205e], [0x2500, 0x259f]];
const FAST = RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)));

describe('narrowTextWidth', () => {
  it('gives string-width’s answer for each character it answers for', () => {
    for (const char of FAST) {
      expect(narrowTextWidth(char), char.codePointAt(0)?.toString(16)).toBe(stringWidth(char));
    }
  });

  it('gives string-width’s answer for any text of those characters', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...FAST), { maxLength: 40 }), (chars) => {
      const text = chars.join('');
      expect(narrowTextWidth(text)).toBe(stringWidth(text));
    }));
    for (const text of ['Familien Ærø-Søndergård', '╭─ Dagens møder (3) ─╮', '“Følger op” – næste uge…', ''])
      expect(narrowTextWidth(text), text).toBe(stringWidth(text));
  });

  it('leaves to string-width what it does not know: marks, emoji, wide letters, controls, other options', () => {
    for (const text of ['e\u0301', 'a\u00ad', '✅', '⌚', '◽', '日本', 'Å\u200b', '\u001b[1mA\u001b[0m', '\t', 'ok\u202e'])
      expect(narrowTextWidth(text), JSON.stringify(text)).toBeUndefined();
    expect(narrowTextWidth('─', { ambiguousIsNarrow: false })).toBeUndefined();
    expect(narrowTextWidth(undefined)).toBeUndefined();
  });
});

describe('terminalTextWidth', () => {
  const width = (text: string) => terminalTextWidth(text, undefined, stringWidth);

  it('counts an emoji with a skin tone as two emoji, as tmux and xterm draw it, and the rest as string-width does', () => {
    expect(width('🧒🏽')).toBe(4);
    expect(width('Emil 👍🏿 og 👋🏽👋🏾')).toBe(stringWidth('Emil 👍 og 👋👋') + 6);
    expect(width('🏽')).toBe(2); // a modifier on its own is an emoji of two columns anyway
    for (const text of ['Familien Ærø', '日本', '✅', '👨‍👩‍👧', '🇩🇰', '']) expect(width(text), text).toBe(stringWidth(text));
  });

  it('gives the same answer over a string-width that already counts so (the build puts it in front of every one)', () => {
    const counted = (text: string) => terminalTextWidth(text, undefined, width);
    for (const text of ['🧒🏽', 'a👍🏿b👋🏽', 'plain']) expect(counted(text), text).toBe(width(text));
  });

  it('makes fit pad a line with such a name to the width a terminal draws', () => {
    expect(fit('Emil 🧒🏽 Jensen', 20)).toBe('Emil 🧒🏽 Jensen    ');
    expect(width(fit('Emil 🧒🏽 Jensen 🧒🏽🧒🏽', 12))).toBeLessThanOrEqual(12);
  });
});
