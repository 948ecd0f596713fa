// A lock across processes for the JSON store: the file STORE.lock, holding its owner's record
// (pid, host, a random token, the machine's boot id and the process's start time where /proc has
// them, and the program's name). It appears whole or not at all: the record is written to a
// private file of our own first and then hard-linked to the lock's name (link(2) fails with EEXIST
// when the lock is held), so no other process ever sees a lock without its owner.
//
// A lock is never taken from a live owner, however long it has been held (a stopped or suspended
// process keeps it): it is broken only when its owner is on this host and provably gone: its pid
// is not alive (or a zombie), or is alive with another start time (the pid was reused), or the
// machine has rebooted since. A lock from another host (a shared folder), or without a readable
// owner (an older famcoord), is reported with who holds it and never broken.
//
// Breaking is race-free without a kernel lock. A lock's name is reused, so "check it is stale, then
// remove it" could remove a fresh lock taken in between. Instead, to remove a record with token T,
// a process must first win the ticket STORE.lock.break-T (created with link, so one process holds
// it at a time), then read the name again. Nothing else removes a record with token T while its
// owner is gone, and a gone owner never writes T again: if the name still holds T, it is the same
// file, and stays so until the ticket holder removes it. A ticket left by a breaker that died is
// itself broken the same way (its record has the breaker's token). Release reads the lock and
// removes it only if it holds our token: while we live, no one else removes a record of ours, so
// the name cannot change between the two.
import { nodeCrypto } from './nodeCrypto.js';
import { promises as fs, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { PRIVATE_FILE_MODE } from './safeFile.js';
import { StoreError } from './errors.js';
import { stopAfterLockForTest } from './testHooks.js';

interface LockOwner {
  pid: number;
  host: string;
  token: string;
  /** /proc/sys/kernel/random/boot_id: a record from before a reboot names no living process. */
  boot?: string;
  /** Field 22 of /proc/PID/stat (clock ticks after boot): with the pid, it names one process. */
  started?: string;
  /** The script's file name (famcoord.js), to tell whether a live pid still runs famcoord. */
  program?: string;
}

export interface LockOptions {
  /** How long to wait for another writer before giving up. */
  timeoutMs?: number;
}

/** How long a writer waits for another before giving up with "locked" (SQLite's busy timeout too). */
export const WRITER_WAIT_MS = 15_000;

const TICKET_MARK = '.break-';
/** link(2)'s errors on a file system without hard links (FAT, some network shares). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);
const TEMP_MARK = '.tmp-';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readProcFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

const BOOT_ID = readProcFile('/proc/sys/kernel/random/boot_id')?.trim();

/** Whether `pid` runs, and since when, where /proc says so; otherwise asks kill(pid, 0). */
function processState(pid: number): { alive: boolean; started?: string } {
  const stat = readProcFile(`/proc/${pid}/stat`);
  if (stat !== undefined) {
    // The command name (field 2) is in parentheses and may hold spaces and parentheses itself:
    // fields are counted from the last ')'; state is field 3, start time field 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { alive: fields[0] !== 'Z' && fields[0] !== 'X', started: fields[19] };
  }
  try {
    process.kill(pid, 0);
    return { alive: true };
  } catch (error) {
    return { alive: (error as NodeJS.ErrnoException).code === 'EPERM' };
  }
}

/** A record read from a file, or undefined when it does not hold a whole, plausible owner. */
function parseOwner(raw: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(raw) as Partial<LockOwner>;
    const optional = (value: unknown, pattern: RegExp) => value === undefined || (typeof value === 'string' && pattern.test(value));
    if (
      Number.isSafeInteger(owner.pid) &&
      (owner.pid as number) > 0 &&
      typeof owner.host === 'string' &&
      /^[\w.-]{1,253}$/.test(owner.host) &&
      typeof owner.token === 'string' &&
      /^[\w-]{1,64}$/.test(owner.token) &&
      optional(owner.boot, /^[\w-]{1,64}$/) &&
      optional(owner.started, /^\d{1,20}$/) &&
      optional(owner.program, /^[\w.-]{1,64}$/)
    )
      return owner as LockOwner;
  } catch {
    // not JSON: an older famcoord wrote its lock in two steps, or someone else wrote this file
  }
  return undefined;
}

/** The record at `path`: `undefined` when there is no file, `{}` when it has no readable owner. */
async function readRecord(path: string): Promise<{ owner?: LockOwner } | undefined> {
  try {
    return { owner: parseOwner(await fs.readFile(path, 'utf8')) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Whether the owner is provably gone, and if not, who it is, in words for a message. */
const NO_OWNER_ADVICE = 'if no famcoord is running, remove it and try again';

function judge(owner: LockOwner | undefined, path: string): { gone: true } | { gone: false; holder: string; advice?: string } {
  if (!owner) return { gone: false, holder: `a lock file with no owner record (${path}, perhaps left by an older famcoord)`, advice: NO_OWNER_ADVICE };
  if (owner.host !== hostname()) return { gone: false, holder: `famcoord on the host ${owner.host} (process ${owner.pid})` };
  if (owner.boot && BOOT_ID && owner.boot !== BOOT_ID) return { gone: true };
  const now = processState(owner.pid);
  if (!now.alive) return { gone: true };
  if (owner.started && now.started) return owner.started === now.started ? { gone: false, holder: `famcoord (process ${owner.pid})` } : { gone: true };
  // Alive, and no start times to compare (an older famcoord's record, or no /proc): the pid may
  // have been reused by another program. Never broken; named honestly when it is not famcoord.
  const commandLine = readProcFile(`/proc/${owner.pid}/cmdline`);
  const isOwner = commandLine === undefined || commandLine.includes(owner.program ?? 'famcoord');
  return { gone: false, holder: isOwner ? `famcoord (process ${owner.pid})` : `process ${owner.pid}, not famcoord?` };
}

/** Who holds the lock at `lockPath`, for `doctor`; undefined when there is none. */
export async function describeLock(lockPath: string): Promise<string | undefined> {
  const found = await readRecord(lockPath);
  if (!found) return undefined;
  if (!found.owner) return `it has no owner record (perhaps left by an older famcoord); ${NO_OWNER_ADVICE}`;
  const verdict = judge(found.owner, lockPath);
  return verdict.gone ? 'left by a famcoord that is no longer running; the next change removes it' : `held by ${verdict.holder}`;
}

/** One process's attempt to take the lock: its record, written once to a private file beside the lock. */
class Claimant {
  readonly owner: LockOwner;
  private readonly record: string;
  readonly recordPath: string;

  constructor(readonly lockPath: string) {
    const token = nodeCrypto().randomBytes(16).toString('hex');
    const program = basename(process.argv[1] ?? 'node').replace(/[^\w.-]/g, '_').slice(0, 64) || 'node';
    this.owner = { pid: process.pid, host: hostname(), token, boot: BOOT_ID, started: processState(process.pid).started, program };
    this.record = JSON.stringify(this.owner);
    this.recordPath = `${lockPath}${TEMP_MARK}${token}`;
  }

  /** Makes `target` a link to our record: true if it was free, false if it exists (EEXIST). */
  async link(target: string): Promise<boolean> {
    for (;;) {
      try {
        await fs.link(this.recordPath, target);
        return true;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') return false;
        if (code && NO_HARD_LINKS.has(code))
          throw new StoreError('io', `cannot lock the store: the file system of ${dirname(target)} has no hard links (${code}), which famcoord's lock needs; keep the store on another disk`);
        if (code !== 'ENOENT') throw error;
      }
      // Our record is not there yet, or a lock holder tidied it away: write it (again). Only whole
      // records are linked: this write has finished before the next link.
      await fs.rm(this.recordPath, { force: true });
      await fs.writeFile(this.recordPath, this.record, { flag: 'wx', mode: PRIVATE_FILE_MODE });
    }
  }

  /**
   * Removes the record with `victim`'s token at `path` (the lock, or a dead breaker's ticket), if
   * it is still there and its owner gone. Returns who is in the way when another live process holds
   * the ticket.
   */
  async breakRecord(path: string, victim: LockOwner): Promise<{ blockedBy?: string }> {
    const ticket = `${this.lockPath}${TICKET_MARK}${victim.token}`;
    if (!(await this.link(ticket))) {
      const found = await readRecord(ticket);
      if (!found) return {}; // its holder has just finished
      const verdict = judge(found.owner, ticket);
      if (!verdict.gone) return { blockedBy: `${verdict.holder}, which is clearing a stale lock` };
      await this.breakRecord(ticket, found.owner as LockOwner);
      return {};
    }
    try {
      const current = await readRecord(path);
      if (current?.owner?.token === victim.token && judge(current.owner, path).gone) await fs.rm(path, { force: true });
    } finally {
      await fs.rm(ticket, { force: true });
    }
    return {};
  }

  /**
   * Under the lock: removes the records and tickets other processes left beside it. Harmless to a
   * live one: a record whose link fails for want of it is written again, and a ticket's holder
   * finds the lock is ours, not the one it meant to break.
   */
  async tidy(): Promise<void> {
    const dir = dirname(this.lockPath);
    const prefix = basename(this.lockPath);
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    const ours = basename(this.recordPath);
    const leftovers = names.filter((n) => n !== ours && (n.startsWith(`${prefix}${TEMP_MARK}`) || n.startsWith(`${prefix}${TICKET_MARK}`)));
    await Promise.all(leftovers.map((n) => fs.rm(join(dir, n), { force: true })));
  }

  async release(): Promise<void> {
    const current = await readRecord(this.lockPath);
    if (current?.owner?.token === this.owner.token) await fs.rm(this.lockPath, { force: true });
  }
}

/** Waits for the lock and returns a function that releases it. */
export async function acquireLock(lockPath: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const { timeoutMs = WRITER_WAIT_MS } = options;
  const claimant = new Claimant(lockPath);
  const deadline = Date.now() + timeoutMs;
  let pause = 2;
  try {
    for (;;) {
      if (await claimant.link(lockPath)) {
        stopAfterLockForTest();
        await claimant.tidy();
        return () => claimant.release();
      }
      const found = await readRecord(lockPath);
      if (!found) continue; // released in between
      const verdict = judge(found.owner, lockPath);
      let holder: string;
      let advice = 'try again in a moment';
      if (verdict.gone) {
        const { blockedBy } = await claimant.breakRecord(lockPath, found.owner as LockOwner);
        if (!blockedBy) continue;
        holder = blockedBy;
      } else {
        holder = verdict.holder;
        advice = verdict.advice ?? advice;
      }
      if (Date.now() > deadline) throw new StoreError('locked', `the store is locked by ${holder}; ${advice}`);
      await sleep(pause + Math.random() * pause);
      pause = Math.min(pause * 2, 50);
    }
  } finally {
    await fs.rm(claimant.recordPath, { force: true });
  }
}
