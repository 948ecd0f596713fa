// The Danish workbench, walked screen by screen and dialog by dialog on the demo data: no English
// word from the vocabularies (the list is built from the vocabulary tables, tests/helpers/danish.ts)
// and no date written MM-DD, nor ISO outside a dialog's input fields.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/domain/demo.js';
import { JsonFileStore } from '../../src/store/jsonStore.js';
import { App } from '../../src/tui/App.js';
import { translator } from '../../src/tui/i18n.js';
import { helpLines } from '../../src/screens/HelpScreen.js';
import { meetingLayout } from '../../src/screens/MeetingScreen.js';
import { blockHeading } from '../../src/tui/blockLetters.js';
import { meeting } from '../helpers/fixtures.js';
import { problemsInDanishScreen as problemsIn } from '../helpers/danish.js';
import { KEYS, waitForFrame } from '../helpers/ink.js';

const TODAY = '2026-11-24';
const TZ = 'Europe/Copenhagen';
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function walkInDanish(size: { width: number; height: number }): Promise<{ seen: string[]; problems: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'famcoord-danish-'));
  const store = new JsonFileStore(join(dir, 'store.json'));
  await store.create(generateDemo({ families: 25, seed: 1, today: TODAY }));
  const app = render(<App store={store} initialState={await store.read()} lang="da" today={TODAY} timeZone={TZ} user="tester" color={false} size={size} documentsFolder={dir} />);
  cleanups.push(() => {
    app.unmount();
    rmSync(dir, { recursive: true, force: true });
  });
  const seen: string[] = [];
  const problems: string[] = [];
  const look = (where: string, frame: string) => {
    seen.push(where);
    for (const problem of problemsIn(frame)) problems.push(`${where}: ${problem}`);
  };
  /** Types keys, waits for the frame to change (or show `expected`) and checks it. */
  const press = async (where: string, keys: string, expected?: string | RegExp) => {
    const before = app.lastFrame();
    app.stdin.write(keys);
    const frame = await waitForFrame(app.lastFrame, expected ?? ((f) => f !== before));
    look(where, frame);
    return frame;
  };
  /** Steps a dialog's choice field through all its options (→), checking each. */
  const everyChoice = async (where: string, count: number) => {
    for (let i = 0; i < count; i++) await press(`${where} option ${i + 1}`, KEYS.right);
  };

  look('I dag', await waitForFrame(app.lastFrame, /Dagens møder \(\d+\)/));
  // Today: the meeting, its minutes and agreements, the live view.
  await press('møde', 'm', /Deltagere:/);
  await press('referatlinje', 'e', 'Tilføj en linje');
  await press('referatlinje gemt', `Familien fortalte om ugen.${KEYS.enter}`, /Gemt: referat til m\d+/);
  await press('aftale', 'a', 'Ny aftale');
  await press('aftale udfyldt', `Mette${KEYS.tab}Ringer til PPR${KEYS.tab}2026-12-15`);
  await press('aftale gemt', KEYS.enter, /Gemt: aftale på m\d+/);
  await press('live', 'l', /Esc tilbage til mødet/);
  await press('ud af live', 'l');
  // `:` and an id, and one that is not there.
  await press('gå til', ':', /Gå til id/);
  await press('gå til ukendt id', `x99${KEYS.enter}`, /intet med det id her/);
  await press('tilbage til I dag', KEYS.escape, /Dagens møder/);
  // Today's goals and contacts, and their dialogs.
  await press('mål over fristen', KEYS.tab, /▶ Mål over fristen/);
  await press('fremskridt', 'p', 'Registrér fremskridt');
  await press('fremskridt: note', KEYS.tab);
  await press('fremskridt: status', KEYS.tab);
  await everyChoice('fremskridt: status', 6);
  await press('fremskridt lukket', KEYS.escape, /Dagens møder/);
  await press('aftaler', KEYS.tab, /▶ Aftaler/);
  await press('henvendelser', KEYS.tab, /▶ Uafklarede henvendelser/);
  await press('svar', 'a', 'Registrér svar');
  await press('svar lukket', KEYS.escape);
  await press('afklar', 'r', 'Afklar henvendelse');
  await press('afklar lukket', KEYS.escape);
  // Families, the filter, a family's plan and every dialog there.
  await press('familier', 'f', /▶ Familier/);
  await press('filter', '/', 'Filter');
  await press('filter skrevet', 'Fam');
  await press('filter ryddet', KEYS.escape);
  await press('familiens plan', KEYS.enter, /Familiens plan:/);
  for (let panel = 1; panel <= 3; panel++) await press(`familiens plan, panel ${panel}`, KEYS.tab);
  await press('skriv planen', 'w', /Familiens plan er skrevet til/);
  await press('nyt mål', 'g', 'Nyt mål');
  await press('nyt mål: sektor', KEYS.tab);
  await everyChoice('nyt mål: sektor', 8);
  await press('nyt mål lukket', KEYS.escape);
  await press('ny henvendelse', 'c', 'Ny henvendelse');
  await press('ny henvendelse: sektor', KEYS.tab);
  await everyChoice('ny henvendelse: sektor', 8);
  await press('ny henvendelse lukket', KEYS.escape);
  await press('nyt møde', 'n', 'Nyt møde');
  await everyChoice('nyt møde: type', 6);
  await press('nyt møde lukket', KEYS.escape);
  await press('indikator', 'o', 'Registrér en indikator');
  await press('indikator: person', KEYS.right);
  await press('indikator: art', KEYS.tab);
  await everyChoice('indikator: art', 6);
  await press('indikator lukket', KEYS.escape);
  await press('overdrag', 'T', 'Ønsk overdragelse');
  await press('overdrag lukket', KEYS.escape);
  // A change, the status line, and undo's question and answer.
  await press('familiens mål', KEYS.tab, /▶ Familiens mål/);
  await press('fremskridt i planen', 'p', 'Registrér fremskridt');
  await press('fremskridt gemt', `7${KEYS.enter}`, /Gemt: fremskridt på g\d+ \(trin \d+\)/);
  await press('fortryd?', 'u', /Fortryd fremskridt på g\d+ af tester kl\. \d\d:\d\d( den [^?]+)?\? \(j\/n\)/);
  await press('fortrudt', 'j', /Fortrudt: fremskridt på g\d+/);
  // The report and the whole help.
  await press('resultater', 'i', /Hvordan går det familierne/);
  await press('resultater, svartider', KEYS.tab);
  await press('teamoverblik', 'o', /Teamoverblik/);
  await press('hjælp', '?', /Overalt/);
  // Down the help a few lines at a time, to its last line: each step shows the line it scrolled to on top.
  const lines = helpLines('da', translator('da')).map((line) => line.text.trim().slice(0, 30));
  for (let top = 4; top < lines.length; top += 4) await press(`hjælp, fra linje ${top + 1}`, 'jjjj', lines[top] as string);
  return { seen, problems };
}

describe('the workbench in Danish', () => {
  it('shows no English vocabulary word and no MM-DD date on any screen or dialog, at 80×24', async () => {
    const { seen, problems } = await walkInDanish({ width: 80, height: 24 });
    expect(seen.length).toBeGreaterThan(60);
    expect(problems).toEqual([]);
  }, 120_000);

  it('nor at 200×50, where every column shows its whole text', async () => {
    const { problems } = await walkInDanish({ width: 200, height: 50 });
    expect(problems).toEqual([]);
  }, 120_000);
});

describe("the meeting screen's heading", () => {
  const stormøde = meeting('m1', '2026-11-24T10:00:00+01:00', { type: 'stormøde' });
  const layout = (lang: 'da' | 'en', live: boolean, height: number) =>
    meetingLayout(stormøde, 'Familien Berg', { width: 80, height, live, timeZone: TZ, lang, today: TODAY, t: translator(lang) }).heading;

  it("names the meeting type in the workbench's language, on the screen and in the live view", () => {
    expect(layout('da', false, 24)[0]).toMatch(/^Stormøde · Familien Berg · 24\. nov\. 10:00/);
    expect(layout('en', false, 24)[0]).toMatch(/^Big meeting \(stormøde\) · Familien Berg · 24 Nov 10:00/);
    expect(layout('da', true, 10)[0]).toMatch(/^STORMØDE · /);
    expect(layout('en', true, 10)[0]).toMatch(/^BIG MEETING \(STORMØDE\) · /);
    expect(layout('en', true, 30).slice(0, -1)).toEqual(blockHeading('Big meeting (stormøde)', 80, 2));
  });
});
