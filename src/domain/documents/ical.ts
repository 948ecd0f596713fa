// Meetings as an iCalendar file (RFC 5545) that Outlook, Google Calendar and phones import.
// Calendars are synced and shared, so by default events carry ids, never names: the family's and
// the attendees' names go in only when asked for (`names`).
import { sanitizeText } from '../sanitize.js';
import type { Family, Meeting, State } from '../schema.js';
import { upcomingMeetings } from '../rules.js';
import { attendeeText, meetingTypeWord, WORDS, type Lang } from './labels.js';

export const PRODID = '-//famcoord//famcoord calendar//DA';
const MAX_LINE_OCTETS = 75;

export interface CalendarEntry {
  family: Family;
  meeting: Meeting;
}

/** The meetings that start on or after `from` (local date), of one family or all, earliest first. */
export function calendarEntries(state: State, { familyId, from, timeZone }: { familyId?: string; from: string; timeZone: string }): CalendarEntry[] {
  return state.families
    .filter((family) => familyId === undefined || family.id === familyId)
    .flatMap((family) => upcomingMeetings(family.meetings, from, timeZone).map((meeting) => ({ family, meeting })))
    .sort((a, b) => Date.parse(a.meeting.start) - Date.parse(b.meeting.start));
}

/** A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped. */
export function escapeText(text: string): string {
  return sanitizeText(text)
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n?|\n/g, '\\n')
    .replace(/\t/g, ' ');
}

const utf8Octets = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/**
 * Folds a content line (RFC 5545 3.1): at most 75 octets per line, continuation lines start with
 * a space. Splits only between characters, never inside a multi-byte UTF-8 sequence.
 */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Octets(char.codePointAt(0) as number);
    if (octets + size > MAX_LINE_OCTETS) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join('\r\n');
}

/** An instant as a UTC DATE-TIME: 20261124T123000Z. */
export function utcDateTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** Stable across runs and stores' rewrites, so importing again updates an event instead of adding one. */
export const eventUid = (entry: CalendarEntry) => `${entry.meeting.id}.${entry.family.id}@famcoord`;

function eventLines({ family, meeting }: CalendarEntry, stamp: string, names: boolean, lang: Lang): string[] {
  const start = Date.parse(meeting.start);
  const summary = names ? `${meetingTypeWord(meeting.type, lang)} – ${family.name}` : `${meetingTypeWord(meeting.type, lang)} (${family.id})`;
  const description = [
    `famcoord: ${meeting.id} (${family.id})`,
    ...(names && meeting.attendees.length > 0 ? [`${WORDS[lang].attendees}: ${meeting.attendees.map((a) => attendeeText(a, lang)).join('; ')}`] : []),
  ].join('\n');
  return [
    'BEGIN:VEVENT',
    `UID:${eventUid({ family, meeting })}`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${utcDateTime(start)}`,
    `DTEND:${utcDateTime(start + meeting.durationMin * 60_000)}`,
    `SUMMARY:${escapeText(summary)}`,
    ...(meeting.place ? [`LOCATION:${escapeText(meeting.place)}`] : []),
    `DESCRIPTION:${escapeText(description)}`,
    'END:VEVENT',
  ];
}

/** The calendar file, CRLF line endings, lines folded at 75 octets. `now` is the DTSTAMP. */
export function renderCalendar(entries: readonly CalendarEntry[], { now, names, lang }: { now: Date; names: boolean; lang: Lang }): string {
  const stamp = utcDateTime(now.getTime());
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:famcoord',
    ...entries.flatMap((entry) => eventLines(entry, stamp, names, lang)),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
