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

const [, , first, ...rest] = process.argv;
if ((first === '--version' || first === '-V') && rest.length === 0) process.stdout.write(`${JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version}\n`);
else runBundle(join(__dirname, '..', 'dist', 'famcoord.cjs'), process.argv.slice(2));

function runBundle(file, args) {
  const { createRequire } = require('node:module');
  const { Script } = require('node:vm');
  // The build writes the file as one function expression, in ASCII (scripts/build.mjs).
  const source = readFileSync(file, 'latin1');
  const cache = process.env.FAMCOORD_CODE_CACHE === '0' ? undefined : codeCache(file, cacheName(args));
  const cachedData = cache?.read();
  const script = new Script(source, { filename: file, ...(cachedData && { cachedData }) });
  if (cache && (!cachedData || script.cachedDataRejected)) {
    // Made at exit, so that it holds what this command compiled as it ran, not only the top level.
    process.once('exit', () => cache.write(script.createCachedData()));
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file), require('node:url').pathToFileURL(file).href);
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

/** The code cache of this build on this Node for one command, or undefined when there is no safe place for it. */
function codeCache(bundle, name) {
  const { createHash } = require('node:crypto');
  const { homedir } = require('node:os');
  const { id } = JSON.parse(readFileSync(join(bundle, '..', 'build.json'), 'utf8'));
  const key = `v8-${id}-node${process.version}-${process.arch}`;
  const env = process.env;
  const root = env.FAMCOORD_CACHE_DIR
    ? env.FAMCOORD_CACHE_DIR
    : process.platform === 'darwin'
      ? join(homedir(), 'Library', 'Caches', 'famcoord')
      : join(env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(homedir(), '.cache'), 'famcoord');
  const dir = join(root, key);
  const file = join(dir, `${name}.v8cache`);
  const checksum = (payload) => createHash('sha256').update(key).update(payload).digest();
  return {
    read() {
      let fd;
      try {
        fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
      } catch {
        return undefined; // none yet (or a symlink, which is not ours)
      }
      try {
        const stat = fstatSync(fd);
        if (!stat.isFile() || !ownPrivate(stat) || stat.size <= 32) return undefined;
        const bytes = readFileSync(fd);
        const payload = bytes.subarray(32);
        return checksum(payload).equals(bytes.subarray(0, 32)) ? payload : undefined;
      } catch {
        return undefined;
      } finally {
        closeSync(fd);
      }
    },
    write(payload) {
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
        writeFileSync(temp, Buffer.concat([checksum(payload), payload]), { flag: 'wx', mode: 0o600 });
        renameSync(temp, file);
      } catch {
        rmSync(temp, { force: true }); // a cache that cannot be written only costs the next run time
      }
    },
  };
}

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
