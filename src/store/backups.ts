// Rotating backups beside the store: STORE.bak.1 is the version before the latest write, up to
// STORE.bak.N. They rotate only after a write succeeded: just before the new version is renamed
// in, the current file is held by a hard link (no copy; named as a temp file, so one a crash
// leaves behind is cleared by the next writer), and once the rename is done that link becomes
// .bak.1. A write that fails therefore leaves the backups as they were: five failed writes do not
// push out five good versions.
import { promises as fs } from 'node:fs';
import { extname } from 'node:path';
import { keepPrivate } from './safeFile.js';

export const DEFAULT_BACKUPS = 5;

/** How many backups to keep: FAMCOORD_BACKUPS (0 turns them off), else 5. */
export function backupCount(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.FAMCOORD_BACKUPS);
  return env.FAMCOORD_BACKUPS !== undefined && Number.isInteger(n) && n >= 0 && n <= 100 ? n : DEFAULT_BACKUPS;
}

export function backupPath(storePath: string, n: number): string {
  return `${storePath}.bak.${n}`;
}

/**
 * Holds the current store file for the backups (a hard link beside it), before it is replaced.
 * Undefined when backups are off or there is no store yet. Call under the store's lock.
 */
export async function holdForBackup(storePath: string, keep: number = backupCount()): Promise<string | undefined> {
  if (keep <= 0) return undefined;
  const held = `${storePath}.tmp-backup-${process.pid}`;
  await fs.rm(held, { force: true });
  try {
    await fs.link(storePath, held);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // no store yet: nothing to keep
    throw error;
  }
  await keepPrivate(held);
  return held;
}

/**
 * After a successful write: shifts .bak.1… up by one (dropping the oldest) and makes the held
 * version .bak.1. Each backup shifted is made private again, whatever changed its mode meanwhile.
 */
export async function rotateBackups(storePath: string, held: string, keep: number = backupCount()): Promise<void> {
  await fs.rm(backupPath(storePath, keep), { force: true });
  for (let n = keep - 1; n >= 1; n--) {
    const shifted = await fs.rename(backupPath(storePath, n), backupPath(storePath, n + 1)).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
        return false;
      },
    );
    if (shifted) await keepPrivate(backupPath(storePath, n + 1));
  }
  await fs.rename(held, backupPath(storePath, 1));
}

/** The backups that exist, newest first. */
export async function listBackups(storePath: string): Promise<Array<{ n: number; path: string; modified: Date; size: number }>> {
  const found = [];
  for (let n = 1; n <= 100; n++) {
    const path = backupPath(storePath, n);
    const stat = await fs.stat(path).catch(() => undefined);
    if (!stat) {
      if (n > DEFAULT_BACKUPS) break;
      continue;
    }
    found.push({ n, path, modified: stat.mtime, size: stat.size });
  }
  return found;
}

/** Deletes every backup: after an erase they still hold the family's data. */
export async function removeBackups(storePath: string): Promise<void> {
  for (const backup of await listBackups(storePath)) await fs.rm(backup.path, { force: true });
}

/**
 * Where a store that is replaced whole (famcoord demo --replace) is kept: beside it, named for the
 * time, with the same extension so that it opens as the same kind of store
 * (store.json → store.replaced-2026-11-24T09-00-00-000Z.json).
 */
export function replacedPath(storePath: string, now = new Date()): string {
  const extension = extname(storePath);
  return `${storePath.slice(0, storePath.length - extension.length)}.replaced-${now.toISOString().replace(/[:.]/g, '-')}${extension}`;
}
