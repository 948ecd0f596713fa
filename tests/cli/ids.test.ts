// Numbered ids at the edges (src/domain/ids.ts): an id with more than nine digits after its letters
// is refused wherever a new object's id comes in (a flag, a batch line, an import file), and a new
// id after one at the maximum is a clear refusal, not a hang. Nothing is written in any of them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '../helpers/cli.js';

const DATE = '2026-11-24';

describe('numbered ids on the command line', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
    expect(box.run(['demo', '--date', DATE]).code).toBe(0);
  });
  afterAll(() => box.cleanup());

  const refused = (args: string[], message: RegExp, input?: string) => {
    const before = box.bytes();
    const result = box.run([...args, '--date', DATE], input === undefined ? {} : { input });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
    expect(box.bytes().equals(before)).toBe(true);
    return result;
  };

  it('refuses --id with more than nine digits, naming the flag', () => {
    refused(['families', 'add', '--name', 'Familien Ny', '--id', 'f1234567890'], /^famcoord: --id must have at most 9 digits after its letters \(e\.g\. g12\)\n$/);
  });

  it('refuses such an id in a batch line, with the line, also when it is the only line', () => {
    const line = JSON.stringify({ op: 'goal.add', familyId: 'f1', id: 'g9007199254740992', title: 'Ny', sector: 'school', due: '2027-01-31' });
    refused(['batch', '-'], /^famcoord: line 1: id: must have at most 9 digits after its letters \(e\.g\. g12\)\nfamcoord: 1 bad line\(s\) in the batch; nothing was written\n$/, `${line}\n`);
  });

  it('refuses an import file with such an id, naming the family', () => {
    const file = join(box.dir, 'long-ids.json');
    const family = { id: 'f900', name: 'Familien Import', members: [], goals: [{ id: 'g12345678901', title: 'Mål', sector: 'school', due: '2027-01-31', status: 'active', progress: [] }] };
    writeFileSync(file, JSON.stringify({ format: 'famcoord-export', version: 1, exported: '2026-11-24T10:00:00+01:00', families: [family] }));
    refused(['import', file], /families\[0\] \(f900\): id g12345678901 must have at most 9 digits after its letters .*; nothing was written/);
    refused(['--lang', 'da', 'import', file], /families\[0\] \(f900\): id g12345678901 må højst have 9 cifre efter bogstaverne/);
  });

  it('gives the id at the maximum, then refuses the next new goal with a clear error instead of hanging', () => {
    const line = JSON.stringify({ op: 'goal.add', familyId: 'f1', id: 'g999999999', title: 'Ny', sector: 'school', due: '2027-01-31' });
    expect(box.run(['batch', '-', '--date', DATE], { input: `${line}\n` }).code).toBe(0);
    refused(['goal', 'add', 'f1', '--title', 'Endnu et mål', '--sector', 'school', '--due', '2027-02-28'], /no new id starting with g is left: g999999999, the highest a new id can have \(9 digits\), is in use; .*nothing was written/);
    refused(['--lang', 'da', 'goal', 'add', 'f1', '--title', 'Endnu et mål', '--sector', 'school', '--due', '2027-02-28'], /der er intet nyt id tilbage, der begynder med g/);
  });
});
