// Editing one text field: the keys of a shell's line editor (←/→, Home/End and Ctrl-A/Ctrl-E,
// Backspace and Delete, Ctrl-U/Ctrl-K, Ctrl-W) as a pure reducer over the value and its cursor.
// The cursor counts characters (code points), never UTF-16 units, so "ø" or an emoji is one step.
// A pre-filled value starts selected: the first text typed replaces it and any erase key clears
// it, as in any form ("p7" on a score of 5 records 7, not 57); a cursor key ends the selection.
// Why not @inkjs/ui's TextInput: see docs/ARCHITECTURE.md, "Keys in the workbench".

export interface TextFieldState {
  value: string;
  /** Where the next character goes: 0 … the value's length in characters. */
  cursor: number;
  /** The whole pre-filled value is selected: typing replaces it. */
  selected: boolean;
}

export type TextEdit =
  /** Typed or pasted text, as the field keeps it (already cleaned by the form). */
  | { type: 'insert'; text: string }
  /** Backspace: the character before the cursor. */
  | { type: 'backspace' }
  /** Delete: the character under the cursor. */
  | { type: 'delete' }
  | { type: 'left' }
  | { type: 'right' }
  /** Home / Ctrl-A. */
  | { type: 'home' }
  /** End / Ctrl-E. */
  | { type: 'end' }
  /** Ctrl-U: everything before the cursor. */
  | { type: 'deleteToStart' }
  /** Ctrl-K: everything from the cursor on. */
  | { type: 'deleteToEnd' }
  /** Ctrl-W: the word before the cursor, and the spaces after it. */
  | { type: 'deleteWord' };

const chars = (text: string) => [...text];

/** Where Ctrl-W's word starts: back over spaces, then back over the word. */
function wordStart(before: readonly string[]): number {
  let at = before.length;
  while (at > 0 && /\s/u.test(before[at - 1] as string)) at--;
  while (at > 0 && !/\s/u.test(before[at - 1] as string)) at--;
  return at;
}

export function editText(state: TextFieldState, edit: TextEdit): TextFieldState {
  const all = chars(state.value);
  const cursor = Math.min(Math.max(0, state.cursor), all.length);
  const put = (before: readonly string[], after: readonly string[]): TextFieldState => ({ value: [...before, ...after].join(''), cursor: before.length, selected: false });
  const moveTo = (at: number): TextFieldState => ({ ...state, cursor: Math.min(Math.max(0, at), all.length), selected: false });
  if (state.selected)
    switch (edit.type) {
      case 'insert':
        return put(chars(edit.text), []);
      case 'backspace':
      case 'delete':
      case 'deleteToStart':
      case 'deleteToEnd':
      case 'deleteWord':
        return put([], []);
      case 'left':
      case 'home':
        return moveTo(0);
      case 'right':
      case 'end':
        return moveTo(all.length);
    }
  const before = all.slice(0, cursor);
  const after = all.slice(cursor);
  switch (edit.type) {
    case 'insert':
      return put([...before, ...chars(edit.text)], after);
    case 'backspace':
      return put(before.slice(0, -1), after);
    case 'delete':
      return put(before, after.slice(1));
    case 'left':
      return moveTo(cursor - 1);
    case 'right':
      return moveTo(cursor + 1);
    case 'home':
      return moveTo(0);
    case 'end':
      return moveTo(all.length);
    case 'deleteToStart':
      return put([], after);
    case 'deleteToEnd':
      return put(before, []);
    case 'deleteWord':
      return put(before.slice(0, wordStart(before)), after);
  }
}
