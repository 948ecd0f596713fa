// Progress over time as block characters, oldest first: a person would rather look than read.
const BLOCKS = '▁▂▃▄▅▆▇█';

/** 0–10 scores as ▁▃▅▇; the last `max` scores when there are more. */
export function scoreSparkline(scores: readonly number[], max = Number.POSITIVE_INFINITY): string {
  return scores
    .slice(-max)
    .map((s) => BLOCKS[Math.min(7, Math.max(0, Math.round((s / 10) * 7)))])
    .join('');
}
