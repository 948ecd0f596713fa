// Keys that arrive together, in a real terminal (tmux) at 80×24: a bracketed paste of three lines
// into a minutes line, and `p7<Tab>Mødt op<Enter>` sent as one chunk, are stored exactly as typed,
// once. And the terminal is left without bracketed paste however the workbench ends.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonFileStore } from '../../src/store/jsonStore.js';
import { BIN, sandbox, type Sandbox } from '../helpers/cli.js';
import { family, goal, meeting, state } from '../helpers/fixtures.js';
import { hasTmux, killSession, tmux, waitForScreen } from '../helpers/tmux.js';

const DATE = '2026-11-24';
const DEADLINE = 30_000;

/** Pastes text into the pane as a terminal does: wrapped in paste brackets if the program asked. */
function paste(session: string, text: string): void {
  const buffer = `${session}-paste`;
  const loaded = spawnSync('tmux', ['load-buffer', '-b', buffer, '-'], { input: text });
  if (loaded.status !== 0) throw new Error(`tmux load-buffer failed: ${loaded.stderr}`);
  tmux('paste-buffer', '-p', '-d', '-b', buffer, '-t', session);
}

describe.runIf(hasTmux)('keys that arrive together, in tmux at 80×24', () => {
  let box: Sandbox;
  let store: JsonFileStore;
  beforeAll(async () => {
    box = sandbox();
    store = new JsonFileStore(box.store);
    await store.create(state(family('f1', { name: 'Familien Berg', goals: [goal('g1', '2026-11-01', 'active', { title: 'Ida kommer i skole', progress: [{ date: '2026-11-10', score: 5, note: 'Første gang' }] })], meetings: [meeting('m1', '2026-11-24T10:00:00+01:00', { place: 'Rådhuset' })] })));
  });
  afterAll(() => box.cleanup());

  /** Starts the workbench; after it exits, `cat -v` shows how the terminal delivers a paste. */
  const start = (name: string) => {
    const session = `famcoord-input-${process.pid}-${name}`;
    // Ink draws only the final frame when CI is set; a person's terminal has no CI variable.
    const command = `env -u CI FAMCOORD_USER=tester TZ=Europe/Copenhagen LANG=en_GB.UTF-8 ${process.execPath} ${BIN} --store ${box.store} --date ${DATE}; echo EXITED $?; cat -v`;
    tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', command);
    return session;
  };

  /** After the workbench has gone, a paste reaches the shell's program without brackets. */
  const expectPasteModeOff = async (session: string) => {
    paste(session, 'efter\n');
    const screen = await waitForScreen(session, /efter\n(?:.*\n)*efter/, DEADLINE);
    expect(screen).not.toContain('[200~');
  };

  it('stores a pasted three-line minutes line and a one-chunk progress note exactly as typed, once', async () => {
    const session = start('paste');
    try {
      await waitForScreen(session, /Overdue goals \(1\)/, DEADLINE);
      tmux('send-keys', '-t', session, 'm');
      await waitForScreen(session, /Minutes/, DEADLINE);
      tmux('send-keys', '-t', session, 'e');
      await waitForScreen(session, /Add a line/, DEADLINE);
      paste(session, 'Linje A\nLinje B\nLinje C');
      await waitForScreen(session, /Linje A ↵ Linje B ↵ Linje C▏/, DEADLINE);
      tmux('send-keys', '-t', session, 'Enter');
      await waitForScreen(session, /Saved: minutes of/, DEADLINE);
      tmux('send-keys', '-t', session, 'Escape', 'Tab');
      await waitForScreen(session, /▶ Overdue goals/, DEADLINE);
      tmux('send-keys', '-t', session, '-l', 'p7\tMødt op\r');
      await waitForScreen(session, /Saved: progress on/, DEADLINE);
      tmux('send-keys', '-t', session, 'q');
      await waitForScreen(session, /EXITED 0/, DEADLINE);
      await expectPasteModeOff(session);
    } finally {
      killSession(session);
    }
    const family1 = (await store.read()).families[0];
    expect(family1?.meetings[0]?.minutes).toBe('Linje A\nLinje B\nLinje C');
    // The dialog opens with the latest score (5) selected: the 7 typed replaces it.
    expect(family1?.goals[0]?.progress).toEqual([{ date: '2026-11-10', score: 5, note: 'Første gang' }, { date: DATE, score: 7, note: 'Mødt op' }]);
    expect((await store.history()).map((step) => step.ops.map((op) => op.op))).toEqual([['meeting.minutes'], ['goal.progress']]);
  }, 240_000);

  it('turns bracketed paste off when the workbench is ended by a signal', async () => {
    const session = start('signal');
    try {
      await waitForScreen(session, /Overdue goals \(1\)/, DEADLINE);
      const shell = tmux('display-message', '-p', '-t', session, '#{pane_pid}').trim();
      const workbench = spawnSync('ps', ['-o', 'pid=', '--ppid', shell], { encoding: 'utf8' }).stdout.trim();
      expect(workbench).toMatch(/^\d+$/);
      process.kill(Number(workbench), 'SIGTERM');
      await waitForScreen(session, /EXITED 143/, DEADLINE);
      await expectPasteModeOff(session);
    } finally {
      killSession(session);
    }
  }, 120_000);
});
