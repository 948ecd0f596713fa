// The workbench open in a real terminal (tmux) while 8 other processes write the same store, as a
// coordinator's screen stays open during a batch job: the workbench saves its own change in
// between, shows the writers' data soon after they finish, and no operation is lost or doubled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreSparkline } from '../../src/domain/sparkline.js';
import { JsonFileStore } from '../../src/store/jsonStore.js';
import { BIN, sandbox, type Sandbox } from '../helpers/cli.js';
import { family, goal, state } from '../helpers/fixtures.js';
import { hasTmux, killSession, tmux, waitForScreen } from '../helpers/tmux.js';
import { bundleWriter, runWriters, writerNotes } from '../helpers/writer.js';

const DATE = '2026-11-24';
const TUI_NOTE = 'Skrevet i workbench';

describe.runIf(hasTmux)('the workbench open while other processes write', () => {
  let box: Sandbox;
  let writer: { path: string; cleanup: () => void };
  beforeAll(async () => {
    box = sandbox();
    writer = await bundleWriter();
  });
  afterAll(() => {
    writer.cleanup();
    box.cleanup();
  });

  it('8 processes × 100 updates with the workbench open: it saves its change, shows theirs, loses nothing', async () => {
    const processes = 8;
    const updates = 100;
    const store = new JsonFileStore(box.store);
    await store.create(state(family('f1', { name: 'Familien Berg', goals: [goal('g1', '2026-11-20', 'active', { title: 'Faste rammer om morgenen' })] })));
    const session = `famcoord-concurrency-${process.pid}`;
    // Ink draws only the final frame when CI is set; a person's terminal has no CI variable.
    const command = `env -u CI FAMCOORD_USER=tester TZ=Europe/Copenhagen LANG=en_GB.UTF-8 ${process.execPath} ${BIN} --store ${box.store} --date ${DATE}; echo EXITED $?; sleep 30`;
    tmux('new-session', '-d', '-s', session, '-x', '200', '-y', '50', command);
    try {
      await waitForScreen(session, /Overdue goals \(1\)/);
      tmux('send-keys', '-t', session, 'Tab');
      await waitForScreen(session, /▶ Overdue goals/);
      tmux('send-keys', '-t', session, 'Enter');
      await waitForScreen(session, /Family plan: Familien Berg[^]*-\/10/);

      const started = Date.now();
      const writers = runWriters(writer.path, box.store, processes, updates, 'g1');
      // While they write: record progress in the workbench, which waits its turn for the lock.
      await waitForScreen(session, /Updated from another window/);
      tmux('send-keys', '-t', session, 'p');
      await waitForScreen(session, /Record progress/);
      tmux('send-keys', '-t', session, 'BSpace', 'BSpace', '7', 'Tab');
      tmux('send-keys', '-t', session, '-l', TUI_NOTE);
      tmux('send-keys', '-t', session, 'Enter');
      await waitForScreen(session, /Saved: progress on/, 180_000);
      expect(await writers).toEqual(Array(processes).fill(0));
      const finished = Date.now();

      // The screen catches up with the store: the goal's last 8 scores and its latest score.
      const progress = (await store.read()).families[0]?.goals[0]?.progress ?? [];
      const scores = progress.map((p) => p.score);
      const cell = `${scoreSparkline(scores, 8)} ${scores.at(-1)}/10`;
      // How soon is measured and logged, not asserted: a loaded machine may take seconds.
      await waitForScreen(session, new RegExp(`Faste rammer om morgenen .* ${cell.replace(/[/]/g, '\\/')}`));
      const shownAfter = Date.now() - finished;

      tmux('send-keys', '-t', session, 'q');
      await waitForScreen(session, /EXITED 0/);

      const notes = progress.map((p) => p.note);
      const expected = [...writerNotes(processes, updates), TUI_NOTE];
      expect(notes.length).toBe(expected.length);
      expect(new Set(notes)).toEqual(new Set(expected));
      expect(progress.find((p) => p.note === TUI_NOTE)?.score).toBe(7);
      const log = await store.history();
      expect(log.map((e) => e.step)).toEqual(Array.from({ length: expected.length }, (_, i) => i + 1));
      expect(log.filter((e) => e.source === 'tui')).toHaveLength(1);
      console.log(
        `concurrency with the workbench open: ${processes} processes × ${updates} updates + 1 from the workbench, ${expected.length - notes.length} lost, ${finished - started} ms; the screen showed the final data ${shownAfter} ms after the writers finished`,
      );
    } finally {
      killSession(session);
    }
  }, 600_000);
});
