import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Family, State } from '../../src/domain/schema.js';
import { sandbox, type Sandbox } from '../helpers/cli.js';

const DATE = '2026-11-24';
const NOTE = 'Mødt op hver dag uden pjæk';

describe('export, erase and import', () => {
  let box: Sandbox;
  let target: Family;
  let other: Family;
  const state = () => JSON.parse(readFileSync(box.store, 'utf8')) as State;
  const familyNow = (id: string) => state().families.find((f) => f.id === id);
  const out = (name: string) => join(box.dir, 'out', name);
  const run = (...args: string[]) => box.run([...args, '--date', DATE]);

  beforeAll(() => {
    box = sandbox();
    expect(box.run(['demo', '--families', '20', '--seed', '1', '--date', DATE]).code).toBe(0);
    const families = state().families;
    // A family whose name and members' names no other family shares, so a grep for them is exact.
    const namesOf = (f: Family) => [f.name, ...f.members.map((m) => m.name)];
    target = families.find((f) => f.goals.length > 0 && namesOf(f).every((name) => families.every((g) => g === f || !JSON.stringify(g).includes(name)))) as Family;
    other = families.find((f) => f !== target && f.goals.length > 0) as Family;
    // One batch step that touches both families, then one step about the target only.
    const batch = [
      { op: 'goal.progress', goalId: target.goals[0]?.id, score: 7, note: NOTE },
      { op: 'goal.progress', goalId: other.goals[0]?.id, score: 3, note: 'Anden families note' },
    ];
    writeFileSync(join(box.dir, 'batch.jsonl'), batch.map((line) => JSON.stringify(line)).join('\n'));
    expect(run('batch', join(box.dir, 'batch.jsonl')).code).toBe(0);
    expect(run('member', 'add', target.id, 'Ida Særnavn:child').code).toBe(0);
    target = familyNow(target.id) as Family;
  });
  afterAll(() => box.cleanup());

  it('exports one family, private, with only the changes about it and no earlier versions', () => {
    const result = run('export', '--family', target.id, '--out', out('family.json'));
    expect(result.code).toBe(0);
    expect(statSync(out('family.json')).mode & 0o777).toBe(0o600);
    expect(statSync(join(box.dir, 'out')).mode & 0o777).toBe(0o700);
    const document = JSON.parse(readFileSync(out('family.json'), 'utf8'));
    expect(document).toMatchObject({ format: 'famcoord-export', version: 1, families: [target] });
    expect(Date.parse(document.exported)).not.toBeNaN();
    expect(document.changes.map((c: { step: number; ops: Array<{ op: string }> }) => [c.step, c.ops.map((o) => o.op)])).toEqual([
      [1, ['goal.progress']],
      [2, ['member.add']],
    ]);
    expect(JSON.stringify(document.changes)).not.toContain('Anden families note');
    expect(JSON.stringify(document.changes)).not.toContain('"before"');
    // On standard output without --out; --all has every family.
    expect(JSON.parse(run('export', '--family', target.id).stdout).families).toEqual([target]);
    expect(JSON.parse(run('export', '--all').stdout).families).toHaveLength(20);
    expect(run('export').code).toBe(2);
    expect(run('export', '--family', 'nope').code).toBe(2);
  });

  it('writes spreadsheet files Excel opens right, with formulas neutralised', () => {
    expect(run('goal', 'add', other.id, '--title', 'Skole; fritid\nog "venner"', '--sector', 'school', '--due', '2027-01-31').code).toBe(0);
    expect(run('goal', 'add', other.id, '--title', '=cmd()', '--sector', 'school', '--due', '2027-01-31').code).toBe(0);
    expect(run('export', '--csv', 'goals', '--out', out('goals.csv')).code).toBe(0);
    expect(statSync(out('goals.csv')).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(out('goals.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('family_id;family;goal_id;title;member;sector;status;priority;due;latest_score;latest_score_date');
    expect(text).toContain(';"Skole; fritid\nog ""venner""";');
    expect(text).toContain(";'=cmd();");
    expect(text).not.toMatch(/;=cmd/);
    expect(text.endsWith('\r\n')).toBe(true);
    // The target's latest score and its date.
    expect(text).toContain(`${target.id};${target.name};${target.goals[0]?.id};`);
    expect(lines.find((l) => l.includes(`;${target.goals[0]?.id};`))).toMatch(/;7;2026-11-24$/);

    const comma = run('export', '--csv', 'meetings', '--sep', ',', '--family', other.id).stdout;
    expect(comma.startsWith('\uFEFFfamily_id,family,meeting_id,type,start_local,')).toBe(true);
    expect(comma.split('\r\n').slice(1, -1).every((l) => l.startsWith(`${other.id},`))).toBe(true);
    expect(comma).toMatch(/,\d{4}-\d\d-\d\d \d\d:\d\d,/);
    expect(run('export', '--csv', 'contacts').stdout.split('\r\n')[0]).toMatch(/;days_waiting$/);
    expect(run('export', '--csv', 'goals', '--sep', '|').code).toBe(2);
    expect(run('export', '--csv', 'people').code).toBe(2);
  });

  it('refuses to erase without --yes when there is no terminal, and writes nothing', () => {
    const before = box.bytes();
    const result = run('erase', '--family', target.id);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/pass --yes/);
    expect(box.bytes().equals(before)).toBe(true);
  });

  it('erases the family from the store, the audit log and the backups; undo refuses', () => {
    const backups = () => readdirSync(box.dir).filter((n) => n.startsWith('store.json.bak.'));
    expect(backups().length).toBeGreaterThan(0);
    const result = run('erase', '--family', target.id, '--yes');
    expect(result.code).toBe(0);
    expect(familyNow(target.id)).toBeUndefined();
    expect(backups()).toEqual([]);
    const files = readdirSync(box.dir).filter((n) => n.startsWith('store.json'));
    expect(files).toContain('store.json.audit.jsonl');
    const secrets = [target.name, ...target.members.map((m) => m.name), NOTE];
    for (const file of files) {
      const bytes = readFileSync(join(box.dir, file));
      for (const secret of secrets) expect(bytes.includes(Buffer.from(secret)), `${secret} in ${file}`).toBe(false);
    }
    // The log keeps when, who and which operation; the other family's change in the batch is intact.
    const log = readFileSync(join(box.dir, 'store.json.audit.jsonl'), 'utf8');
    expect(log).toContain('Anden families note');
    expect(JSON.parse(log.split('\n')[1] as string).ops).toEqual([{ op: 'member.add', familyId: target.id, erased: true }]);

    const undo = run('undo');
    expect(undo.code).toBe(1);
    expect(undo.stderr).toMatch(new RegExp(`family ${target.id} was erased`));
    expect(run('access-log', target.members[0]?.id as string).code).toBe(0);
  });

  it('imports the exported family back as it was, as one step undo takes back', () => {
    const dry = run('import', out('family.json'), '--dry-run');
    expect(dry.code).toBe(0);
    expect(familyNow(target.id)).toBeUndefined();
    const result = run('import', out('family.json'));
    expect(result.code).toBe(0);
    expect(familyNow(target.id)).toEqual(target);
    // Importing it again changes nothing: it is identical.
    const before = box.bytes();
    expect(run('import', out('family.json')).stdout).toMatch(/Nothing to import/);
    expect(box.bytes().equals(before)).toBe(true);
  });

  it('reports a conflict and writes nothing; --prefer theirs replaces ours, and undo reverts it', () => {
    expect(run('goal', 'progress', target.goals[0]?.id as string, '--score', '2').code).toBe(0);
    const ours = familyNow(target.id);
    const before = box.bytes();
    const conflict = run('import', out('family.json'));
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain(`conflict: family ${target.id} differs from ours in goals`);
    expect(conflict.stderr).toMatch(/--prefer theirs/);
    for (const secret of [target.name, NOTE]) expect(conflict.stderr).not.toContain(secret);
    expect(box.bytes().equals(before)).toBe(true);

    expect(run('import', out('family.json'), '--prefer', 'ours').code).toBe(0);
    expect(box.bytes().equals(before)).toBe(true);

    const theirs = run('import', out('family.json'), '--prefer', 'theirs');
    expect(theirs.code).toBe(0);
    expect(familyNow(target.id)).toEqual(target);
    expect(run('undo').code).toBe(0);
    expect(familyNow(target.id)).toEqual(ours);
  });

  it('refuses a family whose ids another family uses, and a bad file, writing nothing', () => {
    const before = box.bytes();
    const stolen = { id: 'f999', name: 'Familien Ny', members: [{ ...target.members[0], id: other.members[0]?.id }] };
    writeFileSync(out('clash.json'), JSON.stringify({ format: 'famcoord-export', version: 1, exported: DATE, families: [stolen], changes: [] }));
    const clash = run('import', out('clash.json'));
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain(`family f999 cannot be imported: its ids ${other.members[0]?.id} are used by family ${other.id}`);

    const bad = { format: 'famcoord-export', version: 1, exported: DATE, families: [{ ...target, goals: [{ ...target.goals[0], due: '2027-02-30' }] }] };
    writeFileSync(out('bad.json'), JSON.stringify(bad));
    const invalid = run('import', out('bad.json'));
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain(`families[0] (${target.id}).goals[0] (${target.goals[0]?.id}).due: must be a real date`);
    writeFileSync(out('cut.json'), '{"format": "famcoord-export", "families": [');
    expect(run('import', out('cut.json')).stderr).toMatch(/not valid JSON/);
    writeFileSync(out('other.json'), JSON.stringify({ version: 1, families: [] }));
    expect(run('import', out('other.json')).stderr).toMatch(/format: must be "famcoord-export"/);
    expect(box.bytes().equals(before)).toBe(true);
  });
});
