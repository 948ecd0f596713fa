// A meeting: minutes and agreements, recorded during the meeting, as one text that scrolls
// (src/tui/scrolling.ts) and follows its newest line until the user scrolls up. ↑/↓ select a line
// of the minutes (for r and x), and the text scrolls to keep it in view. The live view (l) is for
// a stormøde, where the minutes are on a shared screen: the meeting's heading in large letters,
// then only the minutes and agreements, wrapped, bold, and one line saying how to leave.
import { Box, Text } from 'ink';
import { dayText, dayTimeText } from '../domain/dateFormat.js';
import { minutesLinesOf } from '../domain/minutesLines.js';
import { sanitizeLine, sanitizeText } from '../domain/sanitize.js';
import type { Meeting } from '../domain/schema.js';
import type { StatusFormLine } from '../domain/statusForm.js';
import { MEETING_TYPE_LABELS } from '../domain/vocabulary.js';
import { statusFormBody } from './statusFormLines.js';
import { wrapped } from './wrapped.js';
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
  lang: Lang;
  /** For dates: the year is shown only when it is not this one. */
  today: string;
  width: number;
  height: number;
  color: boolean;
  t: Translate;
  /** An FFS's status form, goal by goal (statusFormLines in the domain). */
  statusForm?: readonly StatusFormLine[];
}

export interface MeetingLine {
  text: string;
  kind: 'section' | 'text' | 'agreement' | 'empty';
  /** For the minutes' text: which of the minutes' lines (minutesLinesOf, from 0) this screen line shows. */
  line?: number;
}

/** What the meeting screen shows: a few fixed heading lines, then a text that scrolls in `room` lines. */
export interface MeetingLayout {
  heading: string[];
  /** The heading is in large letters (the live view). */
  large: boolean;
  body: MeetingLine[];
  room: number;
  /** How many lines the minutes have (what ↑/↓ select among). */
  lineCount: number;
}

interface LayoutOptions {
  width: number;
  height: number;
  live: boolean;
  timeZone: string;
  lang: Lang;
  today: string;
  t: Translate;
  statusForm?: readonly StatusFormLine[];
}

/** The lines of the meeting screen for a size; the keys scroll by the same layout the screen draws. */
export function meetingLayout(meeting: Meeting, familyName: string, { width, height, live, timeZone, lang, today, t, statusForm = [] }: LayoutOptions): MeetingLayout {
  const type = MEETING_TYPE_LABELS[meeting.type][lang];
  const details = `${sanitizeLine(familyName)} · ${dayTimeText(meeting.start, timeZone, lang, today)} · ${sanitizeLine(meeting.place)}`;
  // The live view has margins, so text is read from across the room.
  const margin = live ? Math.min(4, Math.floor(width / 20)) : 0;
  const textWidth = width - margin * 2 - 1;
  const agreements = meeting.agreements.flatMap((a) => wrapped(`• ${sanitizeLine(a.who)}: ${sanitizeLine(a.what)}${a.due ? ` (${dayText(a.due, lang, today)})` : ''}`, textWidth).map((text): MeetingLine => ({ text, kind: 'agreement' })));
  // Each line of the minutes wrapped on its own, so a screen line knows which line it shows.
  const sourceLines = minutesLinesOf(meeting.minutes);
  const minutes = sourceLines.flatMap((source, line) => {
    const text = sanitizeText(source).replace(/\t/g, ' ');
    // One column less: a line of the minutes has a column for the selection's mark.
    return (text.trim() ? wrapped(text, textWidth - 1) : ['']).map((part): MeetingLine => ({ text: part, kind: 'text', line }));
  });
  const body: MeetingLine[] = [
    { text: t('minutes'), kind: 'section' },
    ...(minutes.length > 0 ? minutes : [{ text: t('none'), kind: 'empty' as const }]),
    { text: '', kind: 'empty' },
    { text: `${t('agreements')} (${meeting.agreements.length})`, kind: 'section' },
    ...agreements,
    ...statusFormBody(meeting, statusForm, { width: textWidth, lang, t }),
  ];
  const lineCount = sourceLines.length;
  if (!live) {
    const attendees = meeting.attendees.map((a) => sanitizeLine(a.name)).join(', ');
    const heading = [`${type} · ${details}`, `${t('attendees')}: ${attendees}`];
    return { heading, large: false, body, room: Math.max(1, height - heading.length), lineCount };
  }
  // Large letters when they leave the text at least half the screen; one row of them, or none, when small.
  const rows = height >= 24 ? 2 : height >= 14 ? 1 : 0;
  const large = rows > 0 ? blockHeading(type, width - margin * 2, rows) : [];
  const heading = large.length > 0 ? [...large, details] : [`${type.toLocaleUpperCase('da')} · ${details}`];
  return { heading, large: large.length > 0, body, room: Math.max(1, height - heading.length - 2), lineCount };
}

/** The minutes' line that is selected: the one chosen with ↑/↓, else the newest (-1 when there are none). */
export function selectedLine(screen: Extract<ScreenState, { name: 'meeting' }>, lineCount: number): number {
  return Math.min(screen.line ?? lineCount - 1, lineCount - 1);
}

/** The screen lines (first and last index into `body`) that show minutes line `line`, if any. */
export function bodyRowsOf(body: readonly MeetingLine[], line: number): { first: number; last: number } | undefined {
  const first = body.findIndex((l) => l.line === line);
  return first < 0 ? undefined : { first, last: body.findLastIndex((l) => l.line === line) };
}

/**
 * The minutes' line in `window` nearest to `line` (itself when it is in view); undefined when the
 * window shows no line of the minutes. Paging keeps the selection on what is shown.
 */
export function nearestLineIn(body: readonly MeetingLine[], window: Viewport, line: number): number | undefined {
  const shown = body.slice(window.start, window.end).flatMap((l) => (l.line === undefined ? [] : [l.line]));
  if (shown.length === 0) return undefined;
  return shown.reduce((best, l) => (Math.abs(l - line) < Math.abs(best - line) ? l : best));
}

export function MeetingScreen({ meeting, familyName, screen, timeZone, lang, today, width, height, color, t, statusForm }: MeetingScreenProps) {
  const layout = meetingLayout(meeting, familyName, { width, height, live: screen.live, timeZone, lang, today, t, ...(statusForm && { statusForm }) });
  const window: Viewport = scrolledWindow(layout.body.length, screen.scroll, layout.room);
  const position = positionText(window, lang);
  const shown = layout.body.slice(window.start, window.end);
  // The selected line is marked (not on the shared screen, where nothing is edited).
  const selected = screen.live ? -1 : selectedLine(screen, layout.lineCount);
  const bodyLine = (line: MeetingLine, i: number, inner: number) => {
    if (line.kind === 'section')
      return (
        <Text key={i} bold inverse={color && !screen.live} wrap="truncate">{fit(` ${line.text}`, inner)}</Text>
      );
    const isSelected = line.line !== undefined && line.line === selected;
    // "› " before the selected line's first screen line; off the shared screen a line of the
    // minutes is indented one more, for that mark.
    const marker = line.line === undefined || screen.live ? ' ' : isSelected && layout.body[window.start + i - 1]?.line !== line.line ? '› ' : '  ';
    return (
      <Text key={i} bold={screen.live || (isSelected && !color)} inverse={isSelected && color} dimColor={line.kind === 'empty' && color} color={line.kind === 'agreement' && color ? 'green' : undefined} wrap="truncate">
        {fit(`${marker}${line.text}`, inner)}
      </Text>
    );
  };
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
