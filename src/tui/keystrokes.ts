// What arrives on stdin in one go is a sequence of keystrokes: one key, or several when the user
// types fast, pastes, or ssh or a slow machine delivers them together. This pure tokenizer splits
// the raw terminal text into single keystrokes, so each can be routed by the state the previous
// one left (src/tui/inputRouter.ts): `p` opens a dialog and the rest of the chunk types into it.
//
// A bracketed paste (ESC[200~ … ESC[201~, which the workbench asks the terminal for) becomes ONE
// keystroke carrying the pasted text: it is typed into the focused field and never read as keys.
// A paste can span several chunks, so the tokenizer carries the paste read so far in its state.
// Ink's input parser hands us each escape sequence whole (it holds back an incomplete one until
// the rest arrives), so a sequence split across reads needs no state here.
import { sanitizeText } from '../domain/sanitize.js';
import type { NamedKey } from './keymap.js';

export type Keystroke =
  /** One printable character. */
  | { kind: 'char'; char: string }
  | { kind: 'named'; key: NamedKey }
  /** Backspace (Delete, erasing forward, is the named key 'delete'). */
  | { kind: 'erase' }
  /** The text of a bracketed paste: newlines as \n, without escape sequences or control characters. */
  | { kind: 'paste'; text: string };

export interface TokenizerState {
  /** The raw text of a bracketed paste whose end has not arrived yet. */
  pasting?: string;
}

const PASTE_START = '\u001b[200~';
const PASTE_END = '\u001b[201~';

const named = (key: NamedKey): Keystroke => ({ kind: 'named', key });

const CONTROL_KEYS: Record<string, Keystroke> = {
  '\r': named('return'),
  // A lone LF is Ctrl-J (Enter sends CR in raw mode): a new line in a multi-line field.
  '\n': named('newline'),
  '\t': named('tab'),
  '\u007f': { kind: 'erase' },
  '\b': { kind: 'erase' },
  // A line editor's control keys (readline, bash): Ctrl-A/E start and end, Ctrl-U/K/W erase.
  '\u0001': named('home'),
  '\u0005': named('end'),
  '\u0015': named('ctrl-u'),
  '\u000b': named('ctrl-k'),
  '\u0017': named('ctrl-w'),
};

// CSI (ESC [ parameters intermediates final) and SS3 (ESC O final) sequences.
// eslint-disable-next-line no-control-regex
const SEQUENCE = /^\u001b(?:\[([0-?]*)[ -/]*([@-~])|O([@-~]))/;
// Arrows, and Home/End as xterm sends them (CSI H/F, or SS3 H/F in application mode).
const ARROWS: Record<string, NamedKey> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end' };
// ESC[n~: Home and End as the VT220, rxvt and the Linux console send them, Delete, PgUp/PgDn.
const TILDE_KEYS: Record<string, Keystroke> = {
  '1': named('home'),
  '7': named('home'),
  '4': named('end'),
  '8': named('end'),
  '3': named('delete'),
  '5': named('pageup'),
  '6': named('pagedown'),
};

/** The key an escape sequence stands for, if the workbench uses it (modifiers are ignored). */
function sequenceKey(params: string, final: string): Keystroke | undefined {
  const arrow = ARROWS[final];
  if (arrow) return named(arrow);
  if (final === 'Z') return named('shift-tab');
  if (final === '~') return TILDE_KEYS[params.split(';')[0] ?? ''];
  return undefined;
}

/** A paste's text as it may enter a field: one kind of newline, nothing a terminal would obey. */
function pastedText(raw: string): string {
  return sanitizeText(raw.replace(/\r\n?/g, '\n'));
}

/**
 * Ends a paste whose end marker has not come: its text so far, as one paste keystroke. A terminal
 * sends the end right behind the text, so a paste still open after a pause lost its end (a broken
 * multiplexer, an interrupted ssh); without this every key after it would be swallowed as text.
 */
export function endOpenPaste(state: TokenizerState): { keystrokes: Keystroke[]; state: TokenizerState } {
  const text = state.pasting === undefined ? '' : pastedText(state.pasting);
  return { keystrokes: text ? [{ kind: 'paste', text }] : [], state: {} };
}

/** Splits raw terminal input into keystrokes; `state` carries a bracketed paste across chunks. */
export function tokenize(input: string, state: TokenizerState = {}): { keystrokes: Keystroke[]; state: TokenizerState } {
  const out: Keystroke[] = [];
  let pasting = state.pasting;
  let i = 0;
  while (i < input.length) {
    if (pasting !== undefined) {
      const end = input.indexOf(PASTE_END, i);
      if (end < 0) {
        pasting += input.slice(i);
        break;
      }
      const text = pastedText(pasting + input.slice(i, end));
      if (text) out.push({ kind: 'paste', text });
      pasting = undefined;
      i = end + PASTE_END.length;
      continue;
    }
    if (input.startsWith(PASTE_START, i)) {
      pasting = '';
      i += PASTE_START.length;
      continue;
    }
    const ch = String.fromCodePoint(input.codePointAt(i) as number);
    if (ch === '\u001b') {
      const sequence = SEQUENCE.exec(input.slice(i));
      if (sequence) {
        const key = sequence[3] ? sequenceKey('', sequence[3]) : sequenceKey(sequence[1] ?? '', sequence[2] ?? '');
        if (key) out.push(key);
        i += sequence[0].length;
        continue;
      }
      // Any other ESC is the Escape key. ESC before a character could also be Alt+key, but the
      // workbench has no Alt keys, and Esc then Tab typed fast arrive just the same.
      out.push({ kind: 'named', key: 'escape' });
      i += 1;
      continue;
    }
    if (ch === '\r' && input[i + 1] === '\n') i += 1; // CR LF is one Enter
    const control = CONTROL_KEYS[ch];
    if (control) out.push(control);
    // eslint-disable-next-line no-control-regex
    else if (!/[\u0000-\u001f\u0080-\u009f]/.test(ch)) out.push({ kind: 'char', char: ch });
    i += ch.length;
  }
  return { keystrokes: out, state: pasting === undefined ? {} : { pasting } };
}
