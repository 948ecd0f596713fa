// From assessment to plan in the workbench: the family screen's assessment panel and its dialogs,
// and an FFS's status form on the meeting screen; the models as plain functions, then on screen.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { OperationSchema } from '../../src/domain/operations.js';
import type { State } from '../../src/domain/schema.js';
import { JsonFileStore } from '../../src/store/jsonStore.js';
import { App } from '../../src/tui/App.js';
import { assessmentDialog, statusFormDialog } from '../../src/tui/assessmentDialogs.js';
import { translator } from '../../src/tui/i18n.js';
import { familyModel } from '../../src/tui/models.js';
import { family, goal, meeting, state } from '../helpers/fixtures.js';
import { KEYS, waitForFrame } from '../helpers/ink.js';
import { problemsInDanishScreen } from '../helpers/danish.js';

const TODAY = '2026-11-24';
const TZ = 'Europe/Copenhagen';
const ctx = { today: TODAY, timeZone: TZ, lang: 'en' as const, t: translator('en') };

const world = (): State =>
  state(
    family('f1', {
      name: 'Familien Berg',
      goals: [goal('g1', '2027-01-31', 'active', { title: 'Emil kommer i skole', memberId: 'f1-c' })],
      meetings: [meeting('m1', '2026-11-20T09:00:00+01:00', { type: 'tværfagligt-analysemøde' }), meeting('m2', '2026-11-23T09:00:00+01:00', { type: 'flerfagligt-statusmøde' }), meeting('m3', '2026-11-22T09:00:00+01:00')],
      assessment: { started: '2026-10-01', sections: [{ memberId: 'f1-a', method: 'vum', status: 'done', summary: 'Mette vil i praktik.', updated: '2026-10-10' }] },
    }),
  );

describe('the models', () => {
  it("puts the assessment last on the family screen, its stage in the title, a row per section, the analysis and the TAM", () => {
    const panels = familyModel(world(), 'f1', ctx)!.panels;
    const panel = panels.at(-1)!;
    expect(panels).toHaveLength(5);
    expect(panel.title).toBe('Family assessment: assessing · 1/2 sections done · missing: ICS (child assessment) for Emil (+2)');
    expect(panel.rows.map((r) => [r.id, r.kind, ...r.cells])).toEqual([
      ['section:f1-a:vum', 'assessment', 'Mette', 'VUM (adult assessment)', 'done', 'Mette vil i praktik.'],
      ['section:f1-c:ics', 'assessment', 'Emil', 'ICS (child assessment)', 'not started', ''],
      ['analysis', 'assessment', '', 'Case-and-episode analysis', 'not started', ''],
      ['conclusion', 'assessment', '', 'TAM', 'not started', ''],
    ]);
  });

  it('shows no assessment panel for a family never assessed', () => {
    const s = world();
    delete s.families[0]!.assessment;
    expect(familyModel(s, 'f1', ctx)!.panels).toHaveLength(4);
  });

  it('opens the dialog A and e ask for: the start, the line selected, or the first step missing', () => {
    const s = world();
    const f = s.families[0]!;
    expect(assessmentDialog({ ...f, assessment: undefined }, undefined, ctx)).toMatchObject({ kind: 'startAssessment', target: 'f1', initial: { date: TODAY } });
    expect(assessmentDialog(f, undefined, ctx)).toMatchObject({ kind: 'assessmentSection', initial: { memberId: 'f1-c', method: 'ics', status: 'not-started', summary: '' } });
    expect(assessmentDialog(f, 'section:f1-a:vum', ctx)).toMatchObject({ kind: 'assessmentSection', initial: { memberId: 'f1-a', method: 'vum', status: 'done', summary: 'Mette vil i praktik.' } });
    expect(assessmentDialog(f, 'analysis', ctx)).toMatchObject({ kind: 'assessmentAnalysis', initial: { summary: '' } });
    // The conclusion's meeting is chosen among the family's TAMs only.
    expect(assessmentDialog(f, 'conclusion', ctx)).toMatchObject({ kind: 'assessmentConclusion', initial: { meetingId: 'm1' }, dynamic: { choices: { meetingId: ['m1'] } } });
  });

  it("opens the status form on the first goal not filled in, with that goal's row", () => {
    const s = world();
    const f = s.families[0]!;
    f.goals.push(goal('g2', '2027-02-01'));
    const ffs = f.meetings[1]!;
    ffs.statusForm = [{ goalId: 'g1', familyView: 'Bedre.', views: [{ sector: 'school', view: 'Færre fraværsdage.' }], agreedStatus: 'on-track' }];
    expect(statusFormDialog(f, ffs)).toMatchObject({ kind: 'statusForm', target: 'm2', initial: { goalId: 'g2', familyView: '' } });
    ffs.statusForm.push({ goalId: 'g2', views: [] });
    expect(statusFormDialog(f, ffs).initial).toMatchObject({ goalId: 'g1', familyView: 'Bedre.', agreedStatus: 'on-track', 'view0.sector': 'school', 'view0.view': 'Færre fraværsdage.' });
  });
});

describe('on screen, in Danish', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  /** The workbench in Danish on a store of world(), going to its family f1. */
  const openFamily = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'famcoord-assessment-'));
    const store = new JsonFileStore(join(dir, 'store.json'));
    await store.create(world());
    const app = render(<App store={store} initialState={await store.read()} lang="da" today={TODAY} timeZone={TZ} user="tester" color={false} size={{ width: 160, height: 50 }} />);
    cleanups.push(() => {
      app.unmount();
      rmSync(dir, { recursive: true, force: true });
    });
    await waitForFrame(app.lastFrame, 'famcoord');
    app.stdin.write(':f1');
    app.stdin.write(KEYS.enter);
    return { app, store };
  };

  it("refuses a section saved over the summary another window wrote since the dialog opened, which it would put back", async () => {
    const { app, store } = await openFamily();
    await waitForFrame(app.lastFrame, 'Familiefaglig undersøgelse');
    app.stdin.write('A');
    await waitForFrame(app.lastFrame, 'Et afsnit af undersøgelsen');
    const other = { op: 'assessment.section', familyId: 'f1', memberId: 'f1-c', method: 'ics', status: 'in-progress', summary: 'Skrevet i et andet vindue.' };
    await new JsonFileStore(store.path).transact([OperationSchema.parse(other)], { user: 'other', source: 'cli', today: TODAY });
    // Only the status is changed here; saving would still send the summary as it was, empty.
    app.stdin.write(KEYS.tab);
    app.stdin.write(KEYS.tab);
    app.stdin.write(KEYS.right);
    app.stdin.write(KEYS.enter);
    await waitForFrame(app.lastFrame, /: ændret andetsteds, efter dette blev åbnet; ikke gemt/);
    expect((await store.read()).families[0]!.assessment!.sections[1]).toMatchObject({ memberId: 'f1-c', method: 'ics', status: 'in-progress', summary: 'Skrevet i et andet vindue.' });
    expect(await store.history()).toHaveLength(1);
  });

  it('updates a section with A, then fills in the FFS status form with s; the meeting screen shows it', async () => {
    const { app, store } = await openFamily();
    let frame = await waitForFrame(app.lastFrame, 'Familiefaglig undersøgelse: udredning i gang · 1/2 afsnit færdige');
    expect(problemsInDanishScreen(frame)).toEqual([]);
    // A opens the first section missing: Emil's ICS. Status → færdig, a summary, Enter.
    app.stdin.write('A');
    frame = await waitForFrame(app.lastFrame, 'Et afsnit af undersøgelsen');
    expect(frame).toContain('ICS (børneudredning)');
    expect(problemsInDanishScreen(frame)).toEqual([]);
    app.stdin.write(KEYS.tab);
    app.stdin.write(KEYS.tab);
    app.stdin.write(KEYS.right);
    app.stdin.write(KEYS.right);
    app.stdin.write(KEYS.tab);
    app.stdin.write('Emil trives i klassen.');
    app.stdin.write(KEYS.enter);
    frame = await waitForFrame(app.lastFrame, 'mangler sags- og episodeanalyse');
    expect(frame).toMatch(/Emil +ICS \(børneudredning\) +færdig +Emil trives i klassen\./);
    expect((await store.read()).families[0]!.assessment!.sections[1]).toMatchObject({ memberId: 'f1-c', method: 'ics', status: 'done', summary: 'Emil trives i klassen.' });

    // s on a meeting that is not an FFS says why it cannot.
    app.stdin.write(':m3');
    app.stdin.write(KEYS.enter);
    await waitForFrame(app.lastFrame, 'Netværksmøde ·');
    app.stdin.write('s');
    await waitForFrame(app.lastFrame, 'statusskemaet hører til et flerfagligt statusmøde (FFS)');

    app.stdin.write(':m2');
    app.stdin.write(KEYS.enter);
    frame = await waitForFrame(app.lastFrame, 'Statusskema (0)');
    app.stdin.write('s');
    await waitForFrame(app.lastFrame, 'Statusskema (FFS)');
    app.stdin.write(KEYS.tab);
    app.stdin.write('Det går bedre om morgenen.');
    app.stdin.write(KEYS.tab);
    app.stdin.write(KEYS.right);
    app.stdin.write(KEYS.right);
    app.stdin.write(KEYS.tab);
    app.stdin.write(KEYS.tab);
    app.stdin.write(KEYS.right);
    app.stdin.write(KEYS.right);
    app.stdin.write(KEYS.right);
    app.stdin.write(KEYS.right);
    app.stdin.write(KEYS.tab);
    app.stdin.write('Fraværet er halveret.');
    app.stdin.write(KEYS.enter);
    frame = await waitForFrame(app.lastFrame, 'Statusskema (1)');
    expect(frame).toContain('• Emil kommer i skole: på vej');
    expect(frame).toContain('  Familiens syn: Det går bedre om morgenen.');
    expect(frame).toContain('  Skole/PPR: Fraværet er halveret.');
    expect(problemsInDanishScreen(frame)).toEqual([]);
    expect((await store.read()).families[0]!.meetings[1]!.statusForm).toEqual([
      { goalId: 'g1', familyView: 'Det går bedre om morgenen.', views: [{ sector: 'school', view: 'Fraværet er halveret.' }], agreedStatus: 'on-track' },
    ]);
  });
});
