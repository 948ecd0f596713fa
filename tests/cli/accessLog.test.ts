// famcoord access-log --family (src/cli/accessLog.ts) for a family that is not there: a not-found
// error (exit 2) naming the closest ids, as famcoord log --family and the other commands give,
// never an empty log that reads as "nothing was done". A family erased since is known by the erase
// step the log keeps. (A person is looked up by id alone: one of an erased family is known nowhere
// any more, so access-log MEMBER_ID still answers "no logged changes", tests/cli/io.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '../helpers/cli.js';

const DATE = '2026-11-24';

describe('famcoord access-log', () => {
  let box: Sandbox;
  const run = (...args: string[]) => box.run([...args, '--date', DATE]);
  beforeAll(() => {
    box = sandbox();
    expect(box.run(['demo', '--date', DATE]).code).toBe(0);
    expect(run('goal', 'progress', 'g1', '--score', '4').code).toBe(0);
  });
  afterAll(() => box.cleanup());

  it('refuses a family that is neither in the store nor in the log, as log --family does, in text and in --json', () => {
    for (const json of [[], ['--json']]) {
      const result = run('access-log', '--family', 'f999', ...json);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^famcoord: --family: unknown family f999; known: f\d+(, f\d+)*\n$/);
      expect(result.stderr).toBe(run('log', '--family', 'f999').stderr);
    }
    expect(box.run(['access-log', '--family', 'f999', '--lang', 'da', '--date', DATE]).stderr).toMatch(/^famcoord: --family: ukendt familie f999; kendte: /);
  });

  it('says a known family has no logged changes, and lists those of one that has', () => {
    const quiet = run('access-log', '--family', 'f2');
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toBe('No logged changes of family f2.\n');
    const changed = run('access-log', '--family', 'f1');
    expect(changed.code).toBe(0);
    expect(changed.stdout).toMatch(/goal\.progress\s+f1/);
  });

  it('still shows an erased family its log: the erase step, and the steps before it, scrubbed of its data', () => {
    expect(run('erase', '--family', 'f1', '--yes').code).toBe(0);
    const result = run('access-log', '--family', 'f1', '--json');
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { changes: Array<{ op: string }> }).changes.map((c) => c.op)).toEqual(['goal.progress', 'family.erase']);
  });
});
