// famcoord doctor follows the audit log's hash chain on every backend: a deleted line and a
// replayed line are found and the first broken step named, on the JSON file, the encrypted JSON
// file (where the links sit inside the sealed lines) and SQLite.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '../helpers/cli.js';

const DATE = '2026-11-24';
let box: Sandbox;
afterEach(() => box.cleanup());

interface Backend {
  name: string;
  file: string;
  env?: NodeJS.ProcessEnv;
  init: string[];
  /** The log's entries as stored, in order, and a way to write them back. */
  readLog(path: string): string[];
  writeLog(path: string, rows: Array<{ step: number; text: string }>): void;
}

const logLines = (path: string) => readFileSync(`${path}.audit.jsonl`, 'utf8').split('\n').filter(Boolean);
const jsonLog = {
  readLog: logLines,
  writeLog: (path: string, rows: Array<{ text: string }>) => writeFileSync(`${path}.audit.jsonl`, rows.map((r) => `${r.text}\n`).join('')),
};

function database(path: string) {
  const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof import('better-sqlite3');
  return new Sqlite(path);
}

const BACKENDS: Backend[] = [
  { name: 'JSON file', file: 'store.json', init: ['demo', '--families', '2'], ...jsonLog },
  { name: 'encrypted JSON file', file: 'store.json', init: ['demo', '--families', '2', '--encrypt'], env: { FAMCOORD_PASSPHRASE: 'en lang nok passphrase' }, ...jsonLog },
  {
    name: 'SQLite',
    file: 'store.sqlite',
    init: ['demo', '--families', '2'],
    readLog: (path) => {
      const db = database(path);
      try {
        return (db.prepare('SELECT entry FROM audit ORDER BY step').pluck().all() as string[]);
      } finally {
        db.close();
      }
    },
    writeLog: (path, rows) => {
      const db = database(path);
      try {
        db.transaction(() => {
          db.prepare('DELETE FROM audit').run();
          for (const row of rows) db.prepare('INSERT INTO audit (step, entry) VALUES (?, ?)').run(row.step, row.text);
        })();
      } finally {
        db.close();
      }
    },
  },
];

describe.each(BACKENDS)('the audit log chain on a $name', (backend) => {
  let path: string;
  const run = (args: string[]) => box.run([...args, '--store', path, '--date', DATE], { store: false, env: backend.env });
  const doctor = () => JSON.parse(run(['doctor', '--json']).stdout) as { problems: string[]; notes: string[] };

  function storeWithFourSteps(): string[] {
    box = sandbox();
    path = join(box.dir, backend.file);
    expect(run(backend.init).code).toBe(0);
    for (const score of [3, 4, 5, 6]) expect(run(['goal', 'progress', 'g1', '--score', String(score)]).code).toBe(0);
    const lines = backend.readLog(path);
    expect(lines).toHaveLength(4);
    expect(doctor().problems).toEqual([]);
    return lines;
  }

  it('finds a deleted line and names the step after it', () => {
    const lines = storeWithFourSteps();
    backend.writeLog(path, [0, 2, 3].map((i) => ({ step: i + 1, text: lines[i] as string })));
    const problems = doctor().problems.join('\n');
    expect(problems).toMatch(/the audit log's chain breaks at step 3: it does not follow on from step 1; a line between them was deleted/);
    expect(run(['doctor']).stdout).not.toMatch(/no problems found/);
  });

  it('finds a replayed line', () => {
    const lines = storeWithFourSteps();
    backend.writeLog(path, [0, 1, 0, 2, 3].map((i, row) => ({ step: row + 1, text: lines[i] as string })));
    expect(doctor().problems.join('\n')).toMatch(/the audit log's chain breaks at (step 1: it comes after step 2|row 3: it holds step 1), a replayed or moved step/);
  });

  it('refuses a change after a replayed last line, changing nothing; doctor sets the line aside and the next change goes on', () => {
    const lines = storeWithFourSteps();
    const replayed = [0, 1, 2, 3, 1].map((i, row) => ({ step: row + 1, text: lines[i] as string }));
    backend.writeLog(path, replayed);
    const storeBytes = readFileSync(path);
    const refused = run(['goal', 'progress', 'g1', '--score', '7']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/audit log .*ends with a line that breaks its chain at step 2: it comes after step 4, a replayed or moved step; nothing was changed\. Run famcoord doctor/);
    expect(readFileSync(path)).toEqual(storeBytes);
    expect(backend.readLog(path)).toEqual(replayed.map((r) => r.text));
    const repaired = JSON.parse(run(['doctor', '--json']).stdout) as { repaired: string[]; problems: string[] };
    expect(repaired.repaired).toEqual([expect.stringMatching(/^took a replayed or moved last step out of the audit log \(step 2: it comes after step 4, a replayed or moved step\), into /)]);
    expect(repaired.problems).toEqual([expect.stringMatching(/audit\.jsonl\.set-aside holds 1 line\(s\) taken out of the audit log/)]);
    expect(readFileSync(`${path}.audit.jsonl.set-aside`, 'utf8')).toBe(`${lines[1]}\n`);
    expect(backend.readLog(path)).toEqual(lines);
    expect(run(['goal', 'progress', 'g1', '--score', '7']).code).toBe(0);
    expect(backend.readLog(path)).toHaveLength(5);
    expect(doctor().problems).toEqual(repaired.problems);
  });

  it('stays whole through an erase, which rewrites the log', () => {
    storeWithFourSteps();
    expect(run(['erase', '--family', 'f1', '--yes']).code).toBe(0);
    expect(run(['goal', 'progress', 'g5', '--score', '2']).code).toBe(0);
    expect(doctor().problems).toEqual([]);
  });
});

describe('a log written before chaining', () => {
  it('still loads; doctor says where the chain starts', () => {
    box = sandbox();
    expect(box.run(['demo', '--families', '2', '--date', DATE]).code).toBe(0);
    expect(box.run(['goal', 'progress', 'g1', '--score', '3', '--date', DATE]).code).toBe(0);
    const [first] = logLines(box.store);
    const { prev: _prev, ...unchained } = JSON.parse(first as string) as Record<string, unknown>;
    writeFileSync(`${box.store}.audit.jsonl`, `${JSON.stringify(unchained)}\n`);
    expect(box.run(['goal', 'progress', 'g1', '--score', '4', '--date', DATE]).code).toBe(0);
    const result = JSON.parse(box.run(['doctor', '--json']).stdout) as { problems: string[]; notes: string[] };
    expect(result.problems).toEqual([]);
    expect(result.notes).toEqual(['the audit log is chained from step 2 (older steps were written before chaining)']);
    expect(box.run(['log']).stdout).toMatch(/^ +1 .*goal\.progress/m);
  });
});

describe('the link to a SQLite row, read as bytes for an append', () => {
  // A change reads the last rows' bytes rather than their text (a batch's entry is large); the
  // link must still be the SHA-256 of the text as every read of the row gives it, which doctor checks.
  const changeAndCheck = (path: string) => {
    const run = (args: string[]) => box.run([...args, '--store', path, '--date', DATE], { store: false });
    expect(run(['goal', 'progress', 'g1', '--score', '7']).code).toBe(0);
    expect(JSON.parse(run(['doctor', '--json']).stdout)).toMatchObject({ problems: [] });
  };

  it('is to the text as read when the last row holds bytes that are not UTF-8', () => {
    box = sandbox();
    const path = join(box.dir, 'store.sqlite');
    expect(box.run(['demo', '--families', '2', '--store', path, '--date', DATE], { store: false }).code).toBe(0);
    expect(box.run(['goal', 'progress', 'g1', '--score', '3', '--store', path, '--date', DATE], { store: false }).code).toBe(0);
    const db = database(path);
    try {
      const { step, entry } = db.prepare('SELECT step, entry FROM audit ORDER BY step DESC LIMIT 1').get() as { step: number; entry: string };
      const [head, tail] = entry.split('"user":"tester"') as [string, string];
      // Edited by hand: a byte no UTF-8 text has, inside the user's name (the row reads as U+FFFD there).
      const edited = Buffer.concat([Buffer.from(`${head}"user":"test`), Buffer.from([0xff]), Buffer.from(`r"${tail}`)]);
      db.prepare('UPDATE audit SET entry = CAST(? AS TEXT) WHERE step = ?').run(edited, step);
    } finally {
      db.close();
    }
    changeAndCheck(path);
  });

  it('is to the text as read in a database whose text is UTF-16', () => {
    box = sandbox();
    const made = join(box.dir, 'made.sqlite');
    const path = join(box.dir, 'store.sqlite');
    expect(box.run(['demo', '--families', '2', '--store', made, '--date', DATE], { store: false }).code).toBe(0);
    expect(box.run(['goal', 'progress', 'g1', '--score', '3', '--store', made, '--date', DATE], { store: false }).code).toBe(0);
    // The same store copied into a database made UTF-16 (SQLite stores its text so from the start).
    const from = database(made);
    const db = database(path);
    try {
      db.pragma("encoding = 'UTF-16le'");
      const schema = from.prepare('SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type DESC').all() as Array<{ type: string; name: string; sql: string }>;
      for (const { sql } of schema) db.exec(sql);
      for (const { name } of schema.filter((s) => s.type === 'table'))
        for (const row of from.prepare(`SELECT * FROM ${name}`).all() as Array<Record<string, unknown>>)
          db.prepare(`INSERT INTO ${name} (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map(() => '?').join(', ')})`).run(...Object.values(row));
      db.pragma(`user_version = ${from.pragma('user_version', { simple: true }) as number}`);
      expect(db.pragma('encoding', { simple: true })).toBe('UTF-16le');
    } finally {
      from.close();
      db.close();
    }
    changeAndCheck(path);
  });
});
