// Edit in place, in a real terminal (tmux) at 80×24, in Danish, on the demo: edit a goal's due
// date, plan a meeting with two attendees, and write three lines of its minutes; then check the
// store. Every wait is for what the screen shows, with a generous deadline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonFileStore } from '../../src/store/jsonStore.js';
import { BIN, sandbox, type Sandbox } from '../helpers/cli.js';
import { hasTmux, killSession, tmux, waitForScreen } from '../helpers/tmux.js';

const DATE = '2026-11-24';
const DEADLINE = 30_000;
const LINES = ['Familien fortalte om ugen', 'Emil har mødt hver dag', 'Lone finder en praktikplads'];

describe.runIf(hasTmux)('edit in place in tmux at 80×24, in Danish', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
  });
  afterAll(() => box.cleanup());

  it("edits a goal's due date, plans a meeting with two attendees and writes three minutes lines", async () => {
    expect(box.run(['demo', '--date', DATE]).code).toBe(0);
    const goal = JSON.parse(box.run(['today', '--json', '--date', DATE]).stdout).overdueGoals[0] as { id: string; familyId: string; title: string };
    const session = `famcoord-edit-${process.pid}`;
    const send = (...keys: string[]) => tmux('send-keys', '-t', session, ...keys);
    const type = (text: string) => tmux('send-keys', '-t', session, '-l', text);
    /** Moves down the focused panel (j) until the selected row (›) matches. */
    const selectRow = async (row: RegExp) => {
      for (let moves = 0; !row.test(tmux('capture-pane', '-p', '-t', session)); moves++) {
        expect(moves, `no row ${row} in the panel`).toBeLessThan(30);
        const before = tmux('capture-pane', '-p', '-t', session);
        send('j');
        await waitForScreen(session, { test: (screen: string) => screen !== before || row.test(screen) } as RegExp, DEADLINE).catch(() => undefined);
      }
    };
    // Ink draws only the final frame when CI is set; a person's terminal has no CI variable.
    const command = `env -u CI FAMCOORD_USER=tester TZ=Europe/Copenhagen LANG=da_DK.UTF-8 ${process.execPath} ${BIN} --store ${box.store} --date ${DATE} --lang da; echo EXITED $?; sleep 30`;
    tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', command);
    try {
      await waitForScreen(session, /Mål over fristen \(\d+\)/, DEADLINE);
      // The overdue goal's family, and the goal among its goals.
      send('Tab');
      await waitForScreen(session, /▶ Mål over fristen/, DEADLINE);
      send('Enter');
      await waitForScreen(session, /Familiens plan/, DEADLINE);
      // The family plan lists its goals as `famcoord family --json` does: move down to this one.
      const row = (JSON.parse(box.run(['family', goal.familyId, '--json', '--date', DATE]).stdout).goals as Array<{ id: string }>).findIndex((g) => g.id === goal.id);
      for (let move = 0; move < row; move++) send('j');
      await waitForScreen(session, new RegExp(`›[^\n]*${goal.title.slice(0, 12)}`), DEADLINE);
      // Its due date: Tab to the field, and the date typed replaces the one selected.
      send('e');
      await waitForScreen(session, /Ret mål/, DEADLINE);
      send('Tab');
      type('2027-01-31');
      await waitForScreen(session, /› Frist\s+2027-01-31▏/, DEADLINE);
      send('Enter');
      await waitForScreen(session, /Gemt/, DEADLINE);

      // A meeting with two attendees.
      send('n');
      await waitForScreen(session, /Nyt møde[\s\S]*Varighed \(min\)[\s\S]*Deltager 2/, DEADLINE);
      send('Tab', 'Tab', 'Tab');
      type('Skolen, lokale 4');
      send('Tab');
      type('Lone Berg');
      send('Tab', 'Right', 'Tab');
      type('mentor');
      send('Tab');
      type('Mette Jensen');
      send('Tab', 'Tab');
      type('mor');
      await waitForScreen(session, /rolle\s+mor▏/, DEADLINE);
      send('Enter');
      await waitForScreen(session, /Gemt/, DEADLINE);

      // Its minutes: select it among the family's meetings, open it, write three lines.
      send('Tab');
      await waitForScreen(session, /▶ Kommende møder/, DEADLINE);
      await selectRow(/›[^\n]*Skolen, lokale 4/);
      send('m');
      await waitForScreen(session, /Referat[\s\S]*Deltagere: Lone Berg, Mette Jensen/, DEADLINE);
      for (const line of LINES) {
        send('e');
        await waitForScreen(session, /Tilføj en linje/, DEADLINE);
        type(line);
        send('Enter');
        await waitForScreen(session, new RegExp(`› ${line}`), DEADLINE);
      }
      const screen = tmux('capture-pane', '-p', '-t', session);
      expect(screen.split('\n').every((l) => [...l].length <= 80)).toBe(true);
      send('q');
      await waitForScreen(session, /EXITED 0/, DEADLINE);
    } finally {
      killSession(session);
    }
    const family = (await new JsonFileStore(box.store).read()).families.find((f) => f.id === goal.familyId);
    expect(family?.goals.find((g) => g.id === goal.id)?.due).toBe('2027-01-31');
    expect(family?.meetings.find((m) => m.place === 'Skolen, lokale 4')).toMatchObject({
      start: '2026-11-24T09:00:00+01:00',
      durationMin: 60,
      attendees: [{ name: 'Lone Berg', sector: 'employment', role: 'mentor' }, { name: 'Mette Jensen', role: 'mor' }],
      minutes: LINES.join('\n'),
    });
    const steps = await new JsonFileStore(box.store).history();
    expect(steps.map((s) => s.ops.map((o) => o.op))).toEqual([['goal.update'], ['meeting.add'], ['meeting.minutes'], ['meeting.minutes'], ['meeting.minutes']]);
  }, 240_000);
});
