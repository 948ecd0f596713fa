// The footer: the keys that work here, generated from the keybinding table. Keys that cannot act
// now (no goal selected for "progress") are dimmed; `?` always shows the rest.
import { Text } from 'ink';
import type { Lang } from '../tui/i18n.js';
import { binding, keyLabel, type Command } from '../tui/keymap.js';
import { displayWidth, fit } from '../tui/layout.js';

export interface FooterProps {
  commands: readonly Command[];
  disabled: ReadonlySet<Command>;
  lang: Lang;
  width: number;
  color: boolean;
}

/** The footer's entries that fit in `width`, always ending with help. */
export function footerEntries(commands: readonly Command[], lang: Lang, width: number): string[] {
  const help = `${keyLabel('help')} ${binding('help').footer[lang]}`;
  const entries: string[] = [];
  let used = displayWidth(help);
  for (const command of commands) {
    if (command === 'help') continue;
    const entry = `${keyLabel(command)} ${binding(command).footer[lang]}`;
    if (used + displayWidth(entry) + 2 > width) break;
    entries.push(entry);
    used += displayWidth(entry) + 2;
  }
  return [...entries, help];
}

export function Footer({ commands, disabled, lang, width, color }: FooterProps) {
  const shown = footerEntries(commands, lang, width);
  const byEntry = new Map(commands.map((c) => [`${keyLabel(c)} ${binding(c).footer[lang]}`, c]));
  return (
    <Text wrap="truncate">
      {shown.map((entry, i) => {
        const command = byEntry.get(entry);
        const off = command !== undefined && disabled.has(command);
        return (
          <Text key={entry} dimColor={off && color} strikethrough={off && !color}>
            {i > 0 ? '  ' : ''}
            {entry}
          </Text>
        );
      })}
      <Text>{fit('', Math.max(0, width - displayWidth(shown.join('  '))))}</Text>
    </Text>
  );
}
