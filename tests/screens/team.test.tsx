// #17 in the workbench: a transfer to the user accepted from Today, a proposed intervention approved
// (its overlaps shown first) or rejected with a reason, and the lead's overview on `o`.
import { describe, expect, it } from 'vitest';
import type { Intervention, State } from '../../src/domain/schema.js';
import { expectFits, open, TODAY } from '../helpers/app.js';
import { contact, family, goal, state } from '../helpers/fixtures.js';
import { KEYS, waitForFrame } from '../helpers/ink.js';

const intervention = (id: string, extra: Partial<Intervention> = {}): Intervention => ({ id, memberId: 'f1-a', sector: 'employment', kind: 'Mentorstøtte', from: '2026-09-01', ...extra });

const team = (): State =>
  state(
    family('f1', {
      name: 'Familien Berg',
      coordinator: 'Hanne Kjær',
      goals: [goal('g1', '2026-11-01')],
      transfer: { to: 'Per Holm', from: 'Hanne Kjær', askedBy: 'Hanne Kjær', asked: '2026-11-20', note: 'Flytter' },
      authority: [{ sector: 'employment', holder: 'Lone Berg' }],
      interventions: [intervention('i1'), intervention('i2', { from: '2026-11-01', decision: { status: 'proposed', proposedBy: 'Hanne Kjær', on: '2026-11-22' } })],
      contacts: [contact('c1', '2026-10-01', 'answered', { answered: '2026-10-05' })],
    }),
    family('f2', { name: 'Familien Holm', coordinator: 'Per Holm' }),
  );

/** Tab until the panel titled `title` has the focus. */
async function focusPanel(press: (keys: string, expected?: string | RegExp) => Promise<string>, frame: string, title: string): Promise<string> {
  for (let i = 0; i < 8 && !frame.includes(`▶ ${title}`); i++) frame = await press(KEYS.tab);
  expect(frame).toContain(`▶ ${title}`);
  return frame;
}

describe('a team on one store, in the workbench', () => {
  it("shows the receiver a transfer in Today, not the family's other rows, and y accepts it", async () => {
    const { app, store, press, size } = await open(team(), { scope: { involving: 'Per Holm' }, person: 'Per Holm' });
    let frame = await waitForFrame(app.lastFrame, /Transfers \(1\)/);
    expect(frame).toContain('Overdue goals (0)'); // g1 is Hanne's until Per accepts
    expect(frame).toContain('yours: y accept, n decline');
    expectFits(frame, size);
    frame = await focusPanel(press, frame, 'Transfers');
    frame = await press('y', /Saved: transfer of f1 accepted/);
    expect((await store.read()).families[0]?.coordinator).toBe('Per Holm');
    frame = await waitForFrame(app.lastFrame, /Overdue goals \(1\)/);
    expect(frame).not.toContain('Transfers (');
  });

  it('asks a reason to decline a transfer, in Danish', async () => {
    const { app, store, press } = await open(team(), { lang: 'da', scope: { involving: 'Per Holm' }, person: 'Per Holm' });
    let frame = await waitForFrame(app.lastFrame, /Overdragelser \(1\)/);
    frame = await focusPanel(press, frame, 'Overdragelser');
    await press('n', /Afvis overdragelse/);
    await press('Fuld sagsstamme', /Fuld sagsstamme/);
    await press(KEYS.enter, /Gemt: overdragelse af f1 afvist/);
    const f1 = (await store.read()).families[0];
    expect(f1?.coordinator).toBe('Hanne Kjær');
    expect(f1?.transfer).toBeUndefined();
  });

  it('shows the holder what a proposal would overlap before they approve it, and saves the approval', async () => {
    const { app, store, press, size } = await open(team(), { scope: { involving: 'Lone Berg' }, person: 'Lone Berg' });
    let frame = await waitForFrame(app.lastFrame, /Decisions waiting \(1\)/);
    expect(frame).not.toContain('Transfers (');
    frame = await focusPanel(press, frame, 'Decisions waiting');
    frame = await press('y', /Approve intervention/);
    expect(frame).toMatch(/i2 · once approved it overlaps i1 \(OVERLAP\)/);
    expectFits(frame, size);
    await press('Passer til jobplanen', /Passer til jobplanen/);
    await press(KEYS.enter, /Saved: intervention i2 approved/);
    expect((await store.read()).families[0]?.interventions[1]?.decision).toMatchObject({ status: 'approved', by: 'Lone Berg', reason: 'Passer til jobplanen' });
  });

  it('refuses a rejection without a reason, then rejects with one; the coordinator sees the decision', async () => {
    const { app, store, press } = await open(team(), { scope: { involving: 'Lone Berg' }, person: 'Lone Berg' });
    let frame = await waitForFrame(app.lastFrame, /Decisions waiting \(1\)/);
    frame = await focusPanel(press, frame, 'Decisions waiting');
    await press('n', /Reject intervention/);
    await press(KEYS.enter, /must not be empty|required/);
    await press('Dækkes allerede', /Dækkes allerede/);
    await press(KEYS.enter, /Saved: intervention i2 rejected/);
    const after = await store.read();
    const hanne = await open(after, { scope: { involving: 'Hanne Kjær' }, person: 'Hanne Kjær' });
    frame = await waitForFrame(hanne.app.lastFrame, /Recent decisions \(1\)/);
    expect(frame).toMatch(/Rejected/);
    expect(frame).toContain('Transfers (1)'); // the one she asked for, waiting for Per
  });

  it("opens the lead's overview with o: a line per coordinator", async () => {
    const { app, press, size } = await open(team(), { lang: 'da' });
    await waitForFrame(app.lastFrame, 'famcoord');
    const frame = await press('o', /Teamoverblik/);
    expect(frame).toMatch(/Hanne Kjær\s+1\s+1\s+1\s+1\/0\s+1\s+Beskæftigelse 4/);
    expect(frame).toMatch(/Per Holm\s+1\s+0\s+0\s+0\/1\s+0/);
    expectFits(frame, size);
    expect(TODAY).toBe('2026-11-24');
  });
});
