// Nothing is written through a name famcoord did not create (issue 14 items 1, 5, 11; issue 15's
// path errors): each case is a repro from the issue, run as a user would.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '../helpers/cli.js';

const DATE = '2026-11-24';
const ADD = ['families', 'add', '--name', 'Familien Holm', '--member', 'Ida Holm:adult', '--date', DATE];
let box: Sandbox;
afterEach(() => box.cleanup());

/** A sandbox whose store (in its own folder, store/s.json) holds the demo. */
function demoIn(folder = 'store'): string {
  box = sandbox();
  mkdirSync(join(box.dir, folder), { mode: 0o700 });
  const store = join(box.dir, folder, 's.json');
  expect(box.run(['demo', '--families', '3', '--date', DATE, '--store', store], { store: false }).code).toBe(0);
  return store;
}

const at = (store: string, ...args: string[]) => box.run([...args, '--store', store], { store: false });
const oneLine = (stderr: string) => expect(stderr).toMatch(/^famcoord: [^\n]+\n$/);

describe('outputs never land on the store (issue 14.1)', () => {
  it('refuses --out through a symlinked folder to the store, its lock or its backups', () => {
    const store = demoIn();
    const before = readFileSync(store);
    symlinkSync(join(box.dir, 'store'), join(box.dir, 'linkdir'));
    for (const name of ['s.json', 's.json.lock', 's.json.bak.1', 's.json.audit.jsonl']) {
      const result = at(store, 'export', '--csv', 'goals', '--out', join('linkdir', name));
      expect(result.code, name).toBe(2);
      expect(result.stderr).toMatch(/--out must not be the store or a file beside it/);
    }
    expect(readFileSync(store).equals(before)).toBe(true);
    expect(readdirSync(join(box.dir, 'store')).sort()).toEqual(['s.json', 's.json.checked']);
    // A file of its own in the same folder is fine.
    expect(at(store, 'export', '--csv', 'goals', '--out', join('linkdir', 'goals.csv')).code).toBe(0);
  });

  it('refuses migrate --to the store through a symlinked folder', () => {
    const store = demoIn();
    symlinkSync(join(box.dir, 'store'), join(box.dir, 'linkdir'));
    const result = at(store, 'migrate', '--to', join('linkdir', 's.json.lock'));
    expect(result.code).toBe(2);
    expect(existsSync(`${store}.lock`)).toBe(false);
  });
});

describe('the store and its files are regular files (issue 14.5)', () => {
  it('refuses a symlinked store: the link stays a link and its target is unchanged', () => {
    const store = demoIn();
    const before = readFileSync(store);
    const link = join(box.dir, 'link.json');
    symlinkSync(store, link);
    for (const args of [ADD, ['families']]) {
      const result = at(link, ...args);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`famcoord: the store ${link} is a symbolic link, not a regular file; famcoord does not follow links to its files: use the path of the file itself. Nothing was changed\n`);
    }
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(store).equals(before)).toBe(true);
  });

  it.each(['s.json.audit.jsonl', 's.json.checked', 's.json.bak.1'])('refuses a linked %s before changing anything, and never writes through it', (name) => {
    const store = demoIn();
    const before = readFileSync(store);
    const target = join(box.dir, 'elsewhere');
    writeFileSync(target, 'not famcoord');
    rmSync(join(box.dir, 'store', name), { force: true });
    symlinkSync(target, join(box.dir, 'store', name));
    const result = at(store, ...ADD);
    expect(result.code).toBe(1);
    oneLine(result.stderr);
    expect(result.stderr).toMatch(/is a symbolic link, not a regular file; famcoord does not follow links to its files: put the file itself in place of the link/);
    expect(readFileSync(store).equals(before)).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('not famcoord');
    expect(at(store, 'doctor').stdout).toMatch(/is a symbolic link, not a regular file/);
  });

  it('refuses to write a store in a folder others can write to; doctor says why', () => {
    const store = demoIn();
    const before = readFileSync(store);
    chmodSync(join(box.dir, 'store'), 0o777);
    const result = at(store, ...ADD);
    expect(result.code).toBe(1);
    oneLine(result.stderr);
    expect(result.stderr).toMatch(/the folder .*store can be written by other users \(mode 777\), so famcoord does not write the store/);
    expect(readFileSync(store).equals(before)).toBe(true);
    expect(at(store, 'families').code).toBe(0); // reading is still allowed
    const doctor = JSON.parse(at(store, 'doctor', '--json').stdout);
    expect(doctor.problems.join('\n')).toMatch(/can be written by other users \(mode 777\)/);
    // A sticky folder of our own (like a private /tmp) is safe: others cannot replace what we made.
    chmodSync(join(box.dir, 'store'), 0o1777);
    expect(at(store, ...ADD).code).toBe(0);
  });
});

describe('a FIFO as the store fails fast and leaves no lock (issue 14.11)', () => {
  for (const name of ['s.json', 's.sqlite']) {
    it(`refuses ${name} that is a FIFO, reading or writing`, () => {
      box = sandbox();
      const fifo = join(box.dir, name);
      execFileSync('mkfifo', [fifo]);
      // runCli's own timeout (a minute) is the guard: before the fix these waited for ever.
      for (const args of [ADD, ['families'], ['init']]) {
        const result = at(fifo, ...args);
        expect(result.code, args.join(' ')).toBe(1);
        expect(result.stderr).toMatch(/is a FIFO \(named pipe\), not a regular file; famcoord keeps its data only in regular files/);
      }
      expect(readdirSync(box.dir).filter((n) => n.startsWith(name))).toEqual([name]);
    });
  }
});

describe('path errors name the problem and create nothing (issue 15)', () => {
  it('init under a file', () => {
    box = sandbox();
    writeFileSync(join(box.dir, 'afile'), '');
    const store = join(box.dir, 'afile', 'sub', 's.json');
    const result = at(store, 'init');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`famcoord: cannot create ${store}: ${join(box.dir, 'afile')} is a file, not a folder; nothing was created\n`);
  });

  it('--store DIR/ names a folder, not a store', () => {
    box = sandbox();
    const result = at('newdir/', 'init');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("famcoord: the store newdir/ is a folder; name the store's file, e.g. newdir/store.json\n");
    expect(readdirSync(box.dir)).toEqual([]);
  });

  it('--out DIR/ and --out at an existing folder', () => {
    const store = demoIn();
    mkdirSync(join(box.dir, 'outdir'));
    const listing = () => readdirSync(box.dir).sort();
    const before = listing();
    for (const out of ['outdir/', 'outdir', 'newdir/']) {
      const result = at(store, 'export', '--all', '--out', out);
      expect(result.code, out).toBe(2);
      expect(result.stderr).toBe(`famcoord: --out ${out} is a folder; give a file name, e.g. --out ${join(out, 'familie-f3.json')}; nothing was written\n`);
    }
    expect(listing()).toEqual(before);
    expect(readdirSync(join(box.dir, 'outdir'))).toEqual([]);
  });

  it('families add to a store whose folder does not exist makes no folder', () => {
    box = sandbox();
    const store = join(box.dir, 'nope', 'deeper', 's.json');
    const result = at(store, ...ADD);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`famcoord: there is no store at ${store}; create one with famcoord init, or try famcoord demo\n`);
    expect(existsSync(join(box.dir, 'nope'))).toBe(false);
  });
});

describe('an empty store path is a usage error, not the default store', () => {
  it('--store "" (and blank) refuses, naming the flag, and reads or writes nothing', () => {
    box = sandbox();
    // A default store that the empty flag must not fall back to.
    const fallback = join(box.dir, 'data', 'famcoord', 'store.json');
    expect(at(fallback, 'demo', '--families', '2', '--date', DATE).code).toBe(0);
    const before = readFileSync(fallback);
    for (const value of ['', ' '])
      for (const args of [['today'], ['families'], ADD, ['init'], ['config'], []]) {
        const result = at(value, ...args);
        expect(result.code, `${JSON.stringify(value)} ${args.join(' ')}`).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe('famcoord: --store needs the path of the store, e.g. --store ~/sager/famcoord.json\n');
      }
    expect(readFileSync(fallback).equals(before)).toBe(true);
    expect(readdirSync(box.dir).sort()).toEqual(['data']);
  });

  it('config set-store "" refuses and leaves the config as it was', () => {
    box = sandbox();
    const store = join(box.dir, 'mine.json');
    expect(box.run(['config', 'set-store', store], { store: false }).code).toBe(0);
    const config = join(box.dir, 'config', 'config.json');
    const before = readFileSync(config, 'utf8');
    for (const value of ['', '  ']) {
      const result = box.run(['config', 'set-store', value], { store: false });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe('famcoord: famcoord config set-store needs the path of the store, e.g. famcoord config set-store ~/sager/famcoord.json\n');
    }
    expect(readFileSync(config, 'utf8')).toBe(before);
    expect(JSON.parse(box.run(['config', '--json'], { store: false }).stdout)).toMatchObject({ store, origin: 'config' });
  });
});

describe('demo refuses what is not a store file as every command does', () => {
  const notAFile = (path: string, kind: string) =>
    `famcoord: the store ${path} is ${kind}, not a regular file; famcoord keeps its data only in regular files. Nothing was changed\n`;

  it.each(['s.json', 's.sqlite'])('a folder, a FIFO and a symbolic link at %s: named as such, exit 1, nothing written', (name) => {
    box = sandbox();
    const folder = join(box.dir, 'folder', name);
    mkdirSync(folder, { recursive: true });
    const fifo = join(box.dir, 'fifo', name);
    mkdirSync(join(box.dir, 'fifo'));
    execFileSync('mkfifo', [fifo]);
    const target = join(box.dir, 'target.json');
    writeFileSync(target, 'not famcoord');
    const link = join(box.dir, 'link', name);
    mkdirSync(join(box.dir, 'link'));
    symlinkSync(target, link);
    const cases: Array<[string, string]> = [
      [folder, notAFile(folder, 'a folder')],
      [fifo, notAFile(fifo, 'a FIFO (named pipe)')],
      [link, `famcoord: the store ${link} is a symbolic link, not a regular file; famcoord does not follow links to its files: use the path of the file itself. Nothing was changed\n`],
    ];
    for (const [path, message] of cases)
      for (const replace of [[], ['--replace']]) {
        const result = at(path, 'demo', '--families', '2', '--date', DATE, ...replace);
        expect(result.code, `${path} ${replace.join('')}`).toBe(1);
        expect(result.stderr).toBe(message);
      }
    expect(readdirSync(folder)).toEqual([]);
    for (const sub of ['fifo', 'link']) expect(readdirSync(join(box.dir, sub))).toEqual([name]);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('not famcoord');
  });
});
