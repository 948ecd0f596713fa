// The build's chunks export values instead of esbuild's getters (scripts/exportValues.mjs, issue 19):
// every export must read as it did, a binding that changes must still be read live, and what
// cannot be analysed is left as esbuild wrote it.
import { runInThisContext } from 'node:vm';
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script without types
import { exportsAsValues } from '../../scripts/exportValues.mjs';

/** An ES module made a chunk as scripts/build.mjs makes one: esbuild's minified CommonJS in a module function. */
async function chunkOf(source: string): Promise<string> {
  const script = await transform(source, {
    format: 'cjs',
    minify: true,
    banner: '"chunk-TEST.cjs": function (exports, require, module, __filename, __dirname, __famcoordUrl) {',
    footer: '},',
  });
  return script.code;
}

/** What a chunk's code exports, run as bin/famcoord.js runs it. */
function run(code: string, required: Record<string, unknown> = {}): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const chunks = runInThisContext(`({${code}})`) as { 'chunk-TEST.cjs': (...args: unknown[]) => void };
  chunks['chunk-TEST.cjs'](module.exports, (id: string) => required[id], module, '', '', '');
  return module.exports;
}

const SOURCE = `
export let count = 0;
export function bump() { count++; return count; }
export const table = { a: 1 };
export class Thing { name() { return 'thing'; } }
export const shadowed = 5;
export function inner(shadowed) { shadowed = shadowed + 1; return shadowed; }
export let destructured = 1;
export function redo(list) { [destructured] = list; }
export let spread = 1;
export function respread(object) { ({ spread } = object); }
export { other } from './other.js';
`;

describe('a chunk whose exports become values', () => {
  it('reads every export as esbuild wrote it, a changed binding still live', async () => {
    const before = await chunkOf(SOURCE);
    const after = exportsAsValues(before);
    expect(after).not.toBe(before);
    for (const code of [before, after]) {
      const exports = run(code, { './other.js': { other: 'elsewhere' } });
      expect(Object.keys(exports).sort()).toEqual(['Thing', 'bump', 'count', 'destructured', 'inner', 'other', 'redo', 'respread', 'shadowed', 'spread', 'table']);
      expect(exports.__esModule).toBe(true);
      expect(exports.table).toEqual({ a: 1 });
      expect(new (exports.Thing as new () => { name(): string })().name()).toBe('thing');
      expect((exports.inner as (n: number) => number)(1)).toBe(2);
      expect(exports.shadowed).toBe(5);
      expect(exports.other).toBe('elsewhere');
      expect(exports.count).toBe(0);
      expect((exports.bump as () => number)()).toBe(1);
      expect(exports.count).toBe(1);
      (exports.redo as (list: number[]) => void)([7]);
      expect(exports.destructured).toBe(7);
      (exports.respread as (object: object) => void)({ spread: 9 });
      expect(exports.spread).toBe(9);
    }
    // Values where nothing assigns the binding again (an inner `shadowed` is another binding); getters where something does, and for what another chunk exports.
    const exports = run(after, { './other.js': { other: 'elsewhere' } });
    const getters = Object.keys(exports).filter((name) => Object.getOwnPropertyDescriptor(exports, name)?.get);
    expect(getters.sort()).toEqual(['count', 'destructured', 'other', 'spread']);
  });

  it('keeps the source map right: what was cut is blanked, the lines before the end unchanged in length', async () => {
    const before = await chunkOf(SOURCE);
    const after = exportsAsValues(before) as string;
    const lines = (text: string) => text.split('\n').map((line) => line.length);
    expect(lines(after).slice(0, lines(before).length - 2)).toEqual(lines(before).slice(0, -2));
  });

  it('leaves a chunk that uses eval or with as it was (names the analysis cannot see)', async () => {
    const withEval = await chunkOf('export const a = 1; export function f(s) { return eval(s); }');
    expect(exportsAsValues(withEval)).toBe(withEval);
    // ES modules cannot have with; the CommonJS modules bundled into a chunk can.
    const plain = await chunkOf('export const a = 1;');
    const withWith = plain.replace('{\n', '{\nfunction w(o){with(o)z=1}\n');
    expect(withWith).not.toBe(plain);
    expect(exportsAsValues(withWith)).toBe(withWith);
    expect(exportsAsValues(plain)).not.toBe(plain);
  });
});
