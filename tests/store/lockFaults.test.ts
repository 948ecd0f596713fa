// A writer stopped (SIGSTOP: a busy machine, a suspended laptop) while it holds the store's lock,
// for longer than any threshold famcoord has, and then continued: the other writers wait (or give
// up with "locked" having changed nothing, and try again) and never take the lock from it; every
// update of 8 × 100 and the stopped writer's own are kept, none twice, in one unbroken audit log.
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WRITER_WAIT_MS } from '../../src/store/lock.js';
import { openStore } from '../../src/store/openStore.js';
import { family, goal, state } from '../helpers/fixtures.js';
import { bundleWriter, spawnWriter as startWriter, writerNotes } from '../helpers/writer.js';

const PROCESSES = 8;
const UPDATES = 100;
const STOPPED_UPDATES = 5;
// Longer than a writer waits for the lock (and SQLite's busy timeout), and than the 2 s after
// which an older famcoord took an ownerless lock for abandoned; its 10 minutes for a live owner
// is passed by making the lock file an hour old while its owner is stopped.
const STOPPED_MS = WRITER_WAIT_MS + 2_000;
const DEADLINE_MS = 60_000;

let writer: { path: string; cleanup: () => void };
let dir: string;
beforeAll(async () => {
  writer = await bundleWriter();
  dir = mkdtempSync(join(tmpdir(), 'famcoord-lockfaults-'));
});
const started: ReturnType<typeof startWriter>[] = [];
/** A writer, ended when the tests end even if a test failed with it stopped. */
function spawnWriter(...args: Parameters<typeof startWriter>) {
  const one = startWriter(...args);
  started.push(one);
  return one;
}
afterAll(() => {
  for (const { child } of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  writer?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value, or fails after a generous deadline. */
async function waitFor<T>(what: string, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const isStopped = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('T');
  } catch {
    return false;
  }
};

function lockOwner(lock: string): { pid: number; token: string } | undefined {
  try {
    return JSON.parse(readFileSync(lock, 'utf8')) as { pid: number; token: string };
  } catch {
    return undefined;
  }
}

/** Makes the lock file look an hour old, as a lock held past any age limit. */
function ageLock(lock: string): void {
  const anHourAgo = new Date(Date.now() - 60 * 60_000);
  if (existsSync(lock)) utimesSync(lock, anHourAgo, anHourAgo);
}

async function newStore(file: string) {
  const store = openStore(join(mkdtempSync(join(dir, 'case-')), file));
  await store.create(state(family('f1', { goals: [goal('g1', '2026-12-01')] })));
  return store;
}

/** Every writer's notes (the stopped one's too) are kept once each, and the log has every step once. */
async function expectEverythingOnce(store: ReturnType<typeof openStore>, stoppedName: string) {
  const notes = ((await store.read()).families[0]?.goals[0]?.progress ?? []).map((p) => p.note);
  const expected = [...writerNotes(PROCESSES, UPDATES), ...Array.from({ length: STOPPED_UPDATES }, (_, i) => `w${stoppedName}-${i}`)];
  expect(notes.length).toBe(expected.length);
  expect(new Set(notes)).toEqual(new Set(expected));
  expect((await store.history()).map((e) => e.step)).toEqual(Array.from({ length: expected.length }, (_, i) => i + 1));
}

const BACKENDS = [
  { name: 'JSON file', file: 'store.json' },
  { name: 'SQLite', file: 'store.sqlite' },
];

describe.runIf(existsSync('/proc/self/stat')).concurrent('a writer stopped while it holds the lock', () => {
  it.each(BACKENDS)('$name: stopped by a test hook right after taking the lock (the JSON lock before it tidies up, SQLite inside its write transaction), then continued: nothing lost or doubled', async ({ file }) => {
    const store = await newStore(file);
    // The test-only hook makes this writer stop itself at once after taking the lock (the JSON
    // lock's name, or SQLite's write transaction); the others start while it is stopped.
    const stopped = spawnWriter(writer.path, store.path, 'stopped', STOPPED_UPDATES, 'g1', { ...process.env, FAMCOORD_TEST_STOP_AFTER_LOCK: '1' });
    const pid = stopped.child.pid as number;
    await waitFor('the writer to stop holding the lock', () => (isStopped(pid) ? true : undefined));
    const others = Array.from({ length: PROCESSES }, (_, w) => spawnWriter(writer.path, store.path, String(w), UPDATES, 'g1'));
    ageLock(`${store.path}.lock`);
    await sleep(STOPPED_MS);
    stopped.child.kill('SIGCONT');
    expect(await Promise.all([stopped.exited, ...others.map((o) => o.exited)])).toEqual(Array(PROCESSES + 1).fill(0));
    await expectEverythingOnce(store, 'stopped');
  }, 600_000);

  it('JSON file: stopped from outside at a moment it holds the lock, then continued: nothing lost or doubled', async () => {
    const store = await newStore('store.json');
    const lock = `${store.path}.lock`;
    const writers = [
      spawnWriter(writer.path, store.path, 'stopped', STOPPED_UPDATES, 'g1'),
      ...Array.from({ length: PROCESSES }, (_, w) => spawnWriter(writer.path, store.path, String(w), UPDATES, 'g1')),
    ];
    const byPid = new Map(writers.map((w) => [w.child.pid as number, w]));
    // Stop the lock's holder; if it let go before the signal landed, continue it and try again.
    const holder = await waitFor('a writer stopped while holding the lock', () => {
      const owner = lockOwner(lock);
      const found = owner && byPid.get(owner.pid);
      if (!owner || !found) return undefined;
      found.child.kill('SIGSTOP');
      // The signal lands at once; /proc shows it within microseconds (unless the writer has exited).
      for (let tries = 0; tries < 10_000 && !isStopped(owner.pid); tries++);
      if (lockOwner(lock)?.token === owner.token) return found;
      found.child.kill('SIGCONT');
      return undefined;
    });
    ageLock(lock);
    await sleep(STOPPED_MS);
    expect(lockOwner(lock)?.pid).toBe(holder.child.pid);
    holder.child.kill('SIGCONT');
    expect(await Promise.all(writers.map((w) => w.exited))).toEqual(Array(PROCESSES + 1).fill(0));
    await expectEverythingOnce(store, 'stopped');
  }, 600_000);
});
