// What real machines do: the disk fills up, a file system turns read-only, someone loosens a
// file's mode. Each gives a clear error and leaves the old store intact, and famcoord's files
// end up 0600 again after every write.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperationSchema } from '../../src/domain/operations.js';
import { StoreError } from '../../src/store/errors.js';
import { JsonFileStore } from '../../src/store/jsonStore.js';
import { runCli } from '../helpers/cli.js';
import { storeFileContent } from '../helpers/storeFiles.js';
import { family, goal, state } from '../helpers/fixtures.js';

const META = { user: 'tester', source: 'test', today: '2026-11-24' };
const progress = (note: string, times = 1) => Array.from({ length: times }, () => OperationSchema.parse({ op: 'goal.progress', goalId: 'g1', score: 5, note }));

// A small tmpfs needs root (CI and these machines run as root); elsewhere the test says so and skips.
const mountDir = mkdtempSync(join(tmpdir(), 'famcoord-tmpfs-'));
const canMount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', mountDir]).status === 0;
if (!canMount) console.log('failures: cannot mount a tmpfs here (not root); disk-full and read-only tests skipped');

describe.runIf(canMount)('a full disk and a read-only file system', () => {
  const storePath = join(mountDir, 'store.json');
  let before: Buffer;
  beforeAll(async () => {
    await new JsonFileStore(storePath).create(state(family('f1', { goals: [goal('g1', '2026-12-01')] })));
    before = readFileSync(storePath);
  });
  afterAll(() => {
    spawnSync('umount', [mountDir]);
    rmSync(mountDir, { recursive: true, force: true });
  });

  it('says the disk is full, and keeps the old store whole with no temp file left', async () => {
    // Twelve notes of 9,000 characters: more than the 64 KB disk holds.
    const error = await new JsonFileStore(storePath).transact(progress('x'.repeat(9_000), 12), META).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toMatch(/no space left on the device \(ENOSPC\); the old store is unchanged/);
    expect(readFileSync(storePath).equals(before)).toBe(true);
    expect(readdirSync(mountDir).filter((n) => n.includes('.tmp-'))).toEqual([]);
    const batch = join(tmpdir(), `famcoord-full-${process.pid}.jsonl`);
    writeFileSync(batch, Array.from({ length: 12 }, () => JSON.stringify({ op: 'goal.progress', goalId: 'g1', score: 5, note: 'y'.repeat(9_000) })).join('\n'));
    const cli = runCli(['batch', batch, '--store', storePath]);
    rmSync(batch);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/^famcoord: cannot write the store .*no space left/);
    expect(readFileSync(storePath).equals(before)).toBe(true);
    expect(cli.stderr).not.toContain('yyyy');
  });

  it('says the file system is read-only, and keeps the old store', async () => {
    execFileSync('mount', ['-o', 'remount,ro', mountDir]);
    try {
      const error = await new JsonFileStore(storePath).transact(progress('small'), META).catch((e: unknown) => e);
      expect((error as StoreError).message).toMatch(/read-only \(EROFS\)/);
      expect(readFileSync(storePath).equals(before)).toBe(true);
      // Reading still works: the coordinator can see today's list on a read-only disk.
      expect(runCli(['today', '--json', '--store', storePath]).code).toBe(0);
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', mountDir]);
    }
  });
});

describe('file modes', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'famcoord-modes-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('tightens a loosened store and log back to 0600 on the next write, whatever the umask', async () => {
    const previous = process.umask(0o000);
    try {
      const store = new JsonFileStore(join(dir, 'new', 'deeper', 'store.json'));
      await store.create(state(family('f1', { goals: [goal('g1', '2026-12-01')] })));
      expect(statSync(join(dir, 'new')).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, 'new', 'deeper')).mode & 0o777).toBe(0o700);
      await store.transact(progress('one'), META);
      chmodSync(store.path, 0o644);
      chmodSync(`${store.path}.audit.jsonl`, 0o666);
      await store.transact(progress('two'), META);
      expect(statSync(store.path).mode & 0o777).toBe(0o600);
      expect(statSync(`${store.path}.audit.jsonl`).mode & 0o777).toBe(0o600);
      await store.undo(META);
      expect(statSync(store.path).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it('leaves a folder it did not create alone', async () => {
    const shared = join(dir, 'shared');
    mkdirSync(shared, { mode: 0o755 });
    chmodSync(shared, 0o755);
    await new JsonFileStore(join(shared, 'store.json')).create(state());
    expect(statSync(shared).mode & 0o777).toBe(0o755);
    expect(statSync(join(shared, 'store.json')).mode & 0o777).toBe(0o600);
  });
});

// A step that fails leaves the last good state: the store, its backups and its audit log as they
// were. A full disk is made exact on a small tmpfs: a filler file leaves just the pages wanted.
describe.runIf(canMount)('a step that fails on a full disk', () => {
  const diskDir = mkdtempSync(join(tmpdir(), 'famcoord-tmpfs-'));
  const storePath = join(diskDir, 'store.json');
  const logPath = `${storePath}.audit.jsonl`;
  const filler = join(diskDir, 'filler');
  const files = () => Object.fromEntries(readdirSync(diskDir).filter((n) => n !== 'filler').map((n) => [n, storeFileContent(join(diskDir, n))]));
  const PAGE = 4096;
  const pages = (bytes: number) => Math.ceil(bytes / PAGE);
  /** Fills the disk so that `free` pages are left. */
  function leaveFree(free: number): void {
    rmSync(filler, { force: true });
    const { bavail, bsize } = statfsSync(diskDir);
    expect(bsize).toBe(PAGE);
    writeFileSync(filler, Buffer.alloc((bavail - free) * PAGE));
  }

  beforeAll(async () => {
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', diskDir]).status !== 0) throw new Error('cannot mount a tmpfs');
    const store = new JsonFileStore(storePath);
    await store.create(state(family('f1', { goals: [goal('g1', '2026-12-01')] })));
    for (const note of ['one', 'two', 'three']) await store.transact(progress(note), META);
  });
  afterAll(() => {
    spawnSync('umount', [diskDir]);
    rmSync(diskDir, { recursive: true, force: true });
  });

  it('leaves the backups as they were after five failed writes', async () => {
    const before = files();
    expect(Object.keys(before).filter((n) => n.includes('.bak.'))).toHaveLength(3);
    // Room for the lock and a little more, never for a store with 45,000 more characters of notes.
    leaveFree(3);
    for (let i = 0; i < 5; i++) {
      const error = await new JsonFileStore(storePath).transact(progress('x'.repeat(9_000), 5), META).catch((e: unknown) => e);
      expect((error as StoreError).message).toMatch(/no space left on the device \(ENOSPC\)/);
    }
    rmSync(filler);
    expect(files()).toEqual(before);
  });

  it('writes an audit line whole or not at all: a full disk part way through it changes nothing', async () => {
    // The same step on a copy of the store elsewhere says how large the new store and its line are.
    const copy = mkdtempSync(join(tmpdir(), 'famcoord-measure-'));
    for (const name of ['store.json', 'store.json.audit.jsonl']) writeFileSync(join(copy, name), readFileSync(join(diskDir, name)));
    const notes = progress('y'.repeat(9_000), 5);
    await new JsonFileStore(join(copy, 'store.json')).transact(notes, META);
    const storeSize = statSync(join(copy, 'store.json')).size;
    const logSize = statSync(logPath).size;
    const logPages = pages(statSync(join(copy, 'store.json.audit.jsonl')).size) - pages(logSize);
    rmSync(copy, { recursive: true });
    expect(logPages).toBeGreaterThanOrEqual(8);

    // Room for the lock, the whole new store, and half of the new audit line.
    const before = files();
    leaveFree(1 + pages(storeSize) + Math.floor(logPages / 2));
    const error = await new JsonFileStore(storePath).transact(notes, META).catch((e: unknown) => e);
    expect((error as StoreError).message).toBe(`cannot write the audit log ${logPath}: no space left on the device (ENOSPC); the store is unchanged`);
    rmSync(filler);
    expect(files()).toEqual(before);

    // With room again the next step follows on, and undo takes back the step before it.
    const store = new JsonFileStore(storePath);
    expect((await store.transact(progress('four'), META)).step).toBe(4);
    expect((await store.undo(META)).undid).toBe(4);
    expect((await store.history()).map((e) => e.step)).toEqual([1, 2, 3, 4, 5]);
  });
});
