// Hostile input on the command line: ids that name Object.prototype's properties, and (below) text,
// files and streams crafted to break famcoord.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '../helpers/cli.js';

const DATE = '2026-11-24';
/** Ids that are valid (letters only) and that every plain object inherits as a property. */
const PROTOTYPE_IDS = ['toString', 'valueOf', 'constructor', 'hasOwnProperty'];

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

const run = (args: string[], input?: string) => box.run([...args, '--date', DATE], input === undefined ? {} : { input });

/** A store with one family, a logged step (so there is an audit log) and a backup. */
function storeWithHistory(familyId = 'f1'): void {
  expect(run(['init']).code).toBe(0);
  expect(run(['families', 'add', '--name', 'Familien Jensen', '--member', 'Mette Jensen:adult', '--id', familyId]).code).toBe(0);
  expect(run(['goal', 'add', familyId, '--title', 'Mødes', '--sector', 'school', '--due', '2027-01-31']).code).toBe(0);
  expect(existsSync(`${box.store}.bak.1`)).toBe(true);
}

describe.each(PROTOTYPE_IDS)('the id %s (a property every object inherits)', (id) => {
  it('is no family to erase: nothing is erased and the backups stay', () => {
    storeWithHistory();
    const bytes = box.bytes();
    const result = run(['erase', '--family', id, '--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`no family ${id}`));
    expect(result.stdout).not.toMatch(/Erased/);
    expect(existsSync(`${box.store}.bak.1`)).toBe(true);
    expect(box.bytes()).toEqual(bytes);
  });

  it('is counted once in a batch --dry-run, as a family of that id', () => {
    storeWithHistory(id);
    const line = JSON.stringify({ op: 'goal.add', familyId: id, title: 'Skole', sector: 'school', due: '2027-02-01' });
    const json = run(['batch', '-', '--dry-run', '--json'], `${line}\n${line}\n`);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).byFamily).toEqual({ [id]: 2 });
    const table = run(['batch', '-', '--dry-run'], `${line}\n`);
    expect(table.stdout).toMatch(new RegExp(`^${id} +1$`, 'm'));
    expect(table.stdout).not.toMatch(/native code|function/);
  });

  it('as an erased family, is not brought back by undo', () => {
    storeWithHistory(id);
    expect(run(['erase', '--family', id, '--yes']).code).toBe(0);
    const bytes = box.bytes();
    const result = run(['undo']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`family ${id} was erased`));
    expect(box.bytes()).toEqual(bytes);
  });

  it('is no role, sector or meeting type, and no family to show', () => {
    storeWithHistory();
    expect(run(['member', 'add', 'f1', `Emil:${id}`]).stderr).toMatch(/--member must be NAME:adult or NAME:child/);
    expect(run(['goal', 'add', 'f1', '--title', 'x', '--sector', id, '--due', '2027-01-01']).stderr).toMatch(/--sector must be one of/);
    for (const args of [['family', id], ['plan', id], ['export', '--family', id], ['report', '--family', id]]) {
      const result = run(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/no family/);
    }
    expect(run(['log', '--family', id]).stderr).not.toMatch(/internal error/);
  });
});

describe('a SQLite store', () => {
  it('erases no family for the id toString, and does not undo the erase of a family called constructor', () => {
    const sqlite = (args: string[]) => box.run([...args, '--store', join(box.dir, 'store.sqlite'), '--date', DATE], { store: false });
    expect(sqlite(['init']).code).toBe(0);
    expect(sqlite(['families', 'add', '--name', 'Familien Jensen', '--id', 'constructor']).code).toBe(0);
    expect(sqlite(['goal', 'add', 'constructor', '--title', 'Mødes', '--sector', 'school', '--due', '2027-01-31']).code).toBe(0);
    expect(sqlite(['erase', '--family', 'toString', '--yes']).code).toBe(2);
    expect(sqlite(['erase', '--family', 'constructor', '--yes']).code).toBe(0);
    expect(sqlite(['undo']).stderr).toMatch(/family constructor was erased/);
    expect(sqlite(['families', '--json']).stdout.trim()).toBe('[]');
  });
});
