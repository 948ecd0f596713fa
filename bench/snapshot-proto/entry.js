// The snapshot's builder script (issue 19's start-up snapshot experiment; see bench/startup-snapshot.md).
// build.sh runs it as `node --snapshot-blob BLOB --build-snapshot entry.js STAGE`; Node keeps the
// heap it leaves, and a run `node --snapshot-blob BLOB ARGS...` starts from that heap and calls the
// main function set below instead of reading bin/famcoord.js and dist/.
//
// What the heap holds is code only: dist/'s scripts, evaluated, and at STAGE `loaded` the modules
// every command runs before it reads its arguments (their top levels read no argument, variable or
// terminal: see the document). The arguments, the environment, stdout and the store are read by
// the main function, after deserialising, as bin/famcoord.js reads them. A run reads no code
// cache: V8's compiled functions are in the heap itself (Node builds with FunctionCodeHandling::kKeep).
//
// STAGE (the builder's first argument):
//   compiled  dist/famcoord.cjs evaluated (its chunks' functions made, none run)
//   loaded    as compiled, and the entry chunk's static imports required (their module bodies run)
//   cached    as loaded, with famcoord.cjs compiled from the bin's code cache of `today` (the
//             builder's second argument: a today.v8cache the bin wrote): V8 then holds bytecode
//             for every function an earlier `today` compiled, and the snapshot keeps it, so a run
//             compiles nothing that run did. (V8's --no-lazy, set with v8.setFlagsFromString
//             around an eval, compiled nothing more; as a command-line flag it changes the flags
//             the blob is keyed with, so every run would have to compile eagerly too.)
//
// Node 20's builder gives the script a `require` for built-in modules only (and warns for those not
// yet verified, such as vm and module); the program's own chunks are loaded by the loader below, a
// copy of bin/famcoord.js's without the code cache. Anything else (better-sqlite3) is required after
// deserialising, through a real CommonJS require made then.
'use strict';
const { readFileSync, writeSync } = require('node:fs');
const { join } = require('node:path');
const v8 = require('node:v8');

const STAGE = process.argv[2] ?? 'loaded';
if (!['compiled', 'loaded', 'cached'].includes(STAGE)) throw new Error(`unknown stage ${STAGE}`);
const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const BIN = join(ROOT, 'bin', 'famcoord.js');
const DIST_URL = `file://${DIST}/`;

const files = new Map();
const modules = new Map();
/**
 * Node's own require for what is not a chunk: the builder's (built-ins) until deserialised, then,
 * made when first needed (node:module costs ~10 M instructions), a CommonJS one for dist/.
 */
let nodeRequire = require;
let deserialised = false;

function requireFromChunk(id) {
  if (!id.startsWith('./')) {
    if (deserialised && nodeRequire === require && !id.startsWith('node:')) nodeRequire = require('node:module').createRequire(join(DIST, 'famcoord.cjs'));
    return nodeRequire(id);
  }
  let module = modules.get(id);
  if (module) return module.exports;
  const [file, chunk = file] = id.slice(2).split('#');
  module = { exports: {} };
  modules.set(id, module);
  loadFile(file)[chunk](module.exports, requireFromChunk, module, join(DIST, file), DIST, DIST_URL + file);
  return module.exports;
}

/**
 * A dist/ script: one object expression of its chunks' functions. Evaluated globally, or at stage
 * `cached` compiled with V8's data from the bin's cache (vm is not verified for snapshots: Node
 * warns, and it worked here).
 */
function loadFile(name) {
  let chunks = files.get(name);
  if (chunks) return chunks;
  const path = join(DIST, name);
  const source = readFileSync(path, 'latin1');
  const cachedData = cacheEntries?.get(name);
  if (cachedData) {
    const script = new (require('node:vm').Script)(source, { filename: path, cachedData });
    if (script.cachedDataRejected) throw new Error(`V8 refused the cached data of ${name}`);
    chunks = script.runInThisContext();
  } else chunks = (0, eval)(`${source}\n//# sourceURL=${path}`);
  files.set(name, chunks);
  return chunks;
}

/** The program files' entries in a cache file the bin wrote (its format: codeCache in bin/famcoord.js). */
function readCacheEntries(cacheFile) {
  const aligned = (n) => Math.ceil(n / 8) * 8;
  const bytes = readFileSync(cacheFile);
  const entries = new Map();
  for (let at = aligned(4 + bytes.readUInt32LE(0)); at + 8 <= bytes.length; ) {
    const nameLength = bytes.readUInt32LE(at);
    const dataLength = bytes.readUInt32LE(at + 4);
    const start = aligned(at + 8 + nameLength);
    entries.set(bytes.latin1Slice(at + 8, at + 8 + nameLength), Buffer.from(bytes.subarray(start, start + dataLength)));
    at = start + 2 * aligned(dataLength);
  }
  return entries;
}

// Build time: code only.
/** Stage `cached`: V8's data of each file the cached `today` runs loaded (famcoord.cjs; on SQLite the addon's chunks too). */
let cacheEntries = STAGE === 'cached' ? readCacheEntries(process.argv[3]) : undefined;
const entry = loadFile('famcoord.cjs');
// Every other file a cached run loaded is compiled too (not run: its chunks run when required).
for (const name of cacheEntries?.keys() ?? []) loadFile(name);
cacheEntries = undefined; // a file a run loads that was not compiled here is evaluated then, without a cache
if (STAGE !== 'compiled') {
  // The entry chunk's static imports, in its order: what runs before main.ts's own lines read argv.
  for (const [, id] of entry['famcoord.cjs'].toString().matchAll(/require\("(\.\/famcoord\.cjs#[^"]+)"\)/g)) requireFromChunk(id);
}

v8.startupSnapshot.setDeserializeMainFunction(() => {
  // A snapshot run's argv is [node, ...arguments]: the program's is [node, script, ...arguments].
  process.argv.splice(1, 0, BIN);
  deserialised = true;
  const [, , first, ...rest] = process.argv;
  if ((first === '--version' || first === '-V') && rest.length === 0) writeSync(1, `${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
  else requireFromChunk('./famcoord.cjs');
});
