// famcoord agreement done|update|remove and today's agreements, as a user runs them.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '../helpers/cli.js';

const boxes: Sandbox[] = [];
afterEach(() => {
  for (const box of boxes.splice(0)) box.cleanup();
});

const DATE = ['--date', '2026-11-24'];

/** A store with family f1, its meeting m1 and an agreement a1 on it due yesterday. */
function withAgreement(): Sandbox {
  const box = sandbox();
  boxes.push(box);
  expect(box.run(['init']).code).toBe(0);
  expect(box.run(['batch', '-'], { input: '{"op":"family.add","name":"Familien Berg"}\n' }).code).toBe(0);
  for (const args of [
    ['meeting', 'add', 'f1', '--type', 'netværksmøde', '--start', '2026-11-20 09:00'],
    ['meeting', 'minutes', 'm1', '--agreement', 'Lone Berg|Finder praktikplads|2026-11-23'],
  ]) {
    const result = box.run([...args, ...DATE]);
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
  }
  return box;
}

type Today = { agreements: Array<{ id: string; familyId: string; meetingId: string; who: string; what: string; due: string; daysOverdue: number }> };
const today = (box: Sandbox, ...extra: string[]) => JSON.parse(box.run(['today', '--json', ...DATE, ...extra]).stdout) as Today;

describe('famcoord agreement', () => {
  it('today --json lists an agreement due yesterday with daysOverdue; agreement done takes it off; undo puts it back', () => {
    const box = withAgreement();
    expect(today(box).agreements).toEqual([{ id: 'a1', familyId: 'f1', familyName: 'Familien Berg', meetingId: 'm1', who: 'Lone Berg', what: 'Finder praktikplads', due: '2026-11-23', daysOverdue: 1 }]);
    expect(box.run(['today', ...DATE]).stdout).toMatch(/Agreements due within 7 days or overdue \(1\)\n\s*DAYS\s+DUE.*\n\s+1\s+23 Nov\s+Lone Berg\s+Finder praktikplads\s+Familien Berg\s+a1/);

    const done = box.run(['agreement', 'done', 'a1', ...DATE]);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toBe('Agreement a1 was done on 2026-11-24 (step 4)\n');
    expect(today(box).agreements).toEqual([]);
    expect(box.run(['undo']).code).toBe(0);
    expect(today(box).agreements.map((a) => a.id)).toEqual(['a1']);
  });

  it('updates and removes, with --json saying what was applied', () => {
    const box = withAgreement();
    const updated = box.run(['agreement', 'update', 'a1', '--due', '2026-12-10', '--who', 'Mette', '--json', ...DATE]);
    expect(updated.code, updated.stderr).toBe(0);
    expect(JSON.parse(updated.stdout)).toMatchObject({ ok: true, familyIds: ['f1'], applied: [{ op: 'agreement.update', agreementId: 'a1', due: '2026-12-10', who: 'Mette' }] });
    expect(today(box).agreements).toEqual([]); // 16 days ahead
    expect(today(box, '--date', '2026-12-04').agreements.map((a) => [a.who, a.daysOverdue])).toEqual([['Mette', -6]]);
    expect(box.run(['agreement', 'update', 'a1', '--status', 'dropped', ...DATE]).code).toBe(0);
    expect(today(box, '--date', '2026-12-04').agreements).toEqual([]);
    expect(box.run(['agreement', 'remove', 'a1', ...DATE]).stdout).toMatch(/^Removed agreement a1 \(step \d+\)$/m);
  });

  it('refuses an unknown id naming the closest, and a change that changes nothing, writing nothing', () => {
    const box = withAgreement();
    const before = box.bytes();
    const unknown = box.run(['agreement', 'done', 'a2', ...DATE]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown agreement a2; known: a1/);
    const empty = box.run(['agreement', 'update', 'a1', ...DATE]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/agreement update a1: nothing to change; give --who, --what, --due, --status or --on/);
    const badStatus = box.run(['agreement', 'update', 'a1', '--status', 'finished', ...DATE]);
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toMatch(/--status must be one of: open, done, dropped/);
    expect(box.bytes().equals(before)).toBe(true);
    expect(box.run(['agreement', 'done', 'a1', ...DATE]).code).toBe(0);
    const twice = box.run(['agreement', 'done', 'a1', ...DATE]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/agreement a1 is already done/);
  });

  it('lists the same agreements from a SQLite store', () => {
    const box = withAgreement();
    const database = join(box.dir, 'team.sqlite');
    expect(box.run(['migrate', '--to', database]).code).toBe(0);
    const fromDatabase = () => JSON.parse(box.run(['today', '--json', '--store', database, ...DATE], { store: false }).stdout) as Today;
    expect(fromDatabase()).toEqual(today(box));
    expect(box.run(['agreement', 'done', 'a1', '--store', database, ...DATE], { store: false }).code).toBe(0);
    expect(fromDatabase().agreements).toEqual([]);
  });

  it('lists the agreements of a SQLite store an older famcoord wrote (no agreement marks), without writing; doctor rebuilds its today rows', () => {
    const box = withAgreement();
    const database = join(box.dir, 'old.sqlite');
    expect(box.run(['migrate', '--to', database]).code).toBe(0);
    const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof import('better-sqlite3');
    const inspect = <T>(look: (db: import('better-sqlite3').Database) => T): T => {
      const db = new Sqlite(database);
      try {
        return look(db);
      } finally {
        db.close();
      }
    };
    // As the famcoord before agreements had marks left it: schema 1, meetings' marks only.
    inspect((db) => {
      db.prepare("DELETE FROM today_marks WHERE kind = 'agreement'").run();
      db.pragma('user_version = 1');
    });
    const state = () => inspect((db) => ({ version: db.pragma('user_version', { simple: true }), agreementMarks: db.prepare("SELECT COUNT(*) AS n FROM today_marks WHERE kind = 'agreement'").get() }));
    const run = (...args: string[]) => box.run([...args, '--store', database], { store: false });
    const agreementIds = () => (JSON.parse(run('today', '--json', ...DATE).stdout) as Today).agreements.map((a) => a.id);

    expect(agreementIds()).toEqual(['a1']);
    expect(run('today', ...DATE).stdout).toMatch(/Finder praktikplads/);
    expect(state()).toEqual({ version: 1, agreementMarks: { n: 0 } }); // a read wrote nothing

    const doctor = run('doctor');
    expect(doctor.stdout + doctor.stderr).toMatch(/today's rows of 1 families were written again/);
    expect(state()).toEqual({ version: 3, agreementMarks: { n: 1 } });
    expect(agreementIds()).toEqual(['a1']);
    expect(run('doctor').stdout).not.toMatch(/written again/);
  });
});

describe('agreement ids never shared', () => {
  it('refuses the id an agreement stored without one is known by (m1.1) as a new id, and a redo that would bring back an id taken since, writing nothing', () => {
    const box = withAgreement();
    // As a store written before agreements had ids holds one: no id, no status.
    const store = JSON.parse(box.bytes().toString('utf8')) as { families: Array<{ meetings: Array<{ agreements: Array<Record<string, unknown>> }> }> };
    const legacy = store.families[0]!.meetings[0]!.agreements[0]!;
    delete legacy.id;
    delete legacy.status;
    writeFileSync(box.store, JSON.stringify(store));
    expect(box.run(['today', '--json', ...DATE]).stdout).toMatch(/"id": "m1\.1"/);
    const before = box.bytes();
    const taken = box.run(['batch', '-', ...DATE], { input: `${JSON.stringify({ op: 'goal.add', familyId: 'f1', id: 'm1.1', title: 'Mål', sector: 'school', due: '2027-01-01' })}\n` });
    expect(taken.code).toBe(2);
    expect(taken.stderr).toBe('famcoord: line 1: id m1.1 is already in use\nfamcoord: 1 bad line(s) in the batch; nothing was written\n');
    expect(box.bytes().equals(before)).toBe(true);

    // A new agreement, undone; another family's new goal takes its id; the redo is refused.
    expect(box.run(['batch', '-', ...DATE], { input: '{"op":"family.add","name":"Familien Dal"}\n' }).code).toBe(0);
    expect(box.run(['meeting', 'minutes', 'm1', '--agreement', 'Mette|Ringer|2026-12-01', ...DATE]).code).toBe(0);
    const added = (JSON.parse(box.run(['log', '--json', ...DATE]).stdout) as Array<{ ops: Array<{ id?: string }> }>).at(-1)!.ops[0]!.id as string;
    expect(box.run(['undo', ...DATE]).code).toBe(0);
    expect(box.run(['batch', '-', ...DATE], { input: `${JSON.stringify({ op: 'goal.add', familyId: 'f2', id: added, title: 'Mål', sector: 'school', due: '2027-01-01' })}\n` }).code).toBe(0);
    const beforeRedo = box.bytes();
    const redo = box.run(['redo', ...DATE]);
    expect(redo.code).toBe(2);
    expect(redo.stderr).toBe(`famcoord: family f1 cannot be put back as it was: its id ${added} is used by family f2 since; nothing was written\n`);
    expect(box.bytes().equals(beforeRedo)).toBe(true);
    expect(box.run(['doctor', ...DATE]).stdout).toMatch(/no problems found/);
  });
});
