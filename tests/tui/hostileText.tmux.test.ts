// Store text a terminal draws wider than string-width counts it, in a real terminal (tmux, which
// draws an emoji's skin tone as an emoji of its own): the frame must not wrap a line and scroll.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, sandbox, type Sandbox } from '../helpers/cli.js';
import { hasTmux, killSession, tmux, waitForScreen } from '../helpers/tmux.js';

const DATE = '2026-11-24';

describe.runIf(hasTmux)('hostile text in tmux', () => {
  let box: Sandbox;
  let familyId: string;
  let meetingId: string;
  beforeAll(() => {
    box = sandbox();
    expect(box.run(['demo', '--date', DATE, '--families', '3']).code).toBe(0);
    const added = box.run(['families', 'add', '--json', '--name', 'Familien Emoji 👍🏿', '--member', 'Emil 🧒🏽 Jensen:child', '--member', 'Mette 👩🏻‍⚕️ Jensen:adult']);
    familyId = JSON.parse(added.stdout).applied[0].id;
    const meeting = box.run(['meeting', 'add', familyId, '--json', '--date', DATE, '--type', 'netværksmøde', '--start', `${DATE} 10:00`, '--place', 'Skolen 👋🏽👋🏾', '--attendee', 'Lone Berg 🙋🏼‍♀️:employment']);
    meetingId = JSON.parse(meeting.stdout).applied[0].id;
    const line = `${'Alle var enige 👍🏽👍🏾👍🏿 '.repeat(4)}og mødes igen`;
    expect(box.run(['meeting', 'minutes', meetingId, '--date', DATE, '--text', line]).code).toBe(0);
  });
  afterAll(() => box.cleanup());

  it('keeps the header on the first line with skin-tone emoji in names, places and minutes, at 80×24', async () => {
    const session = `famcoord-hostile-${process.pid}`;
    const command = `env -u CI TZ=Europe/Copenhagen LANG=en_GB.UTF-8 ${process.execPath} ${BIN} --store ${box.store} --date ${DATE}; echo EXITED $?; sleep 30`;
    tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', command);
    const headerFirst = (title: RegExp) => (screen: string) => title.test(screen.split('\n')[0] ?? '');
    try {
      await waitForScreen(session, headerFirst(/^ famcoord · Today/));
      tmux('send-keys', '-t', session, '-l', `:${familyId}`);
      tmux('send-keys', '-t', session, 'Enter');
      const plan = await waitForScreen(session, /Members: /);
      expect(plan.split('\n')[0]).toMatch(/^ famcoord · Family plan: Familien Emoji/);
      expect(plan.split('\n')[1]).toMatch(/^Members: .*Emil/);
      tmux('send-keys', '-t', session, '-l', `:${meetingId}`);
      tmux('send-keys', '-t', session, 'Enter');
      const meeting = await waitForScreen(session, /Attendees:/);
      expect(meeting.split('\n')[0]).toMatch(/^ famcoord · /);
      tmux('send-keys', '-t', session, 'q');
      await waitForScreen(session, /EXITED 0/);
    } finally {
      killSession(session);
    }
  });
});
