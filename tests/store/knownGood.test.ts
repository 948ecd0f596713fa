// The known-good mark: a JSON store famcoord wrote is read without validating it again, and
// anything else is validated in full.
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/domain/demo.js';
import { OperationSchema } from '../../src/domain/operations.js';
import { parseState } from '../../src/domain/validate.js';
import { StoreError } from '../../src/store/errors.js';
import { JsonFileStore, serializeState } from '../../src/store/jsonStore.js';
import { knownGoodPath, markOf, STATUS_MARGIN_NS, statusLine } from '../../src/store/knownGood.js';
import { family, goal, state } from '../helpers/fixtures.js';

const META = { user: 'tester', source: 'test', today: '2026-11-24' };
const dirs: string[] = [];
function storePath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'famcoord-mark-'));
  dirs.push(dir);
  return join(dir, 'store.json');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function writtenByFamcoord(): Promise<JsonFileStore> {
  const store = new JsonFileStore(storePath());
  await store.create(state(family('f1', { goals: [goal('g1', '2026-12-01')] })));
  await store.transact([OperationSchema.parse({ op: 'goal.progress', goalId: 'g1', score: 4 })], META);
  return store;
}

describe('the known-good mark of a JSON store', () => {
  it('is written 0600 beside the store with every write, and vouches for exactly those bytes', async () => {
    const store = await writtenByFamcoord();
    const mark = readFileSync(knownGoodPath(store.path), 'utf8');
    expect(mark).toBe(markOf(readFileSync(store.path)));
    expect(statSync(knownGoodPath(store.path)).mode & 0o777).toBe(0o600);
  });

  it('lets a read skip validation when the bytes match it', async () => {
    const store = await writtenByFamcoord();
    // Bytes the schema would refuse, vouched for by a matching mark: read as they are. (Only a
    // process that can write the store can write its mark, so this is no way around the rules.)
    const unchecked = readFileSync(store.path, 'utf8').replace('"score":4', '"score":"four"');
    writeFileSync(store.path, unchecked);
    writeFileSync(knownGoodPath(store.path), markOf(Buffer.from(unchecked)) as string);
    const read = await new JsonFileStore(store.path).read();
    expect(read.families[0]?.goals[0]?.progress[0]?.score).toBe('four');
  });

  it('is not trusted by a check that must see everything (doctor)', async () => {
    const store = await writtenByFamcoord();
    const unchecked = readFileSync(store.path, 'utf8').replace('"score":4', '"score":"four"');
    writeFileSync(store.path, unchecked);
    writeFileSync(knownGoodPath(store.path), markOf(Buffer.from(unchecked)) as string);
    await expect(new JsonFileStore(store.path, { verify: true }).read()).rejects.toThrow(/progress\[0\]\.score/);
  });

  it('misses after a hand edit, so the edit is validated and refused', async () => {
    const store = await writtenByFamcoord();
    writeFileSync(store.path, readFileSync(store.path, 'utf8').replace('"score":4', '"score":"four"'));
    const error = await new JsonFileStore(store.path).read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toMatch(/families\[0\] \(f1\)\.goals\[0\] \(g1\)\.progress\[0\]\.score/);
  });

  it('is not written for a store written by hand, which goes through the schema (and its defaults) on every read', async () => {
    const path = storePath();
    const handWritten = { version: 1, families: [{ id: 'f1', name: 'Familien Holm', members: [], goals: [], meetings: [], contacts: [] }] };
    writeFileSync(path, JSON.stringify(handWritten), { mode: 0o600 });
    for (let read = 0; read < 2; read++) {
      const { families } = await new JsonFileStore(path).read();
      expect(families[0]).toMatchObject({ interventions: [], consents: [] }); // filled in by the schema
    }
    expect(existsSync(knownGoodPath(path))).toBe(false);
  });

  it('can only vouch for what reads back as itself: famcoord writes states the schema leaves unchanged', () => {
    const demo = generateDemo({ families: 40, seed: 7, today: '2026-11-24' });
    const written = JSON.parse([...serializeState(demo)].join('')) as unknown;
    expect(parseState(written)).toEqual(written);
  });

});

/** Reads the store until a read has added the store file's status to its mark (once its last change is old enough): the status line. */
async function statusRecorded(path: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await new JsonFileStore(path).read();
    const [, status] = readFileSync(knownGoodPath(path), 'utf8').split('\n');
    if (status) return status;
    if (Date.now() > deadline) throw new Error('no read recorded the store file status in its mark within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe("the known-good mark's record of the store file's status (reads without hashing)", () => {
  it('is added by a read once the store is old enough, and is the status of the store file as it is', async () => {
    const store = await writtenByFamcoord();
    const status = await statusRecorded(store.path);
    expect(status).toBe(statusLine(statSync(store.path, { bigint: true })));
    const [hash] = readFileSync(knownGoodPath(store.path), 'utf8').split('\n');
    expect(hash).toBe(markOf(readFileSync(store.path))); // the hash stays, for reads the status does not vouch for
    expect(statSync(knownGoodPath(store.path)).mode & 0o777).toBe(0o600);
  });

  it('vouches for the store by its status alone: the bytes are not hashed', async () => {
    const store = await writtenByFamcoord();
    // Bytes the schema would refuse, beside a mark whose hash is wrong but whose status is this
    // file's: read as they are, so the hash was never compared.
    writeFileSync(store.path, readFileSync(store.path, 'utf8').replace('"score":4', '"score":"four"'));
    writeFileSync(knownGoodPath(store.path), `${'0'.repeat(64)}\n${statusLine(statSync(store.path, { bigint: true }))}`);
    const read = await new JsonFileStore(store.path).read();
    expect(read.families[0]?.goals[0]?.progress[0]?.score).toBe('four');
  });

  it('notices an edit in place that keeps the size and the modification time (the change time moves)', async () => {
    const store = await writtenByFamcoord();
    // A whole second, which utimes can set back exactly (it takes no nanoseconds).
    const wholeSecond = Math.floor(Date.now() / 1000) - 60;
    utimesSync(store.path, wholeSecond, wholeSecond);
    await statusRecorded(store.path);
    const before = statSync(store.path, { bigint: true });
    const text = readFileSync(store.path, 'utf8');
    const edited = text.replace('"score":4', '"scor":44'); // as long, and refused by the schema
    expect(edited.length).toBe(text.length);
    writeFileSync(store.path, edited);
    utimesSync(store.path, wholeSecond, wholeSecond);
    const after = statSync(store.path, { bigint: true });
    expect([after.ino, after.size, after.mtimeNs]).toEqual([before.ino, before.size, before.mtimeNs]);
    await expect(new JsonFileStore(store.path).read()).rejects.toThrow(/progress\[0\]/);
  });

  it('vouches for nothing under other rules: a status recorded with another fingerprint needs the hash', async () => {
    const store = await writtenByFamcoord();
    writeFileSync(store.path, readFileSync(store.path, 'utf8').replace('"score":4', '"score":"four"'));
    const line = statusLine(statSync(store.path, { bigint: true })) as string;
    writeFileSync(knownGoodPath(store.path), `${'0'.repeat(64)}\n${`other${line.slice(line.indexOf(':'))}`}`);
    await expect(new JsonFileStore(store.path).read()).rejects.toThrow(/progress\[0\]\.score/);
  });

  it('is not recorded by a read right after a write (a change in the same clock tick could share the status)', async () => {
    const store = await writtenByFamcoord();
    await new JsonFileStore(store.path).read();
    const [, status] = readFileSync(knownGoodPath(store.path), 'utf8').split('\n');
    // Only a read at least STATUS_MARGIN_NS after the store's last change (by the file system's clock) records it.
    if (status !== undefined) {
      const gap = statSync(knownGoodPath(store.path), { bigint: true }).mtimeNs - statSync(store.path, { bigint: true }).ctimeNs;
      expect(gap >= STATUS_MARGIN_NS).toBe(true);
    }
  });

  it('is dropped by the next write, whose new file has a status of its own', async () => {
    const store = await writtenByFamcoord();
    await statusRecorded(store.path);
    await store.transact([OperationSchema.parse({ op: 'goal.progress', goalId: 'g1', score: 6 })], META);
    expect(readFileSync(knownGoodPath(store.path), 'utf8')).toBe(markOf(readFileSync(store.path)));
  });
});

