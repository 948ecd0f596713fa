// The one dialog: a titled form whose fields come from src/tui/forms.ts. Text fields show a
// cursor; choice fields show ‹ value ›. The error from validation appears under its field.
// A multi-line field shows its line breaks as ↵ on its one line, so the dialog keeps its height.
import { Box, Text } from 'ink';
import { ownValue } from '../domain/own.js';
import { DIALOGS, takesSeveralLines, type DialogState, type Field } from '../tui/forms.js';
import type { Translate } from '../tui/i18n.js';
import { fit } from '../tui/layout.js';

export interface FormDialogProps {
  dialog: DialogState;
  /** What the dialog is about, e.g. the goal's title (already sanitised). */
  subject: string;
  /** The change is being saved: keys wait, and the hint says so. */
  saving: boolean;
  t: Translate;
  width: number;
  color: boolean;
}

export function FormDialog({ dialog, subject, saving, t, width, color }: FormDialogProps) {
  const definition = DIALOGS[dialog.kind];
  const labelWidth = Math.max(...(definition.fields as readonly Field[]).map((f) => t(f.label).length)) + 1;
  const inner = Math.max(10, width - 4);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color ? 'cyan' : undefined} width={width} paddingX={1}>
      <Text bold wrap="truncate">{fit(t(definition.title), inner)}</Text>
      <Text dimColor={color} wrap="truncate">{fit(subject, inner)}</Text>
      {(definition.fields as readonly Field[]).map((field, index) => {
        const focused = index === dialog.focus;
        const value = (dialog.values[field.name] ?? '').replace(/\n/g, ' ↵ ');
        const shown = field.kind === 'choice' ? `‹ ${(ownValue(dialog.labels, value) ?? value) || '–'} ›` : `${value}${focused ? '▏' : ''}`;
        const room = inner - labelWidth - 2;
        // Long text scrolls: show its end, where the cursor is.
        const visible = field.kind === 'text' && [...shown].length > room ? `…${[...shown].slice(-(room - 1)).join('')}` : shown;
        // A pre-filled value that typing replaces is shown selected: underlined, or in [ ] without colour.
        const selected = focused && dialog.selected.includes(field.name) && visible === shown;
        const prefix = `${focused ? '›' : ' '} ${fit(t(field.label), labelWidth)}`;
        return (
          <Box key={field.name} flexDirection="column">
            {selected ? (
              <Text wrap="truncate" inverse={color}>
                {prefix}
                {color ? <Text underline>{value}</Text> : `[${value}]`}
                {fit('▏', room - [...value].length - (color ? 0 : 2))}
              </Text>
            ) : (
              <Text wrap="truncate" inverse={focused && color}>
                {`${prefix}${fit(visible, room)}`}
              </Text>
            )}
            {dialog.error?.field === field.name && (
              <Text color={color ? 'red' : undefined} wrap="truncate">{fit(`  ${dialog.error.message}`, inner)}</Text>
            )}
          </Box>
        );
      })}
      {dialog.error && dialog.error.field === undefined && (
        <Text color={color ? 'red' : undefined} wrap="truncate">{fit(dialog.error.message, inner)}</Text>
      )}
      <Text dimColor={color} wrap="truncate">{fit(t(saving ? 'saving' : takesSeveralLines(dialog.kind) ? 'dialogHintLines' : 'dialogHint'), inner)}</Text>
    </Box>
  );
}
