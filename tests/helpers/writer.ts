// Bundles the writer fixture (TypeScript) into one .mjs that plain Node runs as a separate process.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

export async function bundleWriter(): Promise<{ path: string; cleanup: () => void }> {
  // Inside the project, so the bundle finds better-sqlite3 (a native addon, left external) in node_modules.
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
    logLevel: 'error',
    external: ['better-sqlite3'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
