// Spreadsheet files that Excel opens right: UTF-8 with a byte order mark (else Excel guesses a
// legacy code page and æøå break), CRLF line ends, RFC 4180 quoting, and cells that cannot run as
// formulas. Danish Excel splits columns on ";" (the comma is the decimal mark), so that is the
// default separator; "," is for English-language spreadsheets.
import { daysWaiting, isContactUnresolved, latestScore, meetingLocalStart } from './rules.js';
import type { Family } from './schema.js';

export const CSV_SEPARATORS = [';', ','] as const;
export type CsvSeparator = (typeof CSV_SEPARATORS)[number];
export const DEFAULT_CSV_SEPARATOR: CsvSeparator = ';';

const BOM = '\uFEFF';

type Cell = string | number | undefined;

/**
 * One cell. Text that a spreadsheet would read as a formula (= + - @, or a leading tab or CR that
 * some strip first) gets a leading single quote: a note such as =HYPERLINK(...) must stay text.
 * Numbers are written as they are.
 */
export function csvCell(value: Cell, separator: CsvSeparator): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: BOM, header row, one line per row, CRLF after every line. */
export function csvDocument(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>, separator: CsvSeparator): string {
  return BOM + [header, ...rows].map((row) => `${row.map((cell) => csvCell(cell, separator)).join(separator)}\r\n`).join('');
}

export interface CsvTable {
  header: string[];
  rows: Cell[][];
}

export interface CsvContext {
  today: string;
  timeZone: string;
}

function memberName(family: Family, memberId: string | undefined): string | undefined {
  return memberId === undefined ? undefined : family.members.find((m) => m.id === memberId)?.name;
}

/** The tables `famcoord export --csv` writes: one row per goal, contact or meeting, with its family. */
export const CSV_TABLES = {
  goals: (families: readonly Family[]): CsvTable => ({
    header: ['family_id', 'family', 'goal_id', 'title', 'member', 'sector', 'status', 'priority', 'due', 'latest_score', 'latest_score_date'],
    rows: families.flatMap((f) =>
      f.goals.map((g) => [f.id, f.name, g.id, g.title, memberName(f, g.memberId), g.sector, g.status, g.priority, g.due, latestScore(g), g.progress.at(-1)?.date]),
    ),
  }),
  contacts: (families: readonly Family[], ctx: CsvContext): CsvTable => ({
    header: ['family_id', 'family', 'contact_id', 'sector', 'department', 'subject', 'status', 'opened', 'reply_by', 'closed', 'days_waiting'],
    rows: families.flatMap((f) =>
      f.contacts.map((c) => [f.id, f.name, c.id, c.sector, c.department, c.subject, c.status, c.opened, c.replyBy, c.closed, isContactUnresolved(c) ? daysWaiting(c, ctx.today) : undefined]),
    ),
  }),
  meetings: (families: readonly Family[], ctx: CsvContext): CsvTable => ({
    header: ['family_id', 'family', 'meeting_id', 'type', 'start_local', 'duration_min', 'place', 'attendees', 'agreements'],
    rows: families.flatMap((f) =>
      f.meetings.map((m) => {
        const local = meetingLocalStart(m, ctx.timeZone);
        return [f.id, f.name, m.id, m.type, `${local.date} ${local.time}`, m.durationMin, m.place, m.attendees.map((a) => a.name).join(', '), m.agreements.length];
      }),
    ),
  }),
} satisfies Record<string, (families: readonly Family[], ctx: CsvContext) => CsvTable>;

export type CsvTableName = keyof typeof CSV_TABLES;
export const CSV_TABLE_NAMES = Object.keys(CSV_TABLES) as CsvTableName[];
