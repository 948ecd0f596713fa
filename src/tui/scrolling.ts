// The one scrolling model of the workbench. Every list (a panel of rows), the help and the
// minutes show a window of their lines; these pure functions say which window, where a key moves
// it, and what the position indicator reads ("12–20 af 30 ▼"). A list follows its selection;
// the help and the minutes scroll freely, the minutes following their newest line until the
// user scrolls up.

/** The lines shown: `start` (inclusive) to `end` (exclusive) of `total`. */
export interface Viewport {
  start: number;
  end: number;
  total: number;
}

/**
 * The top of a freely scrolled text that stays at its end: new lines scroll it, so the newest
 * is always on screen. Any top beyond the last page means the same.
 */
export const FOLLOW_END = Number.MAX_SAFE_INTEGER;

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(low, value), high);

/** The window of `room` lines that keeps line `selected` on screen, centred where it can be. */
export function followSelection(total: number, selected: number, room: number): Viewport {
  if (total <= room) return { start: 0, end: total, total };
  const start = clamp(selected - Math.floor(room / 2), 0, total - Math.max(0, room));
  return { start, end: start + Math.max(0, room), total };
}

/** The window of `room` lines whose first is `top` (clamped: FOLLOW_END shows the last page). */
export function scrolledWindow(total: number, top: number, room: number): Viewport {
  const start = clamp(top, 0, Math.max(0, total - room));
  return { start, end: Math.min(total, start + Math.max(0, room)), total };
}

/**
 * The top after moving it `delta` lines: clamped to the text, and FOLLOW_END once the last line
 * is reached again, so a text scrolled back down follows its newest line once more.
 */
export function scrollTop(top: number, delta: number, total: number, room: number): number {
  const last = Math.max(0, total - room);
  const moved = clamp(clamp(top, 0, last) + delta, 0, last);
  return moved === last ? FOLLOW_END : moved;
}

/** How far PgUp/PgDn move: a window less one line, so the line at the edge stays in view. */
export function pageLength(room: number): number {
  return Math.max(1, room - 1);
}

export type PositionLang = 'da' | 'en';

/**
 * Where the window is, or '' when everything fits: "12–20 af 30 ▼" (▲ when lines are hidden
 * above, ▼ below). Counted from 1, as a person counts.
 */
export function positionText({ start, end, total }: Viewport, lang: PositionLang): string {
  if (total === 0 || (start === 0 && end >= total)) return '';
  const arrows = `${start > 0 ? '▲' : ''}${end < total ? '▼' : ''}`;
  const first = Math.min(start + 1, end);
  return `${first}–${end} ${lang === 'da' ? 'af' : 'of'} ${total}${arrows ? ` ${arrows}` : ''}`;
}

/**
 * How far to move a window so that its lines `first` to `last` are in it: 0 when they are, else
 * the least move (the first line wins when they do not all fit). A selection in a freely scrolled
 * text (the minutes' selected line) is kept in view by scrolling this much.
 */
export function deltaToShow({ start, end }: Viewport, first: number, last: number): number {
  if (first < start) return first - start;
  if (last >= end) return Math.min(last - end + 1, first - start);
  return 0;
}
