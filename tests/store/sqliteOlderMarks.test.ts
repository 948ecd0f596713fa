// A SQLite store an older famcoord wrote (schema 1: today marks without agreements), read the way
// the workbench reads it (read with a today scope), changed, and repaired by doctor's settle.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { OperationSchema } from '../../src/domain/operations.js';
import { SqliteStore } from '../../src/store/sqliteStore.js';
import { family, state } from '../helpers/fixtures.js';

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
  expect(version()).toBe(2);
  expect(db.prepare("SELECT family_id FROM today_marks WHERE kind = 'agreement' ORDER BY family_id").pluck().all()).toEqual(['f1', 'f2']);
  expect(await due()).toEqual(['Finder praktikplads', 'Ringer til skolen']);
  expect(await due('hanne')).toEqual(['Finder praktikplads']);
  expect(await store.unsettled()).toBe(false);
  db.close();
  store.close();
});
