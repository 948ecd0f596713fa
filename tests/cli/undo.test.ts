// famcoord undo and redo as people and scripts use them: they name the step they revert, a user's
// undo leaves another user's newer step alone, and an unreadable log line stops them.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '../helpers/cli.js';

const DATE = '2026-11-24';
const HANNE = { env: { FAMCOORD_USER: 'hanne' } };
const SOREN = { env: { FAMCOORD_USER: 'søren' } };

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
  expect(box.run(['demo', '--families', '5', '--date', DATE]).code).toBe(0);
});
afterEach(() => box.cleanup());

const log = () => readFileSync(`${box.store}.audit.jsonl`);
const contactsOf = (familyId: string) => JSON.parse(box.run(['family', familyId, '--json']).stdout).contacts;

describe('famcoord undo', () => {
  it("undoes the user's own newest step, says which, and leaves another user's newer step alone", () => {
    expect(box.run(['goal', 'progress', 'g1', '--score', '5', '--date', DATE], HANNE).code).toBe(0);
    expect(box.run(['contact', 'add', 'f2', '--sector', 'school', '--subject', 'PPR', '--date', DATE], SOREN).code).toBe(0);
    const sorens = contactsOf('f2');
    const [store, logged] = [box.bytes(), log()];
    expect(box.run(['undo', '--dry-run'], HANNE).stdout).toMatch(/^Would undo: progress on g1 by hanne at \d\d:\d\d.* \(step 1\); nothing was written\n$/);
    const noRedo = box.run(['redo', '--dry-run'], HANNE);
    expect([noRedo.code, noRedo.stderr]).toEqual([1, expect.stringMatching(/nothing to redo by hanne/)]);
    expect(JSON.parse(box.run(['undo', '--dry-run', '--json'], SOREN).stdout)).toMatchObject({ dryRun: true, undo: 2, description: expect.stringMatching(/^new contact in f2 by søren/) });
    expect([box.bytes(), log()]).toEqual([store, logged]);
    const undone = box.run(['undo'], HANNE);
    expect(undone.code, undone.stderr).toBe(0);
    expect(undone.stdout).toMatch(/^Undone: progress on g1 by hanne at \d\d:\d\d( on \d+ \w+)? \(step 1\); recorded as step 3\n$/);
    expect(contactsOf('f2')).toEqual(sorens);
    const again = box.run(['undo', '--json'], HANNE);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/nothing to undo by hanne/);
    const sorensUndo = JSON.parse(box.run(['undo', '--json'], SOREN).stdout);
    expect(sorensUndo).toMatchObject({ ok: true, step: 4, undid: 2, familyIds: ['f2'] });
    expect(sorensUndo.description).toMatch(/^new contact in f2 by søren at \d\d:\d\d/);
  });

  it('reverts another user\'s step with --step, and redo applies it again, logged as a redo', () => {
    box.run(['goal', 'progress', 'g1', '--score', '5', '--date', DATE], SOREN);
    const done = box.bytes();
    expect(box.run(['undo', '--step', 'seven']).code).toBe(2);
    const missing = box.run(['undo', '--step', '9']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/there is no step 9/);
    expect(box.run(['undo', '--step', '1'], HANNE).stdout).toMatch(/^Undone: progress on g1 by søren .*\(step 1\); recorded as step 2$/m);
    const redone = box.run(['redo', '--json'], HANNE);
    expect(redone.code, redone.stderr).toBe(0);
    expect(JSON.parse(redone.stdout)).toMatchObject({ ok: true, step: 3, redid: 1, familyIds: ['f1'] });
    expect(box.bytes()).toEqual(done);
    expect(box.run(['log']).stdout).toMatch(/^\s+3 .* hanne\s+cli\s+redo of step 1\s+f1$/m);
    expect(box.run(['redo'], HANNE).stderr).toMatch(/nothing to redo by hanne/);
  });

  it('stops at an audit log line it cannot read, names it, and writes nothing', () => {
    box.run(['goal', 'progress', 'g1', '--score', '5', '--date', DATE], HANNE);
    box.run(['goal', 'progress', 'g1', '--score', '6', '--date', DATE], HANNE);
    const lines = log().toString('utf8').split('\n');
    writeFileSync(`${box.store}.audit.jsonl`, [lines[0], (lines[1] as string).slice(0, 30), ''].join('\n'));
    const [store, damaged] = [box.bytes(), log()];
    const refused = box.run(['undo'], HANNE);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^famcoord: cannot undo: line 2 of the audit log \S+ cannot be read .*nothing was changed/);
    expect(refused.stderr).not.toMatch(/score|g1/);
    expect(box.bytes()).toEqual(store);
    expect(log()).toEqual(damaged);
  });
});
