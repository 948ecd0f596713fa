// famcoord today over a large store: built a family at a time through eachFamily, never from a
// read that holds every family (at 100,000 families on SQLite that read alone passed 300 MB).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { localTimeZone } from '../../src/cli/timeZone.js';
import { generateDemo } from '../../src/domain/demo.js';
import { todayView } from '../../src/domain/views.js';
import { JsonFileStore } from '../../src/store/jsonStore.js';
import { SqliteStore } from '../../src/store/sqliteStore.js';

const DATE = '2026-11-24';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'famcoord-today-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs famcoord in this process and captures its stdout. */
async function capture(argv: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const out = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  try {
    return { code: await runCli(['node', 'famcoord', ...argv]), stdout };
  } finally {
    process.stdout.write = out;
    process.exitCode = undefined;
  }
}

describe.each([
  ['SQLite', SqliteStore, 'store.sqlite'],
  ['JSON', JsonFileStore, 'store.json'],
] as const)('famcoord today on a %s store', (_name, Backend, file) => {
  it('goes through the families with something for today one at a time, never reading them all at once', async () => {
    const path = join(dir, file);
    const demo = generateDemo({ families: 120, seed: 9, today: DATE });
    await new Backend(path).create(demo);
    const read = vi.spyOn(Backend.prototype, 'read');
    const eachFamily = vi.spyOn(Backend.prototype, 'eachFamily');
    try {
      for (const args of [['--json', 'today'], ['--json']]) {
        const result = await capture([...args, '--store', path, '--date', DATE]);
        expect(result.code).toBe(0);
        expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify(todayView(demo, DATE, localTimeZone()))));
      }
      expect(read).not.toHaveBeenCalled();
      expect(eachFamily).toHaveBeenCalledWith({ todayOn: DATE });
    } finally {
      read.mockRestore();
      eachFamily.mockRestore();
    }
  });
});
