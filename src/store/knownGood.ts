// A store file that famcoord wrote itself need not be validated again on every command. Beside
// it, STORE.checked holds the SHA-256 of its bytes, salted with the fingerprint of the rules that
// accepted them (built in by scripts/schemaFingerprint.mjs). A read whose bytes hash to the mark
// skips the schema and the cross-object rules and does not even load them: on a coordinator's
// store that cuts the start-up of `famcoord today` by a third, and at 1,000 families it saves
// ~200 ms a command. Marked are famcoord's own writes, and files validated in full that are byte
// for byte what famcoord would write (a store from an earlier famcoord, a restored backup). A file
// written by hand may lack fields the schema fills in with defaults: it goes through the schema
// on every read. So does anything that misses the mark: a hand edit, a famcoord with other rules,
// a mark lost in a crash. The mark is only a hash, holds no data, and is written without fsync:
// losing it costs one validation, never correctness.
//
// Hashing the store means loading node:crypto (with the streams its hashes are built on) and
// reading every byte through SHA-256: ~25 M instructions of a 25-family `today`, a quarter of what
// famcoord adds to Node's start (issue 19). So the mark also keeps, once a read has found the hash
// to match, the store file's status: device, inode, size, and modification and change times in
// nanoseconds (as git's index does for its files). A read whose status is that one is vouched for
// without hashing. Any write to the file, in place or by a new file renamed over it, gives it a
// new change time, which no program can set back (only the system clock can), and a restored or
// copied store is another inode. What could share the recorded status is a change in the same tick
// of the file system's clock as the status recorded ("racy" in git's words): so the status is
// recorded only when the store's last change is STATUS_MARGIN_NS older than the mark's own write,
// by the file system's clock, more than any file system's timestamp granularity (FAT's is 2 s).
// A write of famcoord's own (always a new file renamed in) leaves the hash only, and the next read
// at least that much later adds the status. Salted like the hash: another build's rules need the
// hash and, when it misses, a validation.
import type { Hash } from 'node:crypto';
import { closeSync, fstatSync, ftruncateSync, readFileSync, writeSync, type BigIntStats } from 'node:fs';
import { nodeCrypto } from './nodeCrypto.js';
import { PRIVATE_FILE_MODE } from './safeFile.js';
import { openRegular, openRegularSync, WRITE_NOFOLLOW } from './pathGuard.js';

const WHAT = "the store's known-good mark";

declare const FAMCOORD_SCHEMA_FINGERPRINT: string | undefined;

/** Undefined when this build has no fingerprint (source run without the build's define): no marks then. */
const FINGERPRINT = typeof FAMCOORD_SCHEMA_FINGERPRINT === 'string' ? FAMCOORD_SCHEMA_FINGERPRINT : undefined;

export function knownGoodPath(storePath: string): string {
  return `${storePath}.checked`;
}

/** A hash to feed a store file's bytes into, for its mark; undefined when marks are off. */
export function markHash(): Hash | undefined {
  return FINGERPRINT === undefined ? undefined : nodeCrypto().createHash('sha256').update(`${FINGERPRINT}\0`);
}

/** The mark for bytes read whole. */
export function markOf(bytes: Uint8Array): string | undefined {
  return markHash()?.update(bytes).digest('hex');
}

/** How long before the mark's write the store must have last changed for its status to be recorded (see above). */
export const STATUS_MARGIN_NS = 3_000_000_000n;

/** What a store's mark holds: the hash it vouches for, and the store's status when a read last found that hash (a line after it). */
export interface RecordedMark {
  hash: string;
  status: string | undefined;
}

/** The store's mark as recorded; undefined when there is none (or it is a link or a FIFO: not followed, it vouches for nothing). */
export function readMark(storePath: string): RecordedMark | undefined {
  let fd: number;
  try {
    fd = openRegularSync(knownGoodPath(storePath), WHAT);
  } catch {
    return undefined;
  }
  try {
    const [hash = '', status] = readFileSync(fd, 'utf8').split('\n');
    return { hash, status };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** A store file's status as the mark records it, with the rules' fingerprint; undefined when marks are off. */
export function statusLine(status: BigIntStats): string | undefined {
  return FINGERPRINT === undefined ? undefined : [FINGERPRINT, status.dev, status.ino, status.size, status.mtimeNs, status.ctimeNs].join(':');
}

/** Whether the mark vouches for a store file by its status alone (recorded by recordStatus, under these rules). */
export function vouchesByStatus(recorded: RecordedMark | undefined, status: BigIntStats | undefined): boolean {
  const line = status && statusLine(status);
  return line !== undefined && recorded?.status === line;
}

/**
 * Adds the store's status to its mark, after a read found the store's bytes to hash to it, unless
 * the store changed too recently (see above: first by this machine's clock, which saves a write,
 * then by the file system's, which the mark's own write reads). Best effort, as markKnownGood;
 * when the racy check cannot be completed, the mark is emptied (one validation), never left
 * holding a status it should not.
 */
export function recordStatus(storePath: string, hash: string, status: BigIntStats): void {
  const line = statusLine(status);
  if (line === undefined || BigInt(Date.now()) * 1_000_000n - status.ctimeNs < STATUS_MARGIN_NS) return;
  let fd: number;
  try {
    fd = openRegularSync(knownGoodPath(storePath), WHAT, WRITE_NOFOLLOW, PRIVATE_FILE_MODE);
  } catch {
    return;
  }
  const rewrite = (text: string) => {
    ftruncateSync(fd, 0);
    writeSync(fd, text, 0);
  };
  try {
    rewrite(`${hash}\n${line}`);
    if (fstatSync(fd, { bigint: true }).mtimeNs - status.ctimeNs < STATUS_MARGIN_NS) rewrite(hash);
  } catch {
    try {
      ftruncateSync(fd, 0);
    } catch {
      // nothing more to do: a mark that cannot be written cannot be read back whole either
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Records that the bytes with this mark are valid. Best effort: a read-only folder, or a mark
 * that is a link or a FIFO (never written through), just means no mark.
 */
export async function markKnownGood(storePath: string, mark: string | undefined): Promise<void> {
  if (mark === undefined) return;
  const handle = await openRegular(knownGoodPath(storePath), WHAT, WRITE_NOFOLLOW, PRIVATE_FILE_MODE).catch(() => undefined);
  if (!handle) return;
  // Truncated only now that it is known to be a regular file of ours.
  await handle.truncate(0).then(() => handle.write(mark)).catch(() => undefined);
  await handle.close();
}
