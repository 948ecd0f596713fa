// The progress bar of long work: on stderr only when it is a terminal, with the time left.
import { describe, expect, it, vi } from 'vitest';
import { counted, progressBar, progressLine, progressPhase, timeLeft } from '../../src/cli/progress.js';
import { sandbox } from '../helpers/cli.js';
import { hasTmux, killSession, tmux, waitForScreen } from '../helpers/tmux.js';
import { BIN } from '../helpers/cli.js';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (text: string) => written.push(text) }, written };
}

describe('the progress bar', () => {
  it('says how far and how long is left, from the pace so far', () => {
    expect(progressLine('Copying families', 2_500, 10_000, 5_000)).toBe('Copying families █████░░░░░░░░░░░░░░░  25% 2,500/10,000 · about 15 s left');
    expect(progressLine('Copying families', 10_000, 10_000, 20_000)).toMatch(/100% 10,000\/10,000$/);
    expect(timeLeft(150_000)).toBe('about 3 min left');
  });

  it('draws on a terminal only when the percentage changes, and clears itself when done', () => {
    const { stream, written } = fakeStream(true);
    let clock = 0;
    const progress = progressBar('Writing', 1_000, { stream, now: () => clock });
    const items = [...counted(Array.from({ length: 1_000 }, (_, i) => i), { advance: () => ((clock += 10), progress.advance()), phase: progress.phase, done: progress.done })];
    progress.done();
    expect(items).toHaveLength(1_000);
    expect(written.length).toBe(101 + 1); // 0% to 100%, then the clearing
    expect(written[50]).toMatch(/^\r\u001b\[2KWriting .* 50% 500\/1,000 · about 5 s left$/);
    expect(written.at(-1)).toBe('\r\u001b[2K');
  });

  it('writes nothing when stderr is not a terminal', () => {
    const { stream, written } = fakeStream(false);
    const progress = progressBar('Writing', 1_000, { stream });
    progress.advance(500);
    progress.done();
    expect(written).toEqual([]);
  });

  it('is not shown by a large demo whose stderr is a file', () => {
    const box = sandbox();
    try {
      const result = box.run(['demo', '--families', '10000', '--date', '2026-11-24']);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
    } finally {
      box.cleanup();
    }
  }, 120_000);

  it.runIf(hasTmux)('is shown on a terminal by a demo of 10,000 families, then cleared', async () => {
    const box = sandbox();
    const session = `famcoord-progress-${process.pid}`;
    try {
      tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '10', `${process.execPath} ${BIN} --store ${box.store} demo --families 10000 --date 2026-11-24; echo EXITED $?; sleep 30`);
      await waitForScreen(session, /Writing demo families [█░▏▎▍▌▋▊▉ ]+ +\d+% [\d,]+\/10,000/, 60_000);
      const end = await waitForScreen(session, /EXITED 0/, 120_000);
      expect(end).not.toContain('Writing demo families');
    } finally {
      killSession(session);
      box.cleanup();
    }
  }, 180_000);
});

describe('the last step of long work', () => {
  it('shows the write after the counted items, with the seconds it takes, and clears it when done', () => {
    vi.useFakeTimers();
    const { stream, written } = fakeStream(true);
    let clock = 0;
    const progress = progressBar('Skriver demofamilier', 3, { stream, now: () => clock, lang: 'da' });
    expect([...counted(['a', 'b', 'c'], progress, 'Gemmer registret')]).toEqual(['a', 'b', 'c']);
    expect(written.at(-1)).toBe('\r\u001b[2KGemmer registret … 0 s');
    clock = 2_400;
    progress.advance(); // no bar is drawn over the write's line
    vi.advanceTimersByTime(1_000); // the line is redrawn each second while the loop is free
    expect(written.at(-1)).toBe('\r\u001b[2KGemmer registret … 2 s');
    progress.done();
    expect(written.at(-1)).toBe('\r\u001b[2K');
    vi.advanceTimersByTime(5_000);
    expect(written.at(-1)).toBe('\r\u001b[2K'); // and stops redrawing
    vi.useRealTimers();
  });

  it('is a line of its own for a write counted nowhere before it (a batch, an import), and nothing off a terminal', () => {
    const { stream, written } = fakeStream(true);
    const saving = progressPhase('Gemmer filens handlinger', { stream, now: () => 0 });
    saving.done();
    expect(written).toEqual(['\r\u001b[2KGemmer filens handlinger … 0 s', '\r\u001b[2K']);
    const off = fakeStream(false);
    progressPhase('Saving', { stream: off.stream }).done();
    expect(off.written).toEqual([]);
  });

  it('speaks Danish: the time left and the counts', () => {
    expect(progressLine('Kopierer familier', 2_500, 10_000, 5_000, 'da')).toBe('Kopierer familier █████░░░░░░░░░░░░░░░  25% 2.500/10.000 · ca. 15 s tilbage');
    expect(timeLeft(150_000, 'da')).toBe('ca. 3 min tilbage');
  });
});
