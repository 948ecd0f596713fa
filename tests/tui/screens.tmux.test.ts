// Screens that fit, in a real terminal at 60×15, 80×24 and 200×50, on the demo: nothing wider
// than the terminal, the focused panel keeps its rows, lists and help scroll with PgDn and say
// where they are, `:` jumps to a meeting, and its live view shows the heading in large letters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, sandbox, type Sandbox } from '../helpers/cli.js';
import { hasTmux, killSession, tmux, waitForScreen } from '../helpers/tmux.js';

const DATE = '2026-11-24';

describe.runIf(hasTmux)('screens that fit, in tmux', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
    expect(box.run(['demo', '--date', DATE]).code).toBe(0);
  });
  afterAll(() => box.cleanup());

  for (const [width, height] of [[60, 15], [80, 24], [200, 50]] as const) {
    it(`fits ${width}×${height}, scrolls and jumps`, async () => {
      const today = JSON.parse(box.run(['today', '--json', '--date', DATE]).stdout);
      const meeting = today.meetings[0];
      const session = `famcoord-screens-${process.pid}-${width}`;
      const command = `env -u CI TZ=Europe/Copenhagen LANG=en_GB.UTF-8 ${process.execPath} ${BIN} --store ${box.store} --date ${DATE}; echo EXITED $?; sleep 30`;
      tmux('new-session', '-d', '-s', session, '-x', String(width), '-y', String(height), command);
      const fits = (screen: string) => {
        for (const line of screen.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(width);
      };
      try {
        fits(await waitForScreen(session, /Overdue goals \(\d+\)/));
        tmux('send-keys', '-t', session, 'Tab');
        const goals = await waitForScreen(session, /▶ Overdue goals/);
        fits(goals);
        const lines = goals.split('\n');
        const at = lines.findIndex((l) => l.includes('▶ Overdue goals'));
        // The focused panel shows at least three rows (or all it has), whatever the size.
        const rows = lines.slice(at + 2).filter((l) => /^[›· ] +\d+ /.test(l));
        expect(rows.length).toBeGreaterThanOrEqual(Math.min(3, today.overdueGoals.length));

        tmux('send-keys', '-t', session, 'f');
        const families = await waitForScreen(session, /Families \(25\)/);
        fits(families);
        if (height < 30) {
          expect(families).toMatch(/1–\d+ of 25 ▼/);
          tmux('send-keys', '-t', session, 'PageDown');
          await waitForScreen(session, /\d+–\d+ of 25 ▲/);
        }

        tmux('send-keys', '-t', session, '?');
        const help = await waitForScreen(session, /Everywhere/);
        fits(help);
        if (height < 30) {
          tmux('send-keys', '-t', session, 'PageDown');
          await waitForScreen(session, /\d+–\d+ of \d+ ▲/);
        }

        tmux('send-keys', '-t', session, '-l', `:${meeting.id}`);
        tmux('send-keys', '-t', session, 'Enter');
        fits(await waitForScreen(session, /Attendees:/));
        tmux('send-keys', '-t', session, 'l');
        const live = await waitForScreen(session, /Esc back to the meeting/);
        fits(live);
        if (height >= 15) expect(live).toMatch(/[█▀▄]{3}/);
        expect(live).not.toContain('? help');
        tmux('send-keys', '-t', session, 'Escape');
        await waitForScreen(session, /Attendees:/);
        tmux('send-keys', '-t', session, 'q');
        await waitForScreen(session, /EXITED 0/);
      } finally {
        killSession(session);
      }
    });
  }
});
