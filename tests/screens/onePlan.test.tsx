// The one plan in the workbench: the family screen shows where goals and interventions come from
// and marks collisions; Today marks a meeting that clashes with another.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonFileStore } from '../../src/store/jsonStore.js';
import { App } from '../../src/tui/App.js';
import { translator } from '../../src/tui/i18n.js';
import { familyModel, todayPanels } from '../../src/tui/models.js';
import { family, goal, intervention, meeting, state } from '../helpers/fixtures.js';
import { KEYS, waitForFrame } from '../helpers/ink.js';

const TODAY = '2026-11-24';
const TZ = 'Europe/Copenhagen';
const lone = { name: 'Lone Berg', sector: 'employment' as const };
const world = () =>
  state(
    family('f1', {
      name: 'Familien Berg',
      goals: [goal('g1', '2027-03-01', 'active', { title: 'Mette starter i praktik', memberId: 'f1-a', source: 'jobplan' })],
      interventions: [
        intervention('i1', 'f1-a', '2026-09-01', '2027-02-28', { sector: 'employment', kind: 'mentorstøtte' }),
        intervention('i2', 'f1-a', '2026-11-01', undefined, { sector: 'adults', kind: 'bostøtte', source: 'handleplan' }),
      ],
      meetings: [meeting('m1', '2026-11-24T10:00:00+01:00', { attendees: [lone] }), meeting('m2', '2026-11-24T10:30:00+01:00', { type: 'hjemmebesøg', attendees: [lone] })],
    }),
  );

describe('the models', () => {
  const ctx = { today: TODAY, timeZone: TZ, lang: 'en' as const, t: translator('en') };

  it('gives the family screen the source of each goal and intervention, and marks collisions', () => {
    const [goals, meetings, , interventions] = familyModel(world(), 'f1', ctx)!.panels;
    expect(goals!.rows[0]!.cells).toContain('Job plan (Min Plan)');
    expect(interventions!.rows.map((r) => [r.id, r.warn, r.cells.at(-1), r.cells[3]])).toEqual([
      ['i1', true, 'SAME PURPOSE', ''],
      ['i2', true, 'SAME PURPOSE', 'Action plan (handleplan)'],
    ]);
    expect(meetings!.rows.map((r) => [r.id, r.warn, r.cells.at(-1)])).toEqual([
      ['m1', true, 'CLASH'],
      ['m2', true, 'CLASH'],
    ]);
  });

  it('uses the table of purposes it is given', () => {
    const [, , , interventions] = familyModel(world(), 'f1', { ...ctx, purposes: {} })!.panels;
    expect(interventions!.rows.map((r) => r.warn)).toEqual([false, false]);
  });

  it("marks Today's meetings that clash", () => {
    const [meetings] = todayPanels(world(), ctx);
    expect(meetings!.rows.map((r) => [r.id, r.warn, r.cells[0], r.cells[2]])).toEqual([
      ['m1', true, '10:00!', 'Network meeting'],
      ['m2', true, '10:30!', 'Home visit'],
    ]);
    const calm = world();
    calm.families[0]!.meetings[1]!.attendees = [{ name: 'Jens Riis' }];
    expect(todayPanels(calm, ctx)[0]!.rows.map((r) => r.warn)).toEqual([false, false]);
  });
});

describe('on screen', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('marks a clashing meeting on Today, and shows the family screen with the plan each comes from and SAMME FORMÅL, in Danish', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'famcoord-oneplan-'));
    const store = new JsonFileStore(join(dir, 'store.json'));
    await store.create(world());
    const app = render(<App store={store} initialState={await store.read()} lang="da" today={TODAY} timeZone={TZ} user="tester" color={false} size={{ width: 160, height: 50 }} />);
    cleanups.push(() => {
      app.unmount();
      rmSync(dir, { recursive: true, force: true });
    });
    await waitForFrame(app.lastFrame, /10:00! +Familien Berg/);
    app.stdin.write('f');
    await waitForFrame(app.lastFrame, 'Familien Berg');
    app.stdin.write(KEYS.enter);
    const frame = await waitForFrame(app.lastFrame, 'SAMME FORMÅL');
    expect(frame).toContain('Jobplan (Min Plan)');
    expect(frame).toContain('Handleplan');
  });
});
