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

const width = (text: string) => [...text].length;

function fit(text: string, max: number | undefined): string {
  if (max === undefined || width(text) <= max) return text;
  return `${[...text].slice(0, Math.max(0, max - 1)).join('')}…`;
}

export function formatTable<Row>(columns: Column<Row>[], rows: readonly Row[]): string {
  const cells = rows.map((row) => columns.map((c) => fit(sanitizeLine(String(c.value(row) ?? '')), c.maxWidth)));
  // A loop, not Math.max(...cells): a spread of a few hundred thousand rows overflows the stack.
  const widths = columns.map((c, i) => cells.reduce((widest, r) => Math.max(widest, width(r[i] as string)), width(c.header)));
  const line = (values: string[]) =>
    values
      .map((v, i) => {
        const pad = ' '.repeat((widths[i] as number) - width(v));
        return columns[i]?.align === 'right' ? pad + v : v + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n');
}

/** A titled section: "Title (count)" and the table, or a dash when empty. */
export function section<Row>(title: string, columns: Column<Row>[], rows: readonly Row[]): string {
  return `${title} (${rows.length})\n${rows.length ? formatTable(columns, rows) : '  –'}\n`;
}
