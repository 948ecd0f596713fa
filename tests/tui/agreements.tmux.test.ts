// Following up an agreement in a real terminal (tmux), in Danish at 80×24 on the demo: write an
// agreement due yesterday at today's meeting, see it in Today's "Aftaler", mark it done with `d`;
// `famcoord today --json` shows it with daysOverdue before, and not after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, sandbox, type Sandbox } from '../helpers/cli.js';
import { hasTmux, killSession, tmux, waitForScreen } from '../helpers/tmux.js';

const DATE = '2026-11-24';
const YESTERDAY = '2026-11-23';
const WHAT = 'Sender skoleskemaet til PPR';

type Today = { meetings: Array<{ id: string }>; agreements: Array<{ id: string; what: string; due: string; daysOverdue: number }> };

describe.runIf(hasTmux)('an agreement followed up in the workbench', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
  });
  afterAll(() => box.cleanup());

  it('is written at a meeting, shown in Aftaler, and marked done with d', async () => {
    expect(box.run(['demo', '--date', DATE]).code).toBe(0);
    const today = () => JSON.parse(box.run(['today', '--json', '--date', DATE]).stdout) as Today;
    expect(today().meetings.length).toBeGreaterThan(0);
    const session = `famcoord-agree-${process.pid}`;
    const command = `env -u CI FAMCOORD_USER=tester TZ=Europe/Copenhagen ${process.execPath} ${BIN} --store ${box.store} --date ${DATE} --lang da; echo EXITED $?; sleep 30`;
    tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', command);
    try {
      await waitForScreen(session, /Aftaler \(\d+\)/);
      // Today's first meeting, its minutes screen, and a new agreement there.
      tmux('send-keys', '-t', session, 'Enter');
      await waitForScreen(session, /Referat/);
      tmux('send-keys', '-t', session, 'a');
      await waitForScreen(session, /Ny aftale/);
      tmux('send-keys', '-t', session, '-l', 'Lone Berg');
      tmux('send-keys', '-t', session, 'Tab');
      tmux('send-keys', '-t', session, '-l', WHAT);
      tmux('send-keys', '-t', session, 'Tab');
      tmux('send-keys', '-t', session, '-l', YESTERDAY);
      tmux('send-keys', '-t', session, 'Enter');
      await waitForScreen(session, /Gemt/);

      const added = today().agreements.find((a) => a.what === WHAT);
      expect(added).toMatchObject({ due: YESTERDAY, daysOverdue: 1 });

      tmux('send-keys', '-t', session, 'Escape');
      await waitForScreen(session, /Dagens møder/);
      tmux('send-keys', '-t', session, 'Tab', 'Tab');
      await waitForScreen(session, /▶ Aftaler/);
      // Down the panel until the selected row (›) is the new agreement.
      const selected = (screen: string) => screen.split('\n').some((line) => line.startsWith('›') && line.includes('Sender skole'));
      for (let moves = 0; !selected(tmux('capture-pane', '-p', '-t', session)); moves++) {
        expect(moves, 'the new agreement is in the Aftaler panel').toBeLessThan(40);
        const before = tmux('capture-pane', '-p', '-t', session);
        tmux('send-keys', '-t', session, 'j');
        await waitForScreen(session, (screen) => screen !== before);
      }
      const beforeDone = tmux('capture-pane', '-p', '-t', session);
      expect(beforeDone).toMatch(/d udført/);
      tmux('send-keys', '-t', session, 'd');
      await waitForScreen(session, /Gemt/);
      const after = await waitForScreen(session, /Aftaler \(\d+\)/);
      expect(after).not.toContain('Sender skole');

      tmux('send-keys', '-t', session, 'q');
      await waitForScreen(session, /EXITED 0/);
    } finally {
      killSession(session);
    }
    expect(today().agreements.map((a) => a.what)).not.toContain(WHAT);
  });
});
