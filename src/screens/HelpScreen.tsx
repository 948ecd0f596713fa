// Help (?): every key, generated from the keybinding table, grouped by where it works.
import { Box, Text } from 'ink';
import type { Lang, MessageKey, Translate } from '../tui/i18n.js';
import { binding, bindingsIn, DIALOG_KEY_HELP, keyLabel, type Scope } from '../tui/keymap.js';
import { fit } from '../tui/layout.js';
import { positionText, scrolledWindow } from '../tui/scrolling.js';

const SECTIONS: ReadonlyArray<{ scope: Scope; title: MessageKey }> = [
  { scope: 'global', title: 'scopeGlobal' },
  { scope: 'list', title: 'scopeList' },
  { scope: 'today', title: 'scopeToday' },
  { scope: 'families', title: 'scopeFamilies' },
  { scope: 'family', title: 'scopeFamily' },
  { scope: 'meeting', title: 'scopeMeeting' },
  { scope: 'report', title: 'scopeReport' },
];

/** The help text as lines: a title per section, then "keys  description". */
export function helpLines(lang: Lang, t: Translate): Array<{ text: string; title: boolean }> {
  const lines: Array<{ text: string; title: boolean }> = [];
  for (const { scope, title } of SECTIONS) {
    lines.push({ text: t(title), title: true });
    for (const command of bindingsIn([scope])) lines.push({ text: `  ${keyLabel(command).padEnd(10)} ${binding(command).description[lang]}`, title: false });
  }
  lines.push({ text: t('scopeDialog'), title: true });
  for (const key of DIALOG_KEY_HELP) lines.push({ text: `  ${key.keys.padEnd(10)} ${key.description[lang]}`, title: false });
  return lines;
}

/** Help scrolls like the minutes (src/tui/scrolling.ts); its last line says where you are. */
export function HelpScreen({ lang, t, width, height, scroll, color }: { lang: Lang; t: Translate; width: number; height: number; scroll: number; color: boolean }) {
  const lines = helpLines(lang, t);
  const window = scrolledWindow(lines.length, scroll, height - 1);
  return (
    <Box flexDirection="column" height={height}>
      {lines.slice(window.start, window.end).map((line, i) => (
        <Text key={i} bold={line.title} color={line.title && color ? 'cyan' : undefined} wrap="truncate">
          {fit(line.text, width)}
        </Text>
      ))}
      <Box flexGrow={1} />
      <Text dimColor={color} wrap="truncate">{fit(positionText(window, lang), width, 'right')}</Text>
    </Box>
  );
}
