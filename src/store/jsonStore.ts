// The JSON file backend: the whole state in one human-readable file. lowdb's Low holds the data;
// our own adapter reads with validation and writes through writeFileAtomic (lowdb's stock
// JSONFile has no fsync and one shared temp name, which lost updates between processes).
import { promises as fs, watchFile, unwatchFile, type BigIntStats } from 'node:fs';
import { dirname } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import type { Operation } from '../domain/operations.js';
import type { Family, State } from '../domain/schema.js';
import { ValidationError } from '../domain/errors.js';
import { StateWorkspace, type Workspace } from '../domain/workspace.js';
import { appendAuditEntries, appendAuditEntry, auditEntryFor, auditLogPathFor, auditRecordsNewestFirst, endsCutShort, logTail, readAuditLog, replayedTail, sealedLines, setAsideLastLine, setAsidePathFor, stepInStore, type AuditEntry, type LogTail } from './auditLog.js';
import { chainedTexts, replayedLogMessage, replaySetAsideMessage } from './auditChain.js';
import { isSealed, Keyring, MAX_HEADER_BYTES, readHeader, SealError, sealStore, unsealStore, type Header, type StoreKeys } from './crypto.js';
import { changedSinceError, describeIoError, missingStoreError, StoreError, storeFormatError } from './errors.js';
import { FamilyLines, LinesWorkspace } from './familyLines.js';
import { markHash, markKnownGood, markOf, readMark, recordStatus, vouchesByStatus } from './knownGood.js';
import { loadTransactions, loadValidation } from './lazyRules.js';
import { acquireLock } from './lock.js';
import { checkStoreFiles, checkStoreWrite, openRegular, readRegularFile, readRegularFileWithStatus } from './pathGuard.js';
import { ensurePrivateDir, keepPrivate, pathExists, removeStaleTempFiles, stageFile, writeFileAtomic, type StagedFile } from './safeFile.js';
import type { CaseloadLookup, CreateOptions, FamilyScope, FamilyStore, Preview, StoreContent, TransactMeta, TransactResult, UndoOptions } from './Store.js';
import { planOrRefuse, PLANNERS, ReversibleStore, type Reversal, type Reversed } from './undo.js';
import { holdForBackup, removeBackups, replacedPath, rotateBackups } from './backups.js';
import { scrubFamily } from '../domain/familyLog.js';
import { crashPoint } from './crashPoint.js';
import { clearPendingErase, finishedErase, readPendingErase, recordPendingErase } from './pendingErase.js';
import type { FamilyChange } from '../domain/workspace.js';
import { coordinatorKey, inScope, isWholeStore, type ReadScope } from '../domain/scope.js';
import { closestNames } from '../domain/suggest.js';

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
    case 'unsupported':
      return new StoreError('corrupt', `the encrypted store ${path} asks for unsupported encryption parameters (not the scrypt costs famcoord writes); it was not opened or changed`);
    case 'damaged':
      return new StoreError('corrupt', `the encrypted store ${path} is damaged (it fails its integrity check); it was not changed`);
  }
}

/** A failed read of the store: the guard's refusal (a link, a FIFO) as it is, a system error described. */
function readError(error: unknown, path: string): StoreError {
  return error instanceof StoreError ? error : new StoreError('io', `cannot read the store ${path}: ${describeIoError(error)}`);
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
    const handle = await openRegular(this.path, 'the store').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw readError(error, this.path);
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
    let status: BigIntStats | undefined;
    try {
      ({ bytes, status } = readRegularFileWithStatus(this.path, 'the store'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw readError(error, this.path);
    }
    // A mark that records this very file's status vouches for it without hashing (knownGood.ts).
    const recorded = this.trustMark ? readMark(this.path) : undefined;
    const byStatus = vouchesByStatus(recorded, status);
    const mark = byStatus ? recorded?.hash : markOf(bytes);
    const knownGood = byStatus || (this.trustMark && mark !== undefined && recorded?.hash === mark);
    if (knownGood && !byStatus && mark !== undefined && status) recordStatus(this.path, mark, status);
    const sealing = await this.sealingOf(bytes);
    let plain = bytes;
    if (sealing) {
      try {
        plain = unsealStore(bytes, readHeader(bytes).bodyStart, sealing.keys.store);
      } catch (error) {
        throw sealError(error, this.path);
      }
    }
    return { plain, mark, knownGood, sealing };
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
    await (await this.stage(serializeState(state))).commit();
  }

  /**
   * Writes a store file's text (sealed when the store is) beside the store, ready to be renamed
   * in; once it is, the file is marked known-good.
   */
  async stage(text: Iterable<string | Uint8Array>): Promise<StagedFile> {
    const failed = (error: unknown) => new StoreError('io', `cannot write the store ${this.path}: ${describeIoError(error)}; the old store is unchanged`);
    const hash = markHash();
    let staged: StagedFile;
    try {
      await ensurePrivateDir(dirname(this.path));
      staged = await stageFile(this.path, this.sealing ? sealStore(text, this.sealing.header, this.sealing.keys.store) : text, hash);
    } catch (error) {
      throw failed(error);
    }
    return {
      commit: async () => {
        await staged.commit().catch((error: unknown) => Promise.reject(failed(error)));
        // Only valid states reach here (parsed whole, or changed by operations whose families were
        // checked), and what famcoord writes reads back as itself: parsing adds no defaults to it.
        await markKnownGood(this.path, hash?.digest('hex'));
      },
      discard: () => staged.discard(),
    };
  }
}

export interface JsonStoreOptions {
  /** Opens encrypted stores; without one, an encrypted store is refused. */
  keyring?: Keyring;
  /** Validate in full even a file with a matching known-good mark (doctor's check). */
  verify?: boolean;
  /** How long a change waits for the lock (WRITER_WAIT_MS unless given). */
  writerWaitMs?: number;
}

export class JsonFileStore extends ReversibleStore implements FamilyStore {
  private readonly adapter: SafeJsonAdapter;
  private readonly db: Low<State | null>;
  private readonly lockPath: string;
  private readonly logPath: string;
  private readonly writerWaitMs: number | undefined;

  constructor(
    readonly path: string,
    options: JsonStoreOptions = {},
  ) {
    super();
    this.adapter = new SafeJsonAdapter(path, options.keyring ?? new Keyring(), !options.verify);
    this.db = new Low<State | null>(this.adapter as Adapter<State | null>, null);
    this.lockPath = `${path}.lock`;
    this.logPath = auditLogPathFor(path);
    this.writerWaitMs = options.writerWaitMs;
  }

  exists(): Promise<boolean> {
    return pathExists(this.path);
  }

  /** The store file as it is now, read once. */
  private async file(): Promise<StoreFile> {
    const file = await this.adapter.load();
    if (!file) throw missingStoreError(this.path);
    return file;
  }

  async read(scope?: ReadScope): Promise<State> {
    return this.stateIn(await this.file(), scope);
  }

  private async stateIn(file: StoreFile, scope: ReadScope | undefined): Promise<State> {
    if (isWholeStore(scope)) return this.adapter.stateOf(file);
    // A part of a file famcoord wrote: family by family, each dropped or cut to what the view
    // needs as soon as it is parsed, instead of the whole state held at once (less to collect).
    const lines = this.adapter.linesOf(file);
    if (lines) return lines.select(scope as ReadScope);
    const state = await this.adapter.stateOf(file);
    return { ...state, families: state.families.filter((family) => inScope(family, scope as ReadScope)) };
  }

  /**
   * The file is read whole (its bytes are in memory either way); a file famcoord wrote hands its
   * families out a line at a time, each parsed only when its turn comes, others as `read` gives them.
   */
  async *eachFamily(scope?: FamilyScope): AsyncGenerator<Family> {
    const file = await this.file();
    const lines = this.adapter.linesOf(file);
    if (lines) yield* lines.inScope(scope ?? {}, { digests: false });
    else yield* (await this.stateIn(file, scope)).families;
  }

  /** A file has no index: its families are looked at once, line by line where famcoord wrote it, until one has the caseload. */
  async findCaseload(coordinator: string): Promise<CaseloadLookup> {
    const wanted = coordinatorKey(coordinator);
    const names = new Map<string, string>();
    for await (const family of this.eachFamily()) {
      if (family.coordinator === undefined) continue;
      const key = coordinatorKey(family.coordinator);
      if (key === wanted) return { known: true };
      if (!names.has(key)) names.set(key, family.coordinator.trim());
    }
    return { known: false, closest: closestNames(coordinator, names.values()) };
  }

  /**
   * Runs `work` under the store's lock, once the store's files and folder are found safe to write
   * (see pathGuard.ts), after clearing what a killed writer left: temp files, and (unless
   * `finishErase` is false) an erase cut short, which is finished first so that no command can
   * undo across it. Only `create` makes the store's folder; otherwise a missing store is refused
   * before anything is made.
   */
  private async locked<T>(work: () => Promise<T>, { finishErase = true, create = false } = {}): Promise<T> {
    await checkStoreWrite(this.path, { create });
    try {
      if (create) await ensurePrivateDir(dirname(this.path));
    } catch (error) {
      throw new StoreError('io', `cannot create the folder for the store ${this.path}: ${describeIoError(error)}`);
    }
    let release: () => Promise<void>;
    try {
      release = await acquireLock(this.lockPath, { timeoutMs: this.writerWaitMs });
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError('io', `cannot lock the store ${this.path}: ${describeIoError(error)}`);
    }
    try {
      await removeStaleTempFiles(this.path);
      if (finishErase) await this.finishPendingErase();
      return await work();
    } finally {
      await release();
    }
  }

  /**
   * Makes a step happen; called under the lock with the log settled (`tail`). The order keeps
   * every failure at the last good state, and the log whole:
   *  1. the new store is written beside the old one and fsynced (a full disk stops here);
   *  2. the step's audit line is appended whole and fsynced, or cut back (the intent);
   *  3. the new store is renamed over the old one: the commit point (if it fails, the line is
   *     taken back out);
   *  4. only now the old version becomes backup 1.
   * A crash between 2 and 3 leaves a logged step the store never saw; the next command sets that
   * line aside (`settleLog`). So a step that reports success is in the store and in the log, and
   * a step that fails changed neither.
   */
  private async commit(stage: () => Promise<StagedFile>, tail: LogTail, changes: FamilyChange[], meta: Pick<TransactMeta, 'user' | 'source'>, detail: Pick<AuditEntry, 'ops'> & Partial<AuditEntry>): Promise<{ step: number; familyIds: string[] }> {
    const entry = auditEntryFor(tail, changes, meta, detail);
    const staged = await stage();
    let logged: { takeBack(): Promise<void> };
    try {
      logged = await appendAuditEntry(this.logPath, entry, this.readLogKey);
    } catch (error) {
      await staged.discard();
      throw new StoreError('io', `cannot write the audit log ${this.logPath}: ${describeIoError(error)}; the store is unchanged`);
    }
    crashPoint('step:logged');
    let held: string | undefined;
    try {
      held = await holdForBackup(this.path).catch((error: unknown) => {
        throw new StoreError('io', `cannot keep a backup of the store ${this.path}: ${describeIoError(error)}; the store is unchanged`);
      });
      await staged.commit();
    } catch (error) {
      await Promise.all([staged.discard(), held && fs.rm(held, { force: true }), logged.takeBack().catch(() => undefined)]);
      throw error;
    }
    // The step is saved and logged: a backup that cannot be rotated now is no reason to report it
    // failed (the held link is cleared by the next writer).
    if (held) await rotateBackups(this.path, held).catch(() => undefined);
    return { step: entry.step, familyIds: entry.familyIds };
  }

  /**
   * Puts the log's end right before a step, under the lock: a last line cut short (a crash or a
   * full disk in the middle of an append) is set aside, and so is a last step the store never saw
   * (logged, then the process died before the store was renamed in). Both are kept in the
   * set-aside file for doctor. A last line that is a replayed or moved step refuses the change
   * (its step would repeat a number), unless `setAsideReplayed` is given (doctor's repair): then
   * it is set aside too and named to it. Returns the tail the next step is numbered after and
   * linked to.
   */
  private async settleLog(family: (familyId: string) => Family | undefined, setAsideReplayed?: (broken: string) => void): Promise<LogTail> {
    const key = this.readLogKey;
    try {
      await setAsideLastLine(this.logPath, 'torn');
      let tail = logTail(this.logPath, key);
      let neverApplied = false;
      for (;;) {
        const broken = replayedTail(tail);
        if (broken) {
          if (!setAsideReplayed) throw new StoreError('corrupt', replayedLogMessage(`audit log ${this.logPath}`, broken));
          setAsideReplayed(broken);
        }
        // An unreadable last line is left to doctor; a readable one is checked against the store
        // (a crash leaves at most one step that never reached it).
        else if (!neverApplied && tail.last && tail.text !== undefined && !stepInStore(tail.text, family)) neverApplied = true;
        else return tail;
        await setAsideLastLine(this.logPath, 'whole');
        tail = logTail(this.logPath, key);
      }
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError('io', `cannot repair the end of the audit log ${this.logPath}: ${describeIoError(error)}; the store is unchanged`);
    }
  }

  /**
   * A workspace over the store as it is now, and how to write what it becomes. Called under the
   * lock (another process may have written). A file famcoord wrote is changed line by line: only
   * the families the step touches are parsed and written anew.
   */
  private async workspace(operations: number): Promise<{ ws: Workspace; stage: () => Promise<StagedFile>; tail: LogTail }> {
    const file = await this.file();
    const lines = this.adapter.linesOf(file);
    if (lines) {
      const ws = new LinesWorkspace(lines, operations);
      return { ws, stage: () => this.adapter.stage(ws.result()), tail: await this.settleLog((id) => ws.family(id)) };
    }
    const state = await this.adapter.stateOf(file);
    const ws = new StateWorkspace(state);
    return { ws, stage: () => this.adapter.stage(serializeState(ws.result(state))), tail: await this.settleLog((id) => ws.family(id)) };
  }

  protected async transactOnce(operations: readonly Operation[], meta: TransactMeta): Promise<TransactResult> {
    const { runTransaction, operationFamilyIds } = await loadTransactions();
    return this.locked(async () => {
      const { ws, stage, tail } = await this.workspace(operations.length);
      const { applied, changes } = runTransaction(ws, operations, { today: meta.today, person: meta.person });
      const { step, familyIds } = await this.commit(stage, tail, changes, meta, { ops: applied });
      return { step, applied, operationFamilyIds: operationFamilyIds(ws, applied), familyIds };
    });
  }

  protected async previewOnce(operations: readonly Operation[], meta: TransactMeta): Promise<Preview> {
    const state = await this.read();
    const { findFailingOperations, runTransaction, operationFamilyIds } = await loadTransactions();
    const failures = findFailingOperations(new StateWorkspace(state), operations, { today: meta.today, person: meta.person });
    if (failures.length > 0) return { failures, applied: [], operationFamilyIds: [] };
    const ws = new StateWorkspace(state);
    const { applied } = runTransaction(ws, operations, { today: meta.today, person: meta.person });
    return { failures, applied, operationFamilyIds: operationFamilyIds(ws, applied) };
  }

  /**
   * Erases a family: the note that an erase is under way is written first (pendingErase.ts), then
   * the erase step, then the log is scrubbed and relinked, then the backups (and lines set aside
   * from the log) are deleted, and only then the note. A crash anywhere in between leaves the note,
   * and the next command finishes the erase before anything else.
   */
  async erase(familyId: string, meta: TransactMeta): Promise<TransactResult> {
    return this.locked(async () => {
      const state = await this.read();
      const inStore = state.families.some((f) => f.id === familyId);
      if (!inStore && !(await readAuditLog(this.logPath, this.readLogKey)).some((e) => Object.hasOwn(e.before, familyId)))
        (await loadTransactions()).runTransaction(new StateWorkspace(state), [{ op: 'family.erase', familyId }], { today: meta.today }); // says why there is no such family
      await recordPendingErase(this.path, { familyId, ...meta });
      crashPoint('erase:intent');
      const result = await this.eraseStep(familyId, meta, state).catch(async (error: unknown) => {
        await clearPendingErase(this.path); // the step failed, so nothing was erased and nothing is left to finish
        throw error;
      });
      await this.clearErased(familyId, state);
      await clearPendingErase(this.path);
      return result;
    });
  }

  /** Finishes an erase a crash cut short, if there is one: what was done, for doctor. Called under the lock. */
  private async finishPendingErase(): Promise<string | undefined> {
    const pending = await readPendingErase(this.path);
    if (!pending) return undefined;
    const { familyId, ...meta } = pending;
    const state = await this.read();
    await this.eraseStep(familyId, meta, state);
    await this.clearErased(familyId, state);
    await clearPendingErase(this.path);
    return finishedErase(familyId);
  }

  /** The erase step, under the lock, unless the family is already out of the store. */
  private async eraseStep(familyId: string, meta: TransactMeta, state: State): Promise<TransactResult> {
    const tail = await this.settleLog((id) => state.families.find((f) => f.id === id));
    let result: TransactResult;
    if (!state.families.some((f) => f.id === familyId)) {
      // Already out of the store (an erase cut short, or a plain removal): finish clearing it.
      result = { step: tail.step, applied: [], operationFamilyIds: [], familyIds: [familyId] };
    } else {
      const ws = new StateWorkspace(state);
      const { runTransaction } = await loadTransactions();
      const { applied, changes } = runTransaction(ws, [{ op: 'family.erase', familyId }], { today: meta.today });
      result = { ...(await this.commit(() => this.adapter.stage(serializeState(ws.result(state))), tail, changes, meta, { ops: applied })), applied, operationFamilyIds: [familyId] };
    }
    crashPoint('erase:committed');
    return result;
  }

  /** After the erase step, under the lock: the family's data out of the log, the backups and the set-aside lines. */
  private async clearErased(familyId: string, state: State): Promise<void> {
    // The family as it was is still in the log (the step just written keeps it for undo) and in
    // the backups. `state` still holds it, so every operation about it can be found. The scrub
    // rewrites entries, so the chain is relinked from the first one it changes (auditChain.ts).
    const logKey = this.readLogKey;
    const scrubbed = scrubFamily(await readAuditLog(this.logPath, logKey), familyId, state.families);
    try {
      await writeFileAtomic(this.logPath, sealedLines(chainedTexts(scrubbed), logKey));
      crashPoint('erase:scrubbed');
      await removeBackups(this.path);
      // Lines set aside from the log may hold the family too; they cannot be scrubbed (a torn
      // line does not parse), so they go.
      await fs.rm(setAsidePathFor(this.logPath), { force: true });
    } catch (error) {
      throw new StoreError('io', `family ${familyId} was removed, but its data could not yet be cleared from the audit log and backups: ${describeIoError(error)}; the next change (or famcoord doctor) finishes it`);
    }
  }

  /** Plans an undo or redo under the lock (the log and the families as they are now), and carries it out when `act`. */
  protected async reverse(kind: Reversal, meta: TransactMeta, options: UndoOptions, act: boolean): Promise<Reversed> {
    return this.locked(async () => {
      const { ws, stage, tail } = await this.workspace(0);
      const plan = planOrRefuse(PLANNERS[kind](auditRecordsNewestFirst(this.logPath, this.readLogKey), (id) => ws.family(id), { user: meta.user, ...options }));
      if (!act) return { plan };
      const { runRestore } = await loadTransactions();
      const changes = runRestore(ws, plan.restore);
      return { plan, logged: await this.commit(stage, tail, changes, meta, { ops: [], ...plan.record }) };
    });
  }

  /** Whether an interrupted command left something for `settle` to do (read only, no lock): doctor asks first. */
  async unsettled(): Promise<boolean> {
    if ((await readPendingErase(this.path)) || (await endsCutShort(this.logPath))) return true;
    const tail = logTail(this.logPath, await this.logKey());
    if (!tail.last || tail.text === undefined) return false;
    if (replayedTail(tail)) return true;
    const state = await this.read();
    return !stepInStore(tail.text, (id) => state.families.find((f) => f.id === id));
  }

  /**
   * Finishes, under the lock, what an interrupted command left (doctor's repair): an erase cut
   * short, a log line cut short or logged for a step the store never saw. Returns what was done.
   */
  async settle(): Promise<string[]> {
    return this.locked(async () => {
      const done: string[] = [];
      const erased = await this.finishPendingErase();
      if (erased) done.push(erased);
      const aside = setAsidePathFor(this.logPath);
      const before = (await fs.stat(aside).catch(() => undefined))?.size ?? 0;
      const state = await this.read();
      const replays: string[] = [];
      await this.settleLog((id) => state.families.find((f) => f.id === id), (broken) => replays.push(replaySetAsideMessage(broken, aside)));
      done.push(...replays);
      if (replays.length === 0 && ((await fs.stat(aside).catch(() => undefined))?.size ?? 0) > before) done.push(`took a cut-off or never-applied last line out of the audit log, into ${aside}`);
      return done;
    }, { finishErase: false });
  }

  /**
   * Doctor's restore, under the lock: `choose` picks a good backup; the current (damaged) file is
   * moved aside, the backup's bytes become the store, and the log records the restore, which
   * undo cannot cross. An erase under way is finished by the next command: the backup may hold
   * the family again.
   */
  async restoreFromBackup(choose: () => Promise<{ n: number; path: string }>, meta: { user: string }): Promise<{ restored: number; setAside?: string }> {
    return this.locked(async () => {
      const backup = await choose();
      const bytes = await readRegularFile(backup.path, 'the backup');
      this.adapter.sealing = await this.adapter.sealingOf(bytes);
      // The damaged store cannot tell whether the last step reached it: only a cut-off line goes.
      await setAsideLastLine(this.logPath, 'torn');
      const tail = logTail(this.logPath, this.readLogKey);
      const setAside = `${this.path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      const moved = await fs.rename(this.path, setAside).then(() => true, () => false);
      await this.commit(() => stageFile(this.path, [bytes]), tail, [], { user: meta.user, source: 'doctor' }, { ops: [], restored: `bak.${backup.n}` });
      return { restored: backup.n, ...(moved && { setAside }) };
    }, { finishErase: false, create: true });
  }

  async create(state: StoreContent, options: CreateOptions = {}): Promise<{ keptAs?: string }> {
    const refuseExisting = async () => {
      if (!options.replace && (await this.exists()))
        throw new StoreError('exists', `a store already exists at ${this.path}; it was not changed`);
    };
    // Ask for a new passphrase before taking the lock (a person may take a while to type it), but
    // not when the store exists or its files are unsafe, and it would be refused anyway.
    await checkStoreFiles(this.path);
    await refuseExisting();
    if (options.encrypt) await this.adapter.seal().catch((error: unknown) => Promise.reject(sealError(error, this.path)));
    else this.adapter.sealing = undefined;
    return this.locked(async () => {
      await refuseExisting();
      const lastStep = options.ifLastStep === undefined ? undefined : logTail(this.logPath, await this.logKey()).step;
      if (lastStep !== undefined && lastStep !== options.ifLastStep) throw changedSinceError(this.path, lastStep);
      // Checked before the old store is kept: a refused create leaves no copy of it behind.
      const data = (await loadValidation()).parseState({ ...state, families: [...state.families] });
      const keptAs = options.keep ? await this.keepAside() : undefined;
      this.db.data = data;
      await this.db.write();
      // The old log describes data that no longer exists; undo must not reach into it.
      await fs.rm(this.logPath, { force: true });
      await fs.rm(setAsidePathFor(this.logPath), { force: true });
      await appendAuditEntries(this.logPath, options.history ?? [], this.readLogKey);
      return keptAs === undefined ? {} : { keptAs };
    }, { finishErase: false, create: true }); // an erase under way is finished by the next change (its family may not be in this store)
  }

  /**
   * Keeps the store and its audit log as they are under a new name (hard links, as the backups:
   * the write that follows renames a new file in, so the kept ones never change). Under the lock.
   */
  private async keepAside(): Promise<string | undefined> {
    const keptAs = replacedPath(this.path);
    try {
      await fs.link(this.path, keptAs);
      await keepPrivate(keptAs);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new StoreError('io', `cannot keep the store ${this.path} as ${keptAs}: ${describeIoError(error)}; it was not changed`);
    }
    const keptLog = auditLogPathFor(keptAs);
    await fs.link(this.logPath, keptLog).then(
      () => keepPrivate(keptLog),
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw new StoreError('io', `cannot keep the audit log ${this.logPath}: ${describeIoError(error)}; the store was not changed`);
      },
    );
    return keptAs;
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
