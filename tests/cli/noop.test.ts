// Steps that would change nothing write nothing; demo does not replace a store someone worked in;
// an unknown caseload or family is an error, not an empty answer. On both backends.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandbox, type CliResult, type Sandbox } from '../helpers/cli.js';

const DATE = '2026-11-24';

// Each test runs up to ten processes: on a loaded machine that takes more than the default 30 s.
describe.each(['store.json', 'store.sqlite'])('on a %s', { timeout: 180_000 }, (name) => {
  let box: Sandbox;
  let store: string;
  const run = (...args: string[]): CliResult => box.run([...args, '--store', store, '--date', DATE], { store: false });
  /**
   * What a step could write: the store's files (a JSON store's bytes; a database's change on a
   * mere read, when SQLite checkpoints), its audit log and its families as famcoord reads them.
   * Of the known-good mark, its hash: a read adds the store file's status after it once the store
   * is 3 s old (src/store/knownGood.ts), which the reads around a step cross on a loaded machine.
   */
  const fileContent = (file: string) => {
    const bytes = readFileSync(join(box.dir, file));
    return file.endsWith('.checked') ? bytes.toString('utf8').split('\n')[0] : bytes.toString('base64');
  };
  const footprint = () => ({
    files: Object.fromEntries(readdirSync(box.dir).filter((f) => f.startsWith('store')).map((f) => [f, name.endsWith('.json') ? fileContent(f) : ''])),
    log: run('log', '--json').stdout,
    families: run('export', '--all').stdout.replace(/"exported": "[^"]*"/, ''),
  });

  beforeAll(() => {
    box = sandbox();
    store = join(box.dir, name);
    expect(run('demo', '--families', '5').code).toBe(0);
    expect(run('goal', 'progress', 'g1', '--score', '5').code).toBe(0); // one logged change, and a backup for JSON
  });
  afterAll(() => box.cleanup());

  it('refuses an update that names nothing, listing the flags to give, and writes nothing', () => {
    const before = footprint();
    const result = run('goal', 'update', 'g1');
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe('famcoord: goal update g1: nothing to change; give --title, --due, --sector, --priority, --member, --whole-family, --status, --source, --department, --caseworker, --own-words or --no-own-words\n');
    expect(footprint()).toEqual(before);
  });

  it('refuses a change to the values a goal already has, and an empty line appended to the minutes', () => {
    const goal = JSON.parse(run('family', 'f1', '--json').stdout).goals.find((g: { id: string }) => g.id === 'g1');
    const before = footprint();
    for (const args of [
      ['goal', 'update', 'g1', '--due', goal.due, '--sector', goal.sector],
      ['goal', 'status', 'g1', goal.status],
    ]) {
      const result = run(...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe('famcoord: operation 1: nothing to change: goal g1 already has these values; nothing was written\n');
    }
    const line = run('meeting', 'minutes', 'm1', '--text', '  ', '--append');
    expect(line.code).toBe(2);
    expect(line.stderr).toMatch(/--text must not be empty \(minutes\)/);
    expect(footprint()).toEqual(before);
    expect(run('goal', 'update', 'g1', '--priority', '9').code).toBe(0); // a real change still goes through
  });

  it('names a no-op line of a batch among its bad lines, and writes nothing', () => {
    const before = footprint();
    const result = box.run(['batch', '-', '--store', store, '--date', DATE], {
      store: false,
      input: ['{"op":"goal.progress","goalId":"g1","score":6}', '{"op":"goal.update","goalId":"g1"}', '{"op":"goal.update","goalId":"g1","priority":9}'].join('\n'),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/line 2: nothing to change: give title, due, sector, priority, memberId, status, source, department, caseworker or ownWords/);
    expect(result.stderr).toMatch(/line 3: nothing to change: goal g1 already has these values/);
    expect(footprint()).toEqual(before);
  });

  it('refuses an unknown caseload with the closest known ones, and takes a known one with a free day', () => {
    const families = JSON.parse(run('families', '--json').stdout) as Array<{ coordinator: string }>;
    const coordinator = families[0]?.coordinator as string;
    const typo = coordinator.slice(0, -1);
    for (const command of [['today'], ['families'], ['report'], ['calendar'], []]) {
      const result = run(...command, '--caseload', typo);
      expect(result.code, command.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.startsWith(`famcoord: unknown caseload "${typo}"; known: ${coordinator}`)).toBe(true);
    }
    expect(box.run(['today', '--store', store, '--date', '2031-01-01', '--caseload', coordinator.toUpperCase()], { store: false }).code).toBe(0);
    expect(run('today', '--caseload', 'Nobody').stderr).toMatch(/^famcoord: unknown caseload "Nobody"; known: \S/);
  });

  it('refuses an unknown family with the closest ids, never a name, and knows an erased one from the log', () => {
    for (const command of [['family', 'f55'], ['plan', 'f55'], ['log', '--family', 'f55'], ['export', '--family', 'f55'], ['report', '--family', 'f55'], ['calendar', '--family', 'f55'], ['erase', '--family', 'f55', '--yes']]) {
      const result = run(...command);
      expect(result.code, command.join(' ')).toBe(2);
      expect(result.stderr, command.join(' ')).toMatch(/unknown family f55; known: f5, f1, f2, f3, f4\n$/);
      expect(result.stderr).not.toMatch(/Familien/);
    }
    expect(run('log', '--family', 'f5').stdout).toBe('No changes logged yet.\n'); // in the store, no step yet
    expect(run('erase', '--family', 'f1', '--yes').code).toBe(0);
    const erased = run('log', '--family', 'f1');
    expect(erased.code).toBe(0);
    expect(erased.stdout).toMatch(/family\.erase/);
  });

  it('refuses an unknown member (or goal) with the closest ids of its kind, and writes nothing', () => {
    const before = footprint();
    const member = run('observe', 'p999', '--kind', 'wellbeing', '--value', '5');
    expect(member.code).toBe(2);
    expect(member.stderr).toMatch(/^famcoord: operation 1: unknown member p999; known: p\d+(, p\d+){4}; nothing was written\n$/);
    expect(run('goal', 'progress', 'g999', '--score', '5').stderr).toMatch(/unknown goal g999; known: g\d+/);
    expect(run('member', 'add', 'f55', 'Ny:child').stderr).toMatch(/^famcoord: operation 1: unknown family f55; known: f5, f2, f3, f4; nothing was written\n$/);
    expect(footprint()).toEqual(before);
  });

  it('names the closest ids for the unknown ids of a batch, line by line, and writes nothing', () => {
    const before = footprint();
    const result = box.run(['batch', '-', '--store', store, '--date', DATE], {
      store: false,
      input: ['{"op":"goal.progress","goalId":"g999","score":6}', '{"op":"member.add","familyId":"f55","name":"Ny","role":"child"}'].join('\n'),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^famcoord: line 1: unknown goal g999; known: g\d+(, g\d+){4}\n/);
    expect(result.stderr).toMatch(/\nfamcoord: line 2: unknown family f55; known: f5, f2, f3, f4\n/);
    expect(footprint()).toEqual(before);
  });

  it('demo refuses to replace a store with logged changes unless --replace, which keeps it with its log', () => {
    const before = footprint();
    const refused = run('demo', '--families', '3');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/holds a demo store with \d+ logged change\(s\); it was not changed\. .*--replace/);
    expect(footprint()).toEqual(before);
    const history = JSON.parse(run('log', '--json').stdout);
    const replaced = run('demo', '--families', '3', '--replace', '--json');
    expect(replaced.code).toBe(0);
    const keptAs = JSON.parse(replaced.stdout).keptAs as string;
    expect(keptAs).toMatch(new RegExp(`^${box.dir}/store\\.replaced-[\\dTZ-]+\\.${name.split('.')[1]}$`));
    expect(JSON.parse(run('log', '--json').stdout)).toEqual([]);
    const kept = box.run(['log', '--json', '--store', keptAs], { store: false });
    expect(JSON.parse(kept.stdout)).toEqual(history);
    expect(JSON.parse(box.run(['families', '--json', '--store', keptAs], { store: false }).stdout)).toHaveLength(4);
    // An untouched demo is replaced as before, and nothing is kept.
    const again = run('demo', '--families', '2', '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).keptAs).toBeUndefined();
    expect(existsSync(keptAs)).toBe(true);
  });
});
