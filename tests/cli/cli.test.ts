import { existsSync, mkdirSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '../helpers/cli.js';

const DATE = '2026-11-24';

describe('famcoord demo and today', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
    expect(box.run(['demo', '--date', DATE]).code).toBe(0);
  });
  afterAll(() => box.cleanup());

  it('writes a private demo store that today --json reads', () => {
    expect(statSync(box.store).mode & 0o777).toBe(0o600);
    const result = box.run(['today', '--json', '--date', DATE]);
    expect(result.code).toBe(0);
    const view = JSON.parse(result.stdout);
    expect(Object.keys(view)).toEqual(['date', 'meetings', 'overdueGoals', 'openContacts', 'agreements', 'contactsDueSoon', 'transfers', 'decisionsWaiting', 'recentDecisions']);
    expect(view.date).toBe(DATE);
    expect(view.meetings.length).toBeGreaterThan(0);
    for (const item of [...view.meetings, ...view.overdueGoals, ...view.openContacts]) {
      expect(item.id).toMatch(/^[mgc]\d+$/);
      expect(item.familyId).toMatch(/^f\d+$/);
    }
    const days = view.overdueGoals.map((g: { daysOverdue: number }) => g.daysOverdue);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect(view.openContacts.every((c: { daysWaiting: number }) => Number.isInteger(c.daysWaiting))).toBe(true);
    const times = view.meetings.map((m: { start: string }) => Date.parse(m.start));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('prints aligned tables for people', () => {
    const result = box.run(['today', '--date', DATE]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Meetings today \(\d+\)$/m);
    expect(result.stdout).toMatch(/^Overdue goals \(\d+\)$/m);
    expect(result.stdout).toMatch(/^Unresolved contacts \(\d+\)$/m);
    expect(box.run(['families', '--date', DATE]).stdout).toMatch(/^ID\s+FAMILY\s+ADULTS/m);
    expect(box.run(['family', 'f1', '--date', DATE]).stdout).toMatch(/The family's goals \(\d+\)/);
  });

  it('without a terminal, bare famcoord prints Today as text and exits 0', () => {
    const result = box.run(['--date', DATE]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Meetings today/m);
    expect(result.stderr).toBe('');
  });

  it('refuses to overwrite a store that is not a demo', () => {
    const other = sandbox();
    try {
      expect(other.run(['init']).code).toBe(0);
      const bytes = other.bytes();
      const result = other.run(['demo']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/not a demo; it was not changed/);
      expect(other.bytes()).toEqual(bytes);
    } finally {
      other.cleanup();
    }
  });
});

describe('a store written by hand to the contract', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
    const store = {
      version: 1,
      families: [
        {
          id: 'fam-a',
          name: 'Familien Holm',
          members: [{ id: 'mor', name: 'Sara Holm', role: 'adult' }, { id: 'barn', name: 'Ida Holm', role: 'child' }],
          goals: [
            { id: 'g-late', title: 'Ida kommer i skole hver dag', memberId: 'barn', sector: 'school', due: '2026-11-14', status: 'active', progress: [{ date: '2026-10-01', score: 3, note: '' }] },
            { id: 'g-done', title: 'Styr på økonomien', sector: 'finance', due: '2026-10-01', status: 'completed', progress: [] },
            { id: 'g-later', title: 'Fodbold', memberId: 'barn', sector: 'leisure', due: '2026-12-24', status: 'active', progress: [] },
          ],
          meetings: [
            { id: 'm-today', type: 'netværksmøde', start: '2026-11-24T14:00:00+01:00', durationMin: 60, place: 'Rådhuset', attendees: [{ name: 'Lone Berg', sector: 'employment' }], minutes: '', agreements: [] },
            { id: 'm-early', type: 'hjemmebesøg', start: '2026-11-24T08:00:00+01:00', durationMin: 60, place: 'Hjemme', attendees: [], minutes: '', agreements: [] },
            { id: 'm-tomorrow', type: 'stormøde', start: '2026-11-25T00:30:00+01:00', durationMin: 60, place: 'Rådhuset', attendees: [], minutes: '', agreements: [] },
          ],
          contacts: [
            { id: 'k-late', sector: 'school', subject: 'PPR-vurdering', opened: '2026-11-01', replyBy: '2026-11-15', status: 'open' },
            { id: 'k-answered', sector: 'housing', subject: 'Boligsag', opened: '2026-10-20', status: 'answered', resolution: '' },
            { id: 'k-closed', sector: 'finance', subject: 'Gæld', opened: '2026-09-01', status: 'resolved', resolution: 'Afdragsordning' },
          ],
          interventions: [{ id: 'i1', memberId: 'mor', sector: 'employment', kind: 'mentorstøtte', from: '2026-01-01' }],
        },
      ],
    };
    writeFileSync(box.store, JSON.stringify(store, null, 2), { mode: 0o600 });
  });
  afterAll(() => box.cleanup());

  it('gives the right today lists', () => {
    const view = JSON.parse(box.run(['today', '--json', '--date', DATE]).stdout);
    expect(view.meetings.map((m: { id: string }) => m.id)).toEqual(['m-early', 'm-today']);
    expect(view.overdueGoals).toEqual([
      expect.objectContaining({ id: 'g-late', familyId: 'fam-a', memberId: 'barn', memberName: 'Ida Holm', daysOverdue: 10, latestScore: 3 }),
    ]);
    expect(view.openContacts.map((c: { id: string; daysWaiting: number; replyByPassed: boolean }) => [c.id, c.daysWaiting, c.replyByPassed])).toEqual([
      ['k-late', 23, true],
      ['k-answered', 35, false],
    ]);
  });

  it('records progress and resolves a contact, and today reflects both', () => {
    expect(box.run(['goal', 'progress', 'g-late', '--score', '6', '--note', 'Mødt op hver dag', '--status', 'completed', '--date', DATE]).code).toBe(0);
    const resolved = box.run(['contact', 'resolve', 'k-late', '--resolution', 'PPR kommer i uge 50', '--json', '--date', DATE]);
    expect(resolved.code).toBe(0);
    expect(JSON.parse(resolved.stdout)).toMatchObject({ ok: true, step: 2, familyIds: ['fam-a'], applied: [{ op: 'contact.resolve', contactId: 'k-late', date: DATE }] });
    const view = JSON.parse(box.run(['today', '--json', '--date', DATE]).stdout);
    expect(view.overdueGoals).toEqual([]);
    expect(view.openContacts.map((c: { id: string }) => c.id)).toEqual(['k-answered']);
  });

  it('flags contacts without consent until a consent covers their sector', () => {
    const missing = () => JSON.parse(box.run(['today', '--json', '--date', DATE]).stdout).openContacts.map((c: { id: string; consentMissing: boolean }) => [c.id, c.consentMissing]);
    expect(missing()).toEqual([['k-answered', true]]);
    expect(box.run(['consent', 'add', 'fam-a', '--sector', 'bolig', '--until', '2027-06-30', '--date', DATE]).code).toBe(0);
    expect(missing()).toEqual([['k-answered', false]]);
    expect(box.run(['today', '--date', DATE]).stdout).toMatch(/CONSENT/);
    const bad = box.run(['consent', 'add', 'fam-a', '--until', '2027-06-30']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--sector must name at least one sector/);
  });
});

describe('bad input', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
    box.run(['demo', '--date', DATE]);
  });
  afterAll(() => box.cleanup());

  const cases: Array<[string[], number, RegExp]> = [
    [['goal', 'progress', 'g1', '--score', '11'], 2, /--score must be a whole number from 0 to 10/],
    [['goal', 'progress', 'g1', '--score', 'six'], 2, /--score must be a whole number/],
    [['goal', 'progress', 'g1'], 2, /--score is required/],
    [['goal', 'progress', 'g1', '--scroe', '5'], 2, /unknown option '--scroe'.*--score/],
    [['goal', 'progress', 'g99999', '--score', '5'], 2, /unknown goal g99999; known: g/],
    [['goal', 'progress', 'g1', '--score', '5', '--on', '2026-02-30'], 2, /--on must be a real date as YYYY-MM-DD/],
    [['goal', 'status', 'g1', 'done'], 2, /STATUS must be one of: proposed, active/],
    [['goal', 'add', 'f1', '--title', 'x', '--sector', 'space', '--due', '2027-01-01'], 2, /--sector must be one of/],
    [['goal', 'add', 'f1', '--title', 'x', '--sector', 'school', '--due', '2027-01-01', '--member', 'p99999'], 2, /no member p99999 in family f1/],
    [['meeting', 'add', 'f1', '--type', 'party', '--start', '2026-12-01 09:00'], 2, /--type must be one of/],
    [['meeting', 'add', 'f1', '--type', 'ffs', '--start', '2026-12-01 25:00'], 2, /--start must be/],
    [['meeting', 'add', 'f1', '--type', 'ffs', '--start', '2027-03-28 02:30'], 2, /--start must be a date and time that exist.*clocks skip/],
    [['meeting', 'minutes', 'm1'], 2, /give --text/],
    [['meeting', 'minutes', 'm1', '--agreement', 'only-who'], 2, /--agreement must be "WHO\|WHAT\|YYYY-MM-DD"/],
    [['contact', 'add', 'f1', '--sector', 'school'], 2, /--subject is required/],
    [['contact', 'resolve', 'c99999', '--resolution', 'x'], 2, /unknown contact c99999; known: c/],
    [['families', 'add', '--name', 'X', '--member', 'Bo:grandparent'], 2, /--member must be NAME:adult or NAME:child/],
    [['today', '--date', '24-11-2026'], 2, /--date must be a real date as YYYY-MM-DD/],
    [['today', '--lang', 'de'], 2, /--lang must be da or en/],
    [['tody'], 2, /unknown command 'tody' \(did you mean today\?\)/],
    [['demo', '--families', '0'], 2, /--families must be a whole number from 1 to 100000/],
    [['init'], 1, /already exists/],
  ];

  it.each(cases)('famcoord %j exits %i with a one-line error and writes nothing', (args, code, message) => {
    const bytes = box.bytes();
    const result = box.run(args.includes('--date') ? args : [...args, '--date', DATE]);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^famcoord: /);
    expect(result.stdout).toBe('');
    expect(box.bytes()).toEqual(bytes);
  });

  it('reports a corrupt store with exit 1, no stack trace and no data, and leaves it as it was', () => {
    const corrupt = '{"version":1,"families":[{"id":"f1","name":"Familien Hemmelig"';
    writeFileSync(box.store, corrupt);
    for (const args of [['today'], ['goal', 'progress', 'g1', '--score', '3'], ['families'], []]) {
      const result = box.run(args);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/is not valid JSON .*; it was not changed/);
      expect(result.stderr).not.toMatch(/Hemmelig|at .*\.js:\d+/);
    }
    expect(box.bytes().toString()).toBe(corrupt);
  });
});

describe('where the store is', () => {
  it('takes --store before or after the subcommand, then FAMCOORD_STORE, then the data folder', () => {
    const box = sandbox();
    try {
      expect(box.run(['--store', box.store, 'demo', '--date', DATE], { store: false }).code).toBe(0);
      expect(box.run(['--store', box.store, 'today', '--json', '--date', DATE], { store: false }).code).toBe(0);
      expect(box.run(['today', '--json', '--date', DATE], { store: false, env: { FAMCOORD_STORE: box.store } }).code).toBe(0);
      const init = box.run(['init', '--json'], { store: false });
      expect(init.code).toBe(0);
      expect(JSON.parse(init.stdout).store).toBe(`${box.dir}/data/famcoord/store.json`);
      expect(statSync(`${box.dir}/data/famcoord`).mode & 0o777).toBe(0o700);
      // The user's config comes before the data folder, and after FAMCOORD_STORE.
      expect(box.run(['config', 'set-store', box.store], { store: false }).code).toBe(0);
      expect(JSON.parse(box.run(['config', '--json'], { store: false }).stdout)).toMatchObject({ store: box.store, origin: 'config' });
      expect(JSON.parse(box.run(['families', '--json'], { store: false }).stdout)).toHaveLength(25);
      expect(JSON.parse(box.run(['config', '--json'], { store: false, env: { FAMCOORD_STORE: '/elsewhere.json' } }).stdout)).toMatchObject({ origin: 'env' });
    } finally {
      box.cleanup();
    }
  });

  it('refuses a config whose store is not a path, saying where it is', () => {
    const box = sandbox();
    try {
      mkdirSync(join(box.dir, 'config'), { recursive: true, mode: 0o700 });
      writeFileSync(join(box.dir, 'config', 'config.json'), JSON.stringify({ store: 5 }), { mode: 0o600 });
      const result = box.run(['today', '--date', DATE], { store: false });
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/config's store is not a path \(in .*config\.json\); set it again with famcoord config set-store PATH$/)]);
      expect(existsSync(join(box.dir, 'data'))).toBe(false);
    } finally {
      box.cleanup();
    }
  });
});
