// Writes src/domain/schemaShapes.generated.ts: the zod schemas a change checks (the family's and
// each operation's) as plain data, from which the quick parse is built without loading zod
// (src/domain/schemaVerdict.ts, schemaShape.ts). Run it after changing a schema:
//   npm run generate-shapes
// tests/domain/schemaShapes.test.ts fails while the file does not match the schemas.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = fileURLToPath(new URL('../src/domain/schemaShapes.generated.ts', import.meta.url));

const entry = `
import { FamilySchema, StateSchema } from './src/domain/schema.ts';
import { OPERATION_SCHEMAS } from './src/domain/operations.ts';
import { shapesSource } from './src/domain/schemaShape.ts';
export const source = shapesSource(FamilySchema, OPERATION_SCHEMAS, StateSchema);`;
const result = await build({ stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' }, bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'warning' });
const dir = mkdtempSync(join(tmpdir(), 'famcoord-shapes-'));
try {
  writeFileSync(join(dir, 'shapes.mjs'), result.outputFiles[0].text);
  const { source } = await import(join(dir, 'shapes.mjs'));
  writeFileSync(OUT, source);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`wrote ${OUT}`);
