import { describe, expect, it } from 'vitest';
import { sanitizeLine, sanitizeText } from '../../src/domain/sanitize.js';

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
});
