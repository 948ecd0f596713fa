// Text wrapped for the meeting screen: its minutes, agreements and status form.
import wrapAnsi from 'wrap-ansi';

/** Text wrapped to lines of at most `width` columns (a paragraph per line break). */
export function wrapped(text: string, width: number): string[] {
  return text.split('\n').flatMap((paragraph) => wrapAnsi(paragraph, Math.max(10, width), { hard: true, trim: true }).split('\n'));
}
