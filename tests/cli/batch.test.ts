import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '../helpers/cli.js';

const DATE = '2026-11-24';
// A digest, not the bytes: deep-comparing megabytes element by element takes vitest half a minute.
const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('famcoord batch', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
    box.run(['demo', '--date', DATE]);
  });
  afterAll(() => box.cleanup());

  const write = (name: string, lines: string[]) => {
    const file = join(box.dir, name);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };

  it('reports every bad line with its number and writes nothing', () => {
    const bytes = box.bytes();
    const file = write('bad.jsonl', [
      '{"op": "goal.progress", "goalId": "g1", "score": 6}',
      '{"op": "goal.progress", "goalId": "g1", "score": 16}',
      'not json at all',
      '# a comment',
      '{"op": "goal.frobnicate"}',
      '{"op": "contact.resolve", "contactId": "c99999", "resolution": "x"}',
      '{"op": "goal.progress", "goalId": "g1", "score": 5, "scroe": 5}',
    ]);
    const result = box.run(['batch', file, '--date', DATE]);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      'famcoord: line 2: score: must be a whole number from 0 to 10',
      expect.stringMatching(/^famcoord: line 3: not valid JSON/),
      expect.stringMatching(/^famcoord: line 5: op: must be one of: family\.add/),
      expect.stringMatching(/^famcoord: line 6: unknown contact c99999; known: c\d+(, c\d+){4}$/),
      expect.stringMatching(/^famcoord: line 7: .*scroe/),
      'famcoord: 5 bad line(s) in the batch; nothing was written',
    ]);
    expect(box.bytes()).toEqual(bytes);
  });

  it('shows a dry run by operation and by family without writing', () => {
    const bytes = box.bytes();
    const file = write('good.jsonl', ['{"op": "goal.progress", "goalId": "g1", "score": 6, "note": "Mødt op hver dag"}', '{"op": "goal.progress", "goalId": "g2", "score": 4}', '{"op": "contact.add", "familyId": "f2", "sector": "school", "subject": "PPR"}']);
    const result = box.run(['batch', file, '--dry-run', '--json', '--date', DATE]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ dryRun: true, operations: 3, families: 2, byOperation: { 'goal.progress': 2, 'contact.add': 1 }, byFamily: { f1: 2, f2: 1 } });
    expect(box.bytes()).toEqual(bytes);
  });

  it('reads standard input with -', () => {
    const result = box.run(['batch', '-', '--json', '--date', DATE], { input: '{"op": "goal.status", "goalId": "g1", "status": "completed"}\n' });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, operations: 1 });
    expect(box.run(['undo']).code).toBe(0);
  });
});

describe('a batch of 1,000 operations on 1,000 families', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
    expect(box.run(['demo', '--families', '1000', '--date', DATE]).code).toBe(0);
  });
  afterAll(() => box.cleanup());

  it('is applied in one step, logged as one step, and undo gives back identical data', () => {
    const before = box.bytes();
    const store = JSON.parse(before.toString('utf8'));
    const goals: string[] = store.families.flatMap((f: { goals: { id: string }[] }) => f.goals.map((g) => g.id)).slice(0, 1000);
    const file = join(box.dir, 'thousand.jsonl');
    writeFileSync(file, goals.map((goalId, i) => JSON.stringify({ op: 'goal.progress', goalId, score: i % 11, note: `batch ${i}` })).join('\n'));
    const started = Date.now();
    const result = box.run(['batch', file, '--json', '--date', DATE]);
    const elapsed = Date.now() - started;
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, step: 1, operations: 1000 });
    const log = box.run(['log', '--json']);
    expect(JSON.parse(log.stdout)).toHaveLength(1);
    const after = JSON.parse(readFileSync(box.store, 'utf8'));
    const notes = after.families.flatMap((f: { goals: { progress: { note: string }[] }[] }) => f.goals.flatMap((g) => g.progress.map((p) => p.note))).filter((n: string) => n.startsWith('batch '));
    expect(notes).toHaveLength(1000);
    expect(box.run(['undo']).code).toBe(0);
    expect(digest(box.bytes())).toBe(digest(before));
    console.log(`batch: 1,000 operations on 1,000 families in ${elapsed} ms (whole process)`);
  });
});

describe('famcoord log', () => {
  it('lists steps, filters by family and date, and keeps whole families out of the output', () => {
    const box = sandbox();
    try {
      box.run(['demo', '--date', DATE]);
      box.run(['goal', 'progress', 'g1', '--score', '5', '--date', DATE]);
      box.run(['contact', 'add', 'f2', '--sector', 'school', '--subject', 'PPR', '--date', DATE]);
      box.run(['undo']);
      const text = box.run(['log']).stdout;
      expect(text).toMatch(/^STEP\s+WHEN\s+WHO\s+FROM\s+WHAT\s+FAMILIES$/m);
      expect(text).toMatch(/^\s+3 .* tester\s+cli\s+undo of step 2\s+f2$/m);
      const entries = JSON.parse(box.run(['log', '--family', 'f1', '--json']).stdout);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ step: 1, user: 'tester', source: 'cli', familyIds: ['f1'], ops: [{ op: 'goal.progress', goalId: 'g1', score: 5 }] });
      expect(entries[0]).not.toHaveProperty('before');
      expect(JSON.parse(box.run(['log', '--since', '2999-01-01', '--json']).stdout)).toEqual([]);
      expect(box.run(['log', '--since', 'yesterday']).code).toBe(2);
      // The person-level extract: g1 belongs to one member (or the whole family).
      const store = JSON.parse(readFileSync(box.store, 'utf8'));
      const owner = store.families[0].goals.find((g: { id: string }) => g.id === 'g1').memberId;
      const extract = JSON.parse(box.run(['access-log', owner ?? 'p1', '--json']).stdout);
      expect(extract.changes).toEqual(owner ? [expect.objectContaining({ step: 1, user: 'tester', op: 'goal.progress', objectId: 'g1' })] : []);
    } finally {
      box.cleanup();
    }
  });
});
