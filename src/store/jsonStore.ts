// The JSON file backend: the whole state in one human-readable file. lowdb's Low holds the data;
// our own adapter reads with validation and writes through writeFileAtomic (lowdb's stock
// JSONFile has no fsync and one shared temp name, which lost updates between processes).
import { promises as fs, watchFile, unwatchFile } from 'node:fs';
import { dirname } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import type { Operation } from '../domain/operations.js';
import type { Family, State } from '../domain/schema.js';
import { ValidationError } from '../domain/errors.js';
import { StateWorkspace, type Workspace } from '../domain/workspace.js';
import { appendAuditEntries, appendAuditEntry, auditEntriesNewestFirst, auditEntryFor, auditLines, auditLogPathFor, lastStep, readAuditLog, type AuditEntry } from './auditLog.js';
import { isSealed, Keyring, MAX_HEADER_BYTES, readHeader, SealError, sealStore, unsealStore, type Header, type StoreKeys } from './crypto.js';
import { describeIoError, StoreError, storeFormatError } from './errors.js';
import { FamilyLines, LinesWorkspace } from './familyLines.js';
import { isKnownGood, markHash, markKnownGood, markOf } from './knownGood.js';
import { loadTransactions, loadValidation } from './lazyRules.js';
import { acquireLock } from './lock.js';
import { ensurePrivateDir, pathExists, removeStaleTempFiles, writeFileAtomic } from './safeFile.js';
import type { FamilyScope, FamilyStore, StoreContent, Preview, TransactMeta, TransactResult, UndoResult } from './Store.js';
import { planUndo } from './undo.js';
import { backupCount, removeBackups, rotateBackups } from './backups.js';
import { scrubFamily } from '../domain/familyLog.js';
import type { FamilyChange } from '../domain/workspace.js';
import { inScope, isWholeStore, type ReadScope } from '../domain/scope.js';

/** Line and column of a character offset, for messages about a file people can open. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** Where JSON.parse failed, without repeating any of the text (V8 quotes a snippet in some messages). */
export function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : '';
  const position = /at position (\d+)/.exec(message);
  if (position) return `at ${lineAndColumn(text, Number(position[1]))}`;
  if (/end of JSON input/i.test(message)) return 'at the end (the file looks cut short)';
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return `at line ${lineCol[1]}, column ${lineCol[2]}`;
  return 'somewhere in the file';
}

/**
 * Serialises a state with one family per line: still readable with grep and jq, a third the size
 * of indented JSON, and written in slices so a huge store is never one giant string.
 */
export function* serializeState(state: State): Generator<string> {
  const { families, ...rest } = state;
  yield `${JSON.stringify(rest).slice(0, -1)},"families":[`;
  let first = true;
  for (const family of families) {
    yield `${first ? '' : ','}\n${JSON.stringify(family)}`;
    first = false;
  }
  yield '\n]}\n';
}

/** Whether `serializeState(state)` gives exactly `bytes`. */
function serializesTo(state: State, bytes: Buffer): boolean {
  let offset = 0;
  for (const chunk of serializeState(state)) {
    const encoded = Buffer.from(chunk, 'utf8');
    if (offset + encoded.length > bytes.length || !encoded.equals(bytes.subarray(offset, offset + encoded.length))) return false;
    offset += encoded.length;
  }
  return offset === bytes.length;
}

/**
 * The largest store parsed as one string. V8 cannot make a string of more than about 2^29
 * characters, so a larger store (a 100,000-family demo with indicator histories) is read in the
 * layout `serializeState` writes, one family per line.
 */
export const ONE_STRING_LIMIT = 2 ** 28;

const notJson = (path: string, where: string) => new StoreError('corrupt', `the store ${path} is not valid JSON ${where}; it was not changed`);

/** Parses a store file's bytes: as one JSON text, or when it is larger than `limit`, a family a line. */
export function parseStoreBytes(bytes: Buffer, path: string, limit = ONE_STRING_LIMIT): unknown {
  if (bytes.length > limit) return parseFamilyLines(bytes, path);
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw notJson(path, describeJsonError(error, text));
  }
}

function parseFamilyLines(bytes: Buffer, path: string): unknown {
  let head: Record<string, unknown> | undefined;
  let closed = false;
  const families: unknown[] = [];
  for (let start = 0, line = 1; start < bytes.length; line++) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline;
    const text = bytes.toString('utf8', start, end);
    start = end + 1;
    try {
      if (line === 1) head = JSON.parse(`${text}]}`) as Record<string, unknown>;
      else if (closed) {
        if (text.trim() !== '') throw new SyntaxError('text after the end');
      } else if (text === ']}') closed = true;
      else families.push(JSON.parse(text.endsWith(',') ? text.slice(0, -1) : text));
    } catch {
      throw notJson(path, `at line ${line} (a store this large is read one family per line, as famcoord writes it)`);
    }
  }
  if (!head || !closed) throw notJson(path, 'at the end (the file looks cut short)');
  return { ...head, families };
}

/** How a store file is protected: its header and keys when encrypted, undefined when plaintext. */
type Sealing = { header: Header; keys: StoreKeys } | undefined;

/** A store file as read: its bytes (decrypted), its known-good mark and whether the mark vouches for them. */
interface StoreFile {
  plain: Buffer;
  mark: string | undefined;
  knownGood: boolean;
  sealing: Sealing;
}

/** The one-line message for a sealed file that cannot be opened; never the passphrase, never data. */
function sealError(error: unknown, path: string): unknown {
  if (!(error instanceof SealError)) return error;
  switch (error.reason) {
    case 'passphrase':
      return new StoreError('passphrase', `the passphrase does not open the encrypted store ${path} (or its header is damaged); it was not changed`);
    case 'no-passphrase':
      return new StoreError('passphrase', `the store ${path} is encrypted and no passphrase was given; set FAMCOORD_PASSPHRASE or run famcoord on a terminal`);
    case 'header':
      return new StoreError('corrupt', `the encrypted store ${path} has a damaged header; it was not changed`);
    case 'damaged':
      return new StoreError('corrupt', `the encrypted store ${path} is damaged (it fails its integrity check); it was not changed`);
  }
}

/** lowdb adapter: validated reads, atomic durable private writes, decrypted and encrypted when the store is. */
class SafeJsonAdapter implements Adapter<State> {
  /** How the file was protected when last read or created; writes keep it that way. */
  sealing: Sealing;

  constructor(
    private readonly path: string,
    private readonly keyring: Keyring,
    private readonly trustMark: boolean,
  ) {}

  /** The header and keys for a file's bytes (only its header is looked at). */
  async sealingOf(bytes: Buffer): Promise<Sealing> {
    if (!isSealed(bytes)) return undefined;
    try {
      const { header } = readHeader(bytes);
      return { header, keys: await this.keyring.unlock(header) };
    } catch (error) {
      throw sealError(error, this.path);
    }
  }

  /** The store file's first bytes (enough for an encryption header); undefined when there is no file. */
  async head(): Promise<Buffer | undefined> {
    const handle = await fs.open(this.path, 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw new StoreError('io', `cannot read the store ${this.path}: ${describeIoError(error)}`);
    });
    if (!handle) return undefined;
    try {
      const head = Buffer.alloc(MAX_HEADER_BYTES);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  /** Starts a new encrypted store: a fresh salt, the passphrase asked for as for a new store. */
  async seal(): Promise<void> {
    this.sealing = await this.keyring.create();
  }

  /** The file's bytes (decrypted when sealed), its mark and whether the mark vouches for it; null when there is no file. */
  async load(): Promise<StoreFile | null> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new StoreError('io', `cannot read the store ${this.path}: ${describeIoError(error)}`);
    }
    const mark = markOf(bytes);
    const sealing = await this.sealingOf(bytes);
    let plain = bytes;
    if (sealing) {
      try {
        plain = unsealStore(bytes, readHeader(bytes).bodyStart, sealing.keys.store);
      } catch (error) {
        throw sealError(error, this.path);
      }
    }
    return { plain, mark, knownGood: this.trustMark && (await isKnownGood(this.path, mark)), sealing };
  }

  async read(): Promise<State | null> {
    const file = await this.load();
    return file && this.stateOf(file);
  }

  /** A loaded file's state: as it is when its mark vouches for it, else validated in full. */
  async stateOf(file: StoreFile): Promise<State> {
    const data = parseStoreBytes(file.plain, this.path);
    const state = file.knownGood ? (data as State) : await this.validate(data, file.plain, file.mark);
    this.sealing = file.sealing;
    return state;
  }

  /** A loaded file's family lines, when its known-good mark vouches for it (and so for famcoord's layout). */
  linesOf(file: StoreFile): FamilyLines | undefined {
    if (!file.knownGood) return undefined;
    this.sealing = file.sealing;
    return FamilyLines.of(file.plain);
  }

  /**
   * Validates a file's data in full. When the valid state is byte for byte what famcoord would
   * write (a store written by an earlier famcoord, or restored from a backup), its mark is made
   * now; a file written by hand that the schema changes (defaults filled in) never gets one.
   */
  private async validate(data: unknown, plainBytes: Buffer, mark: string | undefined): Promise<State> {
    const { parseState } = await loadValidation();
    let state: State;
    try {
      state = parseState(data);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      throw storeFormatError(this.path, error.problems);
    }
    if (mark !== undefined && serializesTo(state, plainBytes)) await markKnownGood(this.path, mark);
    return state;
  }

  async write(state: State): Promise<void> {
    await this.writeText(serializeState(state));
  }

  /** Writes a store file's text (sealed when the store is) and marks it known-good. */
  async writeText(text: Iterable<string | Uint8Array>): Promise<void> {
    try {
      await ensurePrivateDir(dirname(this.path));
      const hash = markHash();
      await writeFileAtomic(this.path, this.sealing ? sealStore(text, this.sealing.header, this.sealing.keys.store) : text, hash);
      // Only valid states reach here (parsed whole, or changed by operations whose families were
      // checked), and what famcoord writes reads back as itself: parsing adds no defaults to it.
      await markKnownGood(this.path, hash?.digest('hex'));
    } catch (error) {
      throw new StoreError('io', `cannot write the store ${this.path}: ${describeIoError(error)}; the old store is unchanged`);
    }
  }
}

export interface JsonStoreOptions {
  /** Opens encrypted stores; without one, an encrypted store is refused. */
  keyring?: Keyring;
  /** Validate in full even a file with a matching known-good mark (doctor's check). */
  verify?: boolean;
}

export class JsonFileStore implements FamilyStore {
  private readonly adapter: SafeJsonAdapter;
  private readonly db: Low<State | null>;
  private readonly lockPath: string;
  private readonly logPath: string;

  constructor(
    readonly path: string,
    options: JsonStoreOptions = {},
  ) {
    this.adapter = new SafeJsonAdapter(path, options.keyring ?? new Keyring(), !options.verify);
    this.db = new Low<State | null>(this.adapter as Adapter<State | null>, null);
    this.lockPath = `${path}.lock`;
    this.logPath = auditLogPathFor(path);
  }

  exists(): Promise<boolean> {
    return pathExists(this.path);
  }

  /** The store file as it is now, read once. */
  private async file(): Promise<StoreFile> {
    const file = await this.adapter.load();
    if (!file) throw new StoreError('missing', `there is no store at ${this.path}; create one with famcoord init, or try famcoord demo`);
    return file;
  }

  async read(scope?: ReadScope): Promise<State> {
    const file = await this.file();
    if (isWholeStore(scope)) return this.adapter.stateOf(file);
    // A part of a file famcoord wrote: family by family, each dropped or cut to what the view
    // needs as soon as it is parsed, instead of the whole state held at once (less to collect).
    const lines = this.adapter.linesOf(file);
    if (lines) return lines.select(scope as ReadScope);
    const state = await this.adapter.stateOf(file);
    return { ...state, families: state.families.filter((family) => inScope(family, scope as ReadScope)) };
  }

  /** The file is read whole (its bytes are in memory either way); its families are handed out one by one. */
  async *eachFamily(scope?: FamilyScope): AsyncGenerator<Family> {
    yield* (await this.read(scope)).families;
  }

  private async locked<T>(work: () => Promise<T>): Promise<T> {
    try {
      await ensurePrivateDir(dirname(this.path));
    } catch (error) {
      throw new StoreError('io', `cannot create the folder for the store ${this.path}: ${describeIoError(error)}`);
    }
    let release: () => Promise<void>;
    try {
      release = await acquireLock(this.lockPath);
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError('io', `cannot lock the store ${this.path}: ${describeIoError(error)}`);
    }
    try {
      await removeStaleTempFiles(this.path);
      return await work();
    } finally {
      await release();
    }
  }

  /** Writes the new store (`write`), then its audit step. Called under the lock. */
  private async commit(write: () => Promise<void>, changes: FamilyChange[], meta: TransactMeta, detail: Pick<AuditEntry, 'ops'> & Partial<AuditEntry>): Promise<{ step: number; familyIds: string[] }> {
    await rotateBackups(this.path, backupCount()).catch((error: unknown) => {
      throw new StoreError('io', `cannot keep a backup of the store ${this.path}: ${describeIoError(error)}; the store is unchanged`);
    });
    await write();
    const logKey = this.readLogKey;
    const entry = auditEntryFor((await lastStep(this.logPath, logKey)) + 1, changes, meta, detail);
    const { step, familyIds } = entry;
    await appendAuditEntry(this.logPath, entry, logKey).catch((error: unknown) => {
      throw new StoreError('io', `the change was saved, but the audit log ${this.logPath} could not be written: ${describeIoError(error)}`);
    });
    return { step, familyIds };
  }

  /** Makes `state` the store's content. */
  private async save(state: State): Promise<void> {
    this.db.data = state;
    await this.db.write();
  }

  /**
   * A workspace over the store as it is now, and how to write what it becomes. Called under the
   * lock (another process may have written). A file famcoord wrote is changed line by line: only
   * the families the step touches are parsed and written anew.
   */
  private async workspace(operations: number): Promise<{ ws: Workspace; write: () => Promise<void> }> {
    const file = await this.file();
    const lines = this.adapter.linesOf(file);
    if (lines) {
      const ws = new LinesWorkspace(lines, operations);
      return { ws, write: () => this.adapter.writeText(ws.result()) };
    }
    const state = await this.adapter.stateOf(file);
    const ws = new StateWorkspace(state);
    return { ws, write: () => this.save(ws.result(state)) };
  }

  async transact(operations: readonly Operation[], meta: TransactMeta): Promise<TransactResult> {
    return this.locked(async () => {
      const { runTransaction, operationFamilyIds } = await loadTransactions();
      const { ws, write } = await this.workspace(operations.length);
      const { applied, changes } = runTransaction(ws, operations, { today: meta.today });
      const { step, familyIds } = await this.commit(write, changes, meta, { ops: applied });
      return { step, applied, operationFamilyIds: operationFamilyIds(ws, applied), familyIds };
    });
  }

  async preview(operations: readonly Operation[], meta: TransactMeta): Promise<Preview> {
    const state = await this.read();
    const { findFailingOperations, runTransaction, operationFamilyIds } = await loadTransactions();
    const failures = findFailingOperations(new StateWorkspace(state), operations, { today: meta.today });
    if (failures.length > 0) return { failures, applied: [], operationFamilyIds: [] };
    const ws = new StateWorkspace(state);
    const { applied } = runTransaction(ws, operations, { today: meta.today });
    return { failures, applied, operationFamilyIds: operationFamilyIds(ws, applied) };
  }

  async erase(familyId: string, meta: TransactMeta): Promise<TransactResult> {
    return this.locked(async () => {
      const state = await this.read();
      const logKey = this.readLogKey;
      let result: TransactResult;
      if (!state.families.some((f) => f.id === familyId) && (await readAuditLog(this.logPath, logKey)).some((e) => familyId in e.before)) {
        // Already out of the store (an erase cut short, or a plain removal): finish clearing it.
        result = { step: await lastStep(this.logPath, logKey), applied: [], operationFamilyIds: [], familyIds: [familyId] };
      } else {
        const ws = new StateWorkspace(state);
        const { runTransaction } = await loadTransactions();
        const { applied, changes } = runTransaction(ws, [{ op: 'family.erase', familyId }], { today: meta.today });
        result = { ...(await this.commit(() => this.save(ws.result(state)), changes, meta, { ops: applied })), applied, operationFamilyIds: [familyId] };
      }
      // The family as it was is still in the log (the step just written keeps it for undo) and in
      // the backups. `state` still holds it, so every operation about it can be found.
      const scrubbed = scrubFamily(await readAuditLog(this.logPath, logKey), familyId, state.families);
      try {
        await writeFileAtomic(this.logPath, auditLines(scrubbed, logKey));
        await removeBackups(this.path);
      } catch (error) {
        throw new StoreError('io', `family ${familyId} was removed, but its data could not be cleared from the audit log and backups: ${describeIoError(error)}; run famcoord erase ${familyId} again`);
      }
      return result;
    });
  }

  async undo(meta: TransactMeta): Promise<UndoResult> {
    return this.locked(async () => {
      const { ws, write } = await this.workspace(0);
      const plan = planUndo(auditEntriesNewestFirst(this.logPath, this.readLogKey), (id) => ws.family(id));
      if (!plan.ok) throw new StoreError('undo', plan.reason);
      const { runRestore } = await loadTransactions();
      const changes = runRestore(ws, plan.target.familyIds.map((familyId) => ({ familyId, family: plan.target.before[familyId] ?? null })));
      const { step, familyIds } = await this.commit(write, changes, meta, { ops: [], undoes: plan.target.step });
      return { step, undid: plan.target.step, familyIds };
    });
  }

  /**
   * Doctor's restore, under the lock: `choose` picks a good backup; the current (damaged) file is
   * moved aside, the backup's bytes become the store, and the log records the restore, which
   * undo cannot cross.
   */
  async restoreFromBackup(choose: () => Promise<{ n: number; path: string }>, meta: { user: string }): Promise<{ restored: number; setAside?: string }> {
    return this.locked(async () => {
      const backup = await choose();
      const bytes = await fs.readFile(backup.path);
      const logKey = (await this.adapter.sealingOf(bytes))?.keys.log;
      const setAside = `${this.path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      const moved = await fs.rename(this.path, setAside).then(() => true, () => false);
      await writeFileAtomic(this.path, [bytes]);
      const step = (await lastStep(this.logPath, logKey)) + 1;
      await appendAuditEntry(this.logPath, { step, time: new Date().toISOString(), user: meta.user, source: 'doctor', ops: [], familyIds: [], before: {}, restored: `bak.${backup.n}` }, logKey);
      return { restored: backup.n, ...(moved && { setAside }) };
    });
  }

  async create(state: StoreContent, options: { replace?: boolean; history?: readonly AuditEntry[]; encrypt?: boolean } = {}): Promise<void> {
    const refuseExisting = async () => {
      if (!options.replace && (await this.exists()))
        throw new StoreError('exists', `a store already exists at ${this.path}; it was not changed`);
    };
    // Ask for a new passphrase before taking the lock (a person may take a while to type it), but
    // not when the store exists and would be refused anyway.
    await refuseExisting();
    if (options.encrypt) await this.adapter.seal().catch((error: unknown) => Promise.reject(sealError(error, this.path)));
    else this.adapter.sealing = undefined;
    await this.locked(async () => {
      await refuseExisting();
      this.db.data = (await loadValidation()).parseState({ ...state, families: [...state.families] });
      await this.db.write();
      // The old log describes data that no longer exists; undo must not reach into it.
      await fs.rm(this.logPath, { force: true });
      await appendAuditEntries(this.logPath, options.history ?? [], this.readLogKey);
    });
  }

  async history(): Promise<AuditEntry[]> {
    return readAuditLog(this.logPath, await this.logKey());
  }

  /** The log key of the store as last read or created (undefined: plaintext). */
  private get readLogKey(): Buffer | undefined {
    return this.adapter.sealing?.keys.log;
  }

  /** Whether the store file is encrypted (only its header is read; no passphrase needed). */
  async encrypted(): Promise<boolean> {
    const head = await this.adapter.head();
    return head !== undefined && isSealed(head);
  }

  /** The audit log's key when the store is encrypted (asks for the passphrase), else undefined. */
  async logKey(): Promise<Buffer | undefined> {
    const head = await this.adapter.head();
    return head && (await this.adapter.sealingOf(head))?.keys.log;
  }

  watch(onChange: () => void): () => void {
    // Polling the path (not the inode) follows the rename that replaces the file on every write.
    const listener = (current: { mtimeMs: number; ino: number }, previous: { mtimeMs: number; ino: number }) => {
      if (current.mtimeMs !== previous.mtimeMs || current.ino !== previous.ino) onChange();
    };
    watchFile(this.path, { interval: 250, persistent: false }, listener);
    return () => unwatchFile(this.path, listener);
  }
}
