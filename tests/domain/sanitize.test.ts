import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeJsonControls, sanitizeLine, sanitizeText } from '../../src/domain/sanitize.js';

describe('sanitising text for the terminal', () => {
  it('removes CSI sequences that move the cursor or clear the screen', () => {
    expect(sanitizeText('Mor\u001b[2J\u001b[Hvil i praktik')).toBe('Morvil i praktik');
    expect(sanitizeText('\u001b[31mrød\u001b[0m')).toBe('rød');
  });

  it('removes OSC sequences: window titles and hyperlinks', () => {
    expect(sanitizeText('a\u001b]0;pwned\u0007b')).toBe('ab');
    expect(sanitizeText('\u001b]8;;https://evil.example\u001b\\klik\u001b]8;;\u001b\\')).toBe('klik');
  });

  it('removes carriage returns, backspaces, C1 controls and BiDi overrides', () => {
    expect(sanitizeText('godkendt\rafvist')).toBe('godkendtafvist');
    expect(sanitizeText('ok\b\b\bno')).toBe('okno');
    expect(sanitizeText('x\u009b31my')).toBe('x31my');
    expect(sanitizeText('abc\u202edcba\u2066x\u2069')).toBe('abcdcbax');
  });

  it('keeps Danish letters, emoji, newlines and tabs; sanitizeLine folds them to spaces', () => {
    expect(sanitizeText('Søren og Åse\ttaler\nsammen 👍')).toBe('Søren og Åse\ttaler\nsammen 👍');
    expect(sanitizeLine('linje 1\nlinje 2\tslut')).toBe('linje 1 linje 2 slut');
  });

  it('makes line and paragraph separators the newlines they stand for: a terminal would not break the line', () => {
    expect(sanitizeText('Mødet gik godt.\u2028Mor var glad.\u2029Næste møde')).toBe('Mødet gik godt.\nMor var glad.\nNæste møde');
    expect(sanitizeLine('linje 1\u2028linje 2')).toBe('linje 1 linje 2');
  });
});

describe('text with nothing to sanitise', () => {
  // A NUL in front forces every pass (and is removed by them): the answer must not change.
  const same = (text: string) => sanitizeText(text) === sanitizeText(`\u0000${text}`) && sanitizeLine(text) === sanitizeLine(`\u0000${text}`);

  it('is given back as it is; every character the passes change is sanitised as before', () => {
    const characters = [...Array.from({ length: 0x10000 }, (_, n) => String.fromCharCode(n)), ...Array.from({ length: 0x100 }, (_, n) => String.fromCodePoint(0xe0000 + n)), '\u{1f600}'];
    expect(characters.filter((ch) => !same(ch)).map((ch) => ch.codePointAt(0))).toEqual([]);
    const plain = 'Familien Østergaard, mødet kl. 9';
    expect(sanitizeLine(plain)).toBe(plain);
  });

  it('sanitises mixed text as before', () => {
    const unit = fc.constantFrom('a', 'æ', ' ', '\n', '\t', '\u001b', '[', '3', 'm', ']', '\u0007', '\\', '\u009b', '\u202e', '\u2028', '\u200b', '\u180e', '\u{e0041}', '\u{1f600}', '\ud800');
    fc.assert(fc.property(fc.string({ unit, maxLength: 12 }), same), { numRuns: 3_000 });
  });
});

describe('invisible characters', () => {
  it('are shown by their code point: zero-width, word joiner, byte order mark, tag characters', () => {
    expect(sanitizeText('Jens\u200ben')).toBe('Jens⟨U+200B⟩en');
    expect(sanitizeLine('a\u200c\u200d\u2060\ufeffb')).toBe('a⟨U+200C⟩⟨U+200D⟩⟨U+2060⟩⟨U+FEFF⟩b');
    expect(sanitizeLine('ok\u{e0069}\u{e0067}\u{e007f}')).toBe('ok⟨U+E0069⟩⟨U+E0067⟩⟨U+E007F⟩');
    expect(sanitizeLine(sanitizeLine('x\u200by'))).toBe('x⟨U+200B⟩y');
  });
});

describe('escapeJsonControls', () => {
  const unsafe = ['\u007f', '\u0085', '\u009b', '\u061c', '\u200b', '\u200e', '\u2028', '\u2029', '\u202e', '\u2066', '\u2069', '\ufeff', '\u{e0041}'];

  it('escapes C1, BiDi and invisible characters as \\uXXXX, giving back the same data', () => {
    expect(escapeJsonControls(JSON.stringify({ name: 'x\u009b31my' }))).toBe('{"name":"x\\u009b31my"}');
    expect(escapeJsonControls(JSON.stringify('\u{e0041}'))).toBe('"\\udb40\\udc41"');
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.array(fc.constantFrom(...unsafe, '\\', '"', 'ø', '\u001b')), (value, extra) => {
        const data = { value, text: extra.join('') };
        const json = escapeJsonControls(JSON.stringify(data, null, 2));
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(data)));
        for (const ch of [...unsafe, '\u001b']) expect(json.includes(ch)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
