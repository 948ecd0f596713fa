// The start-up rule: commands other than the workbench must not load Ink or React. esbuild puts
// the workbench behind a dynamic import() in its own chunk; this follows every *static* import
// from dist/cli.js and checks that none of those files carries Ink, React or yoga.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

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
