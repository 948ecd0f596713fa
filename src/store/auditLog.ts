// The audit log: one JSON line per transaction ("step"), appended beside the store. It records
// when, who, from where, the operations as applied, the families they touched, and each touched
// family as it was before, which is what `undo` needs. It holds personal data like the store does:
// it is 0600, and erasing a family scrubs it here too. Beside an encrypted store each line is
// sealed on its own with the store's log key (see crypto.ts), so appending stays an append.
import { closeSync, fstatSync, readSync } from 'node:fs';
import type { FamilyLogStep } from '../domain/familyLog.js';
import type { FamilyChange } from '../domain/workspace.js';
import { isSealedLine, sealLine, unsealLine } from './crypto.js';
import { familyHash } from './undo.js';
import { appendPrivate } from './safeFile.js';
import { openRegularSync } from './pathGuard.js';

export type AuditEntry = FamilyLogStep;

/** The entry for a step that made these changes: who, when, and each family before and after. */
export function auditEntryFor(step: number, changes: readonly FamilyChange[], meta: { user: string; source: string }, detail: Pick<AuditEntry, 'ops'> & Partial<AuditEntry>): AuditEntry {
  return {
    step,
    time: new Date().toISOString(),
    user: meta.user,
    source: meta.source,
    familyIds: changes.map((c) => c.familyId),
    before: Object.fromEntries(changes.map((c) => [c.familyId, c.before])),
    afterHash: Object.fromEntries(changes.map((c) => [c.familyId, familyHash(c.after)])),
    ...detail,
  };
}

export function auditLogPathFor(storePath: string): string {
  return `${storePath}.audit.jsonl`;
}

/** A line's JSON text: itself, or unsealed with `key`; undefined when it cannot be read. */
function lineText(line: string, key: Buffer | undefined): string | undefined {
  if (!isSealedLine(line)) return line;
  return key && unsealLine(line, key);
}

const SLICE = 64 * 1024;

/**
 * The log's lines, newest first, read from the end a slice at a time: the last step and undo need
 * only the tail of a log that grows with every change (tens of megabytes after a year of use).
 * Only whole lines (preceded by a newline, or the file's start) are given.
 */
export function* logLinesNewestFirst(logPath: string): Generator<string> {
  let fd: number;
  try {
    fd = openRegularSync(logPath, "the store's audit log");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    let end = fstatSync(fd).size;
    let rest = Buffer.alloc(0); // the start of the file's tail not yet split: a line's end without its start
    let size = SLICE;
    while (end > 0) {
      const start = Math.max(0, end - size);
      const text = Buffer.concat([Buffer.alloc(end - start), rest]);
      readSync(fd, text, 0, end - start, start);
      end = start;
      let lineEnd = text.length;
      for (let newline = text.lastIndexOf(0x0a, lineEnd - 1); lineEnd > 0 && newline >= 0; newline = lineEnd > 0 ? text.lastIndexOf(0x0a, lineEnd - 1) : -1) {
        const line = text.toString('utf8', newline + 1, lineEnd);
        if (line.trim()) yield line;
        lineEnd = newline;
      }
      // A line longer than a slice (a large batch's entry) is read on in ever larger slices, so it
      // is copied a few times, not once per 64 KB.
      size = lineEnd === text.length ? size * 2 : SLICE;
      rest = text.subarray(0, lineEnd);
    }
    const first = rest.toString('utf8');
    if (first.trim()) yield first;
  } finally {
    closeSync(fd);
  }
}

/**
 * The entries, newest first. A line that does not parse (a write cut short) or, in an encrypted
 * log, does not authenticate is skipped: the store write it described completed or not, either
 * way the line carries nothing we can trust.
 */
export function* auditEntriesNewestFirst(logPath: string, key?: Buffer): Generator<AuditEntry> {
  for (const line of logLinesNewestFirst(logPath)) {
    let entry: AuditEntry | undefined;
    try {
      entry = JSON.parse(lineText(line, key) ?? '') as AuditEntry;
    } catch {
      continue;
    }
    yield entry;
  }
}

/** The step number of the last entry, 0 for an empty or missing log. `key`: an encrypted store's log key. */
export async function lastStep(logPath: string, key?: Buffer): Promise<number> {
  // The newest line that can be read counts: a sealed line cut short by a crash cannot be.
  for (const line of logLinesNewestFirst(logPath)) {
    const match = /^\{"step":(\d+)/.exec(lineText(line, key) ?? '');
    if (match) return Number(match[1]);
  }
  return 0;
}

export async function appendAuditEntry(logPath: string, entry: AuditEntry, key?: Buffer): Promise<void> {
  await appendAuditEntries(logPath, [entry], key);
}

/** Appends entries in one write (and one fsync): a migrated log can be long. */
export async function appendAuditEntries(logPath: string, entries: readonly AuditEntry[], key?: Buffer): Promise<void> {
  if (entries.length === 0) return;
  await appendPrivate(logPath, auditLines(entries, key).join(''), "the store's audit log");
}

/** The log's lines for these entries, each sealed with `key` when the store is encrypted. */
export function auditLines(entries: readonly AuditEntry[], key?: Buffer): string[] {
  return entries.map((entry) => {
    // `step` first so lastStep() finds it without parsing the whole line.
    const text = JSON.stringify(entry);
    return `${key ? sealLine(text, key) : text}\n`;
  });
}

/** All entries, oldest first (unreadable lines skipped, as by auditEntriesNewestFirst). */
export async function readAuditLog(logPath: string, key?: Buffer): Promise<AuditEntry[]> {
  return [...auditEntriesNewestFirst(logPath, key)].reverse();
}
