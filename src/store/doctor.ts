// What `famcoord doctor` checks: can the store be read, and if not why; which backups are good;
// a lock or temp files left behind; modes that are too open; log lines that do not parse. Reading
// only, except `restoreNewestBackup`, which never deletes the damaged store but moves it aside.
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { readAuditLog, auditLogPathFor } from './auditLog.js';
import { listBackups } from './backups.js';
import { StoreError } from './errors.js';
import { JsonFileStore } from './jsonStore.js';
import { openStore } from './openStore.js';
import { isSqlitePath, SqliteStore } from './sqliteStore.js';

export interface FileCheck {
  path: string;
  status: 'ok' | 'missing' | 'corrupt' | 'invalid' | 'unreadable';
  /** Why it is not ok (names the place, never the data). */
  message?: string;
  families?: number;
}

export interface Diagnosis {
  store: FileCheck;
  backups: Array<FileCheck & { n: number; modified: string }>;
  problems: string[];
}

async function checkFile(path: string): Promise<FileCheck> {
  const store = openStore(path);
  try {
    const state = await store.read();
    const damage = store instanceof SqliteStore ? await store.integrityProblem() : undefined;
    if (damage) return { path, status: 'corrupt', message: damage };
    return { path, status: 'ok', families: state.families.length };
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    const status = error.kind === 'missing' ? 'missing' : error.kind === 'corrupt' ? 'corrupt' : error.kind === 'invalid' ? 'invalid' : 'unreadable';
    return { path, status, message: error.message };
  } finally {
    if (store instanceof SqliteStore) store.close();
  }
}

async function modeOf(path: string): Promise<number | undefined> {
  return (await fs.stat(path).catch(() => undefined))?.mode;
}

export async function diagnose(storePath: string): Promise<Diagnosis> {
  const store = await checkFile(storePath);
  const backups = await Promise.all(
    (await listBackups(storePath)).map(async (b) => ({ ...(await checkFile(b.path)), n: b.n, modified: b.modified.toISOString() })),
  );
  const problems: string[] = [];
  if (store.status !== 'ok') {
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
  const logText = await fs.readFile(auditLogPathFor(storePath), 'utf8').catch(() => '');
  const logLines = logText.split('\n').filter((l) => l.trim()).length;
  const parsed = (await readAuditLog(auditLogPathFor(storePath))).length;
  if (parsed < logLines) problems.push(`${logLines - parsed} line(s) of the audit log cannot be read (a write cut short)`);
  return { store, backups, problems };
}

/**
 * Puts the newest good backup back as the store. The damaged store is moved aside (never deleted)
 * as STORE.damaged-<time>. Refuses when the store is fine or no backup is good.
 */
export async function restoreNewestBackup(storePath: string, meta: { user: string }): Promise<{ restored: number; setAside?: string }> {
  if (isSqlitePath(storePath)) throw new StoreError('io', `a SQLite store keeps no rotating backups to restore (see famcoord doctor); ${storePath} was not changed`);
  return new JsonFileStore(storePath).restoreFromBackup(async () => {
    const diagnosis = await diagnose(storePath);
    if (diagnosis.store.status === 'ok') throw new StoreError('exists', 'the store reads fine; there is nothing to restore');
    const good = diagnosis.backups.find((b) => b.status === 'ok');
    if (!good) throw new StoreError('corrupt', 'no good backup was found; the store was not changed');
    return good;
  }, meta);
}
