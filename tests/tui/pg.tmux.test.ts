// The workbench open in a real terminal (tmux) on a PostgreSQL store while another process (another
// coordinator's machine) changes a family: LISTEN/NOTIFY brings the change to the screen as soon
// as it commits, with no polling. How soon is measured and logged, not asserted.
import { afterAll, describe, expect, it } from 'vitest';
import { PgStore } from '../../src/store/pgStore.js';
import { BIN, runCli } from '../helpers/cli.js';
import { family, goal, state } from '../helpers/fixtures.js';
import { dropPgDatabases, freshPgUrl, pgServerUrl } from '../helpers/pg.js';
import { hasTmux, killSession, tmux, waitForScreen } from '../helpers/tmux.js';

const DATE = '2026-11-24';
afterAll(dropPgDatabases);

describe.runIf(hasTmux && pgServerUrl)('the workbench on a PostgreSQL store', () => {
  it("shows another process's change as soon as it is committed (LISTEN/NOTIFY)", async () => {
    const url = await freshPgUrl();
    const store = new PgStore(url);
    await store.create(state(family('f1', { name: 'Familien Berg', goals: [goal('g1', '2026-11-20', 'active', { title: 'Faste rammer om morgenen' })] })));
    await store.close();
    const session = `famcoord-pg-watch-${process.pid}`;
    // Ink draws only the final frame when CI is set; a person's terminal has no CI variable.
    const command = `env -u CI FAMCOORD_USER=tester TZ=Europe/Copenhagen LANG=en_GB.UTF-8 ${process.execPath} ${BIN} --store '${url}' --date ${DATE}; echo EXITED $?; sleep 30`;
    tmux('new-session', '-d', '-s', session, '-x', '200', '-y', '50', command);
    try {
      await waitForScreen(session, /Overdue goals \(1\)/);
      tmux('send-keys', '-t', session, 'Tab');
      await waitForScreen(session, /▶ Overdue goals/);
      tmux('send-keys', '-t', session, 'Enter');
      await waitForScreen(session, /Family plan: Familien Berg[^]*-\/10/);
      const other = runCli(['goal', 'progress', 'g1', '--score', '9', '--note', 'Fra en anden maskine', '--store', url, '--date', DATE], { env: { FAMCOORD_USER: 'søren' } });
      expect(other.code, other.stderr).toBe(0);
      const committed = Date.now();
      // The time it was first seen, not the time it had settled on the screen.
      let firstSeen = 0;
      await waitForScreen(session, (screen) => /Faste rammer om morgenen .* 9\/10/.test(screen) && (firstSeen ||= Date.now()) > 0);
      const shownAfter = firstSeen - committed;
      tmux('send-keys', '-t', session, 'q');
      await waitForScreen(session, /EXITED 0/);
      console.log(`the workbench on PostgreSQL showed another process's change ${shownAfter} ms after that process exited`);
    } finally {
      killSession(session);
    }
  });
});
