// The start-up rules: commands other than the workbench must not run Ink or React, and reading a
// store famcoord wrote, or a valid change, must not run zod, whose schemas cost more to build than
// the rest of `famcoord today` (a change is checked by the quick parse of the schemas' shapes). The program is a few dozen scripts (dist/*.cjs, issue 19), split at each
// dynamic import, whose modules run only when reached; what a real process ran is seen from what
// those libraries leave behind when they load: zod its global config, Ink (through signal-exit)
// its exit emitter on `process`.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, sandbox } from '../helpers/cli.js';

const DIST = resolve(import.meta.dirname, '../../dist');

/** What a famcoord process initialised, read by a preloaded module as the process exits. */
function librariesRunBy(args: string[], env: NodeJS.ProcessEnv, code = 0): { zod: boolean; ink: boolean } {
  const probe = join(box.dir, 'probe.mjs');
  writeFileSync(
    probe,
    "process.once('exit', () => process.stderr.write(`PROBE ${JSON.stringify({ zod: globalThis.__zod_globalConfig !== undefined, ink: process.__signal_exit_emitter__ !== undefined })}\\n`));",
  );
  const result = runCli(args, { env: { ...env, NODE_OPTIONS: `--import=${probe}` } });
  expect(result.code, result.stderr).toBe(code);
  const line = result.stderr.split('\n').find((l) => l.startsWith('PROBE '));
  expect(line, result.stderr).toBeDefined();
  return JSON.parse((line as string).slice('PROBE '.length));
}

const box = sandbox();
afterAll(() => box.cleanup());
const ENV = { FAMCOORD_CONFIG_DIR: join(box.dir, 'config'), FAMCOORD_USER: 'tester' };

describe('the program', () => {
  it('carries what the probes look for (so that a probe that finds nothing means something)', () => {
    const text = readdirSync(DIST)
      .filter((name) => name.endsWith('.cjs'))
      .map((name) => readFileSync(join(DIST, name), 'utf8'))
      .join('\n');
    expect(text).toContain('__signal_exit_emitter__');
    expect(text).toContain('__zod_globalConfig');
  });

  it('runs no Ink or React unless the workbench opens', () => {
    expect(box.run(['demo', '--families', '8', '--seed', '3', '--date', '2026-11-24']).code).toBe(0);
    for (const command of [['today'], ['families'], ['family', 'f1'], ['goal', 'progress', 'g1', '--score', '5'], ['--help']])
      expect(librariesRunBy([...command, '--store', box.store, '--date', '2026-11-24'], ENV).ink, command.join(' ')).toBe(false);
  });
});

describe('reading a store famcoord wrote', () => {
  it('runs no zod: no schema is built for today, the families or a family', () => {
    for (const command of [['today', '--json'], ['families'], ['family', 'f1']])
      expect(librariesRunBy([...command, '--store', box.store, '--date', '2026-11-24'], ENV).zod, command.join(' ')).toBe(false);
  });

  // A database has no known-good mark: its families are checked on every read, by the quick parse
  // of the schemas' shapes (domain/quickValidate.ts), which loaded zod's schemas before (issue 19).
  it('runs no zod to read the families of a SQLite store famcoord wrote', () => {
    const database = join(box.dir, 'read.sqlite');
    expect(box.run(['demo', '--families', '8', '--seed', '3', '--date', '2026-11-24', '--store', database], { store: false }).code).toBe(0);
    for (const command of [['families'], ['family', 'f1', '--json'], ['report'], ['plan', 'f1'], ['team']])
      expect(librariesRunBy([...command, '--store', database, '--date', '2026-11-24'], ENV).zod, command.join(' ')).toBe(false);
  });

  it('runs no zod to export a family or a spreadsheet (reading an export back loads it)', () => {
    for (const command of [['export', '--family', 'f1'], ['export', '--csv', 'goals']])
      expect(librariesRunBy([...command, '--store', box.store, '--date', '2026-11-24'], ENV).zod, command.join(' ')).toBe(false);
  });

  it('runs no zod for a valid change, a valid batch or an undo', () => {
    expect(librariesRunBy(['goal', 'progress', 'g1', '--score', '5', '--store', box.store], ENV).zod).toBe(false);
    const batch = join(box.dir, 'ok.jsonl');
    writeFileSync(batch, `${JSON.stringify({ op: 'goal.progress', goalId: 'g1', score: 6, note: 'a' })}\n${JSON.stringify({ op: 'goal.update', goalId: 'g1', memberId: null, title: 'Ny titel' })}\n`);
    expect(librariesRunBy(['batch', batch, '--store', box.store], ENV).zod).toBe(false);
    expect(librariesRunBy(['undo', '--store', box.store], ENV).zod).toBe(false);
  });

  it('runs zod to judge and word what the quick parse does not pass, and to read a store written by hand', () => {
    expect(librariesRunBy(['goal', 'progress', 'g1', '--score', '11', '--store', box.store], ENV, 2).zod).toBe(true);
    const batch = join(box.dir, 'bad.jsonl');
    writeFileSync(batch, `${JSON.stringify({ op: 'goal.progress', goalId: 'g1', score: 6 })}\n${JSON.stringify({ op: 'goal.progress', goalId: 'g1', score: -1 })}\n`);
    expect(librariesRunBy(['batch', batch, '--store', box.store], ENV, 2).zod).toBe(true);
    const handWritten = join(box.dir, 'hand.json');
    writeFileSync(handWritten, JSON.stringify({ version: 1, families: [] }), { mode: 0o600 });
    expect(librariesRunBy(['today', '--json', '--store', handWritten], ENV).zod).toBe(true);
  });
});
