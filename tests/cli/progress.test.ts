// The progress bar of long work: on stderr only when it is a terminal, with the time left.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
      // The biggest demo of the suite: its guard is the test's own, not runCli's.
      const result = box.run(['demo', '--families', '10000', '--date', '2026-11-24'], { hungAfterMs: 290_000 });
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
    } finally {
      box.cleanup();
    }
  }, 300_000);

  it.runIf(hasTmux)('is shown on a terminal by a demo of 10,000 families, then cleared', async () => {
    const box = sandbox();
    const session = `famcoord-progress-${process.pid}`;
    try {
      tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '10', `${process.execPath} ${BIN} --store ${box.store} demo --families 10000 --date 2026-11-24; echo EXITED $?; sleep 30`);
      await waitForScreen(session, /Writing demo families [█░▏▎▍▌▋▊▉ ]+ +\d+% [\d,]+\/10,000/, 60_000, false);
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

const hasScript = spawnSync('script', ['--version']).status === 0;

describe.runIf(hasScript)('a large batch on a terminal', () => {
  it('shows the check of its lines, then its write, and clears both (in Danish with --lang da)', () => {
    const box = sandbox();
    try {
      expect(box.run(['demo', '--families', '3', '--date', '2026-11-24']).code).toBe(0);
      const file = join(box.dir, 'many.jsonl');
      writeFileSync(file, Array.from({ length: 10_000 }, (_, i) => JSON.stringify({ op: 'goal.progress', goalId: 'g1', score: i % 11 })).join('\n'));
      // script(1) gives the command a terminal and keeps all it wrote to it, so no frame is missed.
      const command = [process.execPath, BIN, 'batch', file, '--store', box.store, '--date', '2026-11-24', '--lang', 'da'].map((arg) => `'${arg}'`).join(' ');
      const result = spawnSync('script', ['-qefc', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, FAMCOORD_USER: 'tester', FAMCOORD_CONFIG_DIR: join(box.dir, 'config') }, timeout: 120_000 });
      expect(result.status, result.stdout).toBe(0);
      const shown = result.stdout;
      expect(shown).toMatch(/Tjekker filen [█░▏▎▍▌▋▊▉ ]+ +\d+% [\d.]+\/10\.000/);
      expect(shown).toMatch(/Gemmer filens handlinger … \d+ s/);
      expect(shown.indexOf('Gemmer filens handlinger')).toBeGreaterThan(shown.lastIndexOf('Tjekker filen'));
      expect(shown).toMatch(/\r\u001b\[2KGemt: 10000 handlinger på 1 familie/);
    } finally {
      box.cleanup();
    }
  }, 180_000);
});
