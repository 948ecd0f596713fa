// The must-show of #15 in one walk, in a real terminal (tmux) at 80×24 with --lang da on the demo
// (over an English LANG): edit a goal's due date, add a meeting with two attendees, write three
// minutes lines and an agreement due yesterday, see it in Today's "Aftaler" and mark it done with
// d. Every screen on the way is checked for English vocabulary words and MM-DD dates, and
// `famcoord today --json` shows the agreement with daysOverdue before and not after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, sandbox, type Sandbox } from '../helpers/cli.js';
import { problemsInDanishScreen } from '../helpers/danish.js';
import { hasTmux, killSession, tmux, waitForScreen } from '../helpers/tmux.js';

const DATE = '2026-11-24';
const YESTERDAY = '2026-11-23';
const DEADLINE = 30_000;
const PLACE = 'Skolen, lokale 4';
const LINES = ['Familien fortalte om ugen', 'Emil har mødt hver dag', 'Lone finder en praktikplads'];
const WHAT = 'Sender skoleskemaet til PPR';

type Today = {
  overdueGoals: Array<{ id: string; familyId: string; title: string }>;
  agreements: Array<{ id: string; what: string; due: string; daysOverdue: number }>;
};

describe.runIf(hasTmux)("#15's must-show in one walk, in Danish at 80×24", () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
  });
  afterAll(() => box.cleanup());

  it('edits a due date, plans a meeting, writes its minutes and an agreement, and marks it done from Today, all in Danish', async () => {
    expect(box.run(['demo', '--date', DATE]).code).toBe(0);
    const today = () => JSON.parse(box.run(['today', '--json', '--date', DATE]).stdout) as Today;
    const goal = today().overdueGoals[0];
    expect(goal).toBeDefined();
    const goalRow = (JSON.parse(box.run(['family', goal!.familyId, '--json', '--date', DATE]).stdout).goals as Array<{ id: string }>).findIndex((g) => g.id === goal!.id);

    const session = `famcoord-mustshow-${process.pid}`;
    const problems: string[] = [];
    const send = (...keys: string[]) => tmux('send-keys', '-t', session, ...keys);
    const type = (text: string) => tmux('send-keys', '-t', session, '-l', text);
    const screen = () => tmux('capture-pane', '-p', '-t', session);
    /** Waits for `expected` and checks the screen it shows for English words and MM-DD dates. */
    const see = async (where: string, expected: RegExp) => {
      const shown = await waitForScreen(session, expected, DEADLINE);
      problems.push(...problemsInDanishScreen(shown).map((problem) => `${where}: ${problem}`));
      return shown;
    };
    /** Moves down the focused panel (j) until the selected row (›) matches, checking each screen. */
    const selectRow = async (where: string, row: RegExp) => {
      for (let moves = 0; !row.test(screen()); moves++) {
        expect(moves, `no row ${row} in the panel`).toBeLessThan(40);
        const before = screen();
        send('j');
        await see(where, { test: (shown: string) => shown !== before || row.test(shown) } as RegExp);
      }
    };
    // Ink draws only the final frame when CI is set; a person's terminal has no CI variable.
    const command = `env -u CI FAMCOORD_USER=tester TZ=Europe/Copenhagen LANG=en_GB.UTF-8 ${process.execPath} ${BIN} --store ${box.store} --date ${DATE} --lang da; echo EXITED $?; sleep 30`;
    tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', command);
    try {
      await see('I dag', /Mål over fristen \(\d+\)[\s\S]*Aftaler \(\d+\)|Aftaler \(\d+\)[\s\S]*Mål over fristen \(\d+\)/);

      // 1. A goal's due date: the overdue goal's family, the goal, e, the date typed over the one selected.
      send('Tab');
      await see('I dag: mål over fristen', /▶ Mål over fristen/);
      send('Enter');
      await see('familiens plan', /Familiens plan/);
      for (let move = 0; move < goalRow; move++) send('j');
      await see('familiens plan: målet', new RegExp(`›[^\n]*${goal!.title.slice(0, 12)}`));
      send('e');
      await see('ret mål', /Ret mål/);
      send('Tab');
      type('2027-01-31');
      await see('ret mål: frist', /› Frist\s+2027-01-31▏/);
      send('Enter');
      await see('mål gemt', /Gemt: mål g\d+ ændret/);

      // 2. A meeting with two attendees (today 09:00, the dialog's defaults for type and time).
      send('n');
      await see('nyt møde', /Nyt møde[\s\S]*Varighed \(min\)[\s\S]*Deltager 2/);
      send('Tab', 'Tab', 'Tab');
      type(PLACE);
      send('Tab');
      type('Lone Berg');
      send('Tab', 'Right', 'Tab');
      type('mentor');
      send('Tab');
      type('Mette Jensen');
      send('Tab', 'Tab');
      type('mor');
      await see('nyt møde: deltagere', /rolle\s+mor▏/);
      send('Enter');
      await see('møde gemt', /Gemt: nyt møde i f\d+/);

      // 3. Its minutes, three lines, and an agreement due yesterday.
      send('Tab');
      await see('kommende møder', /▶ Kommende møder/);
      await selectRow('kommende møder', new RegExp(`›[^\n]*${PLACE}`));
      send('m');
      await see('mødet', /Referat[\s\S]*Deltagere: Lone Berg, Mette Jensen/);
      for (const line of LINES) {
        send('e');
        await see('referatlinje', /Tilføj en linje/);
        type(line);
        send('Enter');
        await see('referatlinje gemt', new RegExp(`› ${line}`));
      }
      send('a');
      await see('ny aftale', /Ny aftale/);
      type('Lone Berg');
      send('Tab');
      type(WHAT);
      send('Tab');
      type(YESTERDAY);
      await see('ny aftale: frist', /› Frist\s+2026-11-23▏/);
      send('Enter');
      await see('aftale gemt', /Gemt: aftale på m\d+/);
      await see('aftalen på mødet', /Lone Berg: Sender skoleskemaet til PPR \(23\. nov\.\)/);

      const written = today().agreements.find((a) => a.what === WHAT);
      expect(written).toMatchObject({ due: YESTERDAY, daysOverdue: 1 });

      // 4. Today's Aftaler lists it; d marks it done.
      send('t');
      await see('I dag igen', /Dagens møder/);
      send('Tab', 'Tab');
      await see('I dag: aftaler', /▶ Aftaler/);
      await selectRow('I dag: aftaler', /^›[^\n]*Sender skole/m);
      expect(screen()).toMatch(/d udført/);
      send('d');
      await see('aftale udført', /Gemt: aftale a\d+ udført/);
      const after = await see('I dag efter', /Aftaler \(\d+\)/);
      expect(after).not.toContain('Sender skole');

      expect(screen().split('\n').every((line) => [...line].length <= 80)).toBe(true);
      send('q');
      await waitForScreen(session, /EXITED 0/, DEADLINE);
    } finally {
      killSession(session);
    }
    expect(problems).toEqual([]);
    expect(today().agreements.map((a) => a.what)).not.toContain(WHAT);
    const family = JSON.parse(box.run(['family', goal!.familyId, '--json', '--date', DATE]).stdout) as { goals: Array<{ id: string; due: string }>; upcomingMeetings: Array<{ place: string; attendees: unknown[]; minutes: string }> };
    expect(family.goals.find((g) => g.id === goal!.id)?.due).toBe('2027-01-31');
    expect(family.upcomingMeetings.find((m) => m.place === PLACE)).toMatchObject({ attendees: [{ name: 'Lone Berg' }, { name: 'Mette Jensen' }], minutes: LINES.join('\n') });
  }, 300_000);
});
