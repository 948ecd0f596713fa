// The code cache (issue 19, bin/famcoord.js): made by a first run, used by the next, in a folder
// of the user's own, and never a cause of a wrong answer: a damaged, cut-short or foreign cache
// file, a damaged or missing entry of one program file, or a cache folder others can write to,
// only costs time.
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandbox } from '../helpers/cli.js';

const DATE = '2026-11-24';
const DIST = resolve(import.meta.dirname, '../../dist');
const box = sandbox();
afterAll(() => box.cleanup());

let expected: string;
beforeAll(() => {
  expect(box.run(['demo', '--families', '6', '--seed', '2', '--date', DATE]).code).toBe(0);
  expected = box.run(['today', '--json', '--date', DATE], { env: { FAMCOORD_CODE_CACHE: '0' } }).stdout;
  expect(expected).toContain('"meetings"');
});

let folders = 0;
/** Runs `today` with its cache in `root`: its output must be the uncached run's. */
function today(root: string) {
  const result = box.run(['today', '--json', '--date', DATE], { env: { FAMCOORD_CACHE_DIR: root } });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toBe(expected);
}
const freshRoot = () => join(box.dir, `cache-${++folders}`);
/** The one build's folder under `root`, and its cache file for `today`. */
function cacheFile(root: string): string {
  const [folder, ...others] = readdirSync(root);
  expect(others).toEqual([]);
  expect(folder).toMatch(/^v8-[0-9a-f]{24}-nodev\d+\.\d+\.\d+-\w+$/);
  return join(root, folder as string, 'today.v8cache');
}

/** `length` rounded up to a multiple of 8: the cache file's padding. */
const aligned = (length: number) => Math.ceil(length / 8) * 8;

/** The cache file's entries (see codeCache in bin/famcoord.js): each program file's V8 data, twice, each copy at an offset of 8. */
function entriesOf(bytes: Buffer): { key: string; entries: { name: string; at: number; start: number; copyAt: number; end: number; data: Buffer; copy: Buffer }[] } {
  const keyLength = bytes.readUInt32LE(0);
  const entries = [];
  for (let at = aligned(4 + keyLength); at < bytes.length; ) {
    const nameLength = bytes.readUInt32LE(at);
    const dataLength = bytes.readUInt32LE(at + 4);
    const start = aligned(at + 8 + nameLength);
    const copyAt = start + aligned(dataLength);
    const end = copyAt + aligned(dataLength);
    entries.push({ name: bytes.toString('latin1', at + 8, at + 8 + nameLength), at, start, copyAt, end, data: bytes.subarray(start, start + dataLength), copy: bytes.subarray(copyAt, copyAt + dataLength) });
    at = end;
  }
  return { key: bytes.toString('latin1', 4, 4 + keyLength), entries };
}

/** Each entry of the cache file holds two equal copies of a program file's data: `names` and no other. */
function expectSound(file: string, names: string[]) {
  const { entries } = entriesOf(readFileSync(file));
  expect(entries.map((e) => e.name).sort()).toEqual([...names].sort());
  for (const entry of entries) expect(entry.data.equals(entry.copy), entry.name).toBe(true);
}

describe('the code cache', () => {
  it('is made by the first run, private to the user, and used by the next', () => {
    const root = freshRoot();
    today(root);
    const file = cacheFile(root);
    expect(statSync(root).mode & 0o777).toBe(0o700);
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const made = readFileSync(file);
    const { key, entries } = entriesOf(made);
    expect(key).toBe(basename(join(file, '..')));
    // `today` on a JSON store runs the entry file, which holds its command (src/cli/quickArgs.ts), and no more of the program.
    expect(entries.map((e) => e.name)).toContain('famcoord.cjs');
    expect(entries.length).toBeGreaterThanOrEqual(1);
    expect(entries.length).toBeLessThan(readdirSync(DIST).filter((f) => f.endsWith('.cjs')).length / 4);
    // Each copy at an offset of 8 (V8 copies cached data that is not aligned to a pointer), the file no longer than its padded entries.
    for (const entry of entries) expect([entry.start % 8, entry.copyAt % 8]).toEqual([0, 0]);
    expect(entries.at(-1)?.end).toBe(made.length);
    today(root);
    expect(readFileSync(file).equals(made)).toBe(true); // accepted: not made again
  });

  it('is not made by a run that failed, whose path is not the usual one; the next run that succeeds makes it', () => {
    const root = freshRoot();
    const refused = box.run(['today', '--json', '--date', '2026-13-01'], { env: { FAMCOORD_CACHE_DIR: root } });
    expect(refused.code).toBe(2);
    expect(existsSync(root) ? readdirSync(root).flatMap((folder) => readdirSync(join(root, folder))) : []).toEqual([]);
    today(root);
    expectSound(cacheFile(root), entriesOf(readFileSync(cacheFile(root))).entries.map((e) => e.name));
  });

  it("keeps what other runs of the command loaded, and is not made again by a run that loads less", () => {
    const root = freshRoot();
    const sqlite = join(box.dir, 'store.sqlite');
    expect(box.run(['demo', '--families', '6', '--seed', '2', '--date', DATE, '--store', sqlite], { store: false }).code).toBe(0);
    today(root);
    const file = cacheFile(root);
    const jsonFiles = entriesOf(readFileSync(file)).entries.map((e) => e.name);
    // The SQLite store's code is in files of its own, which `today` on a JSON store does not load.
    const result = box.run(['today', '--json', '--date', DATE, '--store', sqlite], { env: { FAMCOORD_CACHE_DIR: root }, store: false });
    expect(result.code, result.stderr).toBe(0);
    const both = entriesOf(readFileSync(file)).entries.map((e) => e.name);
    expect(both.length).toBeGreaterThan(jsonFiles.length);
    expect(both).toEqual(expect.arrayContaining(jsonFiles));
    const made = readFileSync(file);
    today(root);
    expect(readFileSync(file).equals(made)).toBe(true);
  });

  it("costs only the compiling of one program file when that file's entry is missing or damaged", () => {
    const root = freshRoot();
    today(root);
    const file = cacheFile(root);
    const good = readFileSync(file);
    const { entries } = entriesOf(good);
    const names = entries.map((e) => e.name);
    for (const entry of entries) {
      // Missing: the cache file without this entry.
      writeFileSync(file, Buffer.concat([good.subarray(0, entry.at), good.subarray(entry.end)]), { mode: 0o600 });
      today(root);
      expectSound(file, names); // made whole again
      // Damaged in either copy, or its length made longer than the file.
      for (const at of [entry.at + 8 + entry.name.length + 100, entry.end - 100, entry.at + 4]) {
        const damaged = Buffer.from(good);
        for (let i = at; i < at + 4; i++) damaged[i] = (damaged[i] as number) ^ 0x5a;
        writeFileSync(file, damaged, { mode: 0o600 });
        today(root);
        expectSound(file, names);
      }
    }
  });

  it('costs only time when damaged or cut short, and is made again', () => {
    const root = freshRoot();
    today(root);
    const file = cacheFile(root);
    const good = readFileSync(file);
    // V8 does not check a cache's contents: without famcoord's checksum this crashes or misbehaves.
    for (const at of [0.1, 0.5, 0.9]) {
      const damaged = Buffer.from(good);
      const from = Math.floor(damaged.length * at);
      for (let i = from; i < from + 64; i++) damaged[i] = (damaged[i] as number) ^ 0x5a;
      writeFileSync(file, damaged, { mode: 0o600 });
      today(root);
      expect(readFileSync(file).length).toBeGreaterThan(32);
      today(root);
    }
    for (const length of [0, 10, 32, Math.floor(good.length / 2), good.length - 1]) {
      writeFileSync(file, good.subarray(0, length), { mode: 0o600 });
      today(root);
    }
  });

  it('is not trusted across builds or Node versions: another folder is not read', () => {
    const root = freshRoot();
    today(root);
    const file = cacheFile(root);
    const other = join(root, 'v8-000000000000000000000000-nodev0.0.0-x64');
    mkdirSync(other, { mode: 0o700 });
    writeFileSync(join(other, 'today.v8cache'), readFileSync(file), { mode: 0o600 });
    // Nor is a file that is not a cache of this build.
    writeFileSync(join(file, '..', 'families.v8cache'), Buffer.alloc(64, 1), { mode: 0o600 });
    expect(box.run(['families', '--json'], { env: { FAMCOORD_CACHE_DIR: root } }).code).toBe(0);
    today(root);
    // Nor another build's cache file put in this build's folder: its key is not this one's.
    const made = readFileSync(file);
    const foreign = Buffer.from(made);
    foreign.write('000000', 7, 'latin1'); // in the build id, after "v8-"
    writeFileSync(file, foreign, { mode: 0o600 });
    today(root);
    expect(readFileSync(file).equals(foreign)).toBe(false);
    expectSound(file, entriesOf(made).entries.map((e) => e.name));
  });

  it('is neither read nor written where others could change it, nor through a symlink', () => {
    const shared = freshRoot();
    mkdirSync(shared, { mode: 0o700 });
    chmodSync(shared, 0o777);
    today(shared);
    expect(readdirSync(shared)).toEqual([]);

    const root = freshRoot();
    today(root);
    const file = cacheFile(root);
    const elsewhere = join(box.dir, 'elsewhere');
    writeFileSync(elsewhere, 'not a cache', { mode: 0o600 });
    rmSync(file);
    symlinkSync(elsewhere, file);
    today(root);
    expect(readFileSync(elsewhere, 'utf8')).toBe('not a cache');
    expect(lstatSync(file).isSymbolicLink()).toBe(false); // replaced by a file of its own, not written through
  });

  it('is not made with FAMCOORD_CODE_CACHE=0', () => {
    const root = freshRoot();
    expect(box.run(['today', '--json', '--date', DATE], { env: { FAMCOORD_CACHE_DIR: root, FAMCOORD_CODE_CACHE: '0' } }).stdout).toBe(expected);
    expect(existsSync(root)).toBe(false);
  });

  it("is kept in the user's cache folder without FAMCOORD_CACHE_DIR: XDG_CACHE_HOME's, else HOME's .cache (HOME read as os.homedir() reads it)", () => {
    const home = join(box.dir, 'home');
    const xdg = join(box.dir, 'xdg');
    for (const [env, root] of [
      [{ HOME: home, XDG_CACHE_HOME: '' }, join(home, '.cache', 'famcoord')],
      [{ HOME: home, XDG_CACHE_HOME: xdg }, join(xdg, 'famcoord')],
    ] as const) {
      const result = box.run(['today', '--json', '--date', DATE], { env: { ...env, FAMCOORD_CACHE_DIR: '' } });
      expect(result.stdout).toBe(expected);
      expectSound(cacheFile(root), entriesOf(readFileSync(cacheFile(root))).entries.map((e) => e.name));
    }
  });
});
