// Runs the built famcoord as a subprocess, the way users and scripts do, in a private temp folder.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const BIN = resolve(import.meta.dirname, '../../bin/famcoord.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Sandbox {
  dir: string;
  store: string;
  /** Runs famcoord with --store pointed at this sandbox's store (unless `store: false`). */
  run(args: string[], options?: { input?: string; env?: NodeJS.ProcessEnv; store?: boolean; hungAfterMs?: number }): CliResult;
  /** The store file's bytes, to prove that a failed command changed nothing. */
  bytes(): Buffer;
  cleanup(): void;
}

/**
 * How long a command may run before it counts as hung: a guard, not a speed limit (vitest cannot
 * time out a test blocked in spawnSync, so this is the only one). Generous, so that a loaded
 * machine passes: a 10,000-family demo that takes 7 s alone took over 60 s beside four test runs.
 */
const HUNG_AFTER_MS = 110_000;

export function runCli(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string; hungAfterMs?: number } = {}): CliResult {
  const result: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input: options.input ?? '',
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    timeout: options.hungAfterMs ?? HUNG_AFTER_MS,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function sandbox(): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'famcoord-test-'));
  const store = join(dir, 'store.json');
  // Never read or write the user's real config or data folder from a test.
  const baseEnv = { FAMCOORD_CONFIG_DIR: join(dir, 'config'), XDG_DATA_HOME: join(dir, 'data'), FAMCOORD_STORE: '', FAMCOORD_USER: 'tester', TZ: 'Europe/Copenhagen' };
  return {
    dir,
    store,
    run: (args, options = {}) =>
      runCli(options.store === false ? args : [...args, '--store', store], { input: options.input, cwd: dir, env: { ...baseEnv, ...options.env }, hungAfterMs: options.hungAfterMs }),
    bytes: () => readFileSync(store),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
