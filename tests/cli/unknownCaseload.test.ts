// An unknown --caseload is refused from the database's coordinator index, not by reading every
// family: on a municipality's store that read would take seconds just to say "no such caseload".
// Shown here by a store with a family no read could take (its data broken outside famcoord): a
// command that read the whole store would fail on it, the refusal does not.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '../helpers/cli.js';
import { dropPgDatabases, freshPgUrl, onServer, pgServerUrl } from '../helpers/pg.js';

const DATE = '2026-11-24';
const BROKEN = JSON.stringify({ id: 'f3', name: 'Familien Brudt', members: 'not a list' });

const boxes: Sandbox[] = [];
afterEach(() => {
  for (const box of boxes.splice(0)) box.cleanup();
});
afterAll(dropPgDatabases);

/** A demo store of five families in which f3's data is no longer a family; its digest and coordinator stay. */
async function storeWithBrokenFamily(kind: 'sqlite' | 'pg'): Promise<{ box: Sandbox; store: string }> {
  const box = sandbox();
  boxes.push(box);
  const store = kind === 'pg' ? await freshPgUrl() : join(box.dir, 'store.sqlite');
  expect(box.run(['demo', '--families', '5', '--date', DATE, '--store', store], { store: false }).code).toBe(0);
  if (kind === 'pg') await onServer((client) => client.query("UPDATE families SET data = $1 WHERE id = 'f3'", [BROKEN]), store);
  else {
    const db = new Database(store);
    db.prepare("UPDATE families SET data = ? WHERE id = 'f3'").run(BROKEN);
    db.close();
  }
  return { box, store };
}

describe.each([{ kind: 'sqlite' as const }, ...(pgServerUrl ? [{ kind: 'pg' as const }] : [])])('on a $kind store', ({ kind }) => {
  it('refuses an unknown caseload with the closest names from the index, without reading every family', { timeout: 120_000 }, async () => {
    const { box, store } = await storeWithBrokenFamily(kind);
    const run = (...args: string[]) => box.run([...args, '--store', store, '--date', DATE], { store: false });
    // The whole store cannot be read now: the broken family is named.
    const whole = run('families');
    expect(whole.code).toBe(1);
    expect(whole.stderr).toMatch(/does not follow the store format: families\[2\] \(f3\)/);
    const typo = run('today', '--caseload', 'Hane Kjær');
    expect(typo.code, typo.stderr).toBe(2);
    expect(typo.stderr).toMatch(/^famcoord: unknown caseload "Hane Kjær"; known: Hanne Kjær, /);
    const nobody = run('today', '--caseload', 'Nobody');
    expect(nobody.code, nobody.stderr).toBe(2);
    expect(nobody.stderr).toMatch(/^famcoord: unknown caseload "Nobody"; known: \S/);
    // A known caseload on a free day is looked up the same way, and answered.
    const free = box.run(['today', '--caseload', '  hanne KJÆR', '--store', store, '--date', '2031-01-01'], { store: false });
    expect(free.code, free.stderr).toBe(0);
  });
});
