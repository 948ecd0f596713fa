// The text fields' editing keys as plain functions: each key on a value and a cursor.
import { describe, expect, it } from 'vitest';
import { editText, type TextEdit, type TextFieldState } from '../../src/tui/textEdit.js';

const at = (value: string, cursor: number): TextFieldState => ({ value, cursor, selected: false });
const edit = (state: TextFieldState, ...edits: TextEdit[]) => edits.reduce(editText, state);
const key = (type: Exclude<TextEdit, { type: 'insert' }>['type']) => ({ type }) as TextEdit;

describe('editing a text field', () => {
  it('inserts at the cursor, and moves with ←/→ by characters (ø and an emoji are one each)', () => {
    expect(edit(at('Mødt op', 4), { type: 'insert', text: ' ikke' })).toEqual(at('Mødt ikke op', 9));
    expect(edit(at('🙂ø', 2), key('left'), key('left'), { type: 'insert', text: 'x' })).toEqual(at('x🙂ø', 1));
    expect(edit(at('ab', 0), key('left'))).toEqual(at('ab', 0));
    expect(edit(at('ab', 2), key('right'))).toEqual(at('ab', 2));
  });

  it('goes to the start with Home (Ctrl-A) and to the end with End (Ctrl-E)', () => {
    expect(edit(at('2026-12-01', 5), key('home'))).toEqual(at('2026-12-01', 0));
    expect(edit(at('2026-12-01', 5), key('end'))).toEqual(at('2026-12-01', 10));
  });

  it('erases backwards with Backspace and forwards with Delete, at the ends too', () => {
    expect(edit(at('Rådhus', 2), key('backspace'))).toEqual(at('Rdhus', 1));
    expect(edit(at('Rådhus', 2), key('delete'))).toEqual(at('Råhus', 2));
    expect(edit(at('ab', 0), key('backspace'))).toEqual(at('ab', 0));
    expect(edit(at('ab', 2), key('delete'))).toEqual(at('ab', 2));
  });

  it('erases to the start with Ctrl-U, to the end with Ctrl-K, and the word before the cursor with Ctrl-W', () => {
    expect(edit(at('Lone Berg mentor', 9), key('deleteToStart'))).toEqual(at(' mentor', 0));
    expect(edit(at('Lone Berg mentor', 9), key('deleteToEnd'))).toEqual(at('Lone Berg', 9));
    expect(edit(at('Lone Berg  mentor', 11), key('deleteWord'))).toEqual(at('Lone mentor', 5));
    expect(edit(at('Lone', 4), key('deleteWord'), key('deleteWord'))).toEqual(at('', 0));
  });

  it('replaces a selected pre-filled value with what is typed, and clears it with any erase key', () => {
    const score = { value: '5', cursor: 1, selected: true };
    expect(edit(score, { type: 'insert', text: '7' })).toEqual(at('7', 1));
    expect(edit(score, { type: 'insert', text: '4' }, { type: 'insert', text: '6' })).toEqual(at('46', 2)); // not 546
    for (const type of ['backspace', 'delete', 'deleteToStart', 'deleteToEnd', 'deleteWord'] as const) expect(edit(score, key(type))).toEqual(at('', 0));
  });

  it('ends the selection with a cursor key, so the pre-filled value can be edited', () => {
    const due = { value: '2026-12-01', cursor: 10, selected: true };
    expect(edit(due, key('end'), key('backspace'), { type: 'insert', text: '5' })).toEqual(at('2026-12-05', 10));
    expect(edit(due, key('left'), { type: 'insert', text: 'x' })).toEqual(at('x2026-12-01', 1));
    expect(edit(due, key('right'), key('left'), key('delete'))).toEqual(at('2026-12-0', 9));
  });
});
