// A titled table that fits exactly `width` × `height`: a title bar with the count and, when the
// rows do not all fit, where the window is ("12–20 af 30 ▼"); a header row; and as many rows as
// fit, scrolled so the selection stays visible (src/tui/scrolling.ts). Focus is visible with and
// without colour (NO_COLOR): the focused panel's title is marked ▶ and the selected row ›.
import { Box, Text } from 'ink';
import { columnWidths, displayWidth, fit } from '../tui/layout.js';
import type { Column, PanelModel, Row } from '../tui/models.js';
import { followSelection, positionText, type PositionLang } from '../tui/scrolling.js';

export interface PanelProps {
  model: PanelModel;
  width: number;
  /** Lines including the title and header; 1 shows the title alone (a collapsed panel). */
  height: number;
  focused: boolean;
  selected: number;
  color: boolean;
  emptyText: string;
  lang: PositionLang;
}

/**
 * The rows as lines of the given column widths. Rows that would read the same (four "Familien
 * J…" cut to the same width) show their id in the first cell that was cut, so they can be told
 * apart.
 */
export function rowLines(rows: readonly Row[], columns: readonly Column[], widths: readonly number[]): string[] {
  const line = (cells: readonly string[]) => cells.map((cell, i) => fit(cell, widths[i] as number, columns[i]?.align)).join(' ');
  const lines = rows.map((row) => line(row.cells));
  const seen = new Map<string, number>();
  for (const text of lines) seen.set(text, (seen.get(text) ?? 0) + 1);
  return rows.map((row, r) => {
    const text = lines[r] as string;
    if ((seen.get(text) ?? 0) < 2) return text;
    const cut = row.cells.findIndex((cell, i) => displayWidth(cell) > (widths[i] as number));
    const at = cut >= 0 ? cut : Math.max(0, columns.findIndex((c) => c.grow > 0));
    return line(row.cells.map((cell, i) => (i === at ? `${row.id} ${cell}` : cell)));
  });
}

export function Panel({ model, width, height, focused, selected, color, emptyText, lang }: PanelProps) {
  const inner = width - 2; // the selection marker and a space
  const rowsRoom = Math.max(0, height - 2);
  const window = followSelection(model.rows.length, selected, rowsRoom);
  const shown = model.rows.slice(window.start, window.end);
  // A column is never narrower than its header, so headers are read whole, nor wider than what it
  // shows: in a wide terminal the room goes to the long texts (a goal, a subject, the attendees).
  const widths = columnWidths(
    model.columns.map((c, i) => {
      const min = Math.max(c.min, displayWidth(c.header));
      const longest = Math.max(min, ...shown.map((row) => displayWidth(row.cells[i] ?? '')));
      return { ...c, min, max: Math.min(c.max ?? Number.POSITIVE_INFINITY, longest) };
    }),
    inner,
  );
  // A collapsed panel (its title alone) shows its count, not a window of no rows.
  const position = rowsRoom > 0 ? positionText(window, lang) : '';
  const heading = `${focused ? '▶' : ' '} ${model.title} (${model.rows.length})`;
  const title = position ? `${fit(heading, Math.max(0, width - displayWidth(position) - 1))} ${position}` : fit(heading, width);
  const lines = rowLines(shown, model.columns, widths);
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      <Text bold inverse={focused && color} color={!focused && color ? 'cyan' : undefined} wrap="truncate">
        {title}
      </Text>
      {height > 1 && <Text dimColor={color} wrap="truncate">{`  ${model.columns.map((c, i) => fit(c.header, widths[i] as number, c.align)).join(' ')}`}</Text>}
      {model.rows.length === 0 && height > 2 && <Text dimColor={color} wrap="truncate">{fit(`  ${emptyText}`, width)}</Text>}
      {shown.map((row, offset) => {
        const isSelected = window.start + offset === selected;
        const marker = isSelected && focused ? '›' : isSelected ? '·' : ' ';
        return (
          <Text key={row.id} wrap="truncate" inverse={isSelected && focused && color} color={row.warn && color ? 'yellow' : undefined}>
            {`${marker} ${lines[offset]}`}
          </Text>
        );
      })}
    </Box>
  );
}
