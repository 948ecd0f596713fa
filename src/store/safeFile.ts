// Durable, private file writes. A store file is replaced, never edited in place: the new content
// goes to a temp file with a unique name in the same directory (mode 0600), is fsynced, renamed
// over the old file, and the directory is fsynced so the rename itself survives a power cut. A
// reader therefore sees either the old file or the new one, whole.
import type { Hash } from 'node:crypto';
import { nodeCrypto } from './nodeCrypto.js';
import { promises as fs, constants } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { APPEND_NOFOLLOW, openRegular, READ_WRITE_NOFOLLOW } from './pathGuard.js';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Creates a directory (and its parents) that only the user can enter; existing ones are left as they are. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  const created = await fs.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // mkdir's mode is filtered by the umask; make the directory we created exactly 0700.
  if (created !== undefined) await fs.chmod(dir, PRIVATE_DIR_MODE);
}

const TEMP_MARK = '.tmp-';
const WRITE_SLICE = 1 << 20;

/**
 * Writes all of `bytes`. A single write may write less than asked without failing (a disk that
 * fills up mid-write does exactly that); the next call then reports ENOSPC. Ignoring the count
 * would rename a truncated store over a good one.
 */
async function writeAll(handle: fs.FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

function tempPathFor(path: string): string {
  return join(dirname(path), `${basename(path)}${TEMP_MARK}${process.pid}-${nodeCrypto().randomBytes(6).toString('hex')}`);
}

async function fsyncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, constants.O_RDONLY);
    await handle.sync();
  } catch (error) {
    // Some file systems refuse fsync on a directory (EINVAL/EISDIR); the rename is still atomic.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM') throw error;
  } finally {
    await handle?.close();
  }
}

/** A file's new content written beside it, durable, waiting to be renamed in (or thrown away). */
export interface StagedFile {
  /** Renames the new content over the file (the moment it changes) and makes the rename durable. */
  commit(): Promise<void>;
  /** Removes the new content; the file stays as it was. */
  discard(): Promise<void>;
}

/** Text or bytes to write, as a list or as they come (a document written item by item). */
export type Chunks = Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/**
 * Writes `chunks` (text or bytes) to a temp file beside `path`, 0600 whatever the umask, and
 * fsyncs it; `path` itself is untouched until `commit`. `hash`, when given, is fed every byte
 * written (a store's known-good mark). A failure leaves no temp file.
 */
export async function stageFile(path: string, chunks: Chunks, hash?: Hash): Promise<StagedFile> {
  const temp = tempPathFor(path);
  // 'wx' is O_CREAT | O_EXCL: a name someone else put there (even a link) makes this fail.
  const handle = await fs.open(temp, 'wx', PRIVATE_FILE_MODE);
  try {
    await handle.chmod(PRIVATE_FILE_MODE);
    // Small chunks are gathered into writes of about 1 MiB, so a large store never needs one giant
    // string or buffer; a chunk that large already (a slice of the old file) is written as it is.
    let pending: Buffer[] = [];
    let size = 0;
    const flush = async () => {
      if (size > 0) await writeAll(handle, Buffer.concat(pending));
      pending = [];
      size = 0;
    };
    for await (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      hash?.update(bytes);
      if (bytes.byteLength >= WRITE_SLICE) {
        await flush();
        await writeAll(handle, bytes);
        continue;
      }
      pending.push(bytes);
      size += bytes.byteLength;
      if (size >= WRITE_SLICE) await flush();
    }
    await flush();
    await handle.sync();
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => {});
    await fs.rm(temp, { force: true });
    throw error;
  }
  return {
    commit: async () => {
      try {
        await fs.rename(temp, path);
      } catch (error) {
        await fs.rm(temp, { force: true });
        throw error;
      }
      await fsyncDirectory(dirname(path));
    },
    discard: () => fs.rm(temp, { force: true }),
  };
}

/** Replaces `path` with `chunks` atomically and durably (see stageFile). */
export async function writeFileAtomic(path: string, chunks: Chunks, hash?: Hash): Promise<void> {
  await (await stageFile(path, chunks, hash)).commit();
}

/**
 * Appends one record to a private file and fsyncs it, whole or not at all: when the write fails
 * part way (a full disk writes what fits, then fails), the file is cut back to where it was.
 * Never through a link, never to a FIFO. Returns how to take the record back out (the step it
 * belongs to did not happen after all).
 */
export async function appendPrivate(path: string, text: string, what: string): Promise<{ takeBack(): Promise<void> }> {
  const handle = await openRegular(path, what, APPEND_NOFOLLOW, PRIVATE_FILE_MODE);
  let start: number;
  try {
    start = (await handle.stat()).size;
    await handle.chmod(PRIVATE_FILE_MODE);
  } catch (error) {
    await handle.close();
    throw error;
  }
  const cutBack = async (file: fs.FileHandle) => {
    await file.truncate(start);
    await file.sync();
  };
  try {
    await writeAll(handle, Buffer.from(text, 'utf8'));
    await handle.sync();
  } catch (error) {
    await cutBack(handle).catch(() => {}); // if even that fails, the next command sets the cut-off line aside
    throw error;
  } finally {
    await handle.close();
  }
  return {
    takeBack: async () => {
      const file = await openRegular(path, what, READ_WRITE_NOFOLLOW);
      try {
        await cutBack(file);
      } finally {
        await file.close();
      }
    },
  };
}

/**
 * Removes temp files a killed writer left behind. Call only while holding the store's lock: then
 * no other process can be writing one.
 */
export async function removeStaleTempFiles(path: string): Promise<void> {
  const prefix = `${basename(path)}${TEMP_MARK}`;
  const names = await fs.readdir(dirname(path)).catch(() => [] as string[]);
  await Promise.all(
    names.filter((n) => n.startsWith(prefix)).map((n) => fs.rm(join(dirname(path), n), { force: true })),
  );
}

/**
 * Makes a copy famcoord keeps of the store (a backup, the store kept by demo --replace) 0600 when
 * it is a regular file that others may read: a hard link has the mode of the file it links, and
 * something else may have changed a backup's mode since. Anything else is left to the path guard.
 */
export async function keepPrivate(path: string): Promise<void> {
  const stats = await fs.lstat(path);
  if (stats.isFile() && (stats.mode & 0o077) !== 0) await fs.chmod(path, PRIVATE_FILE_MODE);
}

export function pathExists(path: string): Promise<boolean> {
  return fs.access(path).then(
    () => true,
    () => false,
  );
}
