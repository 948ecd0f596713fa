// famcoord writes only through names it made. A store and the files it keeps beside it (the audit
// log, the known-good mark, the lock, the backups, SQLite's journals) must each be a regular file
// or not exist yet: a symbolic link is refused, never followed (a write would replace the link, or
// go to a file famcoord never chose), and a FIFO or a device is refused before it is opened (a
// read from a FIFO waits for ever). A store is written only in a folder other users cannot write
// to, where nobody else can plant those names. And an output (--out, migrate --to) must not be
// the store or a file beside it, however its path is spelled: real paths and the folders' device
// and inode are compared, not strings.
import { closeSync, constants, fstatSync, lstatSync, openSync, promises as fs, readdirSync, readFileSync, statSync, type BigIntStats, type Dirent, type Stats } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { sanitizeLine } from '../domain/sanitize.js';
import { missingStoreError, StoreError } from './errors.js';

// Windows has neither; there a link is followed as before.
const NO_FOLLOW = (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** Flags to read a file that must not be followed if it is a link, nor waited on if it is a FIFO. */
export const READ_NOFOLLOW = constants.O_RDONLY | NO_FOLLOW;
/** Flags to append to (creating) a file, likewise. */
export const APPEND_NOFOLLOW = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | NO_FOLLOW;
/** Flags to read and change a file in place (cut back, set a line aside), likewise. */
export const READ_WRITE_NOFOLLOW = constants.O_RDWR | NO_FOLLOW;
/** Flags to write a file (creating it) that is truncated only once it is known to be a regular file, likewise. */
export const WRITE_NOFOLLOW = constants.O_WRONLY | constants.O_CREAT | NO_FOLLOW;

/**
 * The store's own files, by the suffix after the store's name: the audit log (auditLogPathFor),
 * the known-good mark (knownGoodPath), the lock, the backups (backupPath) and SQLite's journals.
 * tests/store/pathGuard.test.ts checks them against those functions.
 */
const STORE_FILES: ReadonlyArray<[suffix: RegExp, what: string]> = [
  [/^$/, 'the store'],
  [/^\.audit\.jsonl$/, "the store's audit log"],
  [/^\.audit\.jsonl\.set-aside$/, 'the lines set aside from the audit log'],
  [/^\.erasing$/, 'the note of an unfinished erase'],
  [/^\.checked$/, "the store's known-good mark"],
  [/^\.lock$/, "the store's lock"],
  [/^\.bak\.\d+$/, 'a backup of the store'],
  [/^-(?:wal|shm|journal)$/, "the store's SQLite journal"],
];

/** What the file `name` is to the store named `storeName` ("the store's audit log"); undefined when it is none of its files. */
export function storeFileRole(name: string, storeName: string): string | undefined {
  if (!name.startsWith(storeName)) return undefined;
  const suffix = name.slice(storeName.length);
  return STORE_FILES.find(([pattern]) => pattern.test(suffix))?.[1];
}

/** Whether an output named `name` would land on the store or beside it: its files, and any STORE.* (temp files, a damaged store set aside). */
function isBesideStore(name: string, storeName: string): boolean {
  return storeFileRole(name, storeName) !== undefined || name.startsWith(`${storeName}.`);
}

/** What an entry is when it is not a regular file ("a symbolic link", "a folder", ...); undefined for a regular file. */
export function irregularKind(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  return 'a device';
}

/** `what` ("the store", "the store's audit log") at `path` is `kind`, not a regular file, and what to do. */
export function irregularFileMessage(what: string, path: string, kind: string): string {
  const instead = what === 'the store' ? 'use the path of the file itself' : 'put the file itself in place of the link';
  const advice = kind === 'a symbolic link' ? `famcoord does not follow links to its files: ${instead}` : 'famcoord keeps its data only in regular files';
  return `${what} ${sanitizeLine(path)} is ${kind}, not a regular file; ${advice}`;
}

export function irregularFileError(what: string, path: string, kind: string): StoreError {
  return new StoreError('io', `${irregularFileMessage(what, path, kind)}. Nothing was changed`);
}

/** What is at `path` itself (a link not followed), or undefined when nothing can be seen there. */
function lstatIfAny(path: string): Stats | undefined {
  return statsIfAny(path, lstatSync);
}

/**
 * What `path` names (a link followed), or undefined when nothing can be seen there. Synchronous,
 * as all the checks before a write are: the first use of fs.promises loads Node's streams,
 * readline and watchers (~20 M instructions of a one-line change, issue 19).
 */
function statIfAny(path: string): Stats | undefined {
  return statsIfAny(path, statSync);
}

function statsIfAny(path: string, stat: (path: string) => Stats): Stats | undefined {
  try {
    return stat(path);
  } catch {
    return undefined;
  }
}

/** Why a failed open of `path` failed, when the reason is what the path names: a link, a FIFO, a folder. */
function irregularOpenError(error: unknown, what: string, path: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return error;
  const stats = lstatIfAny(path);
  const kind = stats && irregularKind(stats);
  return kind ? irregularFileError(what, path, kind) : error;
}

/**
 * Opens `path` with `flags` (one of the *_NOFOLLOW above) and checks that it is a regular file:
 * a link fails to open (O_NOFOLLOW), a FIFO opens without waiting (O_NONBLOCK) and is then
 * refused. ENOENT and other system errors are thrown as they are; an irregular file as a StoreError.
 */
export async function openRegular(path: string, what: string, flags: number = READ_NOFOLLOW, mode?: number): Promise<fs.FileHandle> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, flags, mode);
  } catch (error) {
    throw irregularOpenError(error, what, path);
  }
  const kind = irregularKind(await handle.stat());
  if (kind) {
    await handle.close();
    throw irregularFileError(what, path, kind);
  }
  return handle;
}

/**
 * openRegular for synchronous readers (the audit log's generator), and for reads the caller waits
 * for anyway (readRegularFile, SQLite's open): a command that reads its store then starts without
 * Node's fs/promises, its streams and readline (~18 M instructions, issue 19). Returns the descriptor.
 */
export function openRegularSync(path: string, what: string, flags: number = READ_NOFOLLOW, mode?: number): number {
  let fd: number;
  try {
    fd = openSync(path, flags, mode);
  } catch (error) {
    throw irregularOpenError(error, what, path);
  }
  const kind = irregularKind(fstatSync(fd));
  if (kind) {
    closeSync(fd);
    throw irregularFileError(what, path, kind);
  }
  return fd;
}

/** Reads a whole file through openRegularSync (its callers wait for it: nothing runs meanwhile). */
export async function readRegularFile(path: string, what: string): Promise<Buffer> {
  const fd = openRegularSync(path, what);
  try {
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a whole file as readRegularFile does, with its status (nanosecond times) when that did not
 * change while it was read: undefined if it did, since the bytes may then be neither version.
 */
export function readRegularFileWithStatus(path: string, what: string): { bytes: Buffer; status: BigIntStats | undefined } {
  const fd = openRegularSync(path, what);
  try {
    const before = fstatSync(fd, { bigint: true });
    const bytes = readFileSync(fd);
    const after = fstatSync(fd, { bigint: true });
    const unchanged = before.size === after.size && before.mtimeNs === after.mtimeNs && before.ctimeNs === after.ctimeNs;
    return { bytes, status: unchanged ? after : undefined };
  } finally {
    closeSync(fd);
  }
}

/**
 * Each of the store's files (the store and those beside it) that is not a regular file. One read
 * of the folder: its entries carry their types.
 */
export async function irregularStoreFiles(storePath: string): Promise<Array<{ path: string; what: string; kind: string }>> {
  const storeName = basename(storePath);
  // Synchronous, as openRegularSync: SQLite's every open looks here first.
  let entries: Dirent[] = [];
  try {
    entries = readdirSync(dirname(storePath), { withFileTypes: true });
  } catch {
    // no folder (yet), or not readable: nothing found here; opening the store says what is wrong
  }
  const found = [];
  for (const entry of entries) {
    // A regular file first: the usual entry is one, and the names' patterns then never run (each
    // regular expression run twice is compiled to machine code, ~0.1 M instructions apiece).
    if (entry.isFile()) continue;
    const what = storeFileRole(entry.name, storeName);
    if (what === undefined) continue;
    const path = join(dirname(storePath), entry.name);
    const stats = lstatIfAny(path);
    const kind = stats && irregularKind(stats);
    if (kind) found.push({ path, what, kind });
  }
  return found;
}

/** Refuses a store whose file, or a file beside it, is a link, a FIFO, a folder or a device. */
export async function checkStoreFiles(storePath: string): Promise<void> {
  const [first] = await irregularStoreFiles(storePath);
  if (first) throw irregularFileError(first.what, first.path, first.kind);
}

/**
 * Whether other users can write to the store's folder: then they could put a link or a file of
 * their own under a name famcoord is about to open. A sticky folder we own is safe (others cannot
 * rename or remove what we made there). Undefined when it is private, or does not exist yet.
 */
export async function sharedFolderMode(storePath: string): Promise<number | undefined> {
  if (process.getuid === undefined) return undefined; // Windows: no such modes
  const stats = statIfAny(dirname(storePath));
  if (!stats || (stats.mode & 0o002) === 0) return undefined;
  if ((stats.mode & 0o1000) !== 0 && stats.uid === process.getuid()) return undefined;
  return stats.mode & 0o7777;
}

export function sharedFolderMessage(storePath: string, mode: number): string {
  const folder = sanitizeLine(dirname(storePath));
  return `the folder ${folder} can be written by other users (mode ${mode.toString(8)}), so famcoord does not write the store ${sanitizeLine(storePath)} there; move the store to a private folder, or run chmod o-w ${folder}`;
}

/** Refuses to write a store in a folder other users can write to. */
export async function checkFolderPrivate(storePath: string): Promise<void> {
  const mode = await sharedFolderMode(storePath);
  if (mode !== undefined) throw new StoreError('io', `${sharedFolderMessage(storePath, mode)}. Nothing was changed`);
}

/** The nearest existing entry above `path` that is not a folder (a file where a folder is needed); undefined if none. */
export async function fileInTheWay(path: string): Promise<string | undefined> {
  for (let above = dirname(resolve(path)); ; above = dirname(above)) {
    const stats = statIfAny(above);
    if (stats) return stats.isDirectory() ? undefined : above;
    if (dirname(above) === above) return undefined;
  }
}

/** "cannot create X: Y is a file" when a file stands where a folder of `path` should be. */
export async function fileInTheWayError(path: string): Promise<StoreError | undefined> {
  const blocker = await fileInTheWay(path);
  return blocker === undefined ? undefined : new StoreError('io', `cannot create ${sanitizeLine(path)}: ${sanitizeLine(blocker)} is a file, not a folder; nothing was created`);
}

/**
 * Before a store is written: no file where a folder should be, the store's files regular (or
 * absent), its folder private. Unless `create`, a missing store is an error here, before anything
 * (a lock, a folder) is made for it.
 */
export async function checkStoreWrite(storePath: string, { create }: { create: boolean }): Promise<void> {
  const blocked = await fileInTheWayError(storePath);
  if (blocked) throw blocked;
  await checkStoreFiles(storePath);
  await checkFolderPrivate(storePath);
  if (!create && lstatIfAny(storePath) === undefined) throw missingStoreError(storePath);
}

/** The real path `path` names or would name: the real path of its nearest existing folder, the rest joined on. */
async function realTarget(path: string): Promise<string> {
  const absolute = resolve(path);
  const real = await fs.realpath(absolute).catch(() => undefined);
  if (real !== undefined) return real;
  const parent = dirname(absolute);
  return parent === absolute ? absolute : join(await realTarget(parent), basename(absolute));
}

const sameEntry = (a: Stats | undefined, b: Stats | undefined) => a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;

/**
 * Why famcoord must not write the output `out` when the store is `storePath`: 'folder' when it
 * names a folder (a trailing slash, or an existing folder), 'store' when it is the store or a file
 * beside it: by real path (a symlinked folder or file), by the folder's device and inode (a bind
 * mount), or, for a file that exists, by its own device and inode (a hard link). Undefined: safe.
 */
export async function outputProblem(out: string, storePath: string): Promise<'folder' | 'store' | undefined> {
  if (out.endsWith('/') || out.endsWith(sep)) return 'folder';
  const existing = await fs.stat(out).catch(() => undefined);
  if (existing?.isDirectory()) return 'folder';
  const [realOut, realStore] = await Promise.all([realTarget(out), realTarget(storePath)]);
  if (isBesideStore(basename(realOut), basename(realStore))) {
    if (dirname(realOut) === dirname(realStore)) return 'store';
    const [outFolder, storeFolder] = await Promise.all([fs.stat(dirname(realOut)).catch(() => undefined), fs.stat(dirname(realStore)).catch(() => undefined)]);
    if (sameEntry(outFolder, storeFolder)) return 'store';
  }
  if (existing) {
    const storeName = basename(realStore);
    const names = await fs.readdir(dirname(realStore)).catch(() => [] as string[]);
    for (const name of names.filter((n) => isBesideStore(n, storeName)))
      if (sameEntry(existing, await fs.stat(join(dirname(realStore), name)).catch(() => undefined))) return 'store';
  }
  return undefined;
}
