// Fitting text into a terminal: every line the workbench draws is cut to the width it has, so
// nothing wraps, whatever the data. Widths are display columns (emoji and CJK count two).
import stringWidth from 'string-width';
import { terminalTextWidth } from './textWidth.js';

/** Columns as the widest terminal draws the text (an emoji with a skin tone is four, see textWidth.ts). */
export const displayWidth = (text: string) => terminalTextWidth(text, undefined, stringWidth);

/** Cuts text to `width` columns with an ellipsis, and pads it to exactly `width`. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  let out = text;
  if (displayWidth(out) > width) {
    let cut = '';
    for (const ch of out) {
      if (displayWidth(cut + ch) > width - 1) break;
      cut += ch;
    }
    out = `${cut}…`;
  }
  const pad = ' '.repeat(Math.max(0, width - displayWidth(out)));
  return align === 'right' ? pad + out : out + pad;
}

export interface ColumnSpec {
  /** Never narrower than this (unless the terminal is). */
  min: number;
  /** Share of the room left over after the minimums; 0 keeps the column at `min`. */
  grow: number;
  /** Wider than this helps nobody (a name, a time); the room goes to the other columns. */
  max?: number;
}

/** Column widths that fill `width` (with one space between columns). */
export function columnWidths(columns: readonly ColumnSpec[], width: number): number[] {
  const gaps = Math.max(0, columns.length - 1);
  const room = Math.max(0, width - gaps);
  const minimum = columns.reduce((sum, c) => sum + c.min, 0);
  if (minimum >= room) {
    // Too narrow: shrink growing columns first, proportionally.
    const scale = room / Math.max(1, minimum);
    return columns.map((c) => Math.max(1, Math.floor(c.min * scale)));
  }
  // Hand out the spare room by `grow`; a column that reaches its `max` stops, and what it would
  // have taken goes round again to the others.
  const widths = columns.map((c) => c.min);
  let spare = room - minimum;
  let open = columns.map((_, i) => i).filter((i) => (columns[i] as ColumnSpec).grow > 0);
  while (spare > 0 && open.length > 0) {
    const totalGrow = open.reduce((sum, i) => sum + (columns[i] as ColumnSpec).grow, 0);
    let given = 0;
    for (const i of open) {
      const column = columns[i] as ColumnSpec;
      const share = Math.max(1, Math.floor((spare * column.grow) / totalGrow));
      const give = Math.min(share, (column.max ?? Number.POSITIVE_INFINITY) - (widths[i] as number), spare - given);
      widths[i] = (widths[i] as number) + Math.max(0, give);
      given += Math.max(0, give);
    }
    spare -= given;
    const before = open.length;
    open = open.filter((i) => (widths[i] as number) < ((columns[i] as ColumnSpec).max ?? Number.POSITIVE_INFINITY));
    if (given === 0 && open.length === before) break;
  }
  return widths;
}

/**
 * Splits `total` lines between panels that each want `wants[i]` lines (at least `min`): panels
 * that need less give their room to the others, so a long list uses what a short one leaves.
 */
export function allocateHeights(wants: readonly number[], total: number, min = 3): number[] {
  const heights = wants.map(() => min);
  let left = total - min * wants.length;
  if (left <= 0) return heights.map(() => Math.max(1, Math.floor(total / wants.length)));
  let hungry = wants.map((_, i) => i).filter((i) => (wants[i] as number) > min);
  while (left > 0 && hungry.length > 0) {
    const share = Math.max(1, Math.floor(left / hungry.length));
    for (const i of hungry) {
      const give = Math.min(share, (wants[i] as number) - (heights[i] as number), left);
      heights[i] = (heights[i] as number) + give;
      left -= give;
    }
    hungry = hungry.filter((i) => (heights[i] as number) < (wants[i] as number));
  }
  // Room nobody needs goes to the last panel, so the screen is filled and stays put.
  heights[heights.length - 1] = (heights[heights.length - 1] as number) + left;
  return heights;
}

/** A focused panel shows at least this many lines (title, header, three rows) before others collapse. */
const FOCUSED_MIN_LINES = 5;

/**
 * The heights of a stack of panels where panel `focused` has the focus: shared by need while the
 * focused panel still shows a few rows; in a small terminal the focused panel keeps its rows and
 * the others collapse to their title line (which still shows their count).
 */
export function stackHeights(wants: readonly number[], focused: number, total: number, min = 3): number[] {
  const shared = allocateHeights(wants, total, min);
  const focusWants = wants[focused] ?? 0;
  if (total >= min * wants.length && (shared[focused] ?? 0) >= Math.min(focusWants, FOCUSED_MIN_LINES)) return shared;
  const others = wants.length - 1;
  const focusHeight = Math.max(1, Math.min(focusWants, total - others));
  const rest = total - focusHeight;
  const otherHeights = rest <= others ? wants.slice(1).map(() => 1) : allocateHeights(wants.filter((_, i) => i !== focused), rest, 1);
  otherHeights.splice(focused, 0, focusHeight);
  return otherHeights;
}
