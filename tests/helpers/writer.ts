// Bundles the writer fixture (TypeScript) into one .mjs that plain Node runs as a separate process.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { fingerprintDefine } from '../../scripts/schemaFingerprint.mjs';

export async function bundleWriter(): Promise<{ path: string; cleanup: () => void }> {
  // Inside the project, so the bundle finds better-sqlite3 (a native addon) and pg, left external, in node_modules.
  const cache = resolve(import.meta.dirname, '../../node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'famcoord-writer-'));
  const path = join(dir, 'writer.mjs');
  await build({
    entryPoints: [resolve(import.meta.dirname, '../store/fixtures/writer.ts')],
    outfile: path,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Each crash-test round starts a fresh process: a smaller bundle compiles faster.
    minify: true,
    // As the real build: known-good marks on, so a writer takes the line-by-line path the CLI takes.
    // The fault tests' hook on (src/store/testHooks.ts): a writer can be told to stop holding the lock.
    define: { ...fingerprintDefine(), FAMCOORD_TEST_HOOKS: 'true' },
    logLevel: 'error',
    external: ['better-sqlite3', 'pg', 'pg-native'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts one writer process ("w<name>-<i>" notes); `exited` resolves with its exit code. */
export function spawnWriter(writerPath: string, storePath: string, name: string, updates: number, goalId: string, env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(process.execPath, [writerPath, storePath, name, String(updates), goalId], { stdio: ['ignore', 'ignore', 'inherit'], env });
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return { child, exited };
}

/**
 * Starts `processes` writer processes at once, each recording `updates` progress notes on one goal
 * ("w<process>-<i>"), and resolves with their exit codes when all have finished.
 */
export function runWriters(writerPath: string, storePath: string, processes: number, updates: number, goalId: string): Promise<number[]> {
  return Promise.all(Array.from({ length: processes }, (_, w) => spawnWriter(writerPath, storePath, String(w), updates, goalId).exited));
}

/** The notes runWriters records, in no particular order. */
export const writerNotes = (processes: number, updates: number): string[] =>
  Array.from({ length: processes }, (_, w) => Array.from({ length: updates }, (_, i) => `w${w}-${i}`)).flat();
