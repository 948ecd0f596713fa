import { execFileSync } from 'node:child_process';
import { chmodSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAuditEntries, auditLogPathFor } from '../../src/store/auditLog.js';
import { backupPath } from '../../src/store/backups.js';
import { StoreError } from '../../src/store/errors.js';
import { JsonFileStore } from '../../src/store/jsonStore.js';
import { knownGoodPath, markKnownGood } from '../../src/store/knownGood.js';
import { setAsidePathFor } from '../../src/store/auditLog.js';
import { pendingErasePathFor } from '../../src/store/pendingErase.js';
import { checkStoreFiles, fileInTheWay, openRegular, outputProblem, readRegularFile, sharedFolderMode, storeFileRole } from '../../src/store/pathGuard.js';
import { SqliteStore } from '../../src/store/sqliteStore.js';
import { family, state } from '../helpers/fixtures.js';

const META = { user: 'tester', source: 'test', today: '2026-11-24' };
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'famcoord-paths-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function refusal(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe('the store files the guard knows', () => {
  it('are the names the store modules give them, and nothing else beside the store', () => {
    const store = '/x/s.json';
    for (const path of [store, auditLogPathFor(store), knownGoodPath(store), `${store}.lock`, backupPath(store, 1), backupPath(store, 42), `${store}-wal`, `${store}-shm`, `${store}-journal`, setAsidePathFor(auditLogPathFor(store)), pendingErasePathFor(store)])
      expect(storeFileRole(basename(path), 's.json'), path).toBeDefined();
    for (const name of ['s.json.notes', 's.json2', 's.json.bak.', 's.json-copy', 'other.json']) expect(storeFileRole(name, 's.json'), name).toBeUndefined();
  });
});

describe('an output path', () => {
  function layout() {
    const dir = tempDir();
    const store = join(dir, 'store', 's.json');
    mkdirSync(join(dir, 'store'));
    writeFileSync(store, '{}');
    symlinkSync(join(dir, 'store'), join(dir, 'linkdir'));
    return { dir, store };
  }

  it('is refused when it reaches the store or a file beside it through a symlinked folder or file', async () => {
    const { dir, store } = layout();
    expect(await outputProblem(join(dir, 'linkdir', 's.json'), store)).toBe('store');
    expect(await outputProblem(join(dir, 'linkdir', 's.json.lock'), store)).toBe('store');
    expect(await outputProblem(join(dir, 'linkdir', 's.json.bak.3'), store)).toBe('store');
    expect(await outputProblem(join(dir, 'linkdir', 's.json-wal'), store)).toBe('store');
    // The store reached through the link, the output by its real path.
    expect(await outputProblem(store, join(dir, 'linkdir', 's.json'))).toBe('store');
    symlinkSync(store, join(dir, 'pointer.csv'));
    expect(await outputProblem(join(dir, 'pointer.csv'), store)).toBe('store');
  });

  it('is refused when it is a hard link to the store under another name', async () => {
    const { dir, store } = layout();
    linkSync(store, join(dir, 'copy.json'));
    expect(await outputProblem(join(dir, 'copy.json'), store)).toBe('store');
  });

  it('is a folder with a trailing slash or when a folder is there, whether or not it exists', async () => {
    const { dir, store } = layout();
    expect(await outputProblem(`${join(dir, 'new')}/`, store)).toBe('folder');
    expect(await outputProblem(join(dir, 'linkdir'), store)).toBe('folder');
  });

  it('is allowed anywhere else, in a symlinked folder too', async () => {
    const { dir, store } = layout();
    expect(await outputProblem(join(dir, 'linkdir', 'goals.csv'), store)).toBeUndefined();
    expect(await outputProblem(join(dir, 'linkdir', 'new', 's.json'), store)).toBeUndefined();
    expect(await outputProblem(join(dir, 's.json'), store)).toBeUndefined();
  });
});

describe('opening a store file', () => {
  it('refuses a link and a FIFO, without waiting on the FIFO', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'real'), 'x');
    symlinkSync(join(dir, 'real'), join(dir, 'link'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect((await refusal(openRegular(join(dir, 'link'), 'the store'))).message).toMatch(/^the store .*link is a symbolic link, not a regular file/);
    expect((await refusal(openRegular(join(dir, 'fifo'), 'the store'))).message).toMatch(/is a FIFO \(named pipe\), not a regular file/);
    expect((await refusal(openRegular(dir, 'the store'))).message).toMatch(/is a folder, not a regular file/);
    const handle = await openRegular(join(dir, 'real'), 'the store');
    await handle.close();
    await expect(openRegular(join(dir, 'missing'), 'the store')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reads a whole file (synchronously, issue 19) with the same refusals', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'real'), 'the bytes');
    symlinkSync(join(dir, 'real'), join(dir, 'link'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect((await refusal(readRegularFile(join(dir, 'link'), "the store's known-good mark"))).message).toMatch(/^the store's known-good mark .*link is a symbolic link, not a regular file/);
    expect((await refusal(readRegularFile(join(dir, 'fifo'), 'the store'))).message).toMatch(/is a FIFO \(named pipe\), not a regular file/);
    expect((await refusal(readRegularFile(dir, 'the store'))).message).toMatch(/is a folder, not a regular file/);
    expect((await readRegularFile(join(dir, 'real'), 'the store')).toString('utf8')).toBe('the bytes');
    await expect(readRegularFile(join(dir, 'missing'), 'the store')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('never writes through a linked mark or audit log', async () => {
    const dir = tempDir();
    const store = join(dir, 's.json');
    const target = join(dir, 'target');
    writeFileSync(target, 'kept');
    symlinkSync(target, knownGoodPath(store));
    symlinkSync(target, auditLogPathFor(store));
    await markKnownGood(store, 'a'.repeat(64));
    await expect(appendAuditEntries(auditLogPathFor(store), [{ step: 1, time: '', user: 'u', source: 's', ops: [], familyIds: [], before: {} }])).rejects.toThrow(/symbolic link/);
    expect(readFileSync(target, 'utf8')).toBe('kept');
    expect(lstatSync(knownGoodPath(store)).isSymbolicLink()).toBe(true);
  });
});

describe('writing a store', () => {
  it('refuses a symlinked JSON store and leaves the link and its target as they were', async () => {
    const dir = tempDir();
    const real = new JsonFileStore(join(dir, 'real.json'));
    await real.create(state(family('f1')));
    const before = readFileSync(real.path);
    symlinkSync(real.path, join(dir, 'link.json'));
    const linked = new JsonFileStore(join(dir, 'link.json'));
    expect((await refusal(linked.transact([], META))).message).toMatch(/symbolic link/);
    expect((await refusal(linked.read())).message).toMatch(/symbolic link/);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(real.path).equals(before)).toBe(true);
  });

  it('refuses a symlinked SQLite store, and a SQLite journal that is a link', async () => {
    const dir = tempDir();
    const real = new SqliteStore(join(dir, 'real.sqlite'));
    await real.create(state(family('f1')));
    real.close();
    symlinkSync(real.path, join(dir, 'link.sqlite'));
    expect((await refusal(new SqliteStore(join(dir, 'link.sqlite')).read())).message).toMatch(/symbolic link/);
    symlinkSync(join(dir, 'elsewhere'), `${real.path}-journal`);
    expect((await refusal(new SqliteStore(real.path).read())).message).toMatch(/SQLite journal .* is a symbolic link/);
  });

  it('refuses a FIFO as the store and any of its files', async () => {
    const dir = tempDir();
    const store = join(dir, 's.json');
    execFileSync('mkfifo', [`${store}.bak.2`]);
    expect((await refusal(checkStoreFiles(store))).message).toMatch(/^a backup of the store .*s\.json\.bak\.2 is a FIFO/);
  });

  it('refuses a folder others can write to, unless it is sticky and ours', async () => {
    const dir = tempDir();
    const store = join(dir, 's.json');
    chmodSync(dir, 0o777);
    expect(await sharedFolderMode(store)).toBe(0o777);
    expect((await refusal(new JsonFileStore(store).create(state()))).message).toMatch(/can be written by other users \(mode 777\)/);
    chmodSync(dir, 0o1777);
    expect(await sharedFolderMode(store)).toBeUndefined();
    chmodSync(dir, 0o700);
    expect(await sharedFolderMode(store)).toBeUndefined();
  });

  it('names the file that stands where a folder is needed, and creates nothing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'afile'), '');
    expect(await fileInTheWay(join(dir, 'afile', 'sub', 's.json'))).toBe(join(dir, 'afile'));
    expect(await fileInTheWay(join(dir, 'new', 'sub', 's.json'))).toBeUndefined();
    const error = await refusal(new JsonFileStore(join(dir, 'afile', 'sub', 's.json')).create(state()));
    expect(error.message).toBe(`cannot create ${join(dir, 'afile', 'sub', 's.json')}: ${join(dir, 'afile')} is a file, not a folder; nothing was created`);
  });

  it('makes no folder for a store that does not exist', async () => {
    const dir = tempDir();
    const store = new JsonFileStore(join(dir, 'nope', 'deeper', 's.json'));
    expect((await refusal(store.transact([], META))).kind).toBe('missing');
    expect(() => lstatSync(join(dir, 'nope'))).toThrow();
  });
});
