// Aligned plain-text tables for human output. Every cell is sanitised: text from the store never
// reaches the terminal with escape sequences or control characters in it.
import { sanitizeLine } from '../domain/sanitize.js';

export interface Column<Row> {
  header: string;
  value: (row: Row) => string | number | undefined;
  align?: 'left' | 'right';
  /** Longer cells are cut with an ellipsis. */
  maxWidth?: number;
}

// Characters, not UTF-16 units; only text with a surrogate pair (an emoji, a tag character) needs counting.
const SURROGATE = /[\ud800-\udfff]/;
const width = (text: string) => (SURROGATE.test(text) ? [...text].length : text.length);

function fit(text: string, max: number | undefined): string {
  // A text no longer in UTF-16 units than `max` has no more characters either.
  if (max === undefined || text.length <= max || width(text) <= max) return text;
  return `${[...text].slice(0, Math.max(0, max - 1)).join('')}…`;
}

/**
 * The table's lines, one at a time. The rows are gone through twice, for the column widths and
 * then for the lines, so a table of a whole municipality's day is never held as cells or text.
 */
export function* tableLines<Row>(columns: Column<Row>[], rows: readonly Row[]): Generator<string> {
  const cellsOf = (row: Row) => columns.map((c) => fit(sanitizeLine(String(c.value(row) ?? '')), c.maxWidth));
  // A loop, not Math.max(...cells): a spread of a few hundred thousand rows overflows the stack.
  const widths = columns.map((c) => width(c.header));
  for (const row of rows) cellsOf(row).forEach((cell, i) => (widths[i] = Math.max(widths[i] as number, width(cell))));
  const line = (values: string[]) =>
    values
      .map((v, i) => {
        const pad = ' '.repeat((widths[i] as number) - width(v));
        return columns[i]?.align === 'right' ? pad + v : v + pad;
      })
      .join('  ')
      .trimEnd();
  yield line(columns.map((c) => c.header));
  for (const row of rows) yield line(cellsOf(row));
}

export function formatTable<Row>(columns: Column<Row>[], rows: readonly Row[]): string {
  return [...tableLines(columns, rows)].join('\n');
}

/** A titled section: "Title (count)" and the table, or a dash when empty. */
export function section<Row>(title: string, columns: Column<Row>[], rows: readonly Row[]): string {
  return [...sectionText(title, columns, rows)].join('');
}

/** A section's text, a line at a time. */
export function* sectionText<Row>(title: string, columns: Column<Row>[], rows: readonly Row[]): Generator<string> {
  yield `${title} (${rows.length})\n`;
  if (rows.length === 0) yield '  –\n';
  else yield* tableText(columns, rows);
}

/** The table as text, a line and its newline at a time. */
export function* tableText<Row>(columns: Column<Row>[], rows: readonly Row[]): Generator<string> {
  for (const line of tableLines(columns, rows)) yield `${line}\n`;
}
