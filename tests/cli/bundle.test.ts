// The start-up rules: commands other than the workbench must not load Ink or React. esbuild puts
// the workbench behind a dynamic import() in its own chunk; this follows every *static* import
// from dist/cli.js and checks that none of those files carries Ink, React or yoga. And reading
// a store famcoord wrote must not load zod, whose schemas cost more to build than the rest of
// `famcoord today`: that is checked on the modules a real process loads.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, sandbox } from '../helpers/cli.js';

const DIST = resolve(import.meta.dirname, '../../dist');
const STATIC_IMPORT = /^import\s*(?:[^'"]*?\s*from\s*)?["'](\.\/[^"']+)["'];?$/gm;

function staticallyLoaded(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of readFileSync(join(DIST, file), 'utf8').matchAll(STATIC_IMPORT)) visit((match[1] as string).slice(2));
  };
  visit(entry);
  return [...seen];
}

describe('the CLI bundle', () => {
  it('loads no Ink or React unless the workbench opens', () => {
    const files = staticallyLoaded('cli.js');
    for (const file of files) {
      const text = readFileSync(join(DIST, file), 'utf8');
      expect(text, file).not.toMatch(/react-reconciler|yoga-layout|from ["']ink["']|useInput/);
    }
    expect(readFileSync(join(DIST, 'cli.js'), 'utf8')).toMatch(/import\(["']\.\/run-[\w-]+\.js["']\)/);
  });
});

/** The dist files a famcoord process loads, recorded by a module hook. */
function modulesLoadedBy(args: string[], env: NodeJS.ProcessEnv): string[] {
  const log = join(box.dir, 'loaded.txt');
  writeFileSync(log, '');
  const hooks = join(box.dir, 'hooks.mjs');
  writeFileSync(hooks, `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, url + '\\n');
  return next(url, context);
}`);
  const register = join(box.dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module'; register(${JSON.stringify(`file://${hooks}`)});`);
  const result = runCli(args, { env: { ...env, NODE_OPTIONS: `--import=${register}` } });
  expect(result.code, result.stderr).toBe(0);
  return readFileSync(log, 'utf8').trim().split('\n').flatMap((url) => (url.includes('/dist/') ? [url.replace(/^.*\/dist\//, '')] : []));
}

const box = sandbox();
afterAll(() => box.cleanup());
const ENV = { FAMCOORD_CONFIG_DIR: join(box.dir, 'config'), FAMCOORD_USER: 'tester' };
const carriesZod = (file: string) => readFileSync(join(DIST, file), 'utf8').includes('_zod');

describe('reading a store famcoord wrote', () => {
  it('loads no zod: no schema is built for today, the families or a family', () => {
    expect(box.run(['demo', '--families', '8', '--seed', '3', '--date', '2026-11-24']).code).toBe(0);
    for (const command of [['today', '--json'], ['families'], ['family', 'f1']]) {
      const loaded = modulesLoadedBy([...command, '--store', box.store, '--date', '2026-11-24'], ENV);
      expect(loaded.length, command.join(' ')).toBeGreaterThan(1);
      expect(loaded.filter(carriesZod), command.join(' ')).toEqual([]);
    }
  });

  it('does load zod to validate a change, and to read a store written by hand', () => {
    const loaded = modulesLoadedBy(['goal', 'progress', 'g1', '--score', '5', '--store', box.store], ENV);
    expect(loaded.some(carriesZod)).toBe(true);
    const handWritten = join(box.dir, 'hand.json');
    writeFileSync(handWritten, JSON.stringify({ version: 1, families: [] }), { mode: 0o600 });
    expect(modulesLoadedBy(['today', '--json', '--store', handWritten], ENV).some(carriesZod)).toBe(true);
  });
});
