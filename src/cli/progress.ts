// A progress bar on stderr for long work (a large demo, migrate, import, a large batch): drawn
// only when stderr is a terminal, so pipes, logs and tests of output see nothing; redrawn when the
// whole percentage changes, and cleared when the work is done. It says how long is left, from
// the pace so far.
import { bar } from '../domain/sparkline.js';

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface Progress {
  /** `n` more items are done. */
  advance(n?: number): void;
  /** The work is over (done or failed): the bar is cleared. */
  done(): void;
}

const NONE: Progress = { advance: () => undefined, done: () => undefined };

/** "about 2 min left", "about 12 s left". */
export function timeLeft(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90) return `about ${Math.max(1, seconds)} s left`;
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `about ${minutes} min left` : `about ${Math.round(minutes / 60)} h left`;
}

/** One line of the bar: "Writing families ██████░░░░░░ 52% 5,200/10,000 · about 12 s left". */
export function progressLine(label: string, done: number, total: number, elapsedMs: number): string {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const eta = done > 0 && done < total ? ` · ${timeLeft((elapsedMs / done) * (total - done))}` : '';
  return `${label} ${bar(share, 20)} ${`${Math.floor(share * 100)}%`.padStart(4)} ${done.toLocaleString('en')}/${total.toLocaleString('en')}${eta}`;
}

/** A bar for `total` items; nothing at all unless `stream` is a terminal. */
export function progressBar(label: string, total: number, { stream = process.stderr as ProgressStream, now = Date.now }: { stream?: ProgressStream; now?: () => number } = {}): Progress {
  if (stream.isTTY !== true || total <= 0) return NONE;
  const started = now();
  let done = 0;
  let shown = -1;
  const draw = () => {
    const percent = Math.floor((done / total) * 100);
    if (percent === shown) return;
    shown = percent;
    stream.write(`\r\u001b[2K${progressLine(label, done, total, now() - started)}`);
  };
  draw();
  return {
    advance(n = 1) {
      done = Math.min(total, done + n);
      draw();
    },
    done() {
      stream.write('\r\u001b[2K');
    },
  };
}

/** The items, counted on `progress` as they are taken. */
export function* counted<T>(items: Iterable<T>, progress: Progress): Generator<T> {
  for (const item of items) {
    yield item;
    progress.advance();
  }
}

/** Work of this size or more shows a bar (smaller work is over before a bar helps). */
export const PROGRESS_FROM = 10_000;
