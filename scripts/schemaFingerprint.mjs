// What decides whether a store is valid: src/domain/validate.ts, every source file it imports (the
// schema, the vocabulary...) and the zod that runs them. Their hash is built into famcoord (esbuild
// and vitest `define`), so a store's known-good mark (src/store/knownGood.ts) written by one build
// is never trusted by a build whose rules differ.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RELATIVE_IMPORT = /from\s+['"](\.{1,2}\/[^'"]+)\.js['"]/g;

export function schemaFingerprint() {
  const hash = createHash('sha256');
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    hash.update(`${relative(ROOT, file)}\0${source}\0`);
    for (const [, path] of source.matchAll(RELATIVE_IMPORT)) visit(join(dirname(file), `${path}.ts`));
  };
  visit(join(ROOT, 'src', 'domain', 'validate.ts'));
  hash.update(`zod@${JSON.parse(readFileSync(join(ROOT, 'node_modules', 'zod', 'package.json'), 'utf8')).version}`);
  return hash.digest('hex').slice(0, 32);
}

/** The `define` that builds it in. */
export const fingerprintDefine = () => ({ FAMCOORD_SCHEMA_FINGERPRINT: JSON.stringify(schemaFingerprint()) });
