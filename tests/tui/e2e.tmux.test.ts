// The whole workbench in a real terminal (tmux), as a new user drives it: open the demo, move to
// an overdue goal, record progress, resolve a contact, quit; then check the store through
// `famcoord today --json`. At 80×24 and at 200×50.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, sandbox, type Sandbox } from '../helpers/cli.js';
import { hasTmux, killSession, tmux, waitForScreen } from '../helpers/tmux.js';

const DATE = '2026-11-24';

describe.runIf(hasTmux)('the workbench in tmux', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
  });
  afterAll(() => box.cleanup());

  for (const [width, height] of [[80, 24], [200, 50]] as const) {
    it(`records progress and resolves a contact at ${width}×${height}`, async () => {
      expect(box.run(['demo', '--replace', '--date', DATE]).code).toBe(0); // a fresh demo: the last test worked in it
      const before = JSON.parse(box.run(['today', '--json', '--date', DATE]).stdout);
      const goal = before.overdueGoals[0];
      const contact = before.openContacts[0];
      const session = `famcoord-e2e-${process.pid}-${width}`;
      // Ink draws only the final frame when CI is set; a person's terminal has no CI variable.
      const command = `env -u CI FAMCOORD_USER=tester TZ=Europe/Copenhagen LANG=en_GB.UTF-8 ${process.execPath} ${BIN} --store ${box.store} --date ${DATE}; echo EXITED $?; sleep 30`;
      tmux('new-session', '-d', '-s', session, '-x', String(width), '-y', String(height), command);
      try {
        const first = await waitForScreen(session, /Overdue goals \(\d+\)/);
        const lines = first.split('\n');
        expect(lines.every((line) => [...line].length <= width)).toBe(true);
        expect(first).toMatch(/\? help/);

        tmux('send-keys', '-t', session, 'Tab');
        await waitForScreen(session, /▶ Overdue goals/);
        tmux('send-keys', '-t', session, 'p');
        await waitForScreen(session, /Record progress/);
        tmux('send-keys', '-t', session, 'BSpace', 'BSpace', '8', 'Tab');
        tmux('send-keys', '-t', session, '-l', 'Mødte op til alle aftaler');
        tmux('send-keys', '-t', session, 'Enter');
        await waitForScreen(session, /Saved: progress on/);

        tmux('send-keys', '-t', session, 'Tab');
        await waitForScreen(session, /▶ Agreements/);
        tmux('send-keys', '-t', session, 'Tab');
        await waitForScreen(session, /▶ Unresolved contacts/);
        tmux('send-keys', '-t', session, 'r');
        await waitForScreen(session, /Resolve contact/);
        tmux('send-keys', '-t', session, '-l', 'Mentor bevilget fra januar');
        tmux('send-keys', '-t', session, 'Enter');
        await waitForScreen(session, new RegExp(`Unresolved contacts \\(${before.openContacts.length - 1}\\)`));

        tmux('send-keys', '-t', session, 'q');
        await waitForScreen(session, /EXITED 0/);
      } finally {
        killSession(session);
      }

      const after = JSON.parse(box.run(['today', '--json', '--date', DATE]).stdout);
      expect(after.openContacts.map((c: { id: string }) => c.id)).not.toContain(contact.id);
      const plan = JSON.parse(box.run(['family', goal.familyId, '--json', '--date', DATE]).stdout);
      const recorded = plan.goals.find((g: { id: string }) => g.id === goal.id);
      expect(recorded.progress.at(-1)).toEqual({ date: DATE, score: 8, note: 'Mødte op til alle aftaler' });
    });
  }

  it('asks for an encrypted store\'s passphrase without echo before the workbench starts, again after a wrong one, three tries in all', async () => {
    const passphrase = 'korrekt hest batteri';
    expect(box.run(['demo', '--replace', '--encrypt', '--families', '3', '--date', DATE], { env: { FAMCOORD_PASSPHRASE: passphrase } }).code).toBe(0);
    for (const [attempts, outcome] of [[['forkert passphrase', passphrase], /Overdue goals \(\d+\)/], [['forkert en', 'forkert to', 'forkert tre'], /passphrase does not open the encrypted store[^]*EXITED 1/]] as const) {
      const session = `famcoord-e2e-${process.pid}-encrypted`;
      const command = `env -u CI -u FAMCOORD_PASSPHRASE TZ=Europe/Copenhagen LANG=en_GB.UTF-8 ${process.execPath} ${BIN} --store ${box.store} --date ${DATE}; echo EXITED $?; sleep 30`;
      tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', command);
      try {
        await waitForScreen(session, /Passphrase for the store:/);
        for (const [i, typed] of attempts.entries()) {
          if (i > 0) await waitForScreen(session, new RegExp(`try again \\(${3 - i} tr(y|ies) left\\)`));
          tmux('send-keys', '-t', session, '-l', typed);
          tmux('send-keys', '-t', session, 'Enter');
        }
        const screen = await waitForScreen(session, outcome);
        for (const typed of attempts) expect(screen).not.toContain(typed);
        if ((attempts as readonly string[]).includes(passphrase)) {
          tmux('send-keys', '-t', session, 'Tab');
          await waitForScreen(session, /▶ Overdue goals/);
          tmux('send-keys', '-t', session, 'q');
          await waitForScreen(session, /EXITED 0/);
        }
      } finally {
        killSession(session);
      }
    }
  });
});
