// Ink hands over what arrived on stdin in one go: one key, or several when the user types fast,
// pastes, or a script sends "text⏎" at once. This splits that into single keystrokes, so Enter
// typed right after a note still saves it, and the note does not swallow the Enter.
import type { Key } from 'ink';
import { namedKey, type NamedKey } from './keymap.js';

export interface Keystroke {
  /** Printable text (one or more characters), or '' for a named key. */
  text: string;
  named?: NamedKey;
  /** Backspace or delete. */
  erase?: boolean;
}

const CONTROL_KEYS: Record<string, Keystroke> = {
  '\r': { text: '', named: 'return' },
  '\n': { text: '', named: 'return' },
  '\t': { text: '', named: 'tab' },
  '\u001b': { text: '', named: 'escape' },
  '\u007f': { text: '', erase: true },
  '\b': { text: '', erase: true },
};

export function keystrokes(input: string, key: Key): Keystroke[] {
  const named = namedKey(key);
  if (named) return [{ text: '', named }];
  if (key.backspace || key.delete) return [{ text: '', erase: true }];
  if (key.ctrl || key.meta) return [];
  const out: Keystroke[] = [];
  let run = '';
  for (const ch of input) {
    const control = CONTROL_KEYS[ch];
    // eslint-disable-next-line no-control-regex
    if (control || /[\u0000-\u001f\u007f-\u009f]/.test(ch)) {
      if (run) out.push({ text: run });
      run = '';
      if (control) out.push(control);
      continue;
    }
    run += ch;
  }
  if (run) out.push({ text: run });
  return out;
}
