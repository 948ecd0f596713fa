// The database's side of a team (#17) that famcoord's commands reach only through the `decide`
// helper's operations: a pending transfer lets its receiver read the family and accept or decline
// it; what a step hands on stays writable until its commit; the audit function keeps the chain
// for a login that cannot read the entry before its own.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PgStore } from '../../src/store/pgStore.js';
import { familyRow } from '../../src/store/familyRows.js';
import { CHAIN_START, linkTo, verifyChain } from '../../src/store/auditChain.js';
import { StoreError } from '../../src/store/errors.js';
import { family, goal, state } from '../helpers/fixtures.js';
import { dropPgDatabases, freshPgUrl, onServer, pgServerUrl } from '../helpers/pg.js';

const tag = `${process.pid.toString(36)}_${randomBytes(3).toString('hex')}`;
const HANNE = `hanne_t${tag}`;
const BIRGITTE = `birgitte_t${tag}`;
const META = { user: 'tester', source: 'test', today: '2026-11-24' };

const stores: PgStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});
afterAll(async () => {
  await dropPgDatabases();
  if (pgServerUrl) await onServer((client) => client.query(`DROP ROLE IF EXISTS ${HANNE}; DROP ROLE IF EXISTS ${BIRGITTE}`));
});

const asLogin = (url: string, login: string) => url.replace('postgres@', `${login}@`);

async function teamStore(): Promise<{ url: string; owner: PgStore }> {
  const url = await freshPgUrl();
  const owner = new PgStore(url);
  stores.push(owner);
  const hannes = (id: string, extra = {}) => ({ ...family(id, { goals: [goal(`g${id.slice(1)}`, '2026-12-01')] }), coordinator: 'Hanne Kjær', ...extra });
  await owner.create(state(hannes('f1'), hannes('f2', { transfer: { to: 'Birgitte Lund', from: 'Hanne Kjær', askedBy: 'Hanne Kjær', asked: '2026-11-20' } }), hannes('f3', { transfer: { to: 'Birgitte Lund', askedBy: 'Hanne Kjær', asked: '2026-11-20' } })));
  await owner.addTeamMember({ login: HANNE, name: 'Hanne Kjær', role: 'coordinator', sectors: [] });
  await owner.addTeamMember({ login: BIRGITTE, name: 'Birgitte Lund', role: 'coordinator', sectors: [] });
  return { url, owner };
}

/** One transaction as a login, with a plain SQL client. */
async function inTransaction<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } finally {
    await client.end();
  }
}

const visible = (url: string) => inTransaction(url, async (client) => (await client.query<{ id: string }>('SELECT id FROM families ORDER BY id')).rows.map((r) => r.id));

describe.skipIf(!pgServerUrl)("a team's rules in the database", () => {
  it('the receiver of a pending transfer reads the family and accepts it; a decline hands it back at the commit, after the step wrote its rows and its log entry', async () => {
    const { url, owner } = await teamStore();
    const hanne = asLogin(url, HANNE);
    const birgitte = asLogin(url, BIRGITTE);
    expect(await visible(hanne)).toEqual(['f1', 'f2', 'f3']);
    expect(await visible(birgitte)).toEqual(['f2', 'f3']);
    const receiver = new PgStore(birgitte);
    stores.push(receiver);
    expect(await receiver.person()).toBe('Birgitte Lund');
    expect((await receiver.read({ familyIds: ['f2'] })).families.map((f) => f.id)).toEqual(['f2']);

    // Accept (as transfer.accept writes it): the family's coordinator becomes the receiver.
    const [f2] = (await owner.read({ familyIds: ['f2'] })).families;
    const accepted = familyRow({ ...(f2 as NonNullable<typeof f2>), coordinator: 'Birgitte Lund', transfer: undefined } as never);
    await inTransaction(birgitte, async (client) => {
      expect((await client.query('UPDATE families SET coordinator = $2, data = $3 WHERE id = $1 RETURNING 1', ['f2', accepted.coordinator, accepted.data])).rowCount).toBe(1);
    });
    expect(await visible(hanne)).toEqual(['f1', 'f3']);
    expect(await visible(birgitte)).toEqual(['f2', 'f3']);

    // Decline, as a step writes it: the family row, its marks, then the log entry, one transaction.
    await inTransaction(birgitte, async (client) => {
      const [row] = (await client.query<{ data: Record<string, unknown> }>("SELECT data FROM families WHERE id = 'f3' FOR UPDATE")).rows;
      const { transfer: _declined, ...declined } = row?.data ?? {};
      await client.query("UPDATE families SET data = $1 WHERE id = 'f3' RETURNING 1", [JSON.stringify(declined)]);
      await client.query("DELETE FROM today_marks WHERE family_id = 'f3'");
      await client.query("INSERT INTO today_marks (family_id, kind, at, data) VALUES ('f3', 'contact', '', NULL)");
      const [tail] = (await client.query<{ tail_step: number; tail_link: string }>('SELECT * FROM famcoord_audit_tail()')).rows;
      const entry = { step: (tail?.tail_step ?? 0) + 1, prev: tail?.tail_link, time: new Date().toISOString(), user: BIRGITTE, source: 'psql', ops: [], familyIds: ['f3'], before: {} };
      await client.query('SELECT famcoord_audit_append($1)', [JSON.stringify(entry)]);
    });
    expect(await visible(birgitte)).toEqual(['f2']);
    expect(await visible(hanne)).toEqual(['f1', 'f3']);
    // The log is whole: numbered, chained, the decline under Birgitte's login.
    const log = await owner.history();
    expect(log.map((e) => [e.step, e.user])).toEqual([[1, BIRGITTE]]);
    expect(await owner.storedEntries()).toHaveLength(1);
  });

  it("a coordinator's step on her own family is logged under her login and linked to the step before, which she cannot read", async () => {
    const { url, owner } = await teamStore();
    const birgitte = new PgStore(asLogin(url, BIRGITTE));
    const hanne = new PgStore(asLogin(url, HANNE));
    stores.push(birgitte, hanne);
    // A step on f1 (Hanne's only: Birgitte cannot read its entry), then Birgitte's on f2.
    await hanne.transact([{ op: 'goal.progress', goalId: 'g1', score: 5 } as never], META);
    const step = await birgitte.transact([{ op: 'goal.progress', goalId: 'g2', score: 6 } as never], META);
    expect(step.step).toBe(2);
    expect((await birgitte.history()).map((e) => e.step)).toEqual([2]);
    expect((await owner.history()).map((e) => [e.step, e.user])).toEqual([[1, HANNE], [2, BIRGITTE]]);
    // A goal on a family she cannot read: refused, naming whose it is.
    await expect(birgitte.transact([{ op: 'goal.progress', goalId: 'g1', score: 1 } as never], META)).rejects.toThrow(/^g1 \(of family f1\) is in Hanne Kjær's caseload, which you may not read or change; the store's owner can transfer it/);
    // Erasing rewrites the log: the owner's.
    await expect(birgitte.erase('f2', META)).rejects.toBeInstanceOf(StoreError);
    // A new family is in the adder's caseload, or refused.
    await expect(birgitte.transact([{ op: 'family.add', name: 'Familien Holm', members: [], coordinator: 'Hanne Kjær' } as never], META)).rejects.toThrow(new RegExp(`: a family user ${BIRGITTE} adds is in their own caseload`));
    const added = await birgitte.transact([{ op: 'family.add', name: 'Familien Holm', members: [], coordinator: 'Birgitte Lund' } as never], META);
    expect((await birgitte.read({ familyIds: added.familyIds })).families).toHaveLength(1);
  });

  it('the append numbers and links an entry given without its step and link, and refuses one naming another login or a family its login may not change', async () => {
    const { url, owner } = await teamStore();
    const birgitte = asLogin(url, BIRGITTE);
    const fields = (user: string, familyIds: string[]) => JSON.stringify({ time: new Date().toISOString(), user, source: 'psql', ops: [], familyIds, before: {} });
    const append = (text: string) => inTransaction(birgitte, async (client) => (await client.query<{ step: number }>('SELECT famcoord_audit_append($1) AS step', [text])).rows[0]?.step);
    expect(await append(fields(BIRGITTE, ['f2']))).toBe(1);
    expect(await append(fields(BIRGITTE, ['f3']))).toBe(2);
    const stored = await owner.storedEntries();
    expect(stored.map((e) => JSON.parse(e.text as string) as { step: number; prev: string }).map((e) => [e.step, e.prev])).toEqual([[1, CHAIN_START], [2, linkTo(stored[0]?.text)]]);
    expect(verifyChain(stored).broken).toBeUndefined();
    await expect(append(fields(HANNE, ['f2']))).rejects.toThrow(/^famcoord: a step is logged by its own login, on families it may change$/);
    await expect(append(fields(BIRGITTE, ['f1']))).rejects.toThrow(/^famcoord: a step is logged by its own login, on families it may change$/);
    await expect(append(JSON.stringify({ step: 3, prev: 'start', time: new Date().toISOString(), user: BIRGITTE, familyIds: ['f2'] }))).rejects.toThrow(/^famcoord: an audit entry must follow step 2 and link to it$/);
    // A step or link named null would follow the number and link the append puts first, and win.
    await expect(append(JSON.stringify({ step: null, prev: null, time: new Date().toISOString(), user: BIRGITTE, familyIds: ['f2'] }))).rejects.toThrow(/^famcoord: an audit entry must follow step 2 and link to it$/);
    expect(await owner.storedEntries()).toHaveLength(2);
  });

  it("a family's readers are derived again when its coordinator changes or it names a transfer, and only then", async () => {
    const { url, owner } = await teamStore();
    const hanne = new PgStore(asLogin(url, HANNE));
    const birgitte = new PgStore(asLogin(url, BIRGITTE));
    stores.push(hanne, birgitte);
    const readers = async () =>
      (await onServer(async (client) => (await client.query<{ person: string; why: string }>("SELECT person, why FROM family_access WHERE family_id = 'f1' ORDER BY person, why")).rows, url)).map((r) => `${r.person} (${r.why})`);
    // Hanne asks to hand f1 to Birgitte: the transfer names her, so she reads it from this step on.
    await hanne.transact([{ op: 'family.transfer', familyId: 'f1', to: 'Birgitte Lund' } as never], { ...META, person: 'Hanne Kjær' });
    expect(await readers()).toEqual(['birgitte lund (transfer)', 'hanne kjær (coordinator)']);
    // Birgitte accepts: the coordinator changes and the transfer goes, so Hanne's reading goes at the commit.
    await birgitte.transact([{ op: 'transfer.accept', familyId: 'f1' } as never], { ...META, person: 'Birgitte Lund' });
    expect(await readers()).toEqual(['birgitte lund (coordinator)']);
    expect(await visible(asLogin(url, HANNE))).toEqual(['f2', 'f3']);
    // A step that keeps the coordinator and names no one else leaves the readers as they are: a
    // row put there by hand stays (before migration 5 every step derived them again).
    await onServer((client) => client.query("INSERT INTO family_access (family_id, person, why) VALUES ('f1', 'hanne kjær', 'authority')"), url);
    await birgitte.transact([{ op: 'goal.progress', goalId: 'g1', score: 7 } as never], META);
    expect(await readers()).toEqual(['birgitte lund (coordinator)', 'hanne kjær (authority)']);
    expect((await owner.history()).map((e) => [e.step, e.user])).toEqual([[1, HANNE], [2, BIRGITTE], [3, BIRGITTE]]);
  });
});
