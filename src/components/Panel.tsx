// A titled table that fits exactly `width` × `height`: a title bar with the count, a header row,
// and as many rows as fit, scrolled so the selection stays visible. Focus is visible with and
// without colour (NO_COLOR): the focused panel's title is marked ▶ and the selected row ›.
import { Box, Text } from 'ink';
import { columnWidths, displayWidth, fit, visibleWindow } from '../tui/layout.js';
import type { PanelModel } from '../tui/models.js';

export interface PanelProps {
  model: PanelModel;
  width: number;
  /** Lines including the title and header. */
  height: number;
  focused: boolean;
  selected: number;
  color: boolean;
  emptyText: string;
}

export function Panel({ model, width, height, focused, selected, color, emptyText }: PanelProps) {
  const inner = width - 2; // the selection marker and a space
  // A column is never narrower than its header, so headers are read whole.
  const widths = columnWidths(model.columns.map((c) => ({ ...c, min: Math.max(c.min, displayWidth(c.header)) })), inner);
  const line = (cells: readonly string[]) => cells.map((cell, i) => fit(cell, widths[i] as number, model.columns[i]?.align)).join(' ');
  const rowsRoom = Math.max(0, height - 2);
  const { start, end } = visibleWindow(model.rows.length, selected, rowsRoom);
  const more = model.rows.length > rowsRoom && rowsRoom > 0 ? ` ${start + 1}–${end}/${model.rows.length}` : '';
  const title = fit(`${focused ? '▶' : ' '} ${model.title} (${model.rows.length})${more}`, width);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold inverse={focused && color} color={!focused && color ? 'cyan' : undefined} wrap="truncate">
        {title}
      </Text>
      {height > 1 && <Text dimColor={color} wrap="truncate">{`  ${line(model.columns.map((c) => c.header))}`}</Text>}
      {model.rows.length === 0 && height > 2 && <Text dimColor={color} wrap="truncate">{fit(`  ${emptyText}`, width)}</Text>}
      {model.rows.slice(start, end).map((row, offset) => {
        const isSelected = start + offset === selected;
        const marker = isSelected && focused ? '›' : isSelected ? '·' : ' ';
        return (
          <Text key={row.id} wrap="truncate" inverse={isSelected && focused && color} color={row.warn && color ? 'yellow' : undefined}>
            {`${marker} ${line(row.cells)}`}
          </Text>
        );
      })}
    </Box>
  );
}
