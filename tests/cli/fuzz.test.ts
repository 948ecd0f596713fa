// Fuzzing the command line and batch lines with fast-check: random commands, flags, dates, ids,
// control characters and huge strings. Every failure must be a clear one-line error with exit
// code 1 or 2 and no stack trace, and must leave the store byte-identical.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeBatchProblem, parseBatch } from '../../src/cli/batch.js';
import { safeParseOperation } from '../../src/domain/operations.js';
import { runCli } from '../../src/cli/run.js';
import { generateDemo } from '../../src/domain/demo.js';
import { JsonFileStore } from '../../src/store/jsonStore.js';

const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Runs famcoord in this process and captures what it prints. */
async function capture(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = await runCli(['node', 'famcoord', ...argv]);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = undefined;
  }
}

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '-', '--', '\u001b[2J', '\u001b]0;x\u0007', '\r', '\u202e', 'null', '{}', '[]', '1e309', '-1', '0', '10', '11', '3.5', 'NaN'),
  fc.constantFrom('2026-11-24', '2026-02-30', '24-11-2026', '2026-11-24T09:00+01:00', '2026-11-24 25:00', '9999-99-99'),
  fc.constantFrom('f1', 'g1', 'c1', 'm1', 'p1', 'i1', 'k1', 'f99999', 'g1;rm -rf', '../../etc/passwd'),
  fc.string({ minLength: 5_000, maxLength: 20_000 }),
);
const flag = fc.constantFrom('--score', '--note', '--status', '--on', '--date', '--title', '--sector', '--due', '--member', '--priority', '--type', '--start', '--duration', '--place', '--attendee', '--text', '--agreement', '--append', '--subject', '--department', '--reply-by', '--resolution', '--reason', '--kind', '--from', '--to', '--until', '--given', '--json', '--lang', '--family', '--since', '--dry-run', '--name', '--scroe', '-x');
const command = fc.constantFrom(
  ['today'], ['families'], ['family'], ['goal', 'add'], ['goal', 'progress'], ['goal', 'status'], ['goal', 'update'], ['meeting', 'add'], ['meeting', 'minutes'],
  ['contact', 'add'], ['contact', 'answer'], ['contact', 'resolve'], ['contact', 'cancel'], ['intervention', 'add'], ['intervention', 'end'], ['member', 'add'],
  // (batch is fuzzed through parseBatch below: in-process, `batch -` would wait for this process's stdin)
  ['families', 'add'], ['consent', 'add'], ['consent', 'revoke'], ['log'], ['access-log'], ['tody'], [],
);
const argv = fc.tuple(command, fc.array(nasty, { maxLength: 2 }), fc.array(fc.tuple(flag, nasty), { maxLength: 4 })).map(([cmd, args, flags]) => [...cmd, ...args, ...flags.flat()]);

describe('fuzzing', () => {
  let dir: string;
  let store: string;
  const saved = { ...process.env };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'famcoord-fuzz-'));
    store = join(dir, 'store.json');
    await new JsonFileStore(store).create(generateDemo({ families: 5, seed: 3, today: '2026-11-24' }));
    Object.assign(process.env, { FAMCOORD_STORE: store, FAMCOORD_CONFIG_DIR: join(dir, 'config'), FAMCOORD_USER: 'fuzz', NO_COLOR: '1' });
  });
  afterAll(() => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('every failing command is a clear error with exit 1 or 2, and writes nothing', async () => {
    let runs = 0;
    let failures = 0;
    const original = readFileSync(store);
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        writeFileSync(store, original); // each case starts from the same store
        const before = digest(readFileSync(store));
        const { code, stderr } = await capture(args);
        runs++;
        expect([0, 1, 2]).toContain(code);
        if (code !== 0) {
          failures++;
          expect(digest(readFileSync(store)), `famcoord ${JSON.stringify(args).slice(0, 300)}`).toBe(before);
          const lines = stderr.trimEnd().split('\n').filter((l) => !l.startsWith('famcoord: line ')); // batch lists bad lines first
          expect(lines.length, stderr.slice(0, 500)).toBeLessThanOrEqual(1);
          expect(stderr).toMatch(/^famcoord: /);
          expect(stderr).not.toMatch(/\n\s+at |Error:|ZodError|\{"code"/);
          // No value the user typed beyond 80 characters is echoed back (it could be personal data).
          for (const arg of args) if (arg.length > 80) expect(stderr).not.toContain(arg.slice(0, 80));
          // Nothing that could rewrite the terminal.
          // eslint-disable-next-line no-control-regex
          expect(stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/);
        }
      }),
      { numRuns: 2000 },
    );
    console.log(`fuzz: ${runs} command lines run, ${failures} refused with exit 1 or 2, store byte-identical after every refusal`);
  }, 600_000);

  it('a long unknown option with quotes in it is cut short, not echoed (found by the fuzzer)', async () => {
    const typed = `- ${'! '.repeat(6)}' ${'! '.repeat(15)}' ${'! '.repeat(16)}${' '.repeat(300)}`;
    const { code, stderr } = await capture(['today', typed]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^famcoord: unknown option/);
    expect(stderr).not.toContain(typed.slice(0, 80));
  });

  it('batch lines: any text is parsed without throwing; a bad line never becomes an operation', () => {
    let lines = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.json(), fc.record({ op: fc.constantFrom('goal.progress', 'contact.resolve', 'x'), goalId: nasty, score: fc.oneof(fc.integer(), fc.double(), nasty), contactId: nasty, resolution: nasty }).map((o) => JSON.stringify(o))), { maxLength: 20 }), (batchLines) => {
        const parsed = parseBatch(batchLines.join('\n'), 'en', safeParseOperation);
        lines += batchLines.length;
        expect(parsed.operations.length + parsed.problems.length).toBeLessThanOrEqual(batchLines.length);
        for (const problem of parsed.problems) expect(describeBatchProblem(problem, 'en')).toMatch(/^line \d+: /);
        for (const op of parsed.operations) if (op.op === 'goal.progress') expect(Number.isInteger(op.score) && op.score >= 0 && op.score <= 10).toBe(true);
      }),
      { numRuns: 1000 },
    );
    console.log(`fuzz: ${lines} batch lines parsed`);
  });
});
