// Erasing a family from a SQLite store while another connection holds a read transaction: the
// reader keeps the old pages in use, so the family's data stays in the database file (and the
// write-ahead log) until it lets go. The erase says so, leaves its note, and the next change
// finishes it: afterwards the family's name is in no file of the store.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OperationSchema } from '../../src/domain/operations.js';
import { SqliteStore } from '../../src/store/sqliteStore.js';
import { family, goal, state } from '../helpers/fixtures.js';

const META = { user: 'tester', source: 'test', today: '2026-11-24' };
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const filesWith = (text: string) => readdirSync(dir).filter((name) => readFileSync(join(dir, name)).includes(Buffer.from(text)));

async function storeWithTwoFamilies(): Promise<SqliteStore> {
  dir = mkdtempSync(join(tmpdir(), 'famcoord-sqlite-erase-'));
  const store = new SqliteStore(join(dir, 'store.sqlite'));
  await store.create(state(family('f1', { name: 'Familien Hemmelig', goals: [goal('g1', '2027-01-01')] }), family('f2', { goals: [goal('g2', '2027-01-01')] })));
  await store.transact([OperationSchema.parse({ op: 'goal.progress', goalId: 'g1', score: 4, note: 'Fortroligt' })], META);
  return store;
}

describe('erasing a family from SQLite', () => {
  it('leaves its data in no file', async () => {
    const store = await storeWithTwoFamilies();
    expect(filesWith('Hemmelig').length).toBeGreaterThan(0);
    const result = await store.erase('f1', META);
    expect(result.unfinished).toBeUndefined();
    expect(filesWith('Hemmelig')).toEqual([]);
    expect(filesWith('Fortroligt')).toEqual([]);
    store.close();
  });

  it('while another connection reads: says so, and the next change finishes it once the reader is gone', async () => {
    const store = await storeWithTwoFamilies();
    const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof import('better-sqlite3');
    const reader = new Sqlite(store.path, { readonly: true });
    reader.prepare('BEGIN').run();
    expect(reader.prepare('SELECT COUNT(*) AS n FROM families').get()).toEqual({ n: 2 });
    const result = await store.erase('f1', META);
    expect(result.unfinished).toMatch(/another program is reading the store, so old data of family f1 is still in .*store\.sqlite or its -wal file; the next change \(or famcoord doctor\) clears it/);
    expect(readdirSync(dir)).toContain('store.sqlite.erasing');
    expect(filesWith('Hemmelig')).toContain('store.sqlite'); // what the issue found: the reader keeps it there
    reader.prepare('COMMIT').run();
    reader.close();
    await store.transact([OperationSchema.parse({ op: 'goal.progress', goalId: 'g2', score: 2 })], META);
    expect(readdirSync(dir)).not.toContain('store.sqlite.erasing');
    expect(filesWith('Hemmelig')).toEqual([]);
    expect(filesWith('Fortroligt')).toEqual([]);
    expect((await store.read()).families.map((f) => f.id)).toEqual(['f2']);
    store.close();
  });
});
