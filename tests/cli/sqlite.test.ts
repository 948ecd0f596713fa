// The subcommands on a SQLite store, as subprocesses: the same behaviour users rely on with the
// JSON file (one step per batch, undo to identical data, bad input writes nothing, a damaged file
// is refused and left alone). The store contract itself is tested on both in tests/store.
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '../helpers/cli.js';

const DATE = '2026-11-24';
const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('famcoord on a SQLite store', () => {
  let box: Sandbox;
  let database: string;
  const run = (args: string[], input?: string) => box.run([...args, '--store', database, '--date', DATE], { store: false, ...(input !== undefined && { input }) });

  beforeAll(() => {
    box = sandbox();
    database = join(box.dir, 'private', 'team.sqlite');
    expect(run(['demo', '--families', '1000']).code).toBe(0);
  });
  afterAll(() => box.cleanup());

  it('keeps the database private: 0600 in a 0700 folder', () => {
    expect(statSync(database).mode & 0o777).toBe(0o600);
    expect(statSync(join(box.dir, 'private')).mode & 0o777).toBe(0o700);
  });

  it('applies a batch of 1,000 operations as one step, and undo gives back identical data', () => {
    const before = join(box.dir, 'before.json');
    const after = join(box.dir, 'after.json');
    expect(run(['migrate', '--to', before]).code).toBe(0);
    const families = JSON.parse(readFileSync(before, 'utf8')) as { families: Array<{ goals: Array<{ id: string }> }> };
    const goals = families.families.flatMap((f) => f.goals.map((g) => g.id)).slice(0, 1000);
    const started = Date.now();
    const result = run(['batch', '-', '--json'], goals.map((goalId, i) => JSON.stringify({ op: 'goal.progress', goalId, score: i % 11, note: `batch ${i}` })).join('\n'));
    const elapsed = Date.now() - started;
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, operations: 1000 });
    expect(JSON.parse(run(['log', '--json']).stdout)).toHaveLength(1);
    expect(run(['undo']).code).toBe(0);
    expect(run(['migrate', '--to', after]).code).toBe(0);
    expect(digest(after)).toBe(digest(before));
    console.log(`batch (SQLite): 1,000 operations on 1,000 families in ${elapsed} ms (whole process)`);
  }, 300_000);

  it('writes nothing on bad input', () => {
    const goal = (JSON.parse(run(['today', '--json']).stdout) as { overdueGoals: Array<{ id: string }> }).overdueGoals[0]!.id;
    const before = digest(database);
    for (const args of [['goal', 'progress', goal, '--score', '11'], ['contact', 'resolve', 'c999999', '--resolution', 'x'], ['goal', 'add', '--family', 'f1', '--title', 'x', '--sector', 'school', '--due', '2026-02-30']]) {
      const result = run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^famcoord: /);
    }
    const batch = run(['batch', '-'], `${JSON.stringify({ op: 'goal.progress', goalId: goal, score: 5 })}\n{"op": "goal.progress", "goalId": "${goal}", "score": "high"}\n`);
    expect(batch.code).toBe(2);
    expect(batch.stderr).toMatch(/line 2/);
    expect(digest(database)).toBe(before);
  });

  it('doctor checks a database page by page and says a damaged one is corrupt', () => {
    const healthy = box.run(['doctor', '--store', database], { store: false });
    expect(healthy.code).toBe(0);
    expect(healthy.stdout).toMatch(/: ok \(1000 families\)[\s\S]*no problems found/);
    const copy = join(box.dir, 'copy.sqlite');
    const bytes = readFileSync(database);
    bytes.fill(0x5a, 8192, 8192 + 3000); // a b-tree page overwritten
    writeFileSync(copy, bytes, { mode: 0o600 });
    const damaged = box.run(['doctor', '--store', copy], { store: false });
    expect(damaged.code).toBe(1);
    expect(damaged.stdout).toMatch(/: corrupt/);
    expect(box.run(['doctor', '--restore', '--store', copy], { store: false }).stderr).toMatch(/keeps no rotating backups/);
  });

  it("today refuses a today mark changed outside famcoord into text that is not JSON: a store format error naming the column, not the text", async () => {
    const changed = join(box.dir, 'changed.sqlite');
    expect(box.run(['demo', '--families', '5', '--store', changed], { store: false }).code).toBe(0);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(changed);
    const cut = db.prepare("UPDATE today_marks SET data = '{\"id\":\"g1\",\"title\":\"Skjult navn' WHERE rowid = (SELECT rowid FROM today_marks WHERE kind = 'goal' AND at < ? LIMIT 1)").run(DATE);
    db.close();
    expect(cut.changes).toBe(1);
    const before = digest(changed);
    const result = box.run(['today', '--json', '--store', changed, '--date', DATE], { store: false });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^famcoord: the store .* does not follow the store format: families \(f\d+\)\.today_marks: not as famcoord writes it/);
    expect(result.stderr).not.toMatch(/Skjult|\n\s+at /);
    expect(digest(changed)).toBe(before);
  });

  it('refuses a damaged database with exit 1 and a clear message, and leaves it as it was', () => {
    const damaged = join(box.dir, 'damaged.sqlite');
    writeFileSync(damaged, Buffer.alloc(8192, 7), { mode: 0o600 });
    for (const args of [['today'], ['goal', 'progress', 'g1', '--score', '5']]) {
      const result = box.run([...args, '--store', damaged], { store: false });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^famcoord: the store .* is not a readable SQLite database .*it was not changed/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(damaged)).toEqual(Buffer.alloc(8192, 7));
  });
});
