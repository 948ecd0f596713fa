// A meeting: minutes and agreements, recorded during the meeting, as one text that scrolls
// (src/tui/scrolling.ts) and follows its newest line until the user scrolls up. The live view (l)
// is for a stormøde, where the minutes are on a shared screen: the meeting's heading in large
// letters, then only the minutes and agreements, wrapped, bold, and one line saying how to leave.
import { Box, Text } from 'ink';
import wrapAnsi from 'wrap-ansi';
import { wallClock } from '../domain/dates.js';
import { sanitizeLine, sanitizeText } from '../domain/sanitize.js';
import type { Meeting } from '../domain/schema.js';
import { MEETING_TYPE_LABELS } from '../domain/vocabulary.js';
import { blockHeading } from '../tui/blockLetters.js';
import type { Lang, Translate } from '../tui/i18n.js';
import { displayWidth, fit } from '../tui/layout.js';
import type { ScreenState } from '../tui/navigation.js';
import { positionText, scrolledWindow, type Viewport } from '../tui/scrolling.js';

export interface MeetingScreenProps {
  meeting: Meeting;
  familyName: string;
  screen: Extract<ScreenState, { name: 'meeting' }>;
  timeZone: string;
  width: number;
  height: number;
  color: boolean;
  lang: Lang;
  t: Translate;
}

/** Text wrapped to lines of at most `width` columns (a paragraph per line break). */
function wrapped(text: string, width: number): string[] {
  return text.split('\n').flatMap((paragraph) => wrapAnsi(paragraph, Math.max(10, width), { hard: true, trim: true }).split('\n'));
}

/** The minutes as screen lines of at most `width` columns. */
export function minutesLines(minutes: string, width: number): string[] {
  const text = sanitizeText(minutes).replace(/\t/g, ' ');
  if (!text.trim()) return [];
  return wrapped(text, width);
}

export interface MeetingLine {
  text: string;
  kind: 'section' | 'text' | 'agreement' | 'empty';
}

/** What the meeting screen shows: a few fixed heading lines, then a text that scrolls in `room` lines. */
export interface MeetingLayout {
  heading: string[];
  /** The heading is in large letters (the live view). */
  large: boolean;
  body: MeetingLine[];
  room: number;
}

interface LayoutOptions {
  width: number;
  height: number;
  live: boolean;
  timeZone: string;
  t: Translate;
}

/** The lines of the meeting screen for a size; the keys scroll by the same layout the screen draws. */
export function meetingLayout(meeting: Meeting, familyName: string, { width, height, live, timeZone, t }: LayoutOptions): MeetingLayout {
  const when = wallClock(meeting.start, timeZone);
  const type = MEETING_TYPE_LABELS[meeting.type].da;
  const details = `${sanitizeLine(familyName)} · ${when.date} ${when.time} · ${sanitizeLine(meeting.place)}`;
  // The live view has margins, so text is read from across the room.
  const margin = live ? Math.min(4, Math.floor(width / 20)) : 0;
  const textWidth = width - margin * 2 - 1;
  const agreements = meeting.agreements.flatMap((a) => wrapped(`• ${sanitizeLine(a.who)}: ${sanitizeLine(a.what)}${a.due ? ` (${a.due})` : ''}`, textWidth).map((text): MeetingLine => ({ text, kind: 'agreement' })));
  const minutes = minutesLines(meeting.minutes, textWidth).map((text): MeetingLine => ({ text, kind: 'text' }));
  const body: MeetingLine[] = [
    { text: t('minutes'), kind: 'section' },
    ...(minutes.length > 0 ? minutes : [{ text: t('none'), kind: 'empty' as const }]),
    { text: '', kind: 'empty' },
    { text: `${t('agreements')} (${meeting.agreements.length})`, kind: 'section' },
    ...agreements,
  ];
  if (!live) {
    const attendees = meeting.attendees.map((a) => sanitizeLine(a.name)).join(', ');
    const heading = [`${type} · ${details}`, `${t('attendees')}: ${attendees}`];
    return { heading, large: false, body, room: Math.max(1, height - heading.length) };
  }
  // Large letters when they leave the text at least half the screen; one row of them, or none, when small.
  const rows = height >= 24 ? 2 : height >= 14 ? 1 : 0;
  const large = rows > 0 ? blockHeading(type, width - margin * 2, rows) : [];
  const heading = large.length > 0 ? [...large, details] : [`${type.toLocaleUpperCase('da')} · ${details}`];
  return { heading, large: large.length > 0, body, room: Math.max(1, height - heading.length - 2) };
}

export function MeetingScreen({ meeting, familyName, screen, timeZone, width, height, color, lang, t }: MeetingScreenProps) {
  const layout = meetingLayout(meeting, familyName, { width, height, live: screen.live, timeZone, t });
  const window: Viewport = scrolledWindow(layout.body.length, screen.scroll, layout.room);
  const position = positionText(window, lang);
  const shown = layout.body.slice(window.start, window.end);
  const bodyLine = (line: MeetingLine, i: number, inner: number) =>
    line.kind === 'section' ? (
      <Text key={i} bold inverse={color && !screen.live} wrap="truncate">{fit(` ${line.text}`, inner)}</Text>
    ) : (
      <Text key={i} bold={screen.live} dimColor={line.kind === 'empty' && color} color={line.kind === 'agreement' && color ? 'green' : undefined} wrap="truncate">
        {fit(` ${line.text}`, inner)}
      </Text>
    );
  if (screen.live) {
    const margin = Math.min(4, Math.floor(width / 20));
    const inner = width - margin * 2;
    const hint = `${t('liveHint')}${position ? ` · ${position}` : ''}`;
    return (
      <Box flexDirection="column" paddingX={margin} height={height}>
        {layout.heading.map((line, i) => (
          <Text key={`h${i}`} bold color={color && layout.large && i < layout.heading.length - 1 ? 'cyan' : undefined} wrap="truncate">{fit(line, inner)}</Text>
        ))}
        <Text> </Text>
        {shown.map((line, i) => bodyLine(line, i, inner))}
        <Box flexGrow={1} />
        <Text dimColor={color} wrap="truncate">{fit(hint, inner)}</Text>
      </Box>
    );
  }
  const [title = '', attendees = ''] = layout.heading;
  return (
    <Box flexDirection="column" height={height}>
      <Text bold wrap="truncate">{position ? `${fit(title, Math.max(0, width - displayWidth(position) - 1))} ${position}` : fit(title, width)}</Text>
      <Text wrap="truncate" dimColor={color}>{fit(attendees, width)}</Text>
      {shown.map((line, i) => bodyLine(line, i, width))}
    </Box>
  );
}
