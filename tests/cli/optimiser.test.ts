// A long read raises V8's interrupt budget (src/cli/optimiser.ts) and puts it back when it ends:
// what is compiled and cached after it, or by a V8 that keys its code caches with the flags of the
// moment, is as without it. famcoord's code cache (bin/famcoord.js) must keep working through such
// a run, and the output must not change.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LONG_READ_FAMILIES, tuneForLongRead } from '../../src/cli/optimiser.js';
import { sandbox } from '../helpers/cli.js';

const DATE = '2026-11-24';

describe('tuneForLongRead', () => {
  it('puts the flags back once, through putBack or at exit, whichever comes first', async () => {
    const exitListeners = process.listenerCount('exit');
    const tuning = await tuneForLongRead();
    const known = process.versions.v8.startsWith('11.3.');
    expect(process.listenerCount('exit')).toBe(exitListeners + (known ? 1 : 0));
    tuning.wholeStore();
    tuning.wholeStore();
    expect(process.listenerCount('exit')).toBe(exitListeners + (known ? 1 : 0));
    tuning.putBack();
    expect(process.listenerCount('exit')).toBe(exitListeners);
    tuning.putBack();
    expect(process.listenerCount('exit')).toBe(exitListeners);
  });
});

describe(`today on more than ${LONG_READ_FAMILIES} families`, () => {
  const box = sandbox();
  const store = join(box.dir, 'store.sqlite');
  const cacheRoot = join(box.dir, 'cache');
  let uncached: { json: string; text: string };
  const today = (args: string[], env: NodeJS.ProcessEnv) => {
    const result = box.run(['today', ...args, '--date', DATE, '--store', store], { store: false, env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return result.stdout;
  };
  const cacheFile = () => {
    const [folder] = readdirSync(cacheRoot);
    return join(cacheRoot, folder as string, 'today.v8cache');
  };

  beforeAll(() => {
    expect(box.run(['demo', '--families', String(LONG_READ_FAMILIES + 64), '--seed', '3', '--date', DATE, '--store', store], { store: false }).code).toBe(0);
    uncached = { json: today(['--json'], { FAMCOORD_CODE_CACHE: '0' }), text: today([], { FAMCOORD_CODE_CACHE: '0' }) };
    // The read went through more families than that: so many have a row.
    const view = JSON.parse(uncached.json) as Record<string, Array<{ familyId: string }>>;
    const families = new Set(['meetings', 'overdueGoals', 'openContacts', 'agreements'].flatMap((rows) => (view[rows] ?? []).map((row) => row.familyId)));
    expect(families.size).toBeGreaterThan(LONG_READ_FAMILIES);
  });
  afterAll(() => box.cleanup());

  it('writes a code cache the next runs accept (made after the budget was put back), and prints what an uncached run prints', () => {
    const env = { FAMCOORD_CACHE_DIR: cacheRoot };
    expect(today(['--json'], env)).toBe(uncached.json);
    expect(today([], env)).toBe(uncached.text);
    const made = statSync(cacheFile());
    for (let run = 0; run < 2; run++) {
      expect(today(['--json'], env)).toBe(uncached.json);
      expect(today([], env)).toBe(uncached.text);
    }
    const after = statSync(cacheFile());
    expect([after.ino, after.mtimeMs, after.size]).toEqual([made.ino, made.mtimeMs, made.size]);
  });
});
