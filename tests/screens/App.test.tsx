import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/domain/demo.js';
import { OperationSchema } from '../../src/domain/operations.js';
import { todayView } from '../../src/domain/views.js';
import { caseloadReport } from '../../src/domain/report.js';
import { JsonFileStore } from '../../src/store/jsonStore.js';
import { KEYS, waitForFrame } from '../helpers/ink.js';
import { contact, family, goal, meeting, state } from '../helpers/fixtures.js';
import { expectFits, open, TODAY, TZ } from '../helpers/app.js';

const small = () =>
  state(
    family('f1', {
      name: 'Familien Berg',
      goals: [goal('g1', '2026-11-01', 'active', { title: 'Ida kommer i skole', memberId: 'f1-c', progress: [{ date: '2026-10-01', score: 3, note: '' }] }), goal('g2', '2027-01-01')],
      contacts: [contact('c1', '2026-11-01', 'open', { replyBy: '2026-11-10', subject: 'PPR-vurdering' })],
      meetings: [meeting('m1', '2026-11-24T10:00:00+01:00', { place: 'Rådhuset', attendees: [{ name: 'Lone Berg', sector: 'employment' }] })],
    }),
  );

describe('a caseload in a team store', () => {
  it("shows only the coordinator's families, in the title too, also after another process changes the store", async () => {
    const team = state(
      family('f1', { name: 'Familien Berg', coordinator: 'Hanne Kjær', goals: [goal('g1', '2026-11-01')] }),
      family('f2', { name: 'Familien Holm', coordinator: 'Søren Vestergaard', goals: [goal('g2', '2026-11-02')] }),
    );
    const { app, store } = await open(team, { scope: { coordinator: 'hanne kjær' } });
    expect(app.lastFrame()).toMatch(/famcoord · Today · hanne kjær ·/);
    expect(app.lastFrame()).toContain('Familien Berg');
    expect(app.lastFrame()).not.toContain('Familien Holm');
    await new JsonFileStore(store.path).transact([OperationSchema.parse({ op: 'goal.add', familyId: 'f2', title: 'Nyt mål', sector: 'school', due: '2026-10-01' }), OperationSchema.parse({ op: 'goal.add', familyId: 'f1', title: 'Andet mål', sector: 'school', due: '2026-10-01' })], { user: 'other', source: 'cli', today: TODAY });
    await waitForFrame(app.lastFrame, /Overdue goals \(2\)/);
    expect(app.lastFrame()).not.toContain('Familien Holm');
  });
});

describe('the Today screen', () => {
  it('shows the three panels with counts, worst first, and fits 80×24', async () => {
    const { app, size } = await open(generateDemo({ families: 25, seed: 1, today: TODAY }));
    const frame = await waitForFrame(app.lastFrame, /Overdue goals \(\d+\)/);
    const view = todayView(generateDemo({ families: 25, seed: 1, today: TODAY }), TODAY, TZ);
    expect(frame).toContain(`Today's meetings (${view.meetings.length})`);
    expect(frame).toContain(`Overdue goals (${view.overdueGoals.length})`);
    expect(frame).toContain(`Unresolved contacts (${view.openContacts.length})`);
    expect(frame).toContain(view.overdueGoals[0]?.title.slice(0, 20));
    expect(frame).toMatch(/^▶ Today's meetings/m); // focus is visible without colour
    expect(frame).toMatch(/^› /m);
    expectFits(frame, size);
  });

  it('records a goal\'s progress from the keyboard, saved at once', async () => {
    const { store, press } = await open(small());
    await press(KEYS.tab, /▶ Overdue goals/);
    const dialog = await press('p', 'Record progress');
    expect(dialog).toContain('g1 · Ida kommer i skole · Familien Berg');
    expect(dialog).toMatch(/Score 0–10\s+\[3\]▏/); // the latest score, selected: typing replaces it
    await press('7');
    await press(KEYS.tab);
    await press('Mødt op hver dag');
    await press(KEYS.enter, 'Saved: progress on');
    const goal1 = (await store.read()).families[0]?.goals[0];
    expect(goal1?.progress.at(-1)).toEqual({ date: TODAY, score: 7, note: 'Mødt op hver dag' });
  });

  it('shows a validation message beside the field and keeps what was typed', async () => {
    const { press, store } = await open(small());
    await press(KEYS.tab);
    await press('p');
    await press(`${KEYS.backspace}11`);
    const frame = await press(KEYS.enter, 'must be a whole number from 0 to 10');
    expect(frame).toMatch(/Score 0–10\s+11/);
    expect((await store.read()).families[0]?.goals[0]?.progress).toHaveLength(1);
    await press(KEYS.escape, (f: string) => !f.includes('Record progress'));
  });

  it('says beside an empty score to type one, in English and Danish, and saves nothing', async () => {
    for (const [lang, message] of [['en', 'type a whole number from 0 to 10'], ['da', 'skriv et helt tal fra 0 til 10']] as const) {
      const { press, store } = await open(small(), { lang });
      await press(KEYS.tab);
      await press('p');
      const frame = await press(`${KEYS.backspace}${KEYS.enter}`, message);
      const lines = frame.split('\n');
      expect(lines[lines.findIndex((line) => line.includes('Score 0–10')) + 1]).toContain(message); // under the field
      expect((await store.read()).families[0]?.goals[0]?.progress).toHaveLength(1);
    }
  });

  it('resolves a contact, and says why a key cannot act on the wrong row', async () => {
    const { press, store } = await open(small());
    const refused = await press('r', /resolve: select a contact first/);
    expect(refused).not.toContain('Resolve contact');
    await press(KEYS.shiftTab, /▶ Unresolved contacts/);
    await press('r', 'Resolve contact');
    await press('Ressourceforløb bevilget');
    await press(KEYS.enter, /Unresolved contacts \(0\)/);
    expect((await store.read()).families[0]?.contacts[0]).toMatchObject({ status: 'resolved', resolution: 'Ressourceforløb bevilget', closed: TODAY });
  });

  it('names the change u would undo and asks first: n keeps it, y undoes it, and U redoes it after asking too', async () => {
    const { press, store } = await open(small());
    await press(KEYS.shiftTab);
    await press('r');
    await press(`Klaret${KEYS.enter}`, /Unresolved contacts \(0\)/);
    await press('u', /Undo contact c1 resolved by tester at \d\d:\d\d( on \d+ \w+)?\? \(y\/n\)/);
    await press('n', (frame: string) => !frame.includes('(y/n)'));
    expect((await store.read()).families[0]?.contacts[0]?.status).toBe('resolved');
    await press('u', /\(y\/n\)/);
    // The store's watcher may show the reopened contact a frame before the undo's own message: wait for both.
    await press('y', (frame: string) => /Unresolved contacts \(1\)/.test(frame) && /Undone: contact c1 resolved by tester .*\(step 1\)/.test(frame));
    expect((await store.read()).families[0]?.contacts[0]?.status).toBe('open');
    await press('U', /Redo contact c1 resolved by tester .*\? \(y\/n\)/);
    await press(KEYS.escape, (frame: string) => !frame.includes('(y/n)'));
    expect((await store.read()).families[0]?.contacts[0]?.status).toBe('open');
    await press('U', /\(y\/n\)/);
    await press('y', /Unresolved contacts \(0\)/);
    expect((await store.history()).map((e) => [e.step, e.undoes, e.redoes])).toEqual([[1, undefined, undefined], [2, 1, undefined], [3, undefined, 1]]);
  });

  it("asks in Danish (j/n), and leaves another user's newer change alone", async () => {
    const { press, store } = await open(small(), { lang: 'da' });
    await press(KEYS.shiftTab);
    await press('r');
    await press(`Klaret${KEYS.enter}`, /Uafklarede henvendelser \(0\)/);
    await store.transact([OperationSchema.parse({ op: 'family.add', name: 'Familien Holm' })], { user: 'kollega', source: 'test', today: TODAY });
    await press('u', /Fortryd henvendelse c1 afklaret af tester kl\. \d\d:\d\d( den \d+\. \S+)?\? \(j\/n\)/);
    await press('j', /Uafklarede henvendelser \(1\)/);
    expect((await store.read()).families.map((f) => f.name)).toEqual(['Familien Berg', 'Familien Holm']);
    expect((await store.history()).at(-1)).toMatchObject({ user: 'tester', undoes: 1 });
    // The colleague's change to the same family since: refused, in Danish, and nothing written.
    await store.transact([OperationSchema.parse({ op: 'goal.progress', goalId: 'g2', score: 5 })], { user: 'kollega', source: 'test', today: TODAY });
    await press('U', /kan ikke gentage trin 1: familie f1 er ændret siden af trin 4 \(kollega\)/);
    expect(await store.history()).toHaveLength(4);
  });

  it('shows a change another process made, without losing what the user is typing', async () => {
    const { app, press, store } = await open(small());
    await press(KEYS.tab);
    await press('p');
    await press(`${KEYS.backspace}5`);
    await store.transact([OperationSchema.parse({ op: 'contact.resolve', contactId: 'c1', resolution: 'fra batch' })], { user: 'batch', source: 'test', today: TODAY });
    const frame = await waitForFrame(app.lastFrame, /Unresolved contacts \(0\)/);
    expect(frame).toMatch(/Score 0–10\s+5▏/);
  });
});

describe('the other screens', () => {
  it('filters the families as you type and opens the family plan with progress sparklines', async () => {
    const demo = generateDemo({ families: 25, seed: 1, today: TODAY });
    const { press, size } = await open(demo, { lang: 'da' });
    await press('f', /Familier \(25\)/);
    const target = demo.families.find((f) => f.goals.some((g) => g.progress.length > 1)) as (typeof demo.families)[number];
    await press('/');
    const filtered = await press(target.id === 'f1' ? target.name : `${target.name}`, /Familier \(\d\)/);
    expect(filtered).toContain(target.name);
    await press(KEYS.enter, (f: string) => !f.includes('▏')); // Enter ends the filter...
    const plan = await press(KEYS.enter, /Familiens plan: /); // ...and opens the family
    expect(plan).toContain('Familiens mål');
    expect(plan).toMatch(/[▁▂▃▄▅▆▇█]+ \d+\/10/);
    expectFits(plan, size);
    const back = await press(KEYS.escape, /Familier \(\d\)/);
    expect(back).toContain(`Filter: ${target.name}`);
  });

  it('records minutes and an agreement, and shows them large in the live view', async () => {
    const { press, store } = await open(small());
    await press('m', /Minutes/);
    await press('e', 'Add a line');
    await press(`Familien fortalte om ugen.${KEYS.enter}`, 'Saved: minutes of');
    await press('a', 'Add agreement');
    await press(`Lone Berg${KEYS.tab}Finder praktikplads${KEYS.tab}2026-12-15`);
    const frame = await press(KEYS.enter, /Agreements \(1\)/);
    expect(frame).toContain('• Lone Berg: Finder praktikplads (15 Dec)');
    const live = await press('l', /Esc back to the meeting/);
    expect(live).toContain('█'); // the heading in large letters
    expect(live).toContain('Familien Berg · ');
    expect(live).toContain('Familien fortalte om ugen.');
    expect(live).toContain('• Lone Berg: Finder praktikplads (15 Dec)');
    expect(live).not.toContain('? help');
    expect(live).not.toContain('Saved');
    // Esc leaves the live view for the meeting screen, not the screen before it.
    const back = await press(KEYS.escape, /Attendees:/);
    expect(back).toContain('? help');
    expect((await store.read()).families[0]?.meetings[0]).toMatchObject({ minutes: 'Familien fortalte om ugen.', agreements: [{ who: 'Lone Berg', what: 'Finder praktikplads', due: '2026-12-15' }] });
  });

  it('records an indicator for a person from the family plan', async () => {
    const { press, store } = await open(small());
    await press(KEYS.tab);
    await press(KEYS.enter, /Family plan: Familien Berg/);
    await press('o', 'Record an indicator');
    await press(KEYS.right, /‹ Emil ›/);
    await press(`${KEYS.tab}${KEYS.right}${KEYS.right}${KEYS.right}`, /‹ Functional level|functional/i);
    await press(`${KEYS.tab}4`);
    await press(KEYS.enter, 'Saved: indicator for');
    const child = (await store.read()).families[0]?.members.find((m) => m.id === 'f1-c') as { observations?: unknown[] };
    expect(child.observations).toEqual([{ date: TODAY, kind: 'functionalLevel', value: 4 }]);
  });

  it('shows help generated from the keymap, and quits with q', async () => {
    const { app, press } = await open(small(), { width: 200, height: 50 });
    const help = await press('?', 'Everywhere');
    expect(help).toContain('p          Record progress on the selected goal (score, note, status)');
    await press(KEYS.escape, /Today's meetings/);
    app.stdin.write('q');
  });

  it('shows the caseload report with its figures and bars', async () => {
    const demo = generateDemo({ families: 25, seed: 1, today: TODAY });
    const { press, size } = await open(demo);
    const frame = await press('i', /How the families are doing/);
    const report = caseloadReport(demo, { from: '2025-11-24', to: TODAY });
    const { n, of } = report.adultsOnCashBenefit.followUp;
    expect(frame).toMatch(new RegExp(`Adults on cash benefit .* ${n}/${of}`));
    // Every figure of the printed report, the newer indicators too, in the same words.
    const activated = report.adultsActivated.followUp;
    expect(frame).toMatch(new RegExp(`Activation rate of adults.* ${activated.n}/${activated.of}`));
    expect(frame).toContain(`${report.families} families`);
    expect(frame).toMatch(/[█░]{8}/);
    expectFits(frame, size);
    // The footer offers only keys that act on the report: its figures open nothing.
    expect(frame).not.toContain('Enter open');
    expect(frame).toContain('Tab panel');
    const after = await press(`${KEYS.enter}${KEYS.tab}`, /▶ Cross-sector contacts/);
    expect(after).not.toContain('select a row first');
  });

  it('uses a large terminal: wider columns, more rows', async () => {
    const demo = generateDemo({ families: 25, seed: 1, today: TODAY });
    const { app, size } = await open(demo, { width: 200, height: 50 });
    const frame = await waitForFrame(app.lastFrame, /Overdue goals/);
    expectFits(frame, size);
    expect(frame.split('\n').length).toBeGreaterThan(40);
    expect(frame).toMatch(/Familien [^\n]{20,}/);
  });

  it('never lets text from the store rewrite the screen', async () => {
    const evil = state(family('f1', { name: 'Familien \u001b]0;owned\u0007Berg\u001b[2J', goals: [goal('g1', '2026-11-01', 'active', { title: 'Mål\rslettet\u202e' })] }));
    const { app } = await open(evil);
    const frame = await waitForFrame(app.lastFrame, /Overdue goals \(1\)/);
    expect(frame).toContain('Familien Berg');
    expect(frame).toContain('Målslettet');
    expect(frame).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u202e]/);
  });

  it('shows invisible characters in names, so two families that look alike can be told apart', async () => {
    const { app } = await open(state(family('f1', { name: 'Familien Berg', goals: [goal('g1', '2026-11-01')] }), family('f2', { name: 'Familien Be\u200brg', goals: [goal('g2', '2026-11-01')] })));
    const frame = await waitForFrame(app.lastFrame, /Overdue goals \(2\)/);
    expect(frame).toContain('Familien Be⟨U+200B⟩rg');
    expect(frame).not.toContain('\u200b');
  });
});

describe('keys that arrive together', () => {
  const PASTE = (text: string) => `\u001b[200~${text}\u001b[201~`;

  it('opens a dialog with p and types the rest of one chunk into it: saved exactly as typed, once', async () => {
    const { app, store } = await open(state(family('f1', { name: 'Familien Berg', goals: [goal('g1', '2026-11-01', 'active', { title: 'Ida kommer i skole' })] })));
    app.stdin.write(`${KEYS.tab}p7${KEYS.tab}Mødt op${KEYS.enter}`);
    await waitForFrame(app.lastFrame, 'Saved: progress on', 20_000);
    expect((await store.read()).families[0]?.goals[0]?.progress).toEqual([{ date: TODAY, score: 7, note: 'Mødt op' }]);
    expect(await store.history()).toHaveLength(1);
  });

  it('writes two minutes lines sent in one chunk, each in its own dialog, and runs no letter as a command', async () => {
    const { app, press, store } = await open(small());
    await press('m', /Minutes/);
    app.stdin.write(`eFørste linje${KEYS.enter}eAnden linje${KEYS.enter}`);
    await waitForFrame(app.lastFrame, (frame) => frame.includes('Anden linje') && !frame.includes('Add a line'), 20_000);
    expect(app.lastFrame()).toMatch(/Agreements \(0\)/); // "a" of "Anden" did not open an agreement
    expect((await store.read()).families[0]?.meetings[0]?.minutes).toBe('Første linje\nAnden linje');
    expect((await store.history()).map((step) => step.ops.map((op) => op.op))).toEqual([['meeting.minutes'], ['meeting.minutes']]);
  });

  it('keeps the lines of a bracketed paste into a minutes line, and saves them once on Enter', async () => {
    const { app, press, store } = await open(small());
    await press('m', /Minutes/);
    await press('e', /Enter save · Ctrl-J new line/);
    await press(PASTE('Linje A\rLinje B\u001b[31m\rLinje C'), 'Linje A ↵ Linje B ↵ Linje C▏');
    await press(KEYS.enter, 'Saved: minutes of');
    expect((await store.read()).families[0]?.meetings[0]?.minutes).toBe('Linje A\nLinje B\nLinje C');
    expect(await store.history()).toHaveLength(1);
    expect(app.lastFrame()).toMatch(/Linje A\n.*Linje B\n.*Linje C/);
  });

  it('takes a paste whose end marker never came as the whole paste after a pause, and reads on as keys', async () => {
    const { press, store } = await open(small());
    await press('m', /Minutes/);
    await press('e', /Enter save · Ctrl-J new line/);
    // No ESC[201~: the text arrives as a paste once the pause has passed, then Enter is a key again.
    await press('\u001b[200~Linje A\rLinje B', 'Linje A ↵ Linje B▏');
    await press(KEYS.enter, 'Saved: minutes of');
    expect((await store.read()).families[0]?.meetings[0]?.minutes).toBe('Linje A\nLinje B');
  });

  it('never reads a paste as keys when no text field is open', async () => {
    const { app, press } = await open(small());
    await press(PASTE('iq'), 'Pasted text ignored: no text field is open');
    expect(app.lastFrame()).toMatch(/Overdue goals/); // i (report) and q (quit) did nothing
  });

  /** A store whose changes wait until the test releases them, as when another process holds the lock. */
  function slowStore() {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    class SlowStore extends JsonFileStore {
      override async transact(...args: Parameters<JsonFileStore['transact']>) {
        await gate;
        return super.transact(...args);
      }
    }
    return { create: (path: string) => new SlowStore(path), release: () => release() };
  }

  it('holds the keys typed while a save waits for the store, then routes them by the state the save left', async () => {
    const slow = slowStore();
    const { app, press, store } = await open(small(), { store: slow.create });
    await press(`${KEYS.tab}p${KEYS.backspace}7${KEYS.tab}første${KEYS.enter}`, /Saving…/);
    app.stdin.write(`p${KEYS.backspace}5${KEYS.tab}anden${KEYS.enter}`);
    expect(app.lastFrame()).toMatch(/Note\s+første▏/); // nothing typed into the dialog being saved
    slow.release();
    await waitForFrame(app.lastFrame, (frame) => /Saved: progress on g\d+ \(step 2\)/.test(frame) && !frame.includes('Record progress'), 20_000);
    const progress = (await store.read()).families[0]?.goals[0]?.progress ?? [];
    expect(progress.slice(1)).toEqual([{ date: TODAY, score: 7, note: 'første' }, { date: TODAY, score: 5, note: 'anden' }]);
  });

  it('saves a dialog once when Enter is pressed twice; the second Enter acts on the screen the save left', async () => {
    const slow = slowStore();
    const { app, press, store } = await open(small(), { store: slow.create });
    await press(`${KEYS.tab}p${KEYS.backspace}7${KEYS.enter}${KEYS.enter}`, /Saving…/);
    slow.release();
    await waitForFrame(app.lastFrame, /Family plan: Familien Berg/, 20_000);
    expect(await store.history()).toHaveLength(1);
  });
});

describe('edit in place', () => {
  it("edits a goal's due date with the cursor keys, saves only that, and undoes it", async () => {
    const { press, store } = await open(small());
    await press(KEYS.tab, /▶ Overdue goals/);
    await press('e', 'Edit goal');
    await press(KEYS.tab, /› Due\s+\[2026-11-01\]/);
    // End ends the selection; two Backspaces and "15" make 2026-11-15.
    await press(`\u001b[F${KEYS.backspace}${KEYS.backspace}15`, /› Due\s+2026-11-15▏/);
    await press(`\u001b[D\u001b[D\u001b[D`, /› Due\s+2026-11▏-15/);
    await press(KEYS.enter, /Saved: goal g\d+ changed/);
    expect((await store.read()).families[0]?.goals[0]).toMatchObject({ due: '2026-11-15', memberId: 'f1-c', sector: 'school' });
    expect((await store.history()).at(-1)?.ops).toEqual([{ op: 'goal.update', goalId: 'g1', due: '2026-11-15' }]);
    await press('u', /Undo goal g1 changed/);
    await press('y', /Undone/);
    expect((await store.read()).families[0]?.goals[0]?.due).toBe('2026-11-01');
  });

  it('refuses to save an edit over a field another window changed since the dialog opened, and saves a field only it changed', async () => {
    const { press, store } = await open(small());
    await press(KEYS.tab, /▶ Overdue goals/);
    await press('e', /› Title\s+\[Ida kommer i skole\]/);
    // Another window (a script, a second workbench) renames the goal and puts it on hold meanwhile.
    await new JsonFileStore(store.path).transact([OperationSchema.parse({ op: 'goal.update', goalId: 'g1', title: 'Ida i skole hver dag', status: 'on-hold' })], { user: 'other', source: 'cli', today: TODAY });
    await press('Ida i skole', /› Title\s+Ida i skole▏/);
    const refused = await press(KEYS.enter, /Title: changed elsewhere since this opened; not saved/);
    expect(refused).toContain('Edit goal');
    expect((await store.read()).families[0]?.goals[0]).toMatchObject({ title: 'Ida i skole hver dag', status: 'on-hold' });
    expect(await store.history()).toHaveLength(1);
    // Opened again, it shows the other window's values; a field only this dialog changes is saved, the other change kept.
    await press(KEYS.escape, (f: string) => !f.includes('Edit goal'));
    await press('e', /› Title\s+\[Ida i skole hver dag\]/);
    await press(`${KEYS.tab}2026-11-20`);
    await press(KEYS.enter, /Saved: goal g1 changed/);
    expect((await store.read()).families[0]?.goals[0]).toMatchObject({ title: 'Ida i skole hver dag', status: 'on-hold', due: '2026-11-20' });
  });

  it("refuses a meeting's attendees edited over attendees another window changed, in Danish", async () => {
    const { press, store } = await open(small(), { lang: 'da' });
    await press('e', 'Ret møde');
    await new JsonFileStore(store.path).transact([OperationSchema.parse({ op: 'meeting.update', meetingId: 'm1', attendees: [{ name: 'Lone Berg', sector: 'employment' }, { name: 'Per Holm' }] })], { user: 'other', source: 'cli', today: TODAY });
    await press(`${KEYS.tab}${KEYS.tab}${KEYS.tab}${KEYS.tab}${KEYS.tab}${KEYS.tab}lærer`, /rolle\s+lærer▏/);
    await press(KEYS.enter, /Deltager 2: ændret andetsteds, efter dette blev åbnet; ikke gemt/);
    expect((await store.read()).families[0]?.meetings[0]?.attendees).toEqual([{ name: 'Lone Berg', sector: 'employment' }, { name: 'Per Holm' }]);
  });

  it('says so beside nothing when an edit changed nothing, and keeps the dialog open', async () => {
    const { press, store } = await open(small());
    await press(KEYS.tab, /▶ Overdue goals/);
    await press('e', 'Edit goal');
    const frame = await press(KEYS.enter, /nothing to change/);
    expect(frame).toContain('Edit goal');
    expect(await store.history()).toHaveLength(0);
  });

  it('plans a meeting with two attendees from the family plan, in Danish, within 80×24', async () => {
    const { press, store, size } = await open(small(), { lang: 'da' });
    await press(KEYS.tab);
    await press(KEYS.enter, /Familiens plan: Familien Berg/);
    const dialog = await press('n', 'Nyt møde');
    expect(dialog).toContain('Varighed (min)');
    expect(dialog).toContain('Deltager 2');
    expectFits(dialog, size);
    await press(`${KEYS.tab}${KEYS.tab}${KEYS.tab}Skolen${KEYS.tab}Lone Berg${KEYS.tab}${KEYS.right}${KEYS.tab}mentor`, /rolle\s+mentor▏/);
    const third = await press(`${KEYS.tab}Mette Jensen${KEYS.tab}${KEYS.tab}mor`, /rolle\s+mor▏/);
    expect(third).toContain('‹ Beskæftigelse ›');
    expectFits(third, size);
    await press(KEYS.enter, /Gemt: nyt møde i f\d+/);
    expect((await store.read()).families[0]?.meetings[1]).toMatchObject({ place: 'Skolen', start: '2026-11-24T09:00:00+01:00', attendees: [{ name: 'Lone Berg', sector: 'employment', role: 'mentor' }, { name: 'Mette Jensen', role: 'mor' }] });
  });

  it("says how to write a meeting's start as the field asks for it, in English and Danish, and saves nothing", async () => {
    for (const [lang, title, message] of [
      ['en', 'Family plan', 'must be a date and time as YYYY-MM-DD HH:MM, e.g. 2026-11-24 09:30'],
      ['da', 'Familiens plan', 'skal være dato og tid som ÅÅÅÅ-MM-DD TT:MM, f.eks. 2026-11-24 09:30'],
    ] as const) {
      const { press, store } = await open(small(), { lang });
      await press(KEYS.tab);
      await press(KEYS.enter, title);
      await press('n');
      await press(KEYS.tab);
      // The refusal leaves the focus on the start: Ctrl-U clears it for the next.
      for (const typed of ['2026-02-30 10:00', '24.11.2026 9:30']) {
        await press(`\u0015${typed}`, new RegExp(`› Start.*${typed.replace(/\./g, '\\.')}▏`));
        const frame = await press(KEYS.enter, message);
        expect(frame).not.toMatch(/offset|tidszone/);
      }
      expect(await store.history()).toHaveLength(0);
    }
  });

  it('shows the focused field of a long dialog in a short terminal (40×12), dropping its subject first, and fits', async () => {
    const { press, size } = await open(small(), { width: 40, height: 12 });
    await press(KEYS.tab);
    await press(KEYS.enter, /Family plan/);
    const opened = await press('n', /› Type/);
    expect(opened).toContain('Add meeting');
    expect(opened).not.toContain('f1 · Familien Berg');
    expectFits(opened, size);
    const attendee = await press(`${KEYS.tab}${KEYS.tab}${KEYS.tab}${KEYS.tab}Lone`, /› Attendee 1\s+Lone▏/);
    expectFits(attendee, size);
    await press(`${KEYS.shiftTab}${KEYS.shiftTab}\u0015x`, /› Duration \(min\)\s+x▏/);
    const refused = await press(KEYS.enter, /must be minutes/);
    expect(refused).toMatch(/^│ › Duration/m);
    expectFits(refused, size);
  });

  it("edits a meeting's place and attendees from Today", async () => {
    const { press, store } = await open(small());
    await press('e', 'Edit meeting');
    await press(`${KEYS.tab}${KEYS.tab}${KEYS.tab}Skolen`, /› Place\s+Skolen▏/);
    await press(`${KEYS.tab}${KEYS.tab}${KEYS.tab}lærer`, /› {3}role\s+lærer▏/);
    await press(KEYS.enter, /Saved: meeting m\d+ changed/);
    expect((await store.history()).at(-1)?.ops).toEqual([{ op: 'meeting.update', meetingId: 'm1', place: 'Skolen', attendees: [{ name: 'Lone Berg', sector: 'employment', role: 'lærer' }] }]);
  });

  it('selects a minutes line with ↑/↓, edits it with r and removes it with x', async () => {
    const minutes = state(family('f1', { meetings: [meeting('m1', '2026-11-24T10:00:00+01:00', { minutes: 'Første linje\nAnden linje\nTredje linje' })] }));
    const { press, store } = await open(minutes);
    await press('m', /› Tredje linje/);
    await press(KEYS.up, /› Anden linje/);
    await press('r', /Edit line[\s\S]*› Text\s+\[Anden linje\]/);
    await press(`\u001b[F, rettet`, /Anden linje, rettet▏/);
    await press(KEYS.enter, /Saved: line of the minutes of m\d+ edited/);
    await press(KEYS.up, /› Første linje/);
    await press('x', /Saved: line of the minutes of m\d+ removed/);
    expect((await store.read()).families[0]?.meetings[0]?.minutes).toBe('Anden linje, rettet\nTredje linje');
    expect((await store.history()).map((s) => s.ops)).toEqual([[{ op: 'minutes.edit', meetingId: 'm1', line: 2, text: 'Anden linje, rettet', was: 'Anden linje' }], [{ op: 'minutes.remove', meetingId: 'm1', line: 1, was: 'Første linje' }]]);
  });

  it('makes a new line with Ctrl-J in a minutes line, and says which key saves', async () => {
    const { press, store } = await open(small());
    await press('m', /Minutes/);
    await press('e', /Enter save · Ctrl-J new line/);
    await press(`Linje A\nLinje B`, 'Linje A ↵ Linje B▏');
    await press(KEYS.enter, 'Saved: minutes of');
    expect((await store.read()).families[0]?.meetings[0]?.minutes).toBe('Linje A\nLinje B');
  });
});
