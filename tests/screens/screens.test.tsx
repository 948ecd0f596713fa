// Screens that fit (#15): every list, the help and the minutes scroll and say where they are; a
// small terminal keeps the focused panel's rows; `/` and `:` find anything; `w` and `K` write
// documents from where you are.
import { lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contact, family, goal, meeting, member, state } from '../helpers/fixtures.js';
import { expectFits, open } from '../helpers/app.js';
import { KEYS } from '../helpers/ink.js';

const PAGE_UP = '\u001b[5~';
const PAGE_DOWN = '\u001b[6~';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const longMinutes = () =>
  state(
    family('f1', {
      name: 'Familien Berg',
      meetings: [meeting('m1', '2026-11-24T10:00:00+01:00', { minutes: Array.from({ length: 30 }, (_, i) => `Linje ${i + 1} af referatet`).join('\n'), agreements: [{ who: 'Lone', what: 'Ringer til skolen', due: '2026-12-01' }] })],
    }),
  );

describe('scrolling', () => {
  it('shows the newest of 30 minutes lines with where they are, and PgUp/PgDn scroll through all of them', async () => {
    const { press, size } = await open(longMinutes());
    const end = await press('m', /Minutes/);
    expectFits(end, size);
    expect(end).toContain('Linje 30 af referatet');
    expect(end).toContain('• Lone: Ringer til skolen');
    expect(end).toMatch(/\d+–34 of 34 ▲/);
    // No blank rows in place of lines: every line between the first and last shown is there.
    const shown = [...end.matchAll(/Linje (\d+) af/g)].map((m) => Number(m[1]));
    expect(shown).toEqual(Array.from({ length: shown.length }, (_, i) => (shown[0] as number) + i));
    expect(shown.length).toBeGreaterThan(12);
    const top = await press(`${PAGE_UP}${PAGE_UP}`, /1–\d+ of 34 ▼/);
    expect(top).toContain('Linje 1 af referatet');
    expect(top).not.toContain('Linje 30 af');
    await press(KEYS.down, /2–\d+ of 34 ▲▼/);
    const back = await press(`${PAGE_DOWN}${PAGE_DOWN}${PAGE_DOWN}`, /Linje 30 af referatet/);
    expect(back).toMatch(/–34 of 34 ▲/);
  });

  it('keeps the minutes line selected with ↑ in view as it scrolls, pages the selection along, and the live view follows the newest line', async () => {
    const { press, size } = await open(longMinutes());
    await press('m', /Linje 30 af referatet/);
    // ↑ twenty-five times: line 5 is selected, the text scrolled up to show it, more below.
    const up = await press(KEYS.up.repeat(25), /› Linje 5 af referatet/);
    expectFits(up, size);
    expect(up).toMatch(/\d+–\d+ of 34 ▲▼/);
    expect(up).not.toContain('Linje 30 af');
    expect(await press('r', 'Edit line')).toMatch(/\[Linje 5 af referatet/);
    await press(KEYS.escape, (frame) => !frame.includes('Edit line'));
    // PgDn scrolls a page; the selection moves to the nearest line still shown.
    const paged = await press('\u001b[6~', /Linje 30 af referatet/);
    const selected = Number(/› Linje (\d+) af/.exec(paged)?.[1]);
    expect(selected).toBeGreaterThan(5);
    expect(paged).not.toContain('Linje 5 af');
    // The live view shows the newest lines, with no selection mark on the shared screen.
    const live = await press('l', /Esc back to the meeting/);
    expect(live).toContain('Linje 30 af referatet');
    expect(live).not.toContain('›');
    expect(live).toContain('• Lone: Ringer til skolen');
  });

  it('scrolls the help with PgDn and says where it is', async () => {
    const { press, size } = await open(longMinutes(), { width: 60, height: 15 });
    const help = await press('?', /Everywhere/);
    expectFits(help, size);
    expect(help).toMatch(/1–10 of \d+ ▼/);
    const next = await press(PAGE_DOWN, /10–19 of \d+ ▲▼/);
    expect(next).not.toContain('Everywhere');
  });

  it('pages through a long list with the selected row always on screen', async () => {
    const families = Array.from({ length: 30 }, (_, i) => family(`f${i + 1}`, { name: `Familie nummer ${i + 1}` }));
    const { press } = await open(state(...families));
    await press('f', /Families \(30\)/);
    const paged = await press(PAGE_DOWN, (frame) => /› f\d+/.test(frame) && !frame.includes('› f1 '));
    const selected = /› (f\d+)/.exec(paged)?.[1];
    expect(selected).toBeDefined();
    expect(paged).toMatch(/\d+–\d+ of 30 ▲?▼/);
    // Ordered by id as text: f9 is the last.
    const last = await press(`${PAGE_DOWN}${PAGE_DOWN}${PAGE_DOWN}${PAGE_DOWN}`, /› f9 /);
    expect(last).toMatch(/–30 of 30 ▲/);
  });
});

describe('sizes', () => {
  const crowded = () =>
    state(
      ...Array.from({ length: 4 }, (_, i) =>
        family(`f${i + 1}`, {
          name: 'Familien Jensen-Østergaard',
          goals: Array.from({ length: 5 }, (_, g) => goal(`g${i * 5 + g + 1}`, '2026-10-01', 'active', { title: 'Kommer i skole hver dag' })),
          contacts: [contact(`c${i + 1}`, '2026-11-01')],
        }),
      ),
    );

  it('at 60×15 keeps the focused panel\'s rows and collapses the others to their titles', async () => {
    const { press, size } = await open(crowded(), { width: 60, height: 15 });
    const first = await press(KEYS.tab, /▶ Overdue goals \(20\)/);
    expectFits(first, size);
    const lines = first.split('\n');
    const at = lines.findIndex((l) => l.includes('▶ Overdue goals'));
    // The panel above is its title alone; the one below too, at the bottom of the stack.
    expect(lines[at - 1]).toMatch(/^  Today's meetings \(0\) *$/);
    expect(lines.some((l) => /Unresolved contacts \(4\)/.test(l))).toBe(true);
    expect(lines.filter((l) => l.includes('Kommer i skole')).length).toBeGreaterThanOrEqual(5);
    expect(first).toMatch(/1–\d+ of 20 ▼/);
  });

  it('shows the id in rows that would look the same', async () => {
    const { press } = await open(crowded(), { width: 60, height: 15 });
    const frame = await press(KEYS.tab, /▶ Overdue goals/);
    const rows = frame.split('\n').filter((l) => l.includes('Kommer i skole'));
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(new Set(rows.map((r) => r.replace(/^[›·] /, '  '))).size).toBe(rows.length);
    expect(rows[0]).toMatch(/ g1 Familien/);
  });

  it('at 200×50 gives the room to the long text columns', async () => {
    const wide = state(family('f1', { name: 'Familien Berg', goals: [goal('g1', '2026-10-01', 'active', { title: `${'Ida kommer i skole hver dag og har det godt med sine kammerater '.repeat(2)}SLUT` })] }));
    const { press, size } = await open(wide, { width: 200, height: 50 });
    const frame = await press(KEYS.tab, /▶ Overdue goals/);
    expectFits(frame, size);
    const row = frame.split('\n').find((l) => l.includes('Ida kommer')) as string;
    expect(row.indexOf('Ida kommer')).toBeLessThan(60);
    expect([...row.trimEnd()].length).toBeGreaterThan(150);
  });
});

describe('find anything', () => {
  const findable = () =>
    state(
      family('f1', { name: 'Familien Berg', members: [member('f1-a', 'adult', { name: 'Lone Berg' })], goals: [goal('g1', '2027-01-01')] }),
      family('f2', { name: 'Familien Hansen', members: [member('f2-a', 'adult', { name: 'Mette Hansen' }), member('f2-c', 'child', { name: 'Oscar Hansen' })], goals: [goal('g12', '2027-01-01', 'active', { title: 'Oscar lærer at cykle' }), goal('g13', '2027-02-01', 'active', { title: 'Tandlæge' })], meetings: [meeting('m4', '2026-12-01T10:00:00+01:00'), meeting('m5', '2026-12-08T10:00:00+01:00', { agreements: [{ id: 'm5.1', who: 'Mette', what: 'Ringer til tandlægen' }] })], contacts: [contact('c5', '2026-11-01')] }),
    );

  it('filters the families by a member\'s name, a goal\'s title and an id', async () => {
    const { press } = await open(findable());
    await press('f', /Families \(2\)/);
    const oscar = await press('/oscar', /Families \(1\)/);
    expect(oscar).toContain('Familien Hansen');
    expect(oscar).not.toContain('Familien Berg');
    const cleared = await press(KEYS.escape, /Families \(2\)/);
    expect(cleared).toContain('Familien Berg');
    await press('/tandl', /Families \(1\)/);
    await press(`${KEYS.escape}/c5`, /Families \(1\)/);
  });

  it('jumps with : to a goal, a meeting, an agreement, a contact or a member from anywhere, and says when an id is unknown', async () => {
    const { press } = await open(findable());
    await press(':', /Go to id/);
    const goalFrame = await press(`G12${KEYS.enter}`, /Family plan: Familien Hansen/);
    expect(goalFrame).toMatch(/› 1? *Oscar lærer at cykle/);
    expect(goalFrame).toMatch(/▶ The family's goals/);
    const meetingFrame = await press(`:m4${KEYS.enter}`, /Attendees:/);
    expect(meetingFrame).toContain('Familien Hansen');
    // An agreement's id opens the meeting it was made at.
    expect(await press(`:M5.1${KEYS.enter}`, /Ringer til tandlægen/)).toContain('Attendees:');
    const contactFrame = await press(`:c5${KEYS.enter}`, /▶ Unresolved contacts/);
    expect(contactFrame).toMatch(/› .*Spørgsmål c5/);
    const unknown = await press(`:x99${KEYS.enter}`, /:x99: no such id here/);
    expect(unknown).toContain('Unresolved contacts');
    await press(`:f1${KEYS.enter}`, /Family plan: Familien Berg/);
  });
});

describe('documents from where you are', () => {
  const place = () => {
    const folder = mkdtempSync(join(tmpdir(), 'famcoord-docs-'));
    folders.push(folder);
    return folder;
  };

  it('writes the family\'s plan (HTML, private) with w, its meetings with K, and a meeting\'s minutes, and shows the path', async () => {
    const folder = place();
    const { press } = await open(longMinutes(), { documentsFolder: folder, lang: 'da' });
    await press(`:f1${KEYS.enter}`, /Familiens plan: Familien Berg/);
    const plan = join(folder, 'familiens-plan-f1.html');
    await press('w', new RegExp(`Familiens plan er skrevet til ${plan}`));
    expect(readFileSync(plan, 'utf8')).toContain('<!DOCTYPE html>');
    expect(readFileSync(plan, 'utf8')).toContain('size: A4');
    expect(lstatSync(plan).mode & 0o777).toBe(0o600);
    const calendar = join(folder, 'moeder-f1.ics');
    await press('K', new RegExp(`Familiens møder er skrevet til ${calendar} \\(1\\)`));
    expect(readFileSync(calendar, 'utf8')).toContain('BEGIN:VEVENT');
    await press(`:m1${KEYS.enter}`, /Deltagere:/);
    const minutes = join(folder, 'referat-m1.html');
    await press('w', new RegExp(`Referatet er skrevet til ${minutes}`));
    expect(readFileSync(minutes, 'utf8')).toContain('Linje 30 af referatet');
  });

  it('never writes through a link in the document\'s place', async () => {
    const folder = place();
    const target = join(folder, 'elsewhere.txt');
    writeFileSync(target, 'untouched');
    symlinkSync(target, join(folder, 'family-plan-f1.html'));
    const { press } = await open(longMinutes(), { documentsFolder: folder, width: 200 });
    await press(`:f1${KEYS.enter}`, /Family plan: Familien Berg/);
    await press('w', /Could not write the document: .*is a link; nothing was written/);
    expect(readFileSync(target, 'utf8')).toBe('untouched');
    expect(lstatSync(join(folder, 'family-plan-f1.html')).isSymbolicLink()).toBe(true);
  });
});
