// What a read loads of Node at start-up (issue 19): each of these modules costs milliseconds on
// every command, so a static import that brings one back is caught here, not in a benchmark.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, sandbox, type Sandbox } from '../helpers/cli.js';

const HOOK = join(import.meta.dirname, '../helpers/builtinsLoaded.cjs');

describe('the Node modules a read loads', () => {
  let box: Sandbox;
  let database: string;
  beforeAll(() => {
    box = sandbox();
    database = join(box.dir, 'store.sqlite');
    expect(box.run(['demo', '--families', '5', '--date', '2026-11-24', '--store', database], { store: false }).code).toBe(0);
  });
  afterAll(() => box.cleanup());

  /**
   * The built-ins (and Intl.DateTimeFormat, tests/helpers/builtinsLoaded.cjs) `args` loaded on
   * `store`, run into a pipe (spawnSync's pipes are socket pairs, as in the bench; a shell's are
   * FIFOs, tests/cli/pipe.test.ts); and its output.
   */
  function loadedBy(args: string[], store = database): { loaded: string[]; stdout: string } {
    const result = spawnSync(process.execPath, ['--require', HOOK, BIN, ...args, '--date', '2026-11-24', '--store', store], {
      encoding: 'utf8',
      env: { ...process.env, FAMCOORD_USER: 'tester', FAMCOORD_CONFIG_DIR: join(box.dir, 'config') },
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const loaded = (result.output[3] as string).split('\n');
    expect(loaded).toContain('vm'); // the hook saw the program run
    return { loaded, stdout: result.stdout };
  }

  /** The built-ins `today --json` on `store` loaded. */
  function builtinsOfToday(store: string): string[] {
    const { loaded, stdout } = loadedBy(['today', '--json'], store);
    expect(JSON.parse(stdout).date).toBe('2026-11-24');
    return loaded;
  }
  // node:module and node:os are loaded when first used (scripts/build.mjs, lazyBuiltins): node:module brings Node's ES module loader.
  const NOT_ON_A_READ = ['crypto', 'stream', 'fs/promises', 'readline', 'net', 'zlib', 'module', 'os'];

  it('today --json on SQLite into a pipe: no crypto, streams, fs/promises, readline, net, module or os', () => {
    const loaded = builtinsOfToday(database);
    for (const module of NOT_ON_A_READ) expect(loaded, module).not.toContain(module);
  });

  it("today --json on a JSON store whose known-good mark records the file's status: no crypto either (the bytes are not hashed)", async () => {
    expect(box.run(['demo', '--families', '5', '--date', '2026-11-24']).code).toBe(0);
    // A read adds the status once the store's last change is a few seconds old (src/store/knownGood.ts).
    const deadline = Date.now() + 60_000;
    while (!readFileSync(`${box.store}.checked`, 'utf8').includes('\n')) {
      if (Date.now() > deadline) throw new Error("no read recorded the store file's status in its mark within 60 s");
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(box.run(['today', '--json', '--date', '2026-11-24']).code).toBe(0);
    }
    const loaded = builtinsOfToday(box.store);
    for (const module of NOT_ON_A_READ) expect(loaded, module).not.toContain(module);
  });

  // `famcoord config` showed the config file's path through conf, which loaded Ajv, node:crypto,
  // node:assert and stderr's stream for it (issue 19).
  it('config: no crypto, assert, streams or net', () => {
    const { loaded, stdout } = loadedBy(['config', '--json']);
    expect(JSON.parse(stdout)).toMatchObject({ origin: 'flag', config: join(box.dir, 'config', 'config.json') });
    for (const module of ['crypto', 'assert', 'stream', 'net', 'fs/promises']) expect(loaded, module).not.toContain(module);
  });

  // The documents wrote their dates with Intl.DateTimeFormat, ~8-15 ms to start (issue 19).
  it('plan and minutes: no ICU date format, no crypto or streams', () => {
    const plan = loadedBy(['plan', 'f1', '--lang', 'da']);
    expect(plan.stdout).toMatch(/Udskrevet 24\. november 2026/);
    const meeting = /\b(m\d+)\b/.exec(loadedBy(['family', 'f1', '--json']).stdout)?.[1] ?? 'm1';
    const minutes = loadedBy(['minutes', meeting, '--lang', 'da']);
    expect(minutes.stdout).toMatch(/\d+\. \p{L}+ 20\d\d kl\. \d\d\.\d\d/u);
    for (const { loaded } of [plan, minutes]) for (const module of ['Intl.DateTimeFormat', 'crypto', 'stream']) expect(loaded, module).not.toContain(module);
  });

  // bin/famcoord.js answers --version itself, by write(2): process.stdout over a pipe is a
  // net.Socket, which loaded net and the streams for one line (issue 19).
  it('--version into a pipe: no net or streams', () => {
    const result = spawnSync(process.execPath, ['--require', HOOK, BIN, '--version'], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe', 'pipe'] });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${(JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version}\n`);
    const loaded = (result.output[3] as string).split('\n');
    for (const module of ['net', 'stream']) expect(loaded, module).not.toContain(module);
  });

  // A change needs node:crypto for the audit entry's hashes, nothing more: --from-json's input
  // module (every command that adds data imports it) took fs/promises with it, and the checks
  // before a write used fs.promises, which loads the same (issue 19).
  it('goal progress on SQLite: no fs/promises, readline or net', () => {
    const goal = (JSON.parse(box.run(['today', '--json', '--date', '2026-11-24', '--store', database], { store: false }).stdout) as { overdueGoals: Array<{ id: string }> }).overdueGoals[0]?.id ?? 'g1';
    const { loaded } = loadedBy(['goal', 'progress', goal, '--score', '5', '--note', 'test']);
    for (const module of ['fs/promises', 'internal/fs/promises', 'readline', 'internal/readline/interface', 'net', 'zlib']) expect(loaded, module).not.toContain(module);
    // The step is in the log, chained to the one before, as doctor checks it.
    expect(box.run(['doctor', '--store', database], { store: false }).code).toBe(0);
  });
});
