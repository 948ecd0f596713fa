// SQLite stores older famcoords wrote (schema 1: today marks without agreements; schema 2: today's
// digests and agreement marks holding more than today reads), read the way `today` reads them
// (with a today scope), changed, and repaired by doctor's settle.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { OperationSchema } from '../../src/domain/operations.js';
import type { Meeting } from '../../src/domain/schema.js';
import { SqliteStore } from '../../src/store/sqliteStore.js';
import { TodayRows, todayView } from '../../src/domain/views.js';
import { family, goal, meeting as meetingOf, member, state } from '../helpers/fixtures.js';

const META = { user: 'tester', source: 'test', today: '2026-11-24' };
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const meeting = (id: string, start: string, agreements: Array<{ who: string; what: string; due: string }>) =>
  ({ id, type: 'netværksmøde', start, durationMin: 60, place: '', attendees: [], minutes: '', agreements }) as never;

it("the workbench's today read of a schema 1 store lists its due agreements, in a caseload too, before and after a change; settle rebuilds once", async () => {
  dir = mkdtempSync(join(tmpdir(), 'famcoord-older-marks-'));
  const path = join(dir, 'store.sqlite');
  const store = new SqliteStore(path);
  await store.create(
    state(
      family('f1', { coordinator: 'Hanne', meetings: [meeting('m1', '2026-10-01T09:00+02:00', [{ who: 'Lone', what: 'Finder praktikplads', due: '2026-11-23' }])] }),
      family('f2', { coordinator: 'Jens', meetings: [meeting('m2', '2026-10-02T09:00+02:00', [{ who: 'Ole', what: 'Ringer til skolen', due: '2026-11-25' }])] }),
      family('f3', { coordinator: 'Hanne' }),
    ),
  );
  store.close();
  const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof import('better-sqlite3');
  const db = new Sqlite(path);
  db.prepare("DELETE FROM today_marks WHERE kind = 'agreement'").run();
  db.pragma('user_version = 1');
  const version = () => db.pragma('user_version', { simple: true });

  const due = async (coordinator?: string) =>
    (await store.read({ todayOn: META.today, ...(coordinator !== undefined && { coordinator }) })).families.flatMap((f) => f.meetings.flatMap((m) => m.agreements.map((a) => a.what)));
  expect(await due()).toEqual(['Finder praktikplads', 'Ringer til skolen']);
  expect(await due('hanne')).toEqual(['Finder praktikplads']);
  expect(await store.unsettled()).toBe(true);

  // A change writes its family's marks as this famcoord does, but the others are still missing theirs.
  await store.transact([OperationSchema.parse({ op: 'member.add', familyId: 'f3', name: 'Ny Person', role: 'child' })], META);
  expect(version()).toBe(1);
  expect(await due()).toEqual(['Finder praktikplads', 'Ringer til skolen']);

  expect(await store.settle()).toEqual([expect.stringMatching(/^today's rows of 3 families were written again/)]);
  expect(version()).toBe(3);
  expect(db.prepare("SELECT family_id FROM today_marks WHERE kind = 'agreement' ORDER BY family_id").pluck().all()).toEqual(['f1', 'f2']);
  expect(await due()).toEqual(['Finder praktikplads', 'Ringer til skolen']);
  expect(await due('hanne')).toEqual(['Finder praktikplads']);
  expect(await store.unsettled()).toBe(false);
  db.close();
  store.close();
});

const attendees: Meeting['attendees'] = [{ name: 'Hanne Kjær', role: 'familiekoordinator' }, { name: 'Jens Riis', sector: 'school', role: 'skoleleder' }];

/** Families whose today needs the whole of a meeting that also has an agreement due, and members' names. */
const withAgreementsToday = () =>
  state(
    family('f1', {
      coordinator: 'Hanne',
      members: [member('p1', 'adult', { name: 'Mette' }), member('p2', 'child', { name: 'Emil' }), member('p3', 'child', { name: 'Ida' })],
      goals: [goal('g1', '2026-11-01', 'active', { memberId: 'p2', progress: [{ date: '2026-10-01', score: 3, note: 'Godt' }] })],
      meetings: [
        meetingOf('m1', '2026-11-24T10:00+01:00', { place: 'Familiens hjem', attendees, agreements: [{ who: 'Lone', what: 'Ringer til skolen', due: '2026-11-25' }, { who: 'Ole', what: 'Finder praktikplads', due: '2026-11-20' }] }),
        meetingOf('m2', '2026-10-01T09:00+02:00', { attendees, agreements: [{ who: 'Mette', what: 'Søger bolig', due: '2026-11-23' }] }),
      ],
    }),
    family('f2', { coordinator: 'Jens', meetings: [meetingOf('m3', '2026-11-24T13:00+01:00', { attendees })] }),
  );

/** The view `famcoord today` builds from the store's today read, against the view of the whole families. */
async function todayFromStore(store: SqliteStore): Promise<ReturnType<TodayRows['view']>> {
  const rows = new TodayRows(META.today, 'Europe/Copenhagen');
  for await (const f of store.eachFamily({ todayOn: META.today })) rows.add(f);
  return rows.view();
}

it("today's rows hold a meeting's whole only in its own mark, and today shows a meeting with an agreement due whole", async () => {
  dir = mkdtempSync(join(tmpdir(), 'famcoord-today-rows-'));
  const store = new SqliteStore(join(dir, 'store.sqlite'));
  const whole = withAgreementsToday();
  await store.create(whole);
  const view = await todayFromStore(store);
  expect(view).toEqual(todayView(whole, META.today, 'Europe/Copenhagen'));
  expect(view.meetings.map((m) => [m.id, m.place, m.attendees.length])).toEqual([['m1', 'Familiens hjem', 2], ['m3', 'Rådhuset', 2]]);
  expect(view.agreements.map((a) => a.what)).toEqual(['Finder praktikplads', 'Søger bolig', 'Ringer til skolen']);
  expect(view.overdueGoals.map((g) => g.memberName)).toEqual(['Emil']);
  store.close();
  const db = new (createRequire(import.meta.url)('better-sqlite3') as typeof import('better-sqlite3'))(join(dir, 'store.sqlite'));
  expect(db.pragma('user_version', { simple: true })).toBe(3);
  expect(JSON.parse(db.prepare("SELECT today_digest FROM families WHERE id = 'f1'").pluck().get() as string).members).toEqual([{ id: 'p2', name: 'Emil' }]);
  expect(db.prepare("SELECT data FROM today_marks WHERE kind = 'agreement' AND at = '2026-11-25'").pluck().get()).toBe(
    '{"id":"m1","start":"2026-11-24T10:00+01:00","agreements":[{"id":"m1.1","who":"Lone","what":"Ringer til skolen","due":"2026-11-25"}]}',
  );
  db.close();
});

it('a schema 2 store (digests with every member, agreement marks with their whole meeting) is read as it is, and settle writes its rows again once', async () => {
  dir = mkdtempSync(join(tmpdir(), 'famcoord-fuller-rows-'));
  const path = join(dir, 'store.sqlite');
  const store = new SqliteStore(path);
  const whole = withAgreementsToday();
  await store.create(whole);
  store.close();
  const db = new (createRequire(import.meta.url)('better-sqlite3') as typeof import('better-sqlite3'))(path);
  // The rows as a famcoord before schema 3 wrote them.
  for (const f of whole.families) {
    const digest = JSON.parse(db.prepare('SELECT today_digest FROM families WHERE id = ?').pluck().get(f.id) as string) as Record<string, unknown>;
    digest.members = f.members.map(({ id, name, role }) => ({ id, name, role, observations: [], events: [] }));
    db.prepare('UPDATE families SET today_digest = ? WHERE id = ?').run(JSON.stringify(digest), f.id);
  }
  db.prepare(`UPDATE today_marks AS a SET data = json_set((SELECT m.data FROM today_marks AS m WHERE m.family_id = a.family_id AND m.kind = 'meeting'
    AND json_extract(m.data, '$.id') = json_extract(a.data, '$.id')), '$.agreements', json_extract(a.data, '$.agreements')) WHERE kind = 'agreement'`).run();
  db.pragma('user_version = 2');
  const version = () => db.pragma('user_version', { simple: true });
  const expected = todayView(whole, META.today, 'Europe/Copenhagen');
  expect(await todayFromStore(store)).toEqual(expected);
  expect(await store.unsettled()).toBe(true);

  // A change writes its family's rows as this famcoord does; the store keeps its number, the other rows being the older famcoord's.
  await store.transact([OperationSchema.parse({ op: 'member.add', familyId: 'f2', name: 'Ny Person', role: 'child' })], META);
  expect(version()).toBe(2);
  expect(await todayFromStore(store)).toEqual(expected);

  expect(await store.settle()).toEqual(["today's rows of 2 families were written again: an older famcoord wrote them with more than today reads"]);
  expect(version()).toBe(3);
  expect(db.prepare("SELECT count(*) FROM today_marks WHERE kind = 'agreement' AND data LIKE '%attendees%'").pluck().get()).toBe(0);
  expect(await todayFromStore(store)).toEqual(expected);
  expect(await store.unsettled()).toBe(false);
  db.close();
  store.close();
});
