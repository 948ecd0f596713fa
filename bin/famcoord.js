#!/usr/bin/env node
// famcoord's start (issue 19). `famcoord --version` alone is answered here, before the program is
// loaded: it needs none of it (tests/cli/program.test.ts checks that this and the program's own
// --version agree). Everything else runs the program, which the build writes as a few dozen
// scripts in dist/ (scripts/build.mjs): famcoord.cjs, with what every command runs, and files of
// chunks that dynamic import()s reach, so that a command reads and compiles only the code it can
// run (`today` reads 1 file, 0.27 MB of the 1.4 MB). Each file is compiled with V8's code cache:
// V8 then deserialises the functions an earlier run of the same command compiled instead of
// parsing and compiling them again (Node 20 offers this to scripts only, through vm.Script).
//
// The cache is one file per command in a folder of the user's own (0700, files 0600), named after
// the build and the Node version, so a cache is never offered to another build or another V8. It
// holds V8's data for each program file the command loaded, each checked before use (see
// codeCache): a damaged, cut-short or foreign entry is not used, and the cache is written again,
// so it can only cost time. FAMCOORD_CODE_CACHE=0 turns it off; FAMCOORD_CACHE_DIR moves it
// (tests; the default is the platform's user cache folder).
//
// A CommonJS file (bin/package.json), unlike the rest of famcoord: an ES module entry would start
// Node's ESM loader, a dozen modules of its own, for nothing. Built-in modules are required where
// they are needed.
const { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } = require('node:fs');
const { isAbsolute, join } = require('node:path');

/** Global options that take a value: the word after one is not the command (see src/cli/program.ts). */
const VALUE_OPTIONS = new Set(['--store', '--date', '--lang', '--caseload']);

/** Runs the program in `dist`: its files compiled with the command's code cache, its chunks required as CommonJS modules. */
function runProgram(dist, args) {
  const { Script } = require('node:vm');
  // Node's CommonJS Module, which node:module exports: requiring that loads Node's ES module loader with it.
  const nodeRequire = module.constructor.createRequire(join(dist, 'famcoord.cjs'));
  // The URL of dist/ is written by hand for a plain absolute path: it is what pathToFileURL gives
  // it, without the URL class (~1.4 M instructions). node:url writes any other.
  const distUrl = /^\/[\w./-]*$/.test(dist) ? `file://${dist}/` : require('node:url').pathToFileURL(join(dist, '/')).href;
  const cache = process.env.FAMCOORD_CODE_CACHE === '0' ? undefined : codeCache(dist, cacheName(args));
  const stored = cache?.read();
  /** The program files this run loaded, by name: each one's compiled script and its chunks' module functions. */
  const files = new Map();
  const modules = new Map();
  let stale = false; // a file had no cache, or V8 refused it: the cache is written again at exit
  // Only by a run that succeeded: V8's data holds the functions this run compiled, and a refused
  // command (a typo, a bad value) takes another path; its cache, accepted by every later run, would
  // leave the functions of the usual path to be compiled in each of them. (`on`, not `once`: Node
  // emits 'exit' once, and the wrappers `once` makes are Node's functions to compile, ~0.7 M.)
  if (cache) process.on('exit', (code) => stale && code === 0 && cache.write(stored, files));

  /** What a chunk requires: another chunk (`./FILE#CHUNK`, or `./FILE` for the chunk the file is named after), or Node's. */
  function requireFromChunk(id) {
    if (!id.startsWith('./')) return nodeRequire(id);
    let module = modules.get(id);
    if (module) return module.exports;
    const [file, chunk = file] = id.slice(2).split('#');
    module = { exports: {} };
    modules.set(id, module);
    loadFile(file)[chunk](module.exports, requireFromChunk, module, join(dist, file), dist, distUrl + file);
    return module.exports;
  }
  function loadFile(name) {
    const loaded = files.get(name);
    if (loaded) return loaded.chunks;
    const path = join(dist, name);
    // The build writes each file as one object expression of its chunks' functions, in ASCII.
    const cachedData = stored?.take(name);
    const script = new Script(readFileSync(path, 'latin1'), { filename: path, ...(cachedData && { cachedData }) });
    if (cache && (!cachedData || script.cachedDataRejected)) stale = true;
    const chunks = script.runInThisContext();
    files.set(name, { script, chunks });
    return chunks;
  }
  requireFromChunk('./famcoord.cjs');
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
 * place for it. The cache file: the length of the cache's key (4 bytes) and the key, then an entry
 * per program file the command has loaded: the lengths of the file's name and of V8's data (4
 * bytes each), the name, the data and a second copy of the data. The key, the name and each copy
 * are padded with zeros to a multiple of 8 bytes (ALIGN), so that each copy starts at an offset of
 * 8 in the buffer the file is read into: V8 copies cached data that is not (0.3 MB for `today`,
 * each page of the copy a page fault).
 *
 * The second copy is the check against damage. V8 checks a cache's version, flags and source
 * length but not its contents, and a damaged one crashed it; the folder is the user's own and
 * private, so what must be caught is damage, not someone else's changes, and damage that strikes
 * both copies alike is not to be expected. Measured on 580 KB (about `today`'s cache), in
 * instructions over `node -e 0`: a SHA-256 (the check before) +70 M, most of it loading
 * node:crypto, which a command on a SQLite store does not otherwise need; a 64-bit sum in
 * WebAssembly +4 M but 4.7 MB more peak memory (its engine and optimising compiler); the same sum in
 * JavaScript +39 M on 380 KB (V8's interpreter); comparing two copies ~0, for 0.6 MB of memory and
 * a file twice the size. An entry is checked when its file is loaded, so a damaged one costs the
 * compiling of its file only, and one the run does not load costs nothing.
 */
function codeCache(dist, name) {
  // HOME is what os.homedir() answers on a POSIX system when it is set (libuv asks the password
  // database only without it): node:os is then not loaded (~0.5 M instructions).
  const homedir = () => (process.platform !== 'win32' && process.env.HOME !== undefined ? process.env.HOME : require('node:os').homedir());
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
    /** The cache file's entries, by program file; `take` hands one out only if its two copies agree. */
    read() {
      const entries = new Map();
      const take = (part) => {
        const entry = entries.get(part);
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
        const head = aligned(4 + key.length);
        if (bytes.length < head || bytes.readUInt32LE(0) !== key.length || bytes.latin1Slice(4, 4 + key.length) !== key) return { entries, take };
        for (let at = head; at + ENTRY_HEAD <= bytes.length; ) {
          const nameLength = bytes.readUInt32LE(at);
          const dataLength = bytes.readUInt32LE(at + 4);
          const start = aligned(at + ENTRY_HEAD + nameLength);
          const copy = start + aligned(dataLength);
          if (copy + dataLength > bytes.length) break; // cut short
          const part = bytes.latin1Slice(at + ENTRY_HEAD, at + ENTRY_HEAD + nameLength);
          entries.set(part, { data: bytes.subarray(start, start + dataLength), copy: bytes.subarray(copy, copy + dataLength) });
          at = copy + aligned(dataLength);
        }
      } catch {
        // unreadable: nothing from it is used
      } finally {
        closeSync(fd);
      }
      return { entries, take };
    },
    /** The files this run loaded, with V8's data made now (what the run compiled), and the sound rest of what was stored. */
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
        for (const part of stored?.entries.keys() ?? []) {
          const data = stored.take(part);
          if (data) entries.set(part, data);
        }
        for (const [part, { script }] of loaded) entries.set(part, script.createCachedData());
        let size = aligned(4 + key.length);
        for (const [part, data] of entries) size += aligned(ENTRY_HEAD + part.length) + 2 * aligned(data.length);
        const bytes = Buffer.alloc(size); // zeros: the padding
        bytes.writeUInt32LE(key.length, 0);
        bytes.latin1Write(key, 4);
        let at = aligned(4 + key.length);
        for (const [part, data] of entries) {
          bytes.writeUInt32LE(part.length, at);
          bytes.writeUInt32LE(data.length, at + 4);
          bytes.latin1Write(part, at + ENTRY_HEAD);
          at += aligned(ENTRY_HEAD + part.length);
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

/** An entry's head: the lengths of its file's name and of V8's data. */
const ENTRY_HEAD = 8;

/** The alignment V8 wants of cached data (a pointer's), and `length` rounded up to it. */
const ALIGN = 8;
const aligned = (length) => Math.ceil(length / ALIGN) * ALIGN;

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

/**
 * The version's line by write(2), as the program writes its answers (src/cli/stdio.ts): over a
 * pipe, building process.stdout (a net.Socket) cost as much as the rest of `--version` (~15 M
 * instructions). What write(2) did not take (a full non-blocking pipe, a reader gone) goes to
 * Node's stream, which then says and does what it did before.
 */
function printVersion(line) {
  let written = 0;
  try {
    written = writeSync(1, line);
  } catch {
    // written stays 0: the stream gets the whole line
  }
  if (written < line.length) process.stdout.write(line.slice(written)); // ASCII: a byte is a character
}

// Last, so that the constants above are set.
const [, , first, ...rest] = process.argv;
if ((first === '--version' || first === '-V') && rest.length === 0) printVersion(`${JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version}\n`);
else runProgram(join(__dirname, '..', 'dist'), process.argv.slice(2));
