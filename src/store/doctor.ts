// What `famcoord doctor` checks: can the store be read, and if not why; which backups are good;
// a lock or temp files left behind; modes that are too open; log lines that do not parse. Reading
// only, except `restoreNewestBackup`, which never deletes the damaged store but moves it aside.
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { readAuditLog, auditLogPathFor } from './auditLog.js';
import { listBackups } from './backups.js';
import { Keyring } from './crypto.js';
import { StoreError } from './errors.js';
import { JsonFileStore } from './jsonStore.js';
import { isSqlitePath, SqliteStore } from './sqliteStore.js';

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
  problems: string[];
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
  return (await fs.stat(path).catch(() => undefined))?.mode;
}

/** `keyring` opens encrypted stores; without a passphrase they are reported as encrypted, unchecked. */
export async function diagnose(storePath: string, keyring: Keyring = new Keyring()): Promise<Diagnosis> {
  const store = await checkFile(storePath, keyring);
  // One at a time: the first encrypted file may ask for the passphrase.
  const backups = [];
  for (const b of await listBackups(storePath)) backups.push({ ...(await checkFile(b.path, keyring)), n: b.n, modified: b.modified.toISOString() });
  const problems: string[] = [];
  if (store.status === 'encrypted') problems.push(store.message as string);
  else if (store.status !== 'ok') {
    const good = backups.find((b) => b.status === 'ok');
    problems.push(store.message ?? `the store is ${store.status}`);
    problems.push(good ? `backup ${good.n} (${good.modified}) is good: famcoord doctor --restore puts it back` : 'no good backup was found');
  }
  for (const [path, want] of [[storePath, 0o600], [auditLogPathFor(storePath), 0o600]] as const) {
    const mode = await modeOf(path);
    if (mode !== undefined && (mode & 0o077) !== 0) problems.push(`${path} can be read by others (mode ${(mode & 0o777).toString(8)}); the next change sets it to ${want.toString(8)}`);
  }
  const lock = `${storePath}.lock`;
  if (await modeOf(lock)) problems.push(`a lock file exists (${lock}); if no famcoord is running, the next change removes it`);
  const base = storePath.split('/').pop() as string;
  const temps = (await fs.readdir(dirname(storePath)).catch(() => [] as string[])).filter((n) => n.startsWith(`${base}.tmp-`));
  if (temps.length) problems.push(`${temps.length} temp file(s) from an interrupted write; the next change removes them`);
  // An encrypted log can be checked only with the store's key.
  const logKey = store.status === 'encrypted' ? undefined : await new JsonFileStore(storePath, { keyring }).logKey().catch(() => undefined);
  if (store.status !== 'encrypted' && (!store.encrypted || logKey)) {
    const logText = await fs.readFile(auditLogPathFor(storePath), 'utf8').catch(() => '');
    const logLines = logText.split('\n').filter((l) => l.trim()).length;
    const parsed = (await readAuditLog(auditLogPathFor(storePath), logKey)).length;
    if (parsed < logLines) problems.push(`${logLines - parsed} line(s) of the audit log cannot be read (a write cut short, or damaged)`);
  }
  return { store, backups, problems };
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
