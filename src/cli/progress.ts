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
  /**
   * The counted work is over and a last step of unknown length follows (the store's write): the
   * line says so, with the seconds it has taken, until `done`.
   */
  phase(label: string): void;
  /** The work is over (done or failed): the bar is cleared. */
  done(): void;
}

const NONE: Progress = { advance: () => undefined, phase: () => undefined, done: () => undefined };

type Lang = 'da' | 'en';

const WORDS = {
  en: { left: (amount: string) => `about ${amount} left`, hours: 'h' },
  da: { left: (amount: string) => `ca. ${amount} tilbage`, hours: 't' },
} as const;

/** "about 2 min left", "about 12 s left" (Danish "ca. 2 min tilbage"). */
export function timeLeft(ms: number, lang: Lang = 'en'): string {
  const words = WORDS[lang];
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90) return words.left(`${Math.max(1, seconds)} s`);
  const minutes = Math.round(seconds / 60);
  return words.left(minutes < 90 ? `${minutes} min` : `${Math.round(minutes / 60)} ${words.hours}`);
}

/** One line of the bar: "Writing families ██████░░░░░░ 52% 5,200/10,000 · about 12 s left". */
export function progressLine(label: string, done: number, total: number, elapsedMs: number, lang: Lang = 'en'): string {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const eta = done > 0 && done < total ? ` · ${timeLeft((elapsedMs / done) * (total - done), lang)}` : '';
  const count = (n: number) => n.toLocaleString(lang === 'da' ? 'da' : 'en');
  return `${label} ${bar(share, 20)} ${`${Math.floor(share * 100)}%`.padStart(4)} ${count(done)}/${count(total)}${eta}`;
}

interface ProgressOptions {
  stream?: ProgressStream;
  now?: () => number;
  lang?: Lang;
}

const CLEAR = '\r\u001b[2K';

/**
 * "Saving … 3 s": a step whose length is not known, redrawn each second while the event loop is
 * free (the write's I/O); the timer does not keep the process alive.
 */
function phaseLine(label: string, stream: ProgressStream, now: () => number): { stop(): void } {
  const started = now();
  const draw = () => stream.write(`${CLEAR}${label} … ${Math.floor((now() - started) / 1000)} s`);
  draw();
  const timer = setInterval(draw, 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** A bar for `total` items; nothing at all unless `stream` is a terminal. */
export function progressBar(label: string, total: number, { stream = process.stderr as ProgressStream, now = Date.now, lang = 'en' }: ProgressOptions = {}): Progress {
  if (stream.isTTY !== true || total <= 0) return NONE;
  const started = now();
  let done = 0;
  let shown = -1;
  let phase: { stop(): void } | undefined;
  const draw = () => {
    const percent = Math.floor((done / total) * 100);
    if (percent === shown || phase) return;
    shown = percent;
    stream.write(`${CLEAR}${progressLine(label, done, total, now() - started, lang)}`);
  };
  draw();
  return {
    advance(n = 1) {
      done = Math.min(total, done + n);
      draw();
    },
    phase(next) {
      phase?.stop();
      phase = phaseLine(next, stream, now);
    },
    done() {
      phase?.stop();
      stream.write(CLEAR);
    },
  };
}

/** Only the last step's line (progressBar's `phase`), for work counted nowhere before it. */
export function progressPhase(label: string, { stream = process.stderr as ProgressStream, now = Date.now }: ProgressOptions = {}): Progress {
  if (stream.isTTY !== true) return NONE;
  let line = phaseLine(label, stream, now);
  return {
    advance: () => undefined,
    phase(next) {
      line.stop();
      line = phaseLine(next, stream, now);
    },
    done() {
      line.stop();
      stream.write(CLEAR);
    },
  };
}

/** The items, counted on `progress` as they are taken; then, if given, the `then` phase (the write that follows). */
export function* counted<T>(items: Iterable<T>, progress: Progress, then?: string): Generator<T> {
  for (const item of items) {
    yield item;
    progress.advance();
  }
  if (then !== undefined) progress.phase(then);
}

/** What the long commands' bars say, in either language. */
const LABELS = {
  checkingBatch: { en: 'Checking the batch', da: 'Tjekker filen' },
  savingBatch: { en: 'Saving the batch', da: 'Gemmer filens handlinger' },
  comparingFamilies: { en: 'Comparing families', da: 'Sammenligner familier' },
  savingImport: { en: 'Saving the imported families', da: 'Gemmer de importerede familier' },
  writingDemo: { en: 'Writing demo families', da: 'Skriver demofamilier' },
  copyingFamilies: { en: 'Copying families', da: 'Kopierer familier' },
  savingStore: { en: 'Saving the store', da: 'Gemmer registret' },
} as const;

export const progressLabel = (name: keyof typeof LABELS, lang: Lang) => LABELS[name][lang];

/** Work of this size or more shows a bar (smaller work is over before a bar helps). */
export const PROGRESS_FROM = 10_000;
