// The code cache of the CLI runs a test run makes (bin/famcoord.js) goes to a folder of the run's
// own, not the user's cache folder: tests leave nothing in the home directory, and a stale cache
// from another build is never part of what a run measures. Set before the workers start, so every
// spawned famcoord inherits it; tests of the cache itself give their own folders.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  if (process.env.FAMCOORD_CACHE_DIR) return () => {};
  const dir = mkdtempSync(join(tmpdir(), 'famcoord-test-cache-'));
  process.env.FAMCOORD_CACHE_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
