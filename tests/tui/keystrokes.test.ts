import { describe, expect, it } from 'vitest';
import { endOpenPaste, tokenize, type Keystroke, type TokenizerState } from '../../src/tui/keystrokes.js';

/** Tokenizes chunks in order, as they arrive, carrying the state. */
function chunks(...inputs: string[]): Keystroke[] {
  let state: TokenizerState = {};
  const out: Keystroke[] = [];
  for (const input of inputs) {
    const result = tokenize(input, state);
    state = result.state;
    out.push(...result.keystrokes);
  }
  return out;
}

const chars = (text: string): Keystroke[] => [...text].map((char) => ({ kind: 'char', char }));
const key = (name: Extract<Keystroke, { kind: 'named' }>['key']): Keystroke => ({ kind: 'named', key: name });

describe('splitting terminal input into keystrokes', () => {
  it('makes every character of a chunk its own keystroke, and Enter, Tab and Backspace keys', () => {
    expect(chunks('p7\tMødt op\r')).toEqual([...chars('p7'), key('tab'), ...chars('Mødt op'), key('return')]);
    expect(chunks('a\u007fb\bc\r\nd')).toEqual([...chars('a'), { kind: 'erase' }, ...chars('b'), { kind: 'erase' }, ...chars('c'), key('return'), ...chars('d')]);
    expect(chunks('🙂é')).toEqual(chars('🙂é'));
  });

  it('reads escape sequences as keys, wherever they are in the chunk, and drops the ones it does not use', () => {
    expect(chunks('j\u001b[Bk\u001bOA\u001b[Z\u001b[5~\u001b[6~\u001b[3~\u001b[1;5C')).toEqual([
      ...chars('j'), key('down'), ...chars('k'), key('up'), key('shift-tab'), key('pageup'), key('pagedown'), key('delete'), key('right'),
    ]);
    expect(chunks('\u001b[31mx\u0003\u0000y')).toEqual(chars('xy')); // a colour, Ctrl+C, NUL
    // Home and End in each terminal's dialect, and a line editor's control keys; a lone LF is Ctrl-J.
    expect(chunks('\u001b[H\u001bOH\u001b[1~\u001b[7~\u0001')).toEqual(Array(5).fill(key('home')));
    expect(chunks('\u001b[F\u001bOF\u001b[4~\u001b[8~\u0005')).toEqual(Array(5).fill(key('end')));
    expect(chunks('\u0015\u000b\u0017\n')).toEqual([key('ctrl-u'), key('ctrl-k'), key('ctrl-w'), key('newline')]);
    expect(chunks('\u001b')).toEqual([key('escape')]);
    expect(chunks('\u001b\u001b')).toEqual([key('escape'), key('escape')]);
    expect(chunks('\u001b\tq')).toEqual([key('escape'), key('tab'), ...chars('q')]); // Esc, Tab, q typed fast
  });

  it('turns a bracketed paste into one keystroke: its text, never keys, with one kind of newline', () => {
    expect(chunks('e\u001b[200~Linje A\rLinje B\r\nLinje C\u001b[201~\r')).toEqual([
      ...chars('e'), { kind: 'paste', text: 'Linje A\nLinje B\nLinje C' }, key('return'),
    ]);
  });

  it('keeps a paste open across chunks, as Ink hands them over (each escape sequence on its own)', () => {
    expect(chunks('\u001b[200~', 'Linje A\rLin', 'je B\r', 'q', '\u001b[201~', 'q')).toEqual([{ kind: 'paste', text: 'Linje A\nLinje B\nq' }, ...chars('q')]);
  });

  it('ends a paste whose end never came with the text read so far, cleaned, and reads on as keys', () => {
    const open = tokenize('\u001b[200~Linje A\rLin\u001b[31m', {});
    expect(open.keystrokes).toEqual([]);
    const ended = endOpenPaste(open.state);
    expect(ended).toEqual({ keystrokes: [{ kind: 'paste', text: 'Linje A\nLin' }], state: {} });
    expect(tokenize('q', ended.state).keystrokes).toEqual(chars('q'));
    expect(endOpenPaste(tokenize('\u001b[200~\u001b[2J', {}).state).keystrokes).toEqual([]);
    expect(endOpenPaste({}).keystrokes).toEqual([]);
  });

  it('removes escape sequences and control characters from pasted text', () => {
    expect(chunks('\u001b[200~Rød\u001b[31m tekst\u001b]0;title\u0007\u0008 slut\u202e\u001b[201~')).toEqual([{ kind: 'paste', text: 'Rød tekst slut' }]);
    expect(chunks('\u001b[200~', '\u001b[2J', '\u001b[201~')).toEqual([]);
  });
});
