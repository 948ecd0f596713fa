// What a command killed part way leaves, and how the next command (or doctor) puts it right: an
// audit line cut off, a step logged but never renamed into the store, an erase stopped between its
// writes. The kills are deterministic: FAMCOORD_CRASH_AT makes famcoord SIGKILL itself at a named
// point (src/store/crashPoint.ts).
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/openStore.js';
import { sandbox, type Sandbox } from '../helpers/cli.js';
import { family, goal, state } from '../helpers/fixtures.js';

const DATE = '2026-11-24';
let box: Sandbox;
afterEach(() => box.cleanup());

/** A store with two families (f1 named "Familien Hemmelig") and two steps, through the CLI's own code. */
async function storeWithTwoSteps(file: string): Promise<{ path: string; run: (args: string[], env?: NodeJS.ProcessEnv) => ReturnType<Sandbox['run']> }> {
  box = sandbox();
  const path = join(box.dir, file);
  await openStore(path).create(state(family('f1', { name: 'Familien Hemmelig', goals: [goal('g1', '2027-01-01')] }), family('f2', { goals: [goal('g2', '2027-01-01')] })));
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) => box.run([...args, '--store', path, '--date', DATE], { store: false, env });
  expect(run(['goal', 'progress', 'g1', '--score', '3', '--note', 'Fortroligt']).code).toBe(0);
  expect(run(['goal', 'progress', 'g2', '--score', '4']).code).toBe(0);
  return { path, run };
}

const logOf = (path: string) => readFileSync(`${path}.audit.jsonl`, 'utf8');
const filesWith = (text: string) => readdirSync(box.dir).filter((name) => readFileSync(join(box.dir, name)).includes(Buffer.from(text)));

describe('the audit log after an append cut short', () => {
  it('sets a cut-off last line aside (0600) on the next change, which follows on from the last whole step', async () => {
    const { path, run } = await storeWithTwoSteps('store.json');
    appendFileSync(`${path}.audit.jsonl`, '{"step":3,"prev":"ab');
    expect(run(['goal', 'progress', 'g2', '--score', '5']).code).toBe(0);
    const lines = logOf(path).split('\n').filter(Boolean).map((line) => JSON.parse(line) as { step: number });
    expect(lines.map((e) => e.step)).toEqual([1, 2, 3]);
    const aside = `${path}.audit.jsonl.set-aside`;
    expect(readFileSync(aside, 'utf8')).toBe('{"step":3,"prev":"ab\n');
    expect(statSync(aside).mode & 0o777).toBe(0o600);
    expect(run(['undo']).stdout).toMatch(/step 3/);
    const doctor = JSON.parse(run(['doctor', '--json']).stdout) as { problems: string[] };
    expect(doctor.problems).toEqual([expect.stringMatching(/set-aside holds 1 line\(s\) taken out of the audit log/)]);
  });

  it('is repaired by doctor too', async () => {
    const { path, run } = await storeWithTwoSteps('store.json');
    appendFileSync(`${path}.audit.jsonl`, '{"step":3,"pr');
    const doctor = JSON.parse(run(['doctor', '--json']).stdout) as { repaired: string[]; problems: string[] };
    expect(doctor.repaired).toEqual([expect.stringMatching(/took a cut-off or never-applied last line out of the audit log/)]);
    expect(logOf(path).endsWith('\n')).toBe(true);
    expect(doctor.problems.join('\n')).not.toMatch(/broken|cannot be read/);
  });

  it('sets aside a step that was logged but never reached the store (killed before the rename)', async () => {
    const { path, run } = await storeWithTwoSteps('store.json');
    const before = readFileSync(path);
    expect(run(['goal', 'progress', 'g1', '--score', '9'], { FAMCOORD_CRASH_AT: 'step:logged' }).code).not.toBe(0);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(logOf(path).split('\n').filter(Boolean)).toHaveLength(3); // the line was written first
    // The next command takes it out: undo reverts step 2, which did happen, and numbers itself 3.
    const undo = run(['undo', '--json']);
    expect(JSON.parse(undo.stdout)).toMatchObject({ undid: 2, step: 3 });
    expect(readFileSync(`${path}.audit.jsonl.set-aside`, 'utf8')).toMatch(/"step":3.*"score":9/);
    expect(JSON.parse(run(['doctor', '--json']).stdout).problems.join('\n')).not.toMatch(/broken/);
  });
});

describe.each([
  { backend: 'JSON file', file: 'store.json', stages: ['erase:intent', 'erase:committed', 'erase:scrubbed'] },
  { backend: 'SQLite', file: 'store.sqlite', stages: ['erase:committed'] },
])('an erase killed part way ($backend)', ({ file, stages }) => {
  it.each(stages)('killed at %s: the next command finishes it, and undo cannot bring the family back', async (stage) => {
    const { path, run } = await storeWithTwoSteps(file);
    expect(run(['erase', '--family', 'f1', '--yes'], { FAMCOORD_CRASH_AT: stage }).code).not.toBe(0);
    expect(existsSync(`${path}.erasing`)).toBe(true);
    const undo = run(['undo']);
    expect(undo.code).toBe(1);
    expect(undo.stderr).toMatch(/cannot undo step 3: family f1 was erased \(step 3\) and its data is gone/);
    expect(existsSync(`${path}.erasing`)).toBe(false);
    expect(filesWith('Hemmelig')).toEqual([]);
    expect(filesWith('Fortroligt')).toEqual([]);
    expect(JSON.parse(run(['families', '--json']).stdout).map((f: { id: string }) => f.id)).toEqual(['f2']);
  });

  it('killed after the erase step: doctor finishes it', async () => {
    const { path, run } = await storeWithTwoSteps(file);
    expect(run(['erase', '--family', 'f1', '--yes'], { FAMCOORD_CRASH_AT: 'erase:committed' }).code).not.toBe(0);
    const doctor = JSON.parse(run(['doctor', '--json']).stdout) as { repaired: string[]; problems: string[] };
    expect(doctor.repaired).toEqual(['finished erasing family f1 (an erase had been interrupted)']);
    expect(doctor.problems).toEqual([]);
    expect(existsSync(`${path}.erasing`)).toBe(false);
    expect(filesWith('Hemmelig')).toEqual([]);
  });
});
