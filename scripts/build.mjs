// Bundles the program into a few dozen scripts in dist/, which bin/famcoord.js compiles with V8's
// code cache (issue 19). esbuild splits the program as ES modules at every dynamic import(), each
// chunk is made a CommonJS function, and the chunks that are always loaded together are written
// into one script: famcoord.cjs holds what every command runs, and `famcoord today` reads and
// compiles none of Ink, React or zod, whose chunks are files of their own. Why scripts and not ES
// modules: Node 20 offers a code cache only to scripts (vm.Script cachedData), and each ES module
// costs a resolve, a read and a compile; one script of the whole program (the build before) made
// every command read 1.3 MB and deserialise a cache that carried all of its top level.
import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportsAsValues } from './exportValues.mjs';
import { fingerprintDefine } from './schemaFingerprint.mjs';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const nodeRequire = createRequire(import.meta.url);
const YOGA_READY = 'famcoord:yoga-ready';

/**
 * commander requires node:child_process when it loads, to run external subcommands (famcoord has
 * none). Loading it pulls in net, dgram and streams: ~5 ms on every command. commander gets a
 * stand-in that requires the real module only if it is ever used.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: 'lazy-child-process', namespace: 'famcoord' } : undefined,
    );
    build.onLoad({ filter: /^lazy-child-process$/, namespace: 'famcoord' }, () => ({
      contents: "let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};

/**
 * What pg loads for connections famcoord does not make, made to load when first used: `dns`
 * (pg/lib/connection-parameters.js requires it for pg-native's connection string) and pg's
 * crypto helpers (they take Node's WebCrypto as they load, ~8 M instructions, and are needed
 * only when the server asks for a password). A team's `today` or update pays for neither.
 */
const LAZY_FOR_PG = 'famcoord:lazy-for-pg';
const lazyForPg = {
  name: 'lazy-for-pg',
  setup(build) {
    build.onResolve({ filter: /^(node:)?dns$|utils$/ }, async (args) => {
      if (args.namespace === LAZY_FOR_PG || args.pluginData === LAZY_FOR_PG || !/[\\/]node_modules[\\/]pg[\\/]lib[\\/]/.test(args.importer)) return undefined;
      if (/dns$/.test(args.path)) return { path: 'dns', namespace: LAZY_FOR_PG };
      const real = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: LAZY_FOR_PG });
      if (real.errors.length > 0) return { errors: real.errors };
      return /[\\/]pg[\\/]lib[\\/]crypto[\\/]utils\.js$/.test(real.path) ? { path: real.path, namespace: LAZY_FOR_PG } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: LAZY_FOR_PG }, (args) => ({
      contents: `let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require(${JSON.stringify(args.path)}))[key] });`,
      loader: 'js',
      resolveDir: fileURLToPath(new URL('..', import.meta.url)),
    }));
  },
};

/**
 * Node's built-ins that famcoord's own modules need only now and then (the user's name and home
 * folder, the host's name for a lock; createRequire to load node:crypto or to find the SQLite
 * addon), each loaded when one of its exports is first used: as imports they loaded at every start
 * (`node:module` with Node's ES module loader and source maps behind it, `node:os`). Each export is
 * a getter of the real module's (its names as the Node running the build has them).
 */
const LAZY_BUILTIN = 'famcoord:lazy-builtin';
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    build.onResolve({ filter: /^node:(os|module)$/ }, (args) =>
      args.namespace === 'file' && args.importer.startsWith(SRC) ? { path: args.path, namespace: LAZY_BUILTIN } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: LAZY_BUILTIN }, (args) => ({
      contents: `let real;
for (const key of ${JSON.stringify(Object.keys(nodeRequire(args.path)))})
  Object.defineProperty(exports, key, { enumerable: true, get: () => (real ??= require(${JSON.stringify(args.path)}))[key] });`,
      loader: 'js',
    }));
  },
};

/**
 * Top-level awaits, which a script cannot have, in Ink's dependencies, and what replaces them:
 * - yoga-layout (Ink's layout engine) instantiates its WebAssembly with one. Its module hands out
 *   the engine through a stand-in filled by `loadYoga()` instead, and the workbench's entry
 *   awaits that before it loads Ink (nothing in Ink touches the engine before it renders).
 * - Ink's reconciler awaits React's devtools and its own package.json when DEV=true. Devtools are
 *   not installed (Ink then warns, as it does here), and the package name only labels them.
 * Each text must be found, so that an upgrade that changes them fails the build, not the program.
 */
const SOURCE_EDITS = [
  {
    file: /[\\/]ink[\\/]build[\\/]reconciler\.js$/,
    edits: [
      ["await import('./devtools.js');", "throw Object.assign(new Error('react-devtools-core is not bundled'), { code: 'ERR_MODULE_NOT_FOUND' });"],
      ['? await loadPackageJson()', '? { name: undefined, version: undefined }'],
    ],
  },
  {
    // The Emscripten loader asks `typeof fetch`, which on Node 20 loads undici and zlib (~15 ms)
    // only to learn that the embedded module needs no fetching: it is told there is no fetch.
    file: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
    edits: [['typeof fetch', 'typeof undefined']],
  },
  {
    file: /[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/,
    edits: [
      [
        'const Yoga = wrapAssembly(await loadYoga());\nexport default Yoga;',
        'let engine;\nexport async function famcoordLoadYoga() { engine ??= wrapAssembly(await loadYoga()); }\nexport default new Proxy({}, { get: (_, key) => engine[key] });',
      ],
    ],
  },
];

const withoutTopLevelAwait = {
  name: 'without-top-level-await',
  setup(build) {
    for (const { file, edits } of SOURCE_EDITS)
      build.onLoad({ filter: file }, (args) => {
        let contents = readFileSync(args.path, 'utf8');
        for (const [from, to] of edits) {
          if (!contents.includes(from)) throw new Error(`${args.path} no longer contains ${JSON.stringify(from)}: see SOURCE_EDITS in scripts/build.mjs`);
          contents = contents.replaceAll(from, to);
        }
        return { contents, loader: 'js' };
      });
    // The workbench's entry: the layout engine first, then the TUI.
    build.onResolve({ filter: /^\.\.\/tui\/run\.js$/ }, (args) =>
      /[\\/]src[\\/]cli[\\/]workbench\.ts$/.test(args.importer) ? { path: YOGA_READY, namespace: 'famcoord', pluginData: args.resolveDir } : undefined,
    );
    build.onLoad({ filter: new RegExp(`^${YOGA_READY}$`), namespace: 'famcoord' }, (args) => ({
      contents: `import { famcoordLoadYoga } from 'yoga-layout';
export async function runTui(options) {
  await famcoordLoadYoga();
  return (await import('../tui/run.tsx')).runTui(options);
}`,
      loader: 'js',
      resolveDir: args.pluginData,
    }));
  },
};

/**
 * Every `string-width` in the program (Ink's, its helpers', famcoord's) answers the common text
 * from src/tui/textWidth.ts first and asks the real one (the version each importer would have
 * had) only for the rest: see that file for why. An emoji with a skin tone counts four columns
 * there (terminalTextWidth), in Ink's layout and output as in the workbench's own.
 */
const FAST_WIDTH = 'famcoord:fast-string-width';
const fastStringWidth = {
  name: 'fast-string-width',
  setup(build) {
    build.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === FAST_WIDTH) return undefined; // the wrapper's own import: the real one
      const real = await build.resolve('string-width', { kind: args.kind, resolveDir: args.resolveDir, pluginData: FAST_WIDTH });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: FAST_WIDTH };
    });
    build.onLoad({ filter: /.*/, namespace: FAST_WIDTH }, (args) => ({
      contents: `import real from ${JSON.stringify(args.path)};
import { narrowTextWidth, terminalTextWidth } from ${JSON.stringify(fileURLToPath(new URL('../src/tui/textWidth.ts', import.meta.url)))};
export default function stringWidth(text, options) { return narrowTextWidth(text, options) ?? terminalTextWidth(text, options, real); }`,
      loader: 'js',
      resolveDir: fileURLToPath(new URL('..', import.meta.url)),
    }));
  },
};

rmSync(DIST, { recursive: true, force: true });
mkdirSync(DIST, { recursive: true });
const result = await build({
  entryPoints: { famcoord: 'src/cli/main.ts' },
  outdir: DIST,
  bundle: true,
  // ES modules split at every dynamic import(), each chunk then made a script below.
  format: 'esm',
  splitting: true,
  chunkNames: 'chunk-[hash]',
  outExtension: { '.js': '.cjs' },
  write: false,
  metafile: true,
  platform: 'node',
  target: 'node20',
  // Inline here, so that the transform below carries it through to each script's own map.
  sourcemap: 'inline',
  // Smaller files compile faster. React's production build is a fraction of its development
  // build, which would otherwise be bundled too (it is picked at run time).
  minify: true,
  // FAMCOORD_TEST_HOOKS false: the fault tests' hook (src/store/testHooks.ts) is compiled out.
  // import.meta.url: the URL of the script's own file, which bin/famcoord.js passes in; import.meta.dirname: its folder, as __dirname.
  define: { 'process.env.NODE_ENV': '"production"', FAMCOORD_TEST_HOOKS: 'false', 'import.meta.url': '__famcoordUrl', 'import.meta.dirname': '__dirname', ...fingerprintDefine() },
  // Ink imports react-devtools-core only when DEV=true; it is not installed. better-sqlite3 is a
  // native addon: it stays in node_modules and is required only when a store is a database. pg is
  // bundled (its many small files cost more to load than to compile once into the code cache) and
  // run only when the store is a PostgreSQL URL; pg-native, which it would use if installed, never is.
  external: ['react-devtools-core', 'pg-native'],
  plugins: [lazyChildProcess, lazyForPg, lazyBuiltins, withoutTopLevelAwait, fastStringWidth],
  logLevel: 'warning',
});

const outputs = Object.entries(result.metafile.outputs).filter(([path]) => !path.endsWith('.map'));
const importsOf = (kind) => new Map(outputs.map(([path, output]) => [basename(path), output.imports.filter((i) => !i.external && i.kind === kind).map((i) => basename(i.path))]));
const staticImports = importsOf('import-statement');
const dynamicImports = importsOf('dynamic-import');

// A cycle of static imports would hand a chunk another's unfinished exports (require, unlike import, does not link first).
const checked = new Set();
const visit = (chunk, path) => {
  if (path.includes(chunk)) throw new Error(`chunks import each other: ${[...path, chunk].join(' -> ')}`);
  if (checked.has(chunk)) return;
  for (const next of staticImports.get(chunk)) visit(next, [...path, chunk]);
  checked.add(chunk);
};
for (const chunk of staticImports.keys()) visit(chunk, []);

/**
 * Chunks that are always loaded together go into one file, so that a command reads and compiles
 * a handful of files, not dozens (`today` needed 27 chunks): the entry and every chunk it imports
 * statically, which every run loads, and after that the chunks that the same dynamic imports (with
 * what those import statically) reach. Each file is one script whose value is an object of the
 * chunks' module functions, run only when the chunk is first required, as before.
 */
const ENTRY = 'famcoord.cjs';
const reached = (chunk, into = new Set()) => {
  if (!into.has(chunk)) into.add(chunk), staticImports.get(chunk).forEach((next) => reached(next, into));
  return into;
};
/**
 * The program's table of commands and commander, which every command but `today` (recognised
 * without them, src/cli/quickArgs.ts) imports: their chunks go into famcoord.cjs too, where `today`
 * only reads them (they run when first required), and every other command reads no more files
 * than when they were imported statically (two more a command otherwise).
 */
const WITH_ENTRY = 'src/cli/program.ts';
const withEntry = outputs.find(([, output]) => output.entryPoint === WITH_ENTRY);
if (!withEntry) throw new Error(`${WITH_ENTRY} is no longer a chunk of its own: see WITH_ENTRY in scripts/build.mjs`);
const alwaysLoaded = reached(basename(withEntry[0]), reached(ENTRY));
/** For each chunk, what loads it: the entry, or the dynamic imports whose targets reach it. */
const loadedBy = new Map([...alwaysLoaded].map((chunk) => [chunk, [ENTRY]]));
for (const target of new Set([...dynamicImports.values()].flat()))
  for (const chunk of reached(target)) if (!alwaysLoaded.has(chunk)) loadedBy.set(chunk, [...(loadedBy.get(chunk) ?? []), target]);
const files = new Map(); // file name -> its chunks (the file is named after its first)
const fileBy = new Map(); // what loads the chunks -> their file
const fileOf = new Map();
for (const chunk of [ENTRY, ...[...loadedBy.keys()].filter((c) => c !== ENTRY).sort()]) {
  const loaders = loadedBy.get(chunk).sort().join();
  if (!fileBy.has(loaders)) fileBy.set(loaders, chunk), files.set(chunk, []);
  fileOf.set(chunk, fileBy.get(loaders));
  files.get(fileBy.get(loaders)).push(chunk);
}
/** How a chunk is required from another: `./FILE#CHUNK`, or `./FILE` for the chunk the file is named after. */
const requireId = (chunk) => `./${fileOf.get(chunk) === chunk ? chunk : `${fileOf.get(chunk)}#${chunk}`}`;

const texts = new Map(result.outputFiles.map((output) => [basename(output.path), output.text]));
const id = createHash('sha256');
for (const [file, chunks] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
  let code = '({\n';
  const sections = [];
  for (const chunk of chunks) {
    // import/export become require()/exports, and import() a promise of require(): a script has
    // neither. Each chunk becomes a function like Node's own module wrapper, which bin/famcoord.js
    // calls when the chunk is first required (requireId).
    const script = await transform(texts.get(chunk), {
      format: 'cjs',
      supported: { 'dynamic-import': false },
      minify: true,
      sourcefile: chunk,
      sourcemap: 'external',
      banner: `${JSON.stringify(chunk)}: function (exports, require, module, __filename, __dirname, __famcoordUrl) {`,
      footer: '},',
    });
    const text = exportsAsValues(script.code).replace(/require\("\.\/(chunk-[A-Z0-9]+\.cjs)"\)/g, (_, name) => `require(${JSON.stringify(requireId(name))})`);
    // Each import of another chunk must have become a require of it, or the bin would look for it in vain.
    for (const other of [...staticImports.get(chunk), ...dynamicImports.get(chunk)])
      if (!text.includes(`require(${JSON.stringify(requireId(other))})`)) throw new Error(`${chunk}: its import of ${other} did not become require("${requireId(other)}")`);
    sections.push({ offset: { line: code.split('\n').length - 1, column: 0 }, map: JSON.parse(script.map) });
    code += text;
  }
  // ASCII only (esbuild leaves letters such as æøå in regular expressions), so that the program
  // reads its source as Latin-1, which V8 takes as it is instead of decoding UTF-8.
  code = `${code.replace(/[^\0-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)}})\n//# sourceMappingURL=${file}.map\n`;
  writeFileSync(join(DIST, file), code);
  writeFileSync(join(DIST, `${file}.map`), JSON.stringify({ version: 3, file, sections }));
  id.update(file).update('\0').update(code).update('\0');
}
// The build's identity: a code cache made from one build is never offered to another.
writeFileSync(`${DIST}build.json`, `${JSON.stringify({ id: id.digest('hex').slice(0, 24) })}\n`);
