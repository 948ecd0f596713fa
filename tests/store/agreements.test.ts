// Agreements on both backends: today's read (JSON lines and SQLite digests and marks) lists the
// same due agreements as the whole store, an agreement known only by its derived id is found, and
// undo puts it back as it was.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OperationSchema, type OperationInput } from '../../src/domain/operations.js';
import { todayView } from '../../src/domain/views.js';
import { openStore } from '../../src/store/openStore.js';
import { SqliteStore } from '../../src/store/sqliteStore.js';
import type { FamilyStore } from '../../src/store/Store.js';
import { family, meeting, state } from '../helpers/fixtures.js';

const META = { user: 'tester', source: 'test', today: '2026-11-24' };
const TZ = 'Europe/Copenhagen';
const ops = (...inputs: OperationInput[]) => inputs.map((i) => OperationSchema.parse(i));

const dirs: string[] = [];
const stores: FamilyStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) if (store instanceof SqliteStore) store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function fresh(file: string): FamilyStore {
  const dir = mkdtempSync(join(tmpdir(), 'famcoord-agreements-'));
  dirs.push(dir);
  const store = openStore(join(dir, file));
  stores.push(store);
  return store;
}

const sample = () =>
  state(
    // An old meeting far from today, whose agreements were stored before they had ids.
    family('f1', { meetings: [meeting('m1', '2026-06-03T09:00:00+02:00', { agreements: [{ who: 'Lone', what: 'Ringer', due: '2026-11-23' }, { who: 'Mette', what: 'Skriver', due: '2026-11-30' }, { who: 'Emil', what: 'Læser', due: '2027-01-10' }] })] }),
    // Today's meeting with an agreement due, and one done.
    family('f2', { meetings: [meeting('m2', '2026-11-24T09:00:00+01:00', { agreements: [{ id: 'a1', who: 'PPR', what: 'Vurdering', due: '2026-11-25', status: 'open' }, { id: 'a2', who: 'Skolen', what: 'Plan', due: '2026-11-20', status: 'done', done: '2026-11-21' }] })] }),
    family('f3'),
  );

describe.each([
  { name: 'JSON file', file: 'store.json' },
  { name: 'SQLite', file: 'store.sqlite' },
])('agreements in the $name store', ({ file }) => {
  it("today's read lists the same due agreements as the whole store, before and after one is done, and undo puts it back", async () => {
    const store = fresh(file);
    await store.create(sample());
    const today = async () => todayView(await store.read({ todayOn: META.today }), META.today, TZ);
    const whole = async () => todayView(await store.read(), META.today, TZ);
    expect((await today()).agreements.map((a) => [a.id, a.daysOverdue])).toEqual([['m1.1', 1], ['a1', -1], ['m1.2', -6]]);
    expect(await today()).toEqual(await whole());

    const before = await store.read();
    await store.transact(ops({ op: 'agreement.done', agreementId: 'm1.1' }, { op: 'agreement.remove', agreementId: 'a1' }), META);
    expect((await today()).agreements.map((a) => a.id)).toEqual(['m1.2']);
    expect(await today()).toEqual(await whole());
    // Written ids are indexed: the next step finds them without their meeting.
    await store.transact(ops({ op: 'agreement.update', agreementId: 'm1.3', due: '2026-11-26' }), META);
    expect((await today()).agreements.map((a) => a.id)).toEqual(['m1.3', 'm1.2']); // 2 days left before 6

    await store.undo(META);
    await store.undo(META);
    expect(await store.read()).toEqual(before);
    expect(await today()).toEqual(await whole());
  });

  it('gives new agreements fresh ids that stay unique after a reopen', async () => {
    const store = fresh(file);
    await store.create(sample());
    const first = await store.transact(ops({ op: 'meeting.agreement', meetingId: 'm1', who: 'Hanne', what: 'Indkalder' }), META);
    expect(first.applied[0]).toMatchObject({ id: 'a3' });
    if (store instanceof SqliteStore) store.close();
    const second = await openStore(store.path).transact(ops({ op: 'meeting.agreement', meetingId: 'm2', who: 'Hanne', what: 'Følger op' }), META);
    expect(second.applied[0]).toMatchObject({ id: 'a4' });
  });
});
