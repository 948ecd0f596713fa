// What `famcoord doctor` checks: can the store be read, and if not why; which backups are good;
// a lock or temp files left behind; modes that are too open; log lines that do not parse; the
// log's chain (auditChain.ts), for every backend. It repairs what an interrupted command left on a
// store that reads (an erase cut short, a log line cut off or never applied), as the next change
// would; `restoreNewestBackup` never deletes the damaged store but moves it aside.
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { describeChain, verifyChain, type StoredEntry } from './auditChain.js';
import { auditLogPathFor, setAsidePathFor, storedEntries } from './auditLog.js';
import { listBackups } from './backups.js';
import { Keyring } from './crypto.js';
import { readPendingErase } from './pendingErase.js';
import { StoreError } from './errors.js';
import { JsonFileStore } from './jsonStore.js';
import { describeLock } from './lock.js';
import { isSqlitePath, SqliteStore } from './sqliteStore.js';
import type { PgStore } from './pgStore.js';
import { irregularFileMessage, irregularStoreFiles, readRegularFile, sharedFolderMessage, sharedFolderMode } from './pathGuard.js';

export interface FileCheck {
  path: string;
  /** `encrypted`: an encrypted file that no (or the wrong) passphrase was given for. */
  status: 'ok' | 'missing' | 'corrupt' | 'invalid' | 'unreadable' | 'encrypted';
  /** Set when the file is encrypted. */
  encrypted?: true;
  /** Why it is not ok (names the place, never the data). */
  message?: string;
  families?: number;
}

export interface Diagnosis {
  store: FileCheck;
  backups: Array<FileCheck & { n: number; modified: string }>;
  /** What doctor finished or put right that an interrupted command had left. */
  repaired: string[];
  problems: string[];
  /** Worth knowing, not wrong (a log older than its chain). */
  notes: string[];
}

const statusOf: Partial<Record<StoreError['kind'], FileCheck['status']>> = { missing: 'missing', corrupt: 'corrupt', invalid: 'invalid', passphrase: 'encrypted' };

/** A SQLite store: readable as a store, and SQLite's own check of every page and index. */
async function checkDatabase(path: string): Promise<FileCheck> {
  const store = new SqliteStore(path);
  try {
    // Family by family: each is checked as a read checks it, and none is kept.
    let families = 0;
    for await (const _family of store.eachFamily()) families++;
    const damage = await store.integrityProblem();
    return damage ? { path, status: 'corrupt', message: damage } : { path, status: 'ok', families };
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    return { path, status: statusOf[error.kind] ?? 'unreadable', message: error.message };
  } finally {
    store.close();
  }
}

async function checkFile(path: string, keyring: Keyring): Promise<FileCheck> {
  if (isSqlitePath(path)) return checkDatabase(path);
  const file = new JsonFileStore(path, { keyring, verify: true });
  const encrypted = await file.encrypted().catch(() => false);
  const marked = { path, ...(encrypted && { encrypted: true as const }) };
  try {
    const state = await file.read();
    return { ...marked, status: 'ok', families: state.families.length };
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    return { ...marked, status: statusOf[error.kind] ?? 'unreadable', message: error.message };
  }
}

async function modeOf(path: string): Promise<number | undefined> {
  return (await fs.lstat(path).catch(() => undefined))?.mode;
}

/** `keyring` opens encrypted stores; without a passphrase they are reported as encrypted, unchecked. */
export async function diagnose(storePath: string, keyring: Keyring = new Keyring()): Promise<Diagnosis> {
  const store = await checkFile(storePath, keyring);
  // One at a time: the first encrypted file may ask for the passphrase.
  const backups = [];
  for (const b of await listBackups(storePath)) backups.push({ ...(await checkFile(b.path, keyring)), n: b.n, modified: b.modified.toISOString() });
  const problems: string[] = [];
  // Links, FIFOs and folders among the store's files: every write refuses them (see pathGuard.ts),
  // a restore too; the store's own message already says so when it is one.
  const irregular = await irregularStoreFiles(storePath);
  const storeIrregular = irregular.some((file) => file.path === storePath);
  if (store.status === 'encrypted') problems.push(store.message as string);
  else if (store.status !== 'ok') {
    const good = backups.find((b) => b.status === 'ok');
    problems.push(store.message ?? `the store is ${store.status}`);
    // A SQLite store keeps no backups to look for (the report's backups line says so).
    if (!storeIrregular && !isSqlitePath(storePath)) problems.push(good ? `backup ${good.n} (${good.modified}) is good: famcoord doctor --restore puts it back` : 'no good backup was found');
  }
  for (const file of irregular)
    if (file.path !== storePath) problems.push(`${irregularFileMessage(file.what, file.path, file.kind)} (changes to the store are refused until then)`);
  const sharedMode = await sharedFolderMode(storePath);
  if (sharedMode !== undefined) problems.push(`${sharedFolderMessage(storePath, sharedMode)} (changes are refused until then)`);
  const repaired: string[] = [];
  const notes: string[] = [];
  const logIrregular = irregular.some((file) => file.path === auditLogPathFor(storePath));
  if (store.status === 'ok' && !logIrregular) {
    const { settled, entries } = await settleAndReadLog(storePath, keyring).catch((error: unknown) => {
      if (!(error instanceof StoreError)) throw error;
      problems.push(`what an interrupted command left could not be put right: ${error.message}`);
      return { settled: [], entries: [] };
    });
    repaired.push(...settled);
    checkLog(entries, problems, notes);
  }
  // After the repairs, which may have cleared a dead writer's lock and temp files.
  // The backups too: each holds a whole earlier version of the store.
  for (const path of [storePath, auditLogPathFor(storePath), ...backups.map((b) => b.path)]) {
    if (irregular.some((file) => file.path === path)) continue;
    const mode = await modeOf(path);
    if (mode !== undefined && (mode & 0o077) !== 0) problems.push(`${path} can be read by others (mode ${(mode & 0o777).toString(8)}); the next change sets it to 600`);
  }
  const lock = `${storePath}.lock`;
  const lockHolder = await describeLock(lock).catch(() => 'it cannot be read');
  if (lockHolder) problems.push(`a lock file exists (${lock}): ${lockHolder}`);
  const base = storePath.split('/').pop() as string;
  const temps = (await fs.readdir(dirname(storePath)).catch(() => [] as string[])).filter((n) => n.startsWith(`${base}.tmp-`));
  if (temps.length) problems.push(`${temps.length} temp file(s) from an interrupted write; the next change removes them`);
  const pending = await readPendingErase(storePath).catch((error: unknown) => ({ damaged: (error as Error).message }));
  if (pending && 'damaged' in pending) problems.push(pending.damaged);
  else if (pending) problems.push(`the erase of family ${pending.familyId} is not finished (another program may be reading the store, or the store cannot be read); the next change or famcoord doctor finishes it`);
  const aside = setAsidePathFor(auditLogPathFor(storePath));
  const setAsideText = (await readRegularFile(aside, 'the lines set aside from the audit log').catch(() => undefined))?.toString('utf8');
  if (setAsideText !== undefined)
    problems.push(`${aside} holds ${setAsideText.split('\n').filter(Boolean).length} line(s) taken out of the audit log (cut off by a crash or a full disk, or logged for a step that never reached the store); look at them, then delete the file`);
  return { store, backups, repaired, problems, notes };
}

/** The audit log's entries: each readable, and the chain whole (see auditChain.ts). */
function checkLog(entries: readonly StoredEntry[], problems: string[], notes: string[]): void {
  const unreadable = entries.filter((e) => !isJson(e.text)).length;
  if (unreadable > 0) problems.push(`${unreadable} line(s) of the audit log cannot be read (damaged, or sealed with another key)`);
  const chain = describeChain('audit log', verifyChain(entries));
  if (chain.problem) problems.push(chain.problem);
  if (chain.note) notes.push(chain.note);
}

/**
 * A PostgreSQL store: every family read and checked one at a time, and the log's chain. It has
 * no files, lock or backups of famcoord's own (the server keeps its data whole and its backups),
 * and nothing is left half-done there: every step, an erase too, is one transaction.
 */
export async function diagnoseServerStore(store: PgStore): Promise<Diagnosis> {
  const problems: string[] = [];
  const notes: string[] = [];
  let check: FileCheck;
  try {
    let families = 0;
    for await (const _family of store.eachFamily()) families++;
    check = { path: store.path, status: 'ok', families };
    // A team member other than the lead reads only the steps of families they may read: the
    // chain has gaps for them, so it is the lead's or the owner's to check.
    const member = await store.member();
    if (member && member.role !== 'lead') notes.push(`the audit log's chain is checked by the team's lead or the store's owner; a ${member.role} reads only the steps of families they may read`);
    else checkLog(await store.storedEntries(), problems, notes);
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    check = { path: store.path, status: statusOf[error.kind] ?? 'unreadable', message: error.message };
    problems.push(error.message);
  }
  return { store: check, backups: [], repaired: [], problems, notes };
}

function isJson(text: string | undefined): boolean {
  try {
    JSON.parse(text ?? '');
    return true;
  } catch {
    return false;
  }
}

/**
 * Finishes what an interrupted command left, when it left something (as the next change would;
 * the lock is taken only then), and reads the log as stored, for its chain. An encrypted log is
 * read with the store's key.
 */
async function settleAndReadLog(storePath: string, keyring: Keyring): Promise<{ settled: string[]; entries: StoredEntry[] }> {
  if (isSqlitePath(storePath)) {
    const store = new SqliteStore(storePath);
    try {
      return { settled: (await store.unsettled()) ? await store.settle() : [], entries: await store.storedEntries() };
    } finally {
      store.close();
    }
  }
  const store = new JsonFileStore(storePath, { keyring });
  const settled = (await store.unsettled()) ? await store.settle() : [];
  return { settled, entries: storedEntries(auditLogPathFor(storePath), await store.logKey()) };
}

/**
 * Puts the newest good backup back as the store. The damaged store is moved aside (never deleted)
 * as STORE.damaged-<time>. Refuses when the store is fine or no backup is good.
 */
export async function restoreNewestBackup(storePath: string, meta: { user: string }, keyring: Keyring = new Keyring()): Promise<{ restored: number; setAside?: string }> {
  if (isSqlitePath(storePath)) throw new StoreError('io', `a SQLite store keeps no rotating backups to restore (see famcoord doctor); ${storePath} was not changed`);
  return new JsonFileStore(storePath, { keyring }).restoreFromBackup(async () => {
    const diagnosis = await diagnose(storePath, keyring);
    if (diagnosis.store.status === 'ok') throw new StoreError('exists', 'the store reads fine; there is nothing to restore');
    // Without the right passphrase the store cannot be judged, so it is never replaced.
    if (diagnosis.store.status === 'encrypted') throw new StoreError('passphrase', `${diagnosis.store.message as string}; nothing was restored`);
    const good = diagnosis.backups.find((b) => b.status === 'ok');
    if (!good) throw new StoreError('corrupt', 'no good backup was found; the store was not changed');
    return good;
  }, meta);
}
