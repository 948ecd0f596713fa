// An erase in progress, written down before it starts (STORE.erasing, 0600, beside either
// backend's store): which family, and who asked. An erase takes several writes (the step, the log
// scrubbed, the backups deleted; for SQLite, the write-ahead log emptied), and a crash between
// them would leave the family's data in the log or the backups, where undo could bring it back.
// While the note exists, every change first finishes the erase it names (so no undo can cross it),
// and so does doctor; the note is removed only when the erase is complete. It holds an id and a
// user name, no family data.
import { promises as fs } from 'node:fs';
import { readRegularFile } from './pathGuard.js';
import { describeIoError, StoreError } from './errors.js';
import { writeFileAtomic } from './safeFile.js';
import type { TransactMeta } from './Store.js';

export interface PendingErase extends TransactMeta {
  familyId: string;
}

export function pendingErasePathFor(storePath: string): string {
  return `${storePath}.erasing`;
}

export async function recordPendingErase(storePath: string, pending: PendingErase): Promise<void> {
  const { familyId, user, source, today } = pending;
  await writeFileAtomic(pendingErasePathFor(storePath), [JSON.stringify({ familyId, user, source, today })]).catch((error: unknown) => {
    throw new StoreError('io', `cannot start erasing family ${familyId}: ${describeIoError(error)}; nothing was erased`);
  });
}

/** The erase a crash cut short, if any. */
export async function readPendingErase(storePath: string): Promise<PendingErase | undefined> {
  const path = pendingErasePathFor(storePath);
  let text: string;
  try {
    text = (await readRegularFile(path, 'the note of an unfinished erase')).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if (error instanceof StoreError) throw error;
    throw new StoreError('io', `cannot read ${path} (an unfinished erase): ${describeIoError(error)}`);
  }
  try {
    const pending = JSON.parse(text) as PendingErase;
    if (typeof pending.familyId === 'string' && typeof pending.user === 'string' && typeof pending.source === 'string' && typeof pending.today === 'string') return pending;
  } catch {
    // reported below
  }
  throw new StoreError('corrupt', `${path} (the note of an unfinished erase) is damaged (it is written whole, so by hand?); delete it and run famcoord erase --family ID again for the family that was being erased`);
}

/** What doctor says when it finished an erase. */
export function finishedErase(familyId: string): string {
  return `finished erasing family ${familyId} (an erase had been interrupted)`;
}

export async function clearPendingErase(storePath: string): Promise<void> {
  await fs.rm(pendingErasePathFor(storePath), { force: true });
}
