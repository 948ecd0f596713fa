// Progress over time as block characters, oldest first: a person would rather look than read.
const BLOCKS = '▁▂▃▄▅▆▇█';

/** 0–10 scores as ▁▃▅▇; the last `max` scores when there are more. */
export function scoreSparkline(scores: readonly number[], max = Number.POSITIVE_INFINITY): string {
  return scores
    .slice(-max)
    .map((s) => BLOCKS[Math.min(7, Math.max(0, Math.round((s / 10) * 7)))])
    .join('');
}

/**
 * Shares (0 to 1) as a sparkline, scaled to their own range so the shape shows, but to at least
 * ten percentage points so that noise does not look like a trend.
 */
export function shareSparkline(shares: readonly number[]): string {
  const low = Math.min(...shares);
  const range = Math.max(0.1, Math.max(...shares) - low);
  return shares.map((s) => BLOCKS[Math.round(((s - low) / range) * (BLOCKS.length - 1))]).join('');
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A horizontal bar of `fraction` (0 to 1) in block characters, to an eighth of a cell, on a light track. */
export function bar(fraction: number, width = 12): string {
  const eighths = Math.round(Math.max(0, Math.min(1, fraction)) * width * 8);
  const full = Math.floor(eighths / 8);
  const partial = EIGHTHS[eighths % 8] as string;
  return '█'.repeat(full) + partial + '░'.repeat(width - full - (partial ? 1 : 0));
}
