// The code cache (issue 19, bin/famcoord.js): made by a first run, used by the next, in a folder
// of the user's own, and never a cause of a wrong answer: a damaged, cut-short or foreign cache
// file, or a cache folder others can write to, only costs time.
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandbox } from '../helpers/cli.js';

const DATE = '2026-11-24';
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

describe('the code cache', () => {
  it('is made by the first run, private to the user, and used by the next', () => {
    const root = freshRoot();
    today(root);
    const file = cacheFile(root);
    expect(statSync(root).mode & 0o777).toBe(0o700);
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const made = readFileSync(file);
    today(root);
    expect(readFileSync(file).equals(made)).toBe(true); // accepted: not made again
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
    for (const length of [0, 10, 32, Math.floor(good.length / 2)]) {
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
});
