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
import type { Hash } from 'node:crypto';
import { nodeCrypto } from './nodeCrypto.js';
import { PRIVATE_FILE_MODE } from './safeFile.js';
import { openRegular, readRegularFile, WRITE_NOFOLLOW } from './pathGuard.js';

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

/** Whether the store's bytes are the ones its mark vouches for. */
export async function isKnownGood(storePath: string, mark: string | undefined): Promise<boolean> {
  if (mark === undefined) return false;
  // A mark that is a link or a FIFO is not followed: it vouches for nothing.
  const recorded = await readRegularFile(knownGoodPath(storePath), WHAT).catch(() => undefined);
  return recorded?.toString('utf8') === mark;
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
