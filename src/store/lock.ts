// A lock across processes: a lock file created with O_EXCL beside the store. It holds the owner's
// pid, host and a random token. A lock whose owner is dead (kill -9) is broken by the next writer;
// breaking renames the file first and checks it was the stale one, so two writers racing to break
// the same stale lock cannot delete a fresh lock taken in between.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import { PRIVATE_FILE_MODE } from './safeFile.js';
import { StoreError } from './errors.js';

interface LockOwner {
  pid: number;
  host: string;
  token: string;
}

export interface LockOptions {
  /** How long to wait for another writer before giving up. */
  timeoutMs?: number;
  /** A lock older than this is taken to be abandoned even if its owner seems alive. */
  staleMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(lockPath: string): Promise<{ owner?: LockOwner; raw: string; ageMs: number } | undefined> {
  try {
    const [raw, stat] = await Promise.all([fs.readFile(lockPath, 'utf8'), fs.stat(lockPath)]);
    let owner: LockOwner | undefined;
    try {
      owner = JSON.parse(raw) as LockOwner;
    } catch {
      owner = undefined; // written half by a process killed at that moment
    }
    return { owner, raw, ageMs: Date.now() - stat.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function isStale(found: { owner?: LockOwner; ageMs: number }, staleMs: number): boolean {
  if (found.ageMs > staleMs) return true;
  if (!found.owner) return found.ageMs > 2_000;
  return found.owner.host === hostname() && !isAlive(found.owner.pid);
}

async function breakStaleLock(lockPath: string, staleContent: string): Promise<void> {
  const aside = `${lockPath}.broken-${randomBytes(6).toString('hex')}`;
  try {
    await fs.rename(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else broke it
    throw error;
  }
  const moved = await fs.readFile(aside, 'utf8').catch(() => staleContent);
  if (moved !== staleContent) {
    // We moved a fresh lock taken after our check: put it back unless a third writer holds the name.
    await fs.link(aside, lockPath).catch(() => {});
  }
  await fs.rm(aside, { force: true });
}

/** Waits for the lock and returns a function that releases it. */
export async function acquireLock(lockPath: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const { timeoutMs = 15_000, staleMs = 10 * 60_000 } = options;
  const owner: LockOwner = { pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex') };
  const content = JSON.stringify(owner);
  const deadline = Date.now() + timeoutMs;
  let pause = 2;
  for (;;) {
    try {
      const handle = await fs.open(lockPath, 'wx', PRIVATE_FILE_MODE);
      try {
        await handle.write(content);
      } finally {
        await handle.close();
      }
      return async () => {
        const current = await readOwner(lockPath);
        if (current?.raw === content) await fs.rm(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const found = await readOwner(lockPath);
    if (found && isStale(found, staleMs)) {
      await breakStaleLock(lockPath, found.raw);
      continue;
    }
    if (Date.now() > deadline) {
      const who = found?.owner ? ` (process ${found.owner.pid})` : '';
      throw new StoreError('locked', `the store is locked by another famcoord process${who}; try again in a moment`);
    }
    await sleep(pause + Math.random() * pause);
    pause = Math.min(pause * 2, 50);
  }
}
