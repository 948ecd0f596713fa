// The one dialog: a titled form whose fields come from src/tui/forms.ts. A text field shows its
// cursor (▏) where it is, scrolled sideways to keep it in view; a choice field shows ‹ value ›
// by its label. The error from validation appears under its field. A multi-line field shows its
// line breaks as ↵ on its one line, so the dialog keeps its height; a dialog with more fields than
// the screen has room for shows those around the focused one.
import { Box, Text } from 'ink';
import { choiceLabel } from '../tui/choiceLabels.js';
import { cursorOf, dialogFields, DIALOGS, takesSeveralLines, type DialogField, type DialogState } from '../tui/forms.js';
import type { Lang, Translate } from '../tui/i18n.js';
import { displayWidth, fit } from '../tui/layout.js';

export interface FormDialogProps {
  dialog: DialogState;
  /** What the dialog is about, e.g. the goal's title (already sanitised). */
  subject: string;
  /** The change is being saved: keys wait, and the hint says so. */
  saving: boolean;
  t: Translate;
  lang: Lang;
  width: number;
  /** The most lines the dialog may take (see dialogHeight). */
  height: number;
  color: boolean;
}

/** Lines around the fields: the border (2), title, subject and hint. */
const CHROME = 5;
/** The fewest lines a dialog takes: the border, the focused field and the hint. In a short
 * terminal the subject goes first, then the title, then the fields around the focused one. */
const LEAST = 4;

/** The lines the dialog takes on a screen that leaves it at most `room`. */
export function dialogHeight(dialog: DialogState, room: number): number {
  const error = dialog.error ? 1 : 0;
  return Math.min(dialogFields(dialog).length + CHROME + error, Math.max(LEAST + error, room));
}

/** A field's label; in a repeated group, numbered ("Deltager 2"). */
export function labelOf(field: DialogField, t: Translate): string {
  return t(field.label).replace('{n}', String((field.group ?? 0) + 1));
}

/**
 * A text field's value in `room` columns (wide letters and emoji count two), line breaks as ↵,
 * with the cursor bar at `cursor` (when focused): the part around the cursor when it is too long,
 * cut ends marked with …
 */
export function textWindow(value: string, cursor: number | undefined, room: number): string {
  const shown = [...value].map((c) => (c === '\n' ? ' ↵ ' : c));
  const before = [...shown.slice(0, cursor).join('')];
  const all = cursor === undefined ? before : [...before, '▏', ...shown.slice(cursor).join('')];
  const fits = (from: number, to: number) => displayWidth(all.slice(from, to).join('')) <= room;
  if (fits(0, all.length)) return all.join('');
  // The cursor stays one character from the right edge, so what follows it shows; without a
  // cursor, the end shows. The window takes what fits to the left of that, then to the right.
  let end = cursor === undefined ? all.length : Math.min(all.length, before.length + 3);
  let start = end;
  while (start > 0 && fits(start - 1, end)) start--;
  while (end < all.length && fits(start, end + 1)) end++;
  const window = all.slice(start, end);
  if (start > 0) window[0] = '…';
  if (end < all.length) window[window.length - 1] = '…';
  return window.join('');
}

/** Which fields are shown when not all fit in `rows` lines: a window holding the focused one. */
function visibleRange(count: number, focus: number, rows: number): { from: number; to: number } {
  if (count <= rows) return { from: 0, to: count };
  const from = Math.min(Math.max(0, focus - Math.floor(rows / 2)), count - rows);
  return { from, to: from + rows };
}

export function FormDialog({ dialog, subject, saving, t, lang, width, height, color }: FormDialogProps) {
  const fields = dialogFields(dialog);
  const labelWidth = Math.max(...fields.map((f) => labelOf(f, t).length)) + 1;
  const inner = Math.max(10, width - 4);
  const room = inner - labelWidth - 2;
  // The lines inside the border besides the hint and an error: the title and subject, while at
  // least one is left for the focused field, then the fields.
  const lines = height - 3 - (dialog.error ? 1 : 0);
  const heading = Math.min(2, Math.max(0, lines - 1));
  const fieldRows = Math.max(1, lines - heading);
  // When fields are cut and there are lines enough, one line each says that more are above or below.
  const cut = fields.length > fieldRows;
  const marked = cut && fieldRows >= 3;
  const { from, to } = visibleRange(fields.length, dialog.focus, marked ? fieldRows - 2 : fieldRows);
  const hint = saving ? 'saving' : takesSeveralLines(dialog.kind) ? 'dialogHintLines' : 'dialogHint';
  const more = (shown: boolean, key: 'fieldsAbove' | 'fieldsBelow') => marked && <Text dimColor={color} wrap="truncate">{fit(shown ? `  ${t(key)}` : '', inner)}</Text>;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color ? 'cyan' : undefined} width={width} paddingX={1}>
      {heading >= 1 && <Text bold wrap="truncate">{fit(t(DIALOGS[dialog.kind].title), inner)}</Text>}
      {heading >= 2 && <Text dimColor={color} wrap="truncate">{fit(subject, inner)}</Text>}
      {more(from > 0, 'fieldsAbove')}
      {fields.slice(from, to).map((field, offset) => {
        const index = from + offset;
        const focused = index === dialog.focus;
        const value = dialog.values[field.name] ?? '';
        const selected = focused && dialog.selected.includes(field.name);
        const prefix = `${focused ? '›' : ' '} ${fit(labelOf(field, t), labelWidth)}`;
        const shown = field.kind === 'choice' ? `‹ ${choiceLabel(dialog, field, value, lang, t)} ›` : textWindow(value, focused && !selected ? cursorOf(dialog, field.name) : undefined, room);
        // A pre-filled value that typing replaces is shown selected: underlined, or in [ ] without colour.
        const fitsSelected = selected && displayWidth(textWindow(value, undefined, room)) + 3 <= room;
        return (
          <Box key={field.name} flexDirection="column">
            {fitsSelected ? (
              <Text wrap="truncate" inverse={color}>
                {prefix}
                {color ? <Text underline>{shown}</Text> : `[${shown}]`}
                {fit('▏', room - displayWidth(shown) - (color ? 0 : 2))}
              </Text>
            ) : (
              <Text wrap="truncate" inverse={focused && color}>
                {`${prefix}${fit(selected ? textWindow(value, [...value].length, room) : shown, room)}`}
              </Text>
            )}
            {dialog.error?.field === field.name && (
              <Text color={color ? 'red' : undefined} wrap="truncate">{fit(`  ${dialog.error.message}`, inner)}</Text>
            )}
          </Box>
        );
      })}
      {more(to < fields.length, 'fieldsBelow')}
      {dialog.error && !fields.slice(from, to).some((f) => f.name === dialog.error?.field) && (
        <Text color={color ? 'red' : undefined} wrap="truncate">{fit(dialog.error.message, inner)}</Text>
      )}
      <Text dimColor={color} wrap="truncate">{fit(t(hint), inner)}</Text>
    </Box>
  );
}
