// Hostile input on the command line: ids that name Object.prototype's properties, and (below) text,
// files and streams crafted to break famcoord.
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, sandbox, type Sandbox } from '../helpers/cli.js';

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
    expect(result.stderr).toMatch(new RegExp(`--family: unknown family ${id}; known: f1`));
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
      expect(result.stderr).toMatch(new RegExp(`unknown family ${id}; known: f1`));
    }
    const log = run(["log", "--family", id]);
    expect(log.code).toBe(2);
    expect(log.stderr).toMatch(new RegExp(`unknown family ${id}`));
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

/** JSON text of an object nested `levels` deep, built as text (JSON.stringify would recurse). */
const deepJson = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

describe('data nested 3,000 levels deep', () => {
  const deepFamily = `{"id":"f9","name":"Familien Dyb","members":[],"goals":[],"meetings":[],"contacts":[],"interventions":[],"consents":[],"extra":${deepJson(3000)}}`;

  it('in a batch line is refused with the line and the field named', () => {
    storeWithHistory();
    const bytes = box.bytes();
    const result = run(['batch', '-'], `{"op":"goal.status","goalId":"g1","status":"on-hold"}\n{"op":"family.import","family":${deepFamily}}\n`);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^famcoord: line 2: family\.extra\.a\.a\.a\.a…: is nested more than 64 levels deep$/m);
    expect(result.stderr).not.toMatch(/internal error/);
    expect(box.bytes()).toEqual(bytes);
  });

  it('in an import file is refused with the family and the field named', () => {
    storeWithHistory();
    const file = join(box.dir, 'import.json');
    writeFileSync(file, `{"format":"famcoord-export","version":1,"exported":"2026-11-24T10:00:00Z","families":[${deepFamily}]}`);
    const result = run(['import', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not a famcoord export: families\[0\] \(f9\)\.extra\.a\.a\.a…: is nested more than 64 levels deep/);
  });

  it('in a store edited by hand is an invalid store, left as it is', () => {
    storeWithHistory();
    const text = readFileSync(box.store, 'utf8').replace('"name":"Familien Jensen"', `"name":"Familien Jensen","notes":${deepJson(3000)}`);
    writeFileSync(box.store, text);
    const result = run(['families']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/does not follow the store format: families\[0\] \(f1\)\.notes\.a\.a\.a…: is nested more than 64 levels deep; it was not changed/);
    expect(readFileSync(box.store, 'utf8')).toBe(text);
  });
});

describe('a batch as bytes', () => {
  const status = (goalId: string, value: string) => Buffer.from(`{"op":"goal.status","goalId":"${goalId}","status":"${value}"}`);
  const file = (name: string, ...parts: Buffer[]) => {
    const path = join(box.dir, name);
    writeFileSync(path, Buffer.concat(parts));
    return path;
  };

  it('names each line that is not UTF-8, and writes nothing', () => {
    storeWithHistory();
    const bytes = box.bytes();
    const latin1 = Buffer.from('{"op":"goal.progress","goalId":"g1","score":3,"note":"Mødt op"}', 'latin1');
    const result = run(['batch', file('latin1.jsonl', status('g1', 'on-hold'), Buffer.from('\n'), latin1, Buffer.from('\n\n'), latin1, Buffer.from('\n'))]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      'famcoord: line 2: not UTF-8 text; save the batch as UTF-8',
      'famcoord: line 4: not UTF-8 text; save the batch as UTF-8',
      'famcoord: 2 bad line(s) in the batch; nothing was written',
    ]);
    expect(box.bytes()).toEqual(bytes);
  });

  it('skips a byte order mark at the start (as Windows editors write), in a file and on standard input', () => {
    storeWithHistory();
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(run(['batch', file('bom.jsonl', bom, status('g1', 'on-hold'), Buffer.from('\r\n'))]).code).toBe(0);
    const piped = box.run(['batch', '-', '--date', DATE], { input: `\ufeff${status('g1', 'active')}\n` });
    expect(piped.stderr).toBe('');
    expect(piped.code).toBe(0);
  });

  it('larger than 256 MB is refused before it is read, saying how large a batch may be', () => {
    storeWithHistory();
    const big = join(box.dir, 'big.jsonl');
    writeFileSync(big, '');
    truncateSync(big, 600 * 1024 * 1024); // sparse: no disk used
    const result = run(['batch', big]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^famcoord: the batch file .*big\.jsonl is 600 MB, larger than 256 MB, the most a batch may be: split it into smaller ones; nothing was written$/m);
  });

  it('on standard input is read only up to the limit', () => {
    storeWithHistory();
    const bytes = box.bytes();
    const line = `${status('g1', 'on-hold')}\n`;
    const env = { FAMCOORD_TEST_MAX_INPUT_BYTES: String(line.length * 10) };
    const over = box.run(['batch', '-', '--date', DATE], { input: line.repeat(11), env });
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/^famcoord: the batch on standard input is larger than \d+ bytes, the most a batch may be: split it into smaller ones; nothing was written$/m);
    expect(box.bytes()).toEqual(bytes);
    expect(box.run(['batch', '-', '--date', DATE], { input: line, env }).code).toBe(0);
  });
});

describe('text from the store that would drive a terminal', () => {
  // A goal title with a window title (OSC 0), clear screen (CSI), a command for the clipboard
  // (OSC 52), backspaces, a C1 CSI, a BiDi override, a zero-width space and a tag character.
  const TITLE = 'Evil\u001b]0;PWNED\u0007\u001b[2J\u001b]52;c;ZWNobyBwd25lZA==\u0007\b\b\u009b31m\u202eX\u200bY\u{e0041}';
  const DRIVING = /[\u0007\u0008\u001b\u009b\u202e]/;
  const withHostileGoal = () => {
    storeWithHistory();
    expect(run(['batch', '-'], `${JSON.stringify({ op: 'goal.add', familyId: 'f1', title: TITLE, sector: 'school', due: '2027-02-01' })}\n`).code).toBe(0);
  };

  /** famcoord on a terminal: `script` gives it a pseudo-terminal as stdin and stdout. */
  const onTerminal = (args: string[]) => {
    const quoted = [process.execPath, BIN, ...args, '--store', box.store, '--date', DATE].map((a) => `'${a}'`).join(' ');
    const result = spawnSync('script', ['-q', '-e', '-c', quoted, '/dev/null'], { encoding: 'utf8', env: { ...process.env, FAMCOORD_USER: 'tester', TZ: 'Europe/Copenhagen', NO_COLOR: '1' }, timeout: 60_000 });
    return { code: result.status, stdout: result.stdout };
  };
  const hasScript = spawnSync('script', ['--version']).status === 0;

  it.skipIf(!hasScript)('is sanitised when export --csv prints to a terminal, with invisible characters shown', () => {
    withHostileGoal();
    const result = onTerminal(['export', '--csv', 'goals']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Evil31mX⟨U\+200B⟩Y⟨U\+E0041⟩/);
    expect(result.stdout).not.toMatch(DRIVING);
    expect(result.stdout).not.toMatch(/PWNED|ZWNob/);
  });

  it('is kept as it is when export --csv writes to a pipe or a file (the data)', () => {
    withHostileGoal();
    expect(run(['export', '--csv', 'goals']).stdout).toContain(TITLE);
    const out = join(box.dir, 'goals.csv');
    expect(run(['export', '--csv', 'goals', '--out', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain(TITLE);
  });

  it('is escaped in JSON output (\\u009b), which still reads back as the same text', () => {
    withHostileGoal();
    // export --all is written family by family (streamed): escaped all the same.
    for (const args of [['family', 'f1', '--json'], ['export', '--family', 'f1'], ['export', '--all']]) {
      const { stdout } = run(args);
      expect(stdout).not.toMatch(DRIVING);
      expect(stdout).toContain('\\u009b31m\\u202eX\\u200bY\\udb40\\udc41');
      expect(stdout).toContain(JSON.stringify(TITLE).slice(1, 20));
    }
    const family = JSON.parse(run(['family', 'f1', '--json']).stdout);
    expect(JSON.stringify(family)).toContain(JSON.stringify(TITLE));
  });

  it('is sanitised in tables, with invisible characters shown', () => {
    withHostileGoal();
    const { stdout } = run(['family', 'f1']);
    expect(stdout).toMatch(/Evil31mX⟨U\+200B⟩Y⟨U\+E0041⟩/);
    expect(stdout).not.toMatch(DRIVING);
  });

  it('is sanitised when a message echoes what was typed: a member id, a batch file, the store path', () => {
    storeWithHistory();
    const typed = 'p1\u001b]0;PWNED\u0007\u009b2J';
    expect(run(['access-log', typed]).stdout).toBe('No logged changes about p12J.\n');
    const batch = run(['batch', join(box.dir, typed)]);
    expect(batch.code).toBe(2);
    expect(batch.stderr).toMatch(/^famcoord: cannot read the batch file .*p12J: no such file or directory/);
    const store = box.run(['families', '--store', join(box.dir, typed, 'store.json')], { store: false });
    expect(store.code).toBe(1);
    expect(store.stderr).toMatch(/p12J/);
    for (const output of [batch.stderr, store.stderr]) expect(output).not.toMatch(DRIVING);
  });
});

describe('--from-json: personal data without the command line (where ps shows it)', () => {
  it('adds a family, a member, a goal and a contact from JSON on standard input or in a file', () => {
    expect(run(['init']).code).toBe(0);
    const family = { name: 'Familien Zebrafisk', coordinator: 'Hanne Kjær', members: [{ name: 'Mette Zebrafisk', role: 'adult' }] };
    expect(run(['families', 'add', '--from-json', '-'], JSON.stringify(family)).stdout).toMatch(/^Added family f1 /);
    expect(run(['member', 'add', 'f1', '--from-json', '-'], '{"name": "Emil Zebrafisk", "role": "child", "born": "2015-04-02"}').code).toBe(0);
    const goalFile = join(box.dir, 'goal.json');
    writeFileSync(goalFile, '\ufeff{"title": "Emil kommer i skole", "sector": "school", "due": "2027-01-31", "memberId": "p2"}');
    expect(run(['goal', 'add', 'f1', '--from-json', goalFile]).code).toBe(0);
    expect(run(['contact', 'add', 'f1', '--from-json', '-'], '{"sector": "school", "subject": "PPR-vurdering af Emil", "replyBy": "2026-12-08"}').code).toBe(0);
    const saved = JSON.parse(run(['family', 'f1', '--json']).stdout);
    expect(saved).toMatchObject({ name: 'Familien Zebrafisk', coordinator: 'Hanne Kjær' });
    expect(JSON.stringify(saved)).toMatch(/Emil Zebrafisk.*2015-04-02/);
    expect(JSON.stringify(saved)).toMatch(/Emil kommer i skole/);
    expect(JSON.stringify(saved)).toMatch(/PPR-vurdering af Emil/);
  });

  it.each([
    [['families', 'add', '--from-json', '-'], '{"name": "X", "members": [{"name": "Y", "role": "grown"}]}', /^famcoord: --from-json field members\[0\]\.role must be one of: adult, child$/m],
    [['families', 'add', '--from-json', '-'], '{"name": "X", "nmae": "Y"}', /^famcoord: --from-json: .*nmae/m],
    [['families', 'add', '--from-json', '-', '--name', 'Familien Synlig'], '{"name": "X"}', /leave out --name/],
    [['families', 'add', '--from-json', '-'], '["X"]', /must hold one JSON object/],
    [['families', 'add', '--from-json', '-'], '{"name": "X",', /^famcoord: --from-json: not valid JSON at /m],
    [['goal', 'add', 'f1', '--from-json', '-'], '{"familyId": "f2", "title": "x"}', /leave out familyId: the command line gives it/],
    [['goal', 'add', 'f1', '--from-json', '-'], '{"op": "family.erase"}', /leave out op/],
    [['goal', 'add', 'f1', '--from-json', '-'], `{"title": ${'['.repeat(100)}${']'.repeat(100)}}`, /--from-json: title.*is nested more than 64 levels deep/],
    [['member', 'add', 'f1', 'Emil:child', '--from-json', '-'], '{"name": "Emil", "role": "child"}', /not both/],
  ])('%j is refused with the problem named, and writes nothing', (args, input, message) => {
    storeWithHistory();
    const bytes = box.bytes();
    const result = run(args, input);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(box.bytes()).toEqual(bytes);
  });
});
