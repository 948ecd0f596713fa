// The subcommands on a SQLite store, as subprocesses: the same behaviour users rely on with the
// JSON file (one step per batch, undo to identical data, bad input writes nothing, a damaged file
// is refused and left alone). The store contract itself is tested on both in tests/store.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
    // Its backups line says a SQLite store keeps none; no "no good backup" follows as a problem.
    expect(damaged.stdout).toMatch(/backups: not kept for a SQLite store/);
    expect(damaged.stdout).not.toMatch(/no good backup/);
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

  it.each([
    ['text that is not JSON', 'cut.sqlite', `'{"id":"f1","name":"Skjult navn'`, /families \(f1\)\.data: not as famcoord writes it \(changed outside famcoord\?\)/],
    ['a value the schema refuses', 'role.sqlite', `json_set(data, '$.members[0].role', 'Skjult navn')`, /families(\[0\])? \(f1\)\.members\[0\] \(p1\)\.role: must be one of: adult, child/],
  ])('a family row changed outside famcoord into %s: the store format error, exit 1, for reads and changes alike', async (_what, name, value, where) => {
    const changed = join(box.dir, name);
    expect(box.run(['demo', '--families', '3', '--store', changed], { store: false }).code).toBe(0);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(changed);
    expect(db.prepare(`UPDATE families SET data = ${value} WHERE id = 'f1'`).run().changes).toBe(1);
    db.close();
    const before = digest(changed);
    for (const args of [['families'], ['family', 'f1'], ['export', '--all', '--out', join(box.dir, 'out.json')], ['goal', 'progress', 'g1', '--score', '5'], ['doctor']]) {
      const result = box.run([...args, '--store', changed, '--date', DATE], { store: false });
      expect(result.code, args.join(' ')).toBe(1);
      const shown = args[0] === 'doctor' ? result.stdout : result.stderr;
      expect(shown, args.join(' ')).toMatch(new RegExp(`the store ${changed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} does not follow the store format: ${where.source}`));
      expect(result.stdout + result.stderr).not.toMatch(/Skjult|\n\s+at |internal error/);
    }
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

/**
 * A batch's result, pinned: what the store, its audit log and undo hold after the batch below was
 * written down from famcoord before issue 19 made the write path faster (ids looked up once per
 * step, operations' outlines compared in place, canonical JSON built in one string, each
 * operation's schema built when first used). Any change to what a batch writes fails here. Only
 * the families' JSON, the id index and the log are pinned; today's digests and marks are derived.
 */
describe('a batch on a SQLite store writes what it wrote before issue 19', () => {
  let box: Sandbox;
  let database: string;
  const run = (args: string[], input?: string) => box.run([...args, '--store', database, '--date', DATE], { store: false, ...(input !== undefined && { input }) });
  const lines = (ops: object[]) => `${ops.map((op) => JSON.stringify(op)).join('\n')}\n`;
  /** The pinned tables, and the log's entries without what differs by run (when, who, and the link, which covers `time`). */
  const contents = () => {
    const db = new (createRequire(import.meta.url)('better-sqlite3') as typeof import('better-sqlite3'))(database, { readonly: true });
    try {
      const audit = (db.prepare('SELECT step, entry FROM audit ORDER BY step').all() as Array<{ step: number; entry: string }>).map(({ step, entry }) => {
        const { time: _time, prev: _prev, user: _user, ...rest } = JSON.parse(entry) as Record<string, unknown>;
        return { step, ...rest };
      });
      return {
        families: db.prepare('SELECT id, seq, coordinator, data FROM families ORDER BY seq').all(),
        entities: db.prepare('SELECT id, family_id FROM entities ORDER BY id').all(),
        highest: db.prepare('SELECT prefix, n FROM id_highest ORDER BY prefix').all(),
        audit,
      };
    } finally {
      db.close();
    }
  };
  const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

  beforeAll(() => {
    box = sandbox();
    database = join(box.dir, 'pinned.sqlite');
    expect(run(['init']).code).toBe(0);
    const families = [1, 2, 3, 4].map((n) => ({
      op: 'family.add',
      name: `Familien ${n}`,
      coordinator: n % 2 ? 'Hanne Kjær' : 'Jonas Berg',
      members: [{ name: `Voksen ${n}`, role: 'adult' }, { name: `Barn ${n}`, role: 'child', born: '2015-03-0' + n }],
    }));
    const setUp = run(['batch', '-'], lines(families));
    expect(setUp.code, setUp.stderr).toBe(0);
    const goals = [1, 2, 3, 4].flatMap((n) => ['school', 'health', 'housing'].map((sector, i) => ({ op: 'goal.add', familyId: `f${n}`, title: `Mål ${n}.${i}`, sector, due: `2026-1${i}-1${n}` })));
    const meetings = [1, 2].map((n) => ({ op: 'meeting.add', familyId: `f${n}`, type: 'stormøde', start: `2026-11-2${n}T09:00:00+01:00`, attendees: [{ name: 'Lærer', sector: 'school' }] }));
    const more = run(['batch', '-'], lines([...goals, ...meetings]));
    expect(more.code, more.stderr).toBe(0);
  });
  afterAll(() => box.cleanup());

  // Progress on every goal several times, changes in place (status, update, an agreement and its
  // completion), and new objects (a goal, then progress on it: ids indexed within the step).
  const batch = [
    ...Array.from({ length: 60 }, (_, i) => ({ op: 'goal.progress', goalId: `g${(i % 12) + 1}`, score: i % 11, note: `batch ${i}` })),
    { op: 'goal.status', goalId: 'g3', status: 'completed' },
    { op: 'goal.update', goalId: 'g4', title: 'Mål, nye ord', priority: 2 },
    { op: 'goal.add', familyId: 'f2', title: 'Et nyt mål', sector: 'employment', due: '2027-01-15' },
    { op: 'goal.progress', goalId: 'g13', score: 3, date: '2026-11-20' },
    { op: 'meeting.agreement', meetingId: 'm1', who: 'Lærer', what: 'Ringer til mor', due: '2026-12-01', goalId: 'g1' },
    { op: 'agreement.done', agreementId: 'a1' },
    { op: 'contact.add', familyId: 'f3', sector: 'health', subject: 'Sundhedsplejerske' },
    { op: 'goal.progress', goalId: 'g12', score: 10, note: 'sidst', status: 'completed' },
  ];

  it('writes the store and the log as before, and undo puts back what was there', () => {
    const before = contents();
    const result = run(['batch', '-', '--json'], lines(batch));
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: true,
      step: 3,
      operations: 68,
      families: 4,
      byOperation: { 'goal.progress': 62, 'goal.status': 1, 'goal.update': 1, 'goal.add': 1, 'meeting.agreement': 1, 'agreement.done': 1, 'contact.add': 1 },
      byFamily: { f1: 18, f2: 18, f3: 16, f4: 16 },
    });
    const after = contents();
    expect({ families: hash(after.families), entities: hash(after.entities), highest: hash(after.highest), step: hash(after.audit.at(-1)) }).toEqual({
      families: 'd212de586101c9af',
      entities: '59bca38833fb46e4',
      highest: 'b84ce78e9c6b0ef9',
      step: 'abd9d870bc190914',
    });
    expect(run(['undo']).code).toBe(0);
    const undone = contents();
    expect({ families: undone.families, entities: undone.entities }).toEqual({ families: before.families, entities: before.entities });
    expect(hash(undone.audit.at(-1))).toBe('e34701a342bc24be');
  });

  it('writes nothing when the last line is bad', () => {
    const before = contents();
    const result = run(['batch', '-'], lines([...batch, { op: 'goal.progress', goalId: 'g99', score: 5 }]));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^famcoord: line 69: unknown goal g99/m);
    expect(contents()).toEqual(before);
  });
});

describe('an empty (0-byte) SQLite file', () => {
  let box: Sandbox;
  let empty: string;
  beforeAll(() => {
    box = sandbox();
  });
  afterAll(() => box.cleanup());
  const at = (...args: string[]) => box.run([...args, '--store', empty, '--date', DATE], { store: false });
  const freshEmpty = (name: string) => {
    empty = join(box.dir, name);
    writeFileSync(empty, '', { mode: 0o600 });
  };
  const beside = (name: string) => readdirSync(box.dir).filter((n) => n.startsWith(name));

  it('is read as an empty store and stays 0 bytes, with nothing beside it: a read writes nothing', () => {
    freshEmpty('read.sqlite');
    for (const args of [['today'], ['families'], ['log'], ['goal', 'progress', 'g1', '--score', '5']]) {
      const result = at(...args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toBe(`famcoord: the store ${empty} is empty; create one with famcoord init, or try famcoord demo\n`);
      expect(statSync(empty).size, args.join(' ')).toBe(0);
    }
    expect(beside('read.sqlite')).toEqual(['read.sqlite']);
  });

  it.each([['init'], ['demo', '--families', '3']])('is filled by %s', (...args) => {
    freshEmpty(`${args[0]}.sqlite`);
    expect(at(...args).code).toBe(0);
    expect(at('today').code).toBe(0);
    expect(statSync(empty).mode & 0o777).toBe(0o600);
  });
});
