// Today's "Aftaler" / "Agreements" panel: the agreements due within a week or overdue, worst
// first, and `d` marking the selected one done through the keymap (so help and footer show it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/domain/demo.js';
import type { State } from '../../src/domain/schema.js';
import { JsonFileStore } from '../../src/store/jsonStore.js';
import { helpLines } from '../../src/screens/HelpScreen.js';
import { App } from '../../src/tui/App.js';
import { translator } from '../../src/tui/i18n.js';
import { contact, family, meeting, state } from '../helpers/fixtures.js';
import { KEYS, waitForFrame } from '../helpers/ink.js';

const TODAY = '2026-11-24';
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function open(initial: State, lang: 'da' | 'en', size = { width: 80, height: 24 }) {
  const dir = mkdtempSync(join(tmpdir(), 'famcoord-agreements-app-'));
  const store = new JsonFileStore(join(dir, 'store.json'));
  await store.create(initial);
  const app = render(<App store={store} initialState={await store.read()} lang={lang} today={TODAY} timeZone="Europe/Copenhagen" user="tester" color={false} size={size} />);
  cleanups.push(() => {
    app.unmount();
    rmSync(dir, { recursive: true, force: true });
  });
  await waitForFrame(app.lastFrame, 'famcoord');
  const press = async (keys: string, expected: string | RegExp | ((frame: string) => boolean)) => {
    app.stdin.write(keys);
    return waitForFrame(app.lastFrame, expected);
  };
  return { app, store, press };
}

const withAgreements = () =>
  state(
    family('f1', {
      name: 'Familien Berg',
      meetings: [
        meeting('m1', '2026-11-03T09:00:00+01:00', {
          agreements: [
            { who: 'Lone Berg', what: 'Finder praktikplads', due: '2026-11-23' },
            { who: 'Mette', what: 'Ringer til PPR', due: '2026-11-27' },
            { who: 'Emil', what: 'Senere', due: '2026-12-24' },
          ],
        }),
      ],
      contacts: [contact('c1', '2026-11-01', 'open', { replyBy: '2026-11-26', subject: 'Boligstøtte' }), contact('c2', '2026-11-01', 'open', { replyBy: '2026-11-20', subject: 'PPR-vurdering' })],
    }),
  );

describe("Today's agreements", () => {
  it('lists agreements due within a week or overdue, worst first, and contacts due soon before they are late', async () => {
    const { app } = await open(withAgreements(), 'da');
    const frame = await waitForFrame(app.lastFrame, /Aftaler \(2\)/);
    const lines = frame.split('\n');
    const overdue = lines.findIndex((line) => line.includes('Finder praktikplads'));
    expect(lines[overdue]).toMatch(/ 1 23\. nov\.\s+Lone Berg/);
    expect(overdue).toBeLessThan(lines.findIndex((line) => line.includes('Ringer til PPR')));
    expect(frame).not.toContain('Senere');
    // Reply-by in two days says so; the late one stays first.
    expect(frame).toMatch(/om 2 dage\s.*Boligstøtte/);
    expect(frame.indexOf('PPR-vurdering')).toBeLessThan(frame.indexOf('Boligstøtte'));
  });

  it('marks the selected agreement done with d, which help and the footer name; d elsewhere says to select one', async () => {
    const { press, store } = await open(withAgreements(), 'en');
    const refused = await press('d', /done: select an agreement first/);
    expect(refused).toMatch(/d done/);
    await press(KEYS.tab, /▶ Overdue goals/);
    await press(KEYS.tab, /▶ Agreements \(2\)/);
    await press('d', /Agreements \(1\)/);
    const agreements = (await store.read()).families[0]!.meetings[0]!.agreements;
    expect(agreements[0]).toMatchObject({ id: 'm1.1', status: 'done', done: TODAY });
    expect(agreements[1]).toMatchObject({ id: 'm1.2', who: 'Mette' });
    await press('u', /\(y\/n\)/);
    await press('y', /Agreements \(2\)/);
    expect((await store.read()).families[0]!.meetings[0]!.agreements[0]).toEqual({ who: 'Lone Berg', what: 'Finder praktikplads', due: '2026-11-23' });
    expect(helpLines('en', translator('en')).map((line) => line.text).join('\n')).toMatch(/d\s+Mark the selected agreement done/);
  });

  it('edits the selected agreement with e: a new due date, or dropped, in one agreement.update', async () => {
    const { press, store } = await open(withAgreements(), 'en');
    await press(`${KEYS.tab}${KEYS.tab}`, /▶ Agreements \(2\)/);
    await press(KEYS.down, (frame) => /^›.*Ringer til PPR/m.test(frame));
    const dialog = await press('e', 'Edit agreement');
    expect(dialog).toMatch(/Who\s+\[Mette\]/);
    expect(dialog).toMatch(/Status\s+‹ open ›/);
    await press(`${KEYS.tab}${KEYS.tab}2026-11-25${KEYS.tab}${KEYS.right}${KEYS.right}`, /‹ dropped ›/);
    await press(KEYS.enter, /Agreements \(1\)/);
    expect((await store.read()).families[0]!.meetings[0]!.agreements[1]).toEqual({ id: 'm1.2', who: 'Mette', what: 'Ringer til PPR', due: '2026-11-25', status: 'dropped' });
    const history = await store.history();
    // Only what was changed, as every edit dialog sends it.
    expect(history.at(-1)?.ops).toEqual([{ op: 'agreement.update', agreementId: 'm1.2', due: '2026-11-25', status: 'dropped' }]);
  });

  it('keeps four panels within 80×24 on a busy day', async () => {
    const { app } = await open(generateDemo({ families: 25, seed: 1, today: TODAY }), 'da');
    const frame = await waitForFrame(app.lastFrame, /Aftaler \(\d+\)/);
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(80);
    for (const title of [/Dagens møder \(\d+\)/, /Mål over fristen \(\d+\)/, /Aftaler \(\d+\)/, /Uafklarede henvendelser \(\d+\)/]) expect(frame).toMatch(title);
  });
});
