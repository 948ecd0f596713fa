// The JSON store's lock: never taken from a live owner, however old the lock; broken only when its
// owner is provably gone from this host; breaking and releasing never remove someone else's lock.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { acquireLock, describeLock } from '../../src/store/lock.js';

const HOST = hostname();
const DEAD_PID = 4_194_305; // above Linux's pid limit (2^22): no process has it
const hasProc = existsSync('/proc/self/stat');
const token = (n: number) => n.toString(16).padStart(32, '0');
const record = (fields: Record<string, unknown>) => JSON.stringify({ host: HOST, token: token(1), ...fields });
const startTimeOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
};
const anHourAgo = () => new Date(Date.now() - 60 * 60_000);

const dirs: string[] = [];
const children: ChildProcess[] = [];
function lockIn(): { dir: string; lock: string } {
  const dir = mkdtempSync(join(tmpdir(), 'famcoord-lock-'));
  dirs.push(dir);
  return { dir, lock: join(dir, 'store.json.lock') };
}
/** A live process that is not famcoord. */
async function aSleeper(): Promise<number> {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  children.push(child);
  await new Promise((resolve) => child.on('spawn', resolve));
  return child.pid as number;
}
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the lock', () => {
  it('is never taken from a live owner, however old the lock file', async () => {
    const { lock } = lockIn();
    const release = await acquireLock(lock);
    utimesSync(lock, anHourAgo(), anHourAgo());
    await expect(acquireLock(lock, { timeoutMs: 300 })).rejects.toThrow(`the store is locked by famcoord (process ${process.pid}); try again in a moment`);
    await release();
    expect(existsSync(lock)).toBe(false);
  });

  it('is not broken when it has no owner record (an older famcoord), however old: it says so', async () => {
    // The reproduction: an empty lock file from three seconds (here: an hour) ago.
    const { lock } = lockIn();
    writeFileSync(lock, '');
    utimesSync(lock, anHourAgo(), anHourAgo());
    await expect(acquireLock(lock, { timeoutMs: 300 })).rejects.toThrow(/locked by a lock file with no owner record .*; if no famcoord is running, remove it and try again$/);
    expect(readFileSync(lock, 'utf8')).toBe('');
  });

  it('appears whole: a second process never reads a lock without its owner', async () => {
    const { lock } = lockIn();
    const release = await acquireLock(lock);
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid, host: HOST, token: expect.stringMatching(/^[0-9a-f]{32}$/) });
    await release();
  });

  it('is broken when its owner died, and leaves nothing behind', async () => {
    const { dir, lock } = lockIn();
    writeFileSync(lock, record({ pid: DEAD_PID }));
    const release = await acquireLock(lock, { timeoutMs: 1_000 });
    await release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is not broken when held from another host (a shared folder): it names the holder', async () => {
    const { lock } = lockIn();
    writeFileSync(lock, record({ pid: DEAD_PID, host: 'elsewhere.example' }));
    await expect(acquireLock(lock, { timeoutMs: 300 })).rejects.toThrow(`locked by famcoord on the host elsewhere.example (process ${DEAD_PID})`);
    expect(await describeLock(lock)).toBe(`held by famcoord on the host elsewhere.example (process ${DEAD_PID})`);
  });

  it.runIf(hasProc)('is broken when its pid now runs another process (another start time)', async () => {
    const { lock } = lockIn();
    const pid = await aSleeper();
    writeFileSync(lock, record({ pid, started: String(Number(startTimeOf(pid)) - 1), program: 'famcoord.js' }));
    const release = await acquireLock(lock, { timeoutMs: 1_000 });
    await release();
  });

  it.runIf(hasProc)('is broken when it is from before the machine rebooted', async () => {
    const { lock } = lockIn();
    writeFileSync(lock, record({ pid: process.pid, boot: 'an-earlier-boot', started: startTimeOf(process.pid) }));
    const release = await acquireLock(lock, { timeoutMs: 1_000 });
    await release();
  });

  it.runIf(hasProc)('names a live pid honestly when it cannot tell it is not the owner: "process N, not famcoord?"', async () => {
    // An older famcoord's record (no start time) whose pid now runs `sleep`.
    const { lock } = lockIn();
    const pid = await aSleeper();
    writeFileSync(lock, JSON.stringify({ pid, host: HOST, token: token(7).slice(0, 16) }));
    await expect(acquireLock(lock, { timeoutMs: 300 })).rejects.toThrow(`the store is locked by process ${pid}, not famcoord?; try again in a moment`);
    expect(await describeLock(lock)).toBe(`held by process ${pid}, not famcoord?`);
  });

  it('release removes only our own lock', async () => {
    const { lock } = lockIn();
    const release = await acquireLock(lock);
    const someoneElses = record({ pid: DEAD_PID, token: token(2) });
    writeFileSync(lock, someoneElses);
    await release();
    expect(readFileSync(lock, 'utf8')).toBe(someoneElses);
  });

  it.runIf(hasProc)('waits while a live process is breaking a stale lock', async () => {
    const { lock } = lockIn();
    writeFileSync(lock, record({ pid: DEAD_PID, token: token(3) }));
    const pid = await aSleeper();
    writeFileSync(`${lock}.break-${token(3)}`, record({ pid, token: token(4), started: startTimeOf(pid), program: 'sleep' }));
    await expect(acquireLock(lock, { timeoutMs: 300 })).rejects.toThrow(`locked by famcoord (process ${pid}), which is clearing a stale lock`);
    expect(existsSync(lock)).toBe(true);
  });

  it('clears a stale lock whose breaker died too, and the leftovers of killed processes', async () => {
    const { dir, lock } = lockIn();
    writeFileSync(lock, record({ pid: DEAD_PID, token: token(5) }));
    writeFileSync(`${lock}.break-${token(5)}`, record({ pid: DEAD_PID, token: token(6) }));
    writeFileSync(`${lock}.tmp-${token(8)}`, ''); // a record a killed process had begun to write
    const release = await acquireLock(lock, { timeoutMs: 1_000 });
    expect(readdirSync(dir)).toEqual(['store.json.lock']);
    await release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('lets one holder at a time through when many race to break a dead lock', async () => {
    const { dir, lock } = lockIn();
    for (let round = 0; round < 20; round++) {
      writeFileSync(lock, record({ pid: DEAD_PID, token: token(100 + round) }));
      let inside = 0;
      let most = 0;
      await Promise.all(
        Array.from({ length: 12 }, async () => {
          const release = await acquireLock(lock, { timeoutMs: 30_000 });
          most = Math.max(most, ++inside);
          await new Promise((resolve) => setImmediate(resolve));
          inside--;
          await release();
        }),
      );
      expect(most).toBe(1);
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});
