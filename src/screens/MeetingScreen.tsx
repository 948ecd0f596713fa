// A meeting: minutes and agreements, recorded during the meeting. The live view (l) is for a
// stormøde, where the minutes are on a shared screen: no chrome, bold, spaced, newest at the bottom.
import { Box, Text } from 'ink';
import wrapAnsi from 'wrap-ansi';
import { dayText, dayTimeText } from '../domain/dateFormat.js';
import { minutesLinesOf } from '../domain/minutesLines.js';
import { sanitizeLine, sanitizeText } from '../domain/sanitize.js';
import type { Meeting } from '../domain/schema.js';
import { MEETING_TYPE_LABELS } from '../domain/vocabulary.js';
import type { Lang, Translate } from '../tui/i18n.js';
import { fit } from '../tui/layout.js';
import type { ScreenState } from '../tui/navigation.js';

export interface MeetingScreenProps {
  meeting: Meeting;
  familyName: string;
  screen: Extract<ScreenState, { name: 'meeting' }>;
  timeZone: string;
  lang: Lang;
  /** For dates: the year is shown only when it is not this one. */
  today: string;
  width: number;
  height: number;
  color: boolean;
  t: Translate;
}

/** The minutes as screen lines of at most `width` columns. */
export function minutesLines(minutes: string, width: number): string[] {
  const text = sanitizeText(minutes).replace(/\t/g, ' ');
  if (!text.trim()) return [];
  return text.split('\n').flatMap((paragraph) => wrapAnsi(paragraph, Math.max(10, width), { hard: true, trim: true }).split('\n'));
}

export function MeetingScreen({ meeting, familyName, screen, timeZone, lang, today, width, height, color, t }: MeetingScreenProps) {
  const heading = `${MEETING_TYPE_LABELS[meeting.type].da} · ${sanitizeLine(familyName)} · ${dayTimeText(meeting.start, timeZone, lang, today)} · ${sanitizeLine(meeting.place)}`;
  const agreements = meeting.agreements.map((a) => `• ${sanitizeLine(a.who)}: ${sanitizeLine(a.what)}${a.due ? ` (${dayText(a.due, lang, today)})` : ''}`);
  if (screen.live) {
    // Double-spaced, bold, with margins: readable from across the room; the newest lines stay visible.
    const margin = Math.min(6, Math.floor(width / 12));
    const lines = minutesLines(meeting.minutes, width - margin * 2).flatMap((l) => [l, '']);
    const room = Math.max(1, height - 3 - Math.min(agreements.length, 4));
    const shown = lines.slice(Math.max(0, lines.length - room - screen.scroll), lines.length - screen.scroll || undefined);
    return (
      <Box flexDirection="column" paddingX={margin} height={height}>
        <Text bold wrap="truncate">{fit(heading.toUpperCase(), width - margin * 2)}</Text>
        <Text> </Text>
        {shown.map((line, i) => (
          <Text key={i} bold wrap="truncate">{line}</Text>
        ))}
        <Box flexGrow={1} />
        {agreements.slice(-4).map((a, i) => (
          <Text key={`a${i}`} bold color={color ? 'green' : undefined} wrap="truncate">{fit(a, width - margin * 2)}</Text>
        ))}
      </Box>
    );
  }
  const attendees = meeting.attendees.map((a) => sanitizeLine(a.name)).join(', ');
  const agreementRoom = Math.min(agreements.length, Math.max(2, Math.floor(height / 3)));
  const minutesRoom = Math.max(1, height - 5 - agreementRoom);
  // Each line of the minutes, wrapped; the selected one (↑/↓, for r and x) is marked and kept in view.
  const sourceLines = minutesLinesOf(meeting.minutes);
  const selected = Math.min(screen.line ?? sourceLines.length - 1, sourceLines.length - 1);
  const rows = sourceLines.flatMap((line, index) => (minutesLines(line, width - 3).length > 0 ? minutesLines(line, width - 3) : ['']).map((text, part) => ({ text, index, first: part === 0 })));
  const lastSelectedRow = rows.findLastIndex((row) => row.index === selected);
  const end = Math.max(Math.min(rows.length, lastSelectedRow + 1), Math.min(rows.length, rows.findIndex((row) => row.index === selected) + minutesRoom));
  return (
    <Box flexDirection="column" height={height}>
      <Text bold wrap="truncate">{fit(heading, width)}</Text>
      <Text wrap="truncate" dimColor={color}>{fit(`${t('attendees')}: ${attendees}`, width)}</Text>
      <Text bold inverse={color} wrap="truncate">{fit(` ${t('minutes')}`, width)}</Text>
      {rows.length === 0 && <Text dimColor={color}>{fit(`  ${t('none')}`, width)}</Text>}
      {rows.slice(Math.max(0, end - minutesRoom), end).map((row, i) => (
        <Text key={i} wrap="truncate" inverse={color && row.index === selected} bold={!color && row.index === selected}>
          {fit(`${row.index === selected && row.first ? '›' : ' '} ${row.text}`, width)}
        </Text>
      ))}
      <Box flexGrow={1} />
      <Text bold inverse={color} wrap="truncate">{fit(` ${t('agreements')} (${agreements.length})`, width)}</Text>
      {agreements.slice(-agreementRoom).map((a, i) => (
        <Text key={`a${i}`} wrap="truncate">{fit(` ${a}`, width)}</Text>
      ))}
    </Box>
  );
}
