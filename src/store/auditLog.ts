// The audit log: one JSON line per transaction ("step"), appended beside the store. It records
// when, who, from where, the operations as applied, the families they touched, and each touched
// family as it was before, which is what `undo` needs. It holds personal data like the store does:
// it is 0600, and erasing a family scrubs it here too. Beside an encrypted store each line is
// sealed on its own with the store's log key (see crypto.ts), so appending stays an append.
import { closeSync, fstatSync, readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { FamilyLogStep } from '../domain/familyLog.js';
import type { Family } from '../domain/schema.js';
import type { FamilyChange } from '../domain/workspace.js';
import { linkTo, replayedLastEntry, type EntryText, type StoredEntry } from './auditChain.js';
import { ownValue } from '../domain/own.js';
import { isSealedLine, sealLine, unsealLine } from './crypto.js';
import { familyHash } from './undo.js';
import { appendPrivate, PRIVATE_FILE_MODE } from './safeFile.js';
import { APPEND_NOFOLLOW, openRegular, openRegularSync, READ_NOFOLLOW, READ_WRITE_NOFOLLOW } from './pathGuard.js';

export type AuditEntry = FamilyLogStep;

/** The log's newest entry as stored (`text`: its JSON text; undefined when the log is empty). */
export interface LogTail<Text extends EntryText = string> {
  step: number;
  text?: Text;
  /** Whether it is the log's last line (else the lines after it cannot be read). */
  last?: boolean;
  /** The line before it, as stored (`text` undefined: it cannot be read); none when it is the first. */
  before?: StoredEntry<Text>;
}

/**
 * The entry for a step that made these changes: who, when, and each family before and after,
 * numbered after the log's newest entry and linked to it (see auditChain.ts). `hash` gives each
 * family's `afterHash` (PostgreSQL's server computes them: it passes a stand-in to cut out).
 */
export function auditEntryFor(
  tail: LogTail<EntryText>,
  changes: readonly FamilyChange[],
  meta: { user: string; source: string },
  detail: Pick<AuditEntry, 'ops'> & Partial<AuditEntry>,
  hash: (family: Family | null) => string | null = familyHash,
): AuditEntry {
  return {
    step: tail.step + 1,
    prev: linkTo(tail.text),
    time: new Date().toISOString(),
    user: meta.user,
    source: meta.source,
    familyIds: changes.map((c) => c.familyId),
    before: Object.fromEntries(changes.map((c) => [c.familyId, c.before])),
    afterHash: Object.fromEntries(changes.map((c) => [c.familyId, hash(c.after)])),
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
  for (const line of logLinesAndStarts(logPath)) yield line.text;
}

/** As logLinesNewestFirst, with the byte offset where each line starts (to name a damaged one). */
function* logLinesAndStarts(logPath: string): Generator<{ text: string; start: number }> {
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
        if (line.trim()) yield { text: line, start: start + newline + 1 };
        lineEnd = newline;
      }
      // A line longer than a slice (a large batch's entry) is read on in ever larger slices, so it
      // is copied a few times, not once per 64 KB.
      size = lineEnd === text.length ? size * 2 : SLICE;
      rest = text.subarray(0, lineEnd);
    }
    const first = rest.toString('utf8');
    if (first.trim()) yield { text: first, start: 0 };
  } finally {
    closeSync(fd);
  }
}

/** The 1-based number of the line starting at byte `offset`, as an editor shows it. */
function lineNumberAt(logPath: string, offset: number): number {
  const fd = openRegularSync(logPath, "the store's audit log");
  try {
    let newlines = 0;
    const slice = Buffer.alloc(SLICE);
    for (let position = 0; position < offset; ) {
      const read = readSync(fd, slice, 0, Math.min(SLICE, offset - position), position);
      if (read === 0) break;
      for (let i = slice.indexOf(0x0a, 0); i >= 0 && i < read; i = slice.indexOf(0x0a, i + 1)) newlines++;
      position += read;
    }
    return newlines + 1;
  } finally {
    closeSync(fd);
  }
}

/** A line of the log that cannot be read; `where` names it for a message (no content of it). */
export interface UnreadableLine {
  unreadable: true;
  where(): string;
}

/** What reading the log from its end meets: an entry, or a line that cannot be read. */
export type LogRecord = AuditEntry | UnreadableLine;

export function isUnreadable(record: LogRecord): record is UnreadableLine {
  return 'unreadable' in record;
}

/** A line's entry, or undefined when it does not parse as one (a write cut short, a damaged or forged sealed line). */
function parseLine(line: string, key: Buffer | undefined): AuditEntry | undefined {
  try {
    const entry = JSON.parse(lineText(line, key) ?? '') as unknown;
    return typeof entry === 'object' && entry !== null && typeof (entry as AuditEntry).step === 'number' ? (entry as AuditEntry) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The log from its end, each line an entry or unreadable. Undo and redo stop at an unreadable
 * line: the step it described may be the one they should act on, or may have changed what they
 * would put back.
 */
export function* auditRecordsNewestFirst(logPath: string, key?: Buffer): Generator<LogRecord> {
  for (const { text, start } of logLinesAndStarts(logPath))
    yield parseLine(text, key) ?? { unreadable: true, where: () => `line ${lineNumberAt(logPath, start)} of the audit log ${logPath}` };
}

/**
 * The entries, newest first. A line that does not parse (a write cut short) or, in an encrypted
 * log, does not authenticate is skipped: the store write it described completed or not, either
 * way the line carries nothing we can trust.
 */
export function* auditEntriesNewestFirst(logPath: string, key?: Buffer): Generator<AuditEntry> {
  for (const record of auditRecordsNewestFirst(logPath, key)) if (!isUnreadable(record)) yield record;
}

/**
 * The newest entry that can be read, and its step (0 for an empty or missing log): what the next
 * step is numbered after and linked to. `key`: an encrypted store's log key.
 */
export function logTail(logPath: string, key?: Buffer): LogTail {
  // A sealed line cut short by a crash cannot be read: the newest line that can be counts.
  let last = true;
  let tail: LogTail | undefined;
  for (const line of logLinesNewestFirst(logPath)) {
    const text = lineText(line, key);
    // The line before the tail too (one more line, usually in the slice already read): a change
    // checks the chain's last link before it appends (replayedLastEntry).
    if (tail) return { ...tail, before: { text } };
    // `step` comes first, so it is found without parsing the whole line.
    const match = /^\{"step":(\d+)/.exec(text ?? '');
    if (match) tail = { step: Number(match[1]), text, last };
    last = false;
  }
  return tail ?? { step: 0 };
}

/** Where the log's last line breaks the chain as a replayed or moved step (see replayedLastEntry); undefined when it does not. */
export function replayedTail(tail: LogTail<EntryText>): string | undefined {
  return tail.last && tail.text !== undefined ? replayedLastEntry(tail.before, { text: tail.text }) : undefined;
}

/** Appends an entry, whole or not at all; see appendPrivate for `takeBack`. */
export async function appendAuditEntry(logPath: string, entry: AuditEntry, key?: Buffer): Promise<{ takeBack(): Promise<void> }> {
  return appendPrivate(logPath, auditLines([entry], key).join(''), "the store's audit log");
}

/** Appends entries in one write (and one fsync): a migrated log can be long. */
export async function appendAuditEntries(logPath: string, entries: readonly AuditEntry[], key?: Buffer): Promise<void> {
  if (entries.length === 0) return;
  await appendPrivate(logPath, auditLines(entries, key).join(''), "the store's audit log");
}

/** The log's lines for these entries, each sealed with `key` when the store is encrypted. */
export function auditLines(entries: readonly AuditEntry[], key?: Buffer): string[] {
  return sealedLines(entries.map((entry) => JSON.stringify(entry)), key);
}

/** Log lines for entries' JSON texts. */
export function sealedLines(texts: readonly string[], key?: Buffer): string[] {
  return texts.map((text) => `${key ? sealLine(text, key) : text}\n`);
}

/** The log's entries as stored, oldest first, for checking the chain (`text` undefined: unreadable). */
export function storedEntries(logPath: string, key?: Buffer): StoredEntry[] {
  return [...logLinesNewestFirst(logPath)].reverse().map((line) => ({ text: lineText(line, key) }));
}

/** Where lines taken out of the log are kept for a person to look at (0600): see setAsideLastLine. */
export function setAsidePathFor(logPath: string): string {
  return `${logPath}.set-aside`;
}

/** The log opened with `flags` (never through a link), or undefined when there is none yet. */
async function openLog(logPath: string, flags: number): Promise<FileHandle | undefined> {
  return openRegular(logPath, "the store's audit log", flags).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}

/** Whether an open log of `size` bytes ends without a newline: its last line is cut short. */
async function cutShort(handle: FileHandle, size: number): Promise<boolean> {
  const last = Buffer.alloc(1);
  return size > 0 && (await handle.read(last, 0, 1, size - 1)).bytesRead === 1 && last[0] !== 0x0a;
}

/** Whether the log's last line is cut short (no newline at its end). */
export async function endsCutShort(logPath: string): Promise<boolean> {
  const handle = await openLog(logPath, READ_NOFOLLOW);
  if (!handle) return false;
  try {
    return await cutShort(handle, (await handle.stat()).size);
  } finally {
    await handle.close();
  }
}

/**
 * Takes the log's last line out and keeps it in the set-aside file: `torn` when the line is cut
 * short (no newline: a crash or a full disk in the middle of an append; the next append would be
 * glued to it), or any last line when `whole` (a step that was logged but never reached the
 * store). Call under the store's lock. Returns what was set aside, undefined when nothing was.
 */
export async function setAsideLastLine(logPath: string, which: 'torn' | 'whole'): Promise<string | undefined> {
  const handle = await openLog(logPath, READ_WRITE_NOFOLLOW);
  if (!handle) return undefined;
  try {
    const size = (await handle.stat()).size;
    const end = which === 'whole' ? size - 1 : size; // a whole line ends with its newline
    if (size === 0 || (which === 'torn' && !(await cutShort(handle, size)))) return undefined;
    const start = await lineStart(handle, end);
    const line = Buffer.alloc(size - start);
    await handle.read(line, 0, line.length, start);
    await keepAside(logPath, line.at(-1) === 0x0a ? line : Buffer.concat([line, Buffer.from('\n')]));
    await handle.truncate(start);
    await handle.sync();
    return line.toString('utf8').trimEnd();
  } finally {
    await handle.close();
  }
}

/** Appends lines taken out of the log to its set-aside file (0600), durably, before they leave the log. */
export async function keepAside(logPath: string, lines: Buffer): Promise<void> {
  const side = await openRegular(setAsidePathFor(logPath), 'the lines set aside from the audit log', APPEND_NOFOLLOW, PRIVATE_FILE_MODE);
  try {
    await side.chmod(PRIVATE_FILE_MODE);
    await side.write(lines);
    await side.sync();
  } finally {
    await side.close();
  }
}

/** Where the line holding the byte before `end` starts: after the newline before it, or at 0. */
async function lineStart(handle: FileHandle, end: number): Promise<number> {
  let position = end;
  while (position > 0) {
    const from = Math.max(0, position - SLICE);
    const slice = Buffer.alloc(position - from);
    await handle.read(slice, 0, slice.length, from);
    const newline = slice.lastIndexOf(0x0a);
    if (newline >= 0) return from + newline + 1;
    position = from;
  }
  return 0;
}

/** All entries, oldest first (unreadable lines skipped, as by auditEntriesNewestFirst). */
export async function readAuditLog(logPath: string, key?: Buffer): Promise<AuditEntry[]> {
  return [...auditEntriesNewestFirst(logPath, key)].reverse();
}

/**
 * Whether a logged step's changes are in the store, from its entry's JSON text. A step is logged
 * before the store is renamed in (see JsonFileStore's commit), so a crash in between leaves a step
 * the store never saw: its families are still as they were before it. One family the step changed
 * tells, as all of them changed together or none did. Called before every JSON step, so the entry
 * (megabytes after a large batch) is parsed only when that family is not as the step left it.
 */
export function stepInStore(text: string, family: (familyId: string) => Family | undefined): boolean {
  let changed: { familyId: string; after: string | null; now: string | null } | undefined;
  let entry: AuditEntry;
  try {
    // `afterHash` holds ids and hashes only, and no family or operation has a key of that name.
    const start = text.lastIndexOf('"afterHash":{');
    const afterHash = start < 0 ? {} : (JSON.parse(text.slice(start + '"afterHash":'.length, text.indexOf('}', start) + 1)) as Record<string, string | null>);
    const [familyId] = Object.keys(afterHash);
    if (familyId === undefined) return true;
    changed = { familyId, after: ownValue(afterHash, familyId) ?? null, now: familyHash(family(familyId)) };
    if (changed.now === changed.after) return true;
    // Not as the step left it: as before it (the step never reached the store), or changed outside the log since.
    entry = JSON.parse(text) as AuditEntry;
  } catch {
    return true; // not judged here: doctor reports a line that does not parse
  }
  if (!Object.hasOwn(entry.before, changed.familyId)) return true;
  const before = familyHash(ownValue(entry.before, changed.familyId));
  return before === changed.after || changed.now !== before;
}
