#!/usr/bin/env node
// famcoord's start (issue 19). `famcoord --version` alone is answered here, before the program is
// loaded: it needs none of it (tests/cli/program.test.ts checks that this and the program's own
// --version agree). Everything else runs the bundle, dist/famcoord.cjs, compiled with V8's code
// cache: V8 then deserialises the functions an earlier run of the same command compiled instead
// of parsing and compiling them again (Node 20 offers this to scripts only, through vm.Script).
//
// The cache is one file per command in a folder of the user's own (0700, files 0600), named after
// the build and the Node version, so a cache is never offered to another build or another V8.
// Each file carries a SHA-256 of its contents, because V8 does not check its payload: a damaged or
// foreign file is ignored (and replaced), so it can only cost time. FAMCOORD_CODE_CACHE=0 turns it
// off; FAMCOORD_CACHE_DIR moves it (tests; the default is the platform's user cache folder).
//
// A CommonJS file (bin/package.json), unlike the rest of famcoord: an ES module entry would start
// Node's ESM loader, a dozen modules of its own, for nothing. Built-in modules are required where
// they are needed (`import` of node:crypto would also evaluate its lazy webcrypto).
const { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, isAbsolute, join } = require('node:path');

/** Global options that take a value: the word after one is not the command (see src/cli/program.ts). */
const VALUE_OPTIONS = new Set(['--store', '--date', '--lang', '--caseload']);

function runProgram(dist, args) {
  const { createRequire } = require('node:module');
  const { Script } = require('node:vm');
  const nodeRequire = createRequire(join(dist, 'famcoord.cjs'));
  const distUrl = require('node:url').pathToFileURL(join(dist, '/')).href;
  const cache = process.env.FAMCOORD_CODE_CACHE === '0' ? undefined : codeCache(dist, cacheName(args));
  const stored = cache?.read();
  /** The chunks this run loaded, by file name: each one's module and compiled script. */
  const chunks = new Map();
  let stale = false; // a chunk had no cache, or V8 refused it: the file is written again at exit
  if (cache) process.once('exit', () => stale && cache.write(stored, chunks));

  /** What a chunk requires: another chunk (`./chunk-X.cjs`, as the build writes it), or Node's. */
  const requireFromChunk = (id) => (id.startsWith('./') ? loadChunk(id.slice(2)) : nodeRequire(id));
  function loadChunk(name) {
    const loaded = chunks.get(name);
    if (loaded) return loaded.module.exports;
    const file = join(dist, name);
    // The build writes each chunk as one function expression, in ASCII (scripts/build.mjs).
    const cachedData = stored?.take(name);
    const script = new Script(readFileSync(file, 'latin1'), { filename: file, ...(cachedData && { cachedData }) });
    if (cache && (!cachedData || script.cachedDataRejected)) stale = true;
    const module = { exports: {} };
    chunks.set(name, { module, script });
    script.runInThisContext()(module.exports, requireFromChunk, module, file, dist, distUrl + name);
    return module.exports;
  }
  loadChunk('famcoord.cjs');
}

/** Which cache a run uses: its command's (each command compiles different code), or the workbench's. */
function cacheName(args) {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--' || !arg.startsWith('-')) {
      const word = arg === '--' ? args[i + 1] : arg;
      return /^[a-z][a-z-]{0,30}$/.test(word ?? '') ? word : 'other';
    }
    if (VALUE_OPTIONS.has(arg)) i++;
  }
  return 'workbench';
}

/**
 * The code cache of this build on this Node for one command, or undefined when there is no safe
 * place for it. The file: the cache's key, then an entry per chunk the command has loaded: the
 * lengths of the chunk's name and of V8's data (4 bytes each), the name, the data and a second
 * copy of the data, each padded to whole 8-byte words.
 *
 * The second copy is the check against damage. V8 checks a cache's version, flags and length but
 * not its contents, and a damaged one crashed it; the file is the user's own and private, so what
 * must be caught is damage, not someone else's changes, and damage that strikes both copies alike
 * is not to be expected. Measured on 580 KB (the biggest command's cache) in instructions: a
 * SHA-256 (the check before) +70 M, most of it loading node:crypto, which a SQLite store's command
 * does not otherwise need; the same 64-bit sum in WebAssembly +4 M but 4.7 MB more peak memory
 * (its engine and optimising compiler); in JavaScript +39 M (V8's interpreter); comparing two
 * copies ~0, for 0.6 MB of memory and a file twice the size. An entry is checked when its chunk
 * is loaded, so a damaged one costs the compiling of its chunk only, and one never loaded costs
 * nothing.
 */
function codeCache(dist, name) {
  const { homedir } = require('node:os');
  const { id } = JSON.parse(readFileSync(join(dist, 'build.json'), 'utf8'));
  const key = `v8-${id}-node${process.version}-${process.arch}`;
  const env = process.env;
  const root = env.FAMCOORD_CACHE_DIR
    ? env.FAMCOORD_CACHE_DIR
    : process.platform === 'darwin'
      ? join(homedir(), 'Library', 'Caches', 'famcoord')
      : join(env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(homedir(), '.cache'), 'famcoord');
  const dir = join(root, key);
  const file = join(dir, `${name}.v8cache`);
  return {
    /** The file's entries, by chunk name; `take` hands one out only if its two copies agree. */
    read() {
      const entries = new Map();
      const take = (chunk) => {
        const entry = entries.get(chunk);
        return entry && entry.data.equals(entry.copy) ? entry.data : undefined;
      };
      let fd;
      try {
        fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
      } catch {
        return { entries, take }; // none yet (or a symlink, which is not ours)
      }
      try {
        const stat = fstatSync(fd);
        if (!stat.isFile() || !ownPrivate(stat)) return { entries, take };
        const bytes = readFileSync(fd);
        const head = 4 + aligned(key.length);
        if (bytes.length < head || bytes.readUInt32LE(0) !== key.length || bytes.latin1Slice(4, 4 + key.length) !== key) return { entries, take };
        for (let at = head; at + ENTRY_HEAD <= bytes.length; ) {
          const nameLength = bytes.readUInt32LE(at);
          const dataLength = bytes.readUInt32LE(at + 4);
          const start = at + ENTRY_HEAD + aligned(nameLength);
          const end = start + 2 * aligned(dataLength);
          if (end > bytes.length) break; // cut short
          const chunk = bytes.latin1Slice(at + ENTRY_HEAD, at + ENTRY_HEAD + nameLength);
          const copy = start + aligned(dataLength);
          entries.set(chunk, { data: bytes.subarray(start, start + dataLength), copy: bytes.subarray(copy, copy + dataLength) });
          at = end;
        }
      } catch {
        // unreadable: nothing from it is used
      } finally {
        closeSync(fd);
      }
      return { entries, take };
    },
    /** The chunks this run loaded, with V8's data made now (what the run compiled), and the sound rest of what was stored. */
    write(stored, loaded) {
      // Never through anything famcoord did not make: the folders must be the user's own, private
      // and real (not symlinks); the file is written new (O_EXCL) and renamed into place.
      const temp = join(dir, `.${name}.${process.pid}.tmp`);
      try {
        if (folderState(root) === 'other') return;
        if (folderState(dir) === 'missing') {
          mkdirSync(dir, { recursive: true, mode: 0o700 });
          if (folderState(root) !== 'own') return;
          // A new build or Node: the caches of earlier ones will not be used again.
          for (const entry of readdirSync(root)) if (entry.startsWith('v8-') && entry !== key) rmSync(join(root, entry), { recursive: true, force: true });
        }
        if (folderState(dir) !== 'own') return;
        const entries = new Map();
        for (const chunk of stored?.entries.keys() ?? []) {
          const data = stored.take(chunk);
          if (data) entries.set(chunk, data);
        }
        for (const [chunk, { script }] of loaded) entries.set(chunk, script.createCachedData());
        let size = 4 + aligned(key.length);
        for (const [chunk, data] of entries) size += ENTRY_HEAD + aligned(chunk.length) + 2 * aligned(data.length);
        const bytes = Buffer.alloc(size);
        bytes.writeUInt32LE(key.length, 0);
        bytes.latin1Write(key, 4);
        let at = 4 + aligned(key.length);
        for (const [chunk, data] of entries) {
          bytes.writeUInt32LE(chunk.length, at);
          bytes.writeUInt32LE(data.length, at + 4);
          bytes.latin1Write(chunk, at + ENTRY_HEAD);
          at += ENTRY_HEAD + aligned(chunk.length);
          bytes.set(data, at);
          bytes.set(data, at + aligned(data.length));
          at += 2 * aligned(data.length);
        }
        writeFileSync(temp, bytes, { flag: 'wx', mode: 0o600 });
        renameSync(temp, file);
      } catch {
        rmSync(temp, { force: true }); // a cache that cannot be written only costs the next run time
      }
    },
  };
}

const ENTRY_HEAD = 8;
const aligned = (length) => (length + 7) & ~7;

/** A file or folder of this user's that no one else can read or write. */
function ownPrivate(stat) {
  return (process.getuid === undefined || stat.uid === process.getuid()) && (stat.mode & 0o077) === 0;
}

/** Whether a folder is missing, the user's own and private, or anything else (not to be used). */
function folderState(path) {
  try {
    const stat = lstatSync(path);
    return stat.isDirectory() && ownPrivate(stat) ? 'own' : 'other';
  } catch (error) {
    return error.code === 'ENOENT' ? 'missing' : 'other';
  }
}

// Last, so that the constants above are set.
const [, , first, ...rest] = process.argv;
if ((first === '--version' || first === '-V') && rest.length === 0) process.stdout.write(`${JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version}\n`);
else runProgram(join(__dirname, '..', 'dist'), process.argv.slice(2));
