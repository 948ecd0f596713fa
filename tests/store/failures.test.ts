// What real machines do: the disk fills up, a file system turns read-only, someone loosens a
// file's mode. Each gives a clear error and leaves the old store intact, and famcoord's files
// end up 0600 again after every write.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperationSchema } from '../../src/domain/operations.js';
import { StoreError } from '../../src/store/errors.js';
import { JsonFileStore } from '../../src/store/jsonStore.js';
import { runCli } from '../helpers/cli.js';
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
