// The Danish workbench in a real terminal at 80×24 (--lang da over an English LANG): a meeting's
// minutes and an agreement, a family's plan and a change, help and the report, with no English
// vocabulary word and no MM-DD date on any screen on the way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, sandbox, type Sandbox } from '../helpers/cli.js';
import { problemsInDanishScreen } from '../helpers/danish.js';
import { hasTmux, killSession, tmux, waitForScreen } from '../helpers/tmux.js';

const DATE = '2026-11-24';

describe.runIf(hasTmux)('the Danish workbench in tmux', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
  });
  afterAll(() => box.cleanup());

  it('shows every screen on the way in Danish at 80×24', async () => {
    expect(box.run(['demo', '--date', DATE]).code).toBe(0);
    const session = `famcoord-danish-${process.pid}`;
    // Ink draws only the final frame when CI is set; a person's terminal has no CI variable.
    const command = `env -u CI FAMCOORD_USER=tester TZ=Europe/Copenhagen LANG=en_GB.UTF-8 ${process.execPath} ${BIN} --store ${box.store} --date ${DATE} --lang da; echo EXITED $?; sleep 30`;
    tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', command);
    const problems: string[] = [];
    /** Types keys (or text, with `literal`), waits for `expected` and checks the screen. */
    const step = async (where: string, keys: string[], expected: RegExp, literal = false) => {
      if (keys.length > 0) tmux('send-keys', '-t', session, ...(literal ? ['-l'] : []), ...keys);
      const screen = await waitForScreen(session, expected);
      problems.push(...problemsInDanishScreen(screen).map((problem) => `${where}: ${problem}`));
      return screen;
    };
    try {
      await step('I dag', [], /Dagens møder \(\d+\)/);
      await step('møde', ['m'], /Deltagere:/);
      await step('referatlinje', ['e'], /Tilføj en linje/);
      await step('referatlinje skrevet', ['Familien fortalte om ugen.'], /fortalte om ugen\./, true);
      await step('referatlinje gemt', ['Enter'], /Gemt: referat til m\d+/);
      await step('aftale', ['a'], /Ny aftale/);
      await step('aftale: hvem', ['Mette'], /Mette/, true);
      await step('aftale: hvad', ['Tab'], /› Hvad/);
      await step('aftale: hvad skrevet', ['Ringer til PPR'], /Ringer til PPR/, true);
      await step('aftale: frist', ['Tab'], /› Frist/);
      await step('aftale: frist skrevet', ['2026-12-15'], /2026-12-15/, true);
      await step('aftale gemt', ['Enter'], /Gemt: aftale på m\d+/);
      await step('aftalen på mødet', [], /Mette: Ringer til PPR \(15\. dec\.\)/);
      await step('live', ['l'], /Esc tilbage til mødet/);
      await step('ud af live', ['l'], /Deltagere:/);
      await step('tilbage til I dag', ['Escape'], /Dagens møder/);
      await step('familier', ['f'], /▶ Familier/);
      await step('familiens plan', ['Enter'], /Familiens plan:/);
      await step('fremskridt', ['p'], /Registrér fremskridt/);
      await step('fremskridt gemt', ['6', 'Enter'], /Gemt: fremskridt på g\d+ \(trin \d+\)/);
      await step('hjælp', ['?'], /Overalt/);
      await step('resultater', ['i'], /Hvordan går det familierne/);
      tmux('send-keys', '-t', session, 'q');
      await waitForScreen(session, /EXITED 0/);
    } finally {
      killSession(session);
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
