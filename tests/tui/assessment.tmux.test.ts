// The family assessment in a real terminal (tmux) at 80×24, in Danish: find the family from Today
// with `/` and its child's name, start its assessment with A, then write a section with A again;
// then check the store. Every wait is for what the screen shows, with a generous deadline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, sandbox, type Sandbox } from '../helpers/cli.js';
import { hasTmux, killSession, tmux, waitForScreen } from '../helpers/tmux.js';

const DATE = '2026-11-24';
const DEADLINE = 30_000;

describe.runIf(hasTmux)('the family assessment in tmux at 80×24, in Danish', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
  });
  afterAll(() => box.cleanup());

  it('finds the family with /Oscar from Today, starts its assessment and records a section', async () => {
    expect(box.run(['init']).code).toBe(0);
    expect(box.run(['families', 'add', '--name', 'Familien Holm', '--member', 'Sara Holm:voksen', '--member', 'Oscar Holm:barn', '--date', DATE]).code).toBe(0);
    expect(box.run(['families', 'add', '--name', 'Familien Berg', '--member', 'Lone Berg:voksen', '--date', DATE]).code).toBe(0);
    const session = `famcoord-assess-${process.pid}`;
    const send = (...keys: string[]) => tmux('send-keys', '-t', session, ...keys);
    const type = (text: string) => tmux('send-keys', '-t', session, '-l', text);
    // Ink draws only the final frame when CI is set; a person's terminal has no CI variable.
    const command = `env -u CI FAMCOORD_USER=tester TZ=Europe/Copenhagen LANG=da_DK.UTF-8 ${process.execPath} ${BIN} --store ${box.store} --date ${DATE} --lang da; echo EXITED $?; sleep 30`;
    tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', command);
    try {
      await waitForScreen(session, /Mål over fristen \(\d+\)/, DEADLINE);
      // `/` and the name in one go: o, s, c, a and r are not run as keys on Today.
      type('/Oscar');
      await waitForScreen(session, (screen) => /Filter: Oscar▏/.test(screen) && /Familien Holm/.test(screen) && !/Familien Berg/.test(screen), DEADLINE);
      send('Enter');
      await waitForScreen(session, /Filter: Oscar(?!▏)/, DEADLINE);
      send('Enter');
      await waitForScreen(session, /Familiens plan/, DEADLINE);

      send('A');
      await waitForScreen(session, /Start den familiefaglige undersøgelse/, DEADLINE);
      send('Enter');
      await waitForScreen(session, /Gemt/, DEADLINE);

      // A again: the first section missing (Sara's VUM); its status one step on, and a summary.
      send('A');
      await waitForScreen(session, /Et afsnit af undersøgelsen[\s\S]*Sara Holm/, DEADLINE);
      send('Tab', 'Tab', 'Right', 'Right', 'Tab');
      type('Sara vil gerne i praktik');
      await waitForScreen(session, /færdig[\s\S]*Sara vil gerne i praktik▏/, DEADLINE);
      send('Enter');
      await waitForScreen(session, /Gemt/, DEADLINE);
      await waitForScreen(session, /1\/\d afsnit færdige/, DEADLINE);
      send('q');
      await waitForScreen(session, /EXITED 0/, DEADLINE);
    } finally {
      killSession(session);
    }

    const holm = (JSON.parse(box.run(['families', '--json', '--date', DATE]).stdout) as Array<{ id: string; name: string }>).find((f) => f.name === 'Familien Holm')!;
    const family = JSON.parse(box.run(['family', holm.id, '--json', '--date', DATE]).stdout) as { assessment: { started: string; sections: Array<{ memberName: string; method: string; status: string; summary?: string }> } };
    expect(family.assessment.started).toBe(DATE);
    // Sara's section as written; Oscar's child assessment still expected, not started.
    expect(family.assessment.sections).toEqual([
      expect.objectContaining({ memberName: 'Sara Holm', method: 'vum', status: 'done', summary: 'Sara vil gerne i praktik' }),
      expect.objectContaining({ memberName: 'Oscar Holm', method: 'ics', status: 'not-started' }),
    ]);
  });
});
