// #17 in a real terminal (tmux) at 80×24: the receiver accepts a transfer from Today (in Danish),
// and the holder of the decision authority approves a proposed intervention after the workbench
// has shown what it would overlap. What the CLI reads afterwards is what the keys saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, sandbox, type Sandbox } from '../helpers/cli.js';
import { hasTmux, killSession, tmux, waitForScreen } from '../helpers/tmux.js';

const DATE = '2026-11-24';

describe.runIf(hasTmux)('a transfer and an approval in the workbench', () => {
  let box: Sandbox;
  const famcoord = (args: string[], as?: string) => {
    const result = box.run([...args, '--date', DATE, ...(as === undefined ? [] : ['--caseload', as])]);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout;
  };
  type Plan = { coordinator: string; interventions: Array<{ id: string; decision?: { status: string; by?: string; reason?: string } }> };
  const plan = () => JSON.parse(famcoord(['family', 'f1', '--json'])) as Plan;

  /** The workbench in tmux as `person`; Tab until the panel `title` has the focus. */
  async function workbench(session: string, person: string, lang: 'da' | 'en', title: string): Promise<void> {
    const command = `env -u CI FAMCOORD_USER=tester TZ=Europe/Copenhagen ${process.execPath} ${BIN} --store ${box.store} --date ${DATE} --lang ${lang} --caseload '${person}'; echo EXITED $?; sleep 30`;
    tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', command);
    await waitForScreen(session, new RegExp(`${title} \\(1\\)`));
    for (let tabs = 0; !tmux('capture-pane', '-p', '-t', session).includes(`▶ ${title}`); tabs++) {
      expect(tabs, `the ${title} panel`).toBeLessThan(8);
      const before = tmux('capture-pane', '-p', '-t', session);
      tmux('send-keys', '-t', session, 'Tab');
      await waitForScreen(session, (screen) => screen !== before);
    }
  }

  beforeAll(() => {
    box = sandbox();
    famcoord(['init']);
    famcoord(['families', 'add', '--name', 'Familien Berg', '--coordinator', 'Hanne Kjær', '--member', 'Mette Berg:adult']);
    famcoord(['families', 'add', '--name', 'Familien Holm', '--coordinator', 'Per Holm', '--member', 'Ole Holm:adult']);
    famcoord(['intervention', 'add', 'f1', '--member', 'p1', '--sector', 'employment', '--kind', 'Mentorstøtte', '--from', '2026-09-01'], 'Hanne Kjær');
    famcoord(['family', 'authority', 'f1', '--sector', 'employment', '--holder', 'Lone Berg']);
    famcoord(['intervention', 'add', 'f1', '--member', 'p1', '--sector', 'employment', '--kind', 'Mentorstøtte', '--from', '2026-11-01'], 'Hanne Kjær');
    famcoord(['transfer', 'f1', '--to', 'Per Holm', '--note', 'Flytter'], 'Hanne Kjær');
  });
  afterAll(() => box.cleanup());

  it('the receiver accepts the transfer with y from Overdragelser', async () => {
    const session = `famcoord-transfer-${process.pid}`;
    try {
      await workbench(session, 'Per Holm', 'da', 'Overdragelser');
      expect(tmux('capture-pane', '-p', '-t', session)).toMatch(/Familien Berg\s+Hanne Kjær\s+Per Holm/);
      tmux('send-keys', '-t', session, 'y');
      await waitForScreen(session, /Gemt: overdragelse af f1 modtaget/);
      expect(plan().coordinator).toBe('Per Holm');
      tmux('send-keys', '-t', session, 'q');
      await waitForScreen(session, /EXITED 0/);
    } finally {
      killSession(session);
    }
  });

  it('the holder sees the overlap in the approval, gives a reason and approves', async () => {
    const session = `famcoord-approve-${process.pid}`;
    try {
      await workbench(session, 'Lone Berg', 'en', 'Decisions waiting');
      tmux('send-keys', '-t', session, 'y');
      const dialog = await waitForScreen(session, /Approve intervention/);
      expect(dialog).toMatch(/i2 · once approved it overlaps i1 \(OVERLAP\)/);
      tmux('send-keys', '-t', session, '-l', 'Passer til jobplanen');
      tmux('send-keys', '-t', session, 'Enter');
      await waitForScreen(session, /Saved: intervention i2 approved/);
      expect(plan().interventions.find((iv) => iv.id === 'i2')?.decision).toMatchObject({ status: 'approved', by: 'Lone Berg', reason: 'Passer til jobplanen' });
      tmux('send-keys', '-t', session, 'q');
      await waitForScreen(session, /EXITED 0/);
    } finally {
      killSession(session);
    }
  });
});
