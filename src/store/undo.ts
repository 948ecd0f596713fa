// Planning an undo or a redo from the audit log; both backends act on the plan the same way (put
// the families back, log one step). The log's model:
// - a change step (operations) is "done" when logged; an undo step (`undoes: N`) reverts change
//   step N, a redo step (`redoes: N`) applies change step N again. Undo and redo always name the
//   change step, so N's state is told by the newest undo or redo that names it.
// - by default undo takes the newest step of the current user that is done (a change step of
//   theirs, or their redo of one), and redo the newest undo of theirs whose step is still undone;
//   `step` names another change step (anyone's).
// - either refuses when a family no longer looks the way the step (or the undo) left it: someone
//   changed it since, in the log or outside it, and putting the old version back would lose that
//   change. A family nobody changed since can be put back whatever else happened in the store.
// - an erase, a restored backup and an unreadable log line stop them (see the reasons below).
import { nodeCrypto } from './nodeCrypto.js';
import { canonicalJson } from '../domain/canonical.js';
import { erasedFamiliesOf } from '../domain/familyLog.js';
import { ownValue } from '../domain/own.js';
import type { Family } from '../domain/schema.js';
import { stepSummary, type StepSummary } from '../domain/stepDescription.js';
import type { AuditEntry, LogRecord } from './auditLog.js';
import { StoreError } from './errors.js';
import { loadTransactions } from './lazyRules.js';
import type { FamilyStore, Preview, RedoResult, TransactMeta, TransactResult, UndoOptions, UndoResult } from './Store.js';
import type { Operation } from '../domain/operations.js';

export function familyHash(family: Family | null | undefined): string | null {
  return family ? nodeCrypto().createHash('sha256').update(canonicalJson(family)).digest('hex').slice(0, 32) : null;
}

export type Reversal = 'undo' | 'redo';

export interface UndoRequest {
  /** Whose newest step (or undo) is meant when `step` is not given. */
  user: string;
  /** The change step to undo or redo, whoever made it. */
  step?: number;
}

export type UndoPlan =
  | {
      ok: true;
      /** The change step undone or redone. */
      target: AuditEntry;
      summary: StepSummary;
      /** The families to put back, as they were before the step (undo) or before the undo (redo). */
      restore: Array<{ familyId: string; family: Family | null }>;
      /** What the new log step records: `undoes` or `redoes` the target. */
      record: { undoes: number } | { redoes: number };
    }
  | { ok: false; reason: string };

type Current = (familyId: string) => Family | undefined;

/**
 * The log read newest first, stopping where the caller stops: the log file closed, the query ended.
 * An unreadable line ends the reading with a refusal: skipping it could act on the wrong step.
 */
class LogReader {
  private readonly entries: Iterator<LogRecord>;
  /** The newest entry seen that touched each family: who changed it since the target. */
  private readonly lastTouch = new Map<string, { step: number; user: string; hash: string | null | undefined }>();
  unreadable?: string;

  constructor(newestFirst: Iterable<LogRecord>) {
    this.entries = newestFirst[Symbol.iterator]();
  }

  next(): AuditEntry | undefined {
    if (this.unreadable !== undefined) return undefined;
    const next = this.entries.next();
    if (next.done) return undefined;
    if ('unreadable' in next.value) {
      this.unreadable = next.value.where();
      return undefined;
    }
    return next.value;
  }

  /** Remembers who touched the entry's families, for a refusal to name (the newest only). */
  note(entry: AuditEntry): void {
    for (const familyId of entry.familyIds)
      if (!this.lastTouch.has(familyId)) this.lastTouch.set(familyId, { step: entry.step, user: entry.user, hash: ownValue(entry.afterHash, familyId) });
  }

  /** The logged step that left the family as it is now, if one did. */
  changedBy(familyId: string, currentHash: string | null): string | undefined {
    const touch = this.lastTouch.get(familyId);
    return touch && touch.hash === currentHash ? `step ${touch.step} by ${touch.user}` : undefined;
  }

  close(): void {
    this.entries.return?.();
  }
}

const unreadableReason = (what: string, where: string) =>
  `cannot ${what}: ${where} cannot be read (cut short or damaged), and the step it held may be the one to ${what}; nothing was changed. Run famcoord doctor`;

const restoredReason = (what: string, entry: AuditEntry) =>
  `cannot ${what}: step ${entry.step} restored a backup (${entry.restored}); changes before it cannot be undone or redone`;

/** A planner: reads the log as far back as it must, and closes it (the log file, the query) after. */
function planner(what: Reversal, find: (log: LogReader, current: Current, request: UndoRequest) => UndoPlan) {
  return (newestFirst: Iterable<LogRecord>, current: Current, request: UndoRequest): UndoPlan => {
    const log = new LogReader(newestFirst);
    try {
      const plan = find(log, current, request);
      return log.unreadable !== undefined ? { ok: false, reason: unreadableReason(what, log.unreadable) } : plan;
    } finally {
      log.close();
    }
  };
}

/** The step to undo, or why there is none. */
export const planUndo = planner('undo', findUndo);

/** The step to redo (one an undo reverted), or why there is none. */
export const planRedo = planner('redo', findRedo);

const isChange = (entry: AuditEntry) => entry.undoes === undefined && entry.redoes === undefined && entry.restored === undefined;

/** Why an explicit `--step N` names no change step, or undefined when `entry` is one. */
function notAChange(entry: AuditEntry, what: 'undo' | 'redo'): string | undefined {
  if (entry.undoes !== undefined) return `step ${entry.step} is an undo of step ${entry.undoes}; to ${what} it, name step ${entry.undoes}`;
  if (entry.redoes !== undefined) return `step ${entry.step} is a redo of step ${entry.redoes}; to ${what} it, name step ${entry.redoes}`;
  if (entry.restored !== undefined) return restoredReason(what, entry);
  return undefined;
}

function findUndo(log: LogReader, current: Current, { user, step: wanted }: UndoRequest): UndoPlan {
  // The newest undo or redo naming each change step met so far: that step's state.
  const settledBy = new Map<number, AuditEntry>();
  // The entry whose after-state the families should still have: the step itself, or its redo.
  let doneBy: AuditEntry | undefined;
  let targetStep: number | undefined;
  let entry: AuditEntry | undefined;
  for (entry = log.next(); entry; entry = log.next()) {
    if (targetStep === undefined) {
      if (wanted !== undefined && entry.step < wanted) return { ok: false, reason: `there is no step ${wanted} in the log` };
      if (entry.restored !== undefined && (wanted === undefined || entry.step > wanted)) return { ok: false, reason: restoredReason('undo', entry) };
      const named = entry.undoes ?? entry.redoes;
      if (wanted !== undefined && entry.step === wanted) {
        const reason = notAChange(entry, 'undo');
        if (reason !== undefined) return { ok: false, reason };
        const settled = settledBy.get(entry.step);
        if (settled?.undoes !== undefined) return { ok: false, reason: `step ${entry.step} is already undone (step ${settled.step}); famcoord redo puts it back` };
        doneBy = settled ?? entry;
        targetStep = entry.step;
      } else if (named !== undefined && !settledBy.has(named)) {
        settledBy.set(named, entry);
        if (wanted === undefined && entry.redoes !== undefined && entry.user === user) {
          doneBy = entry;
          targetStep = entry.redoes;
        }
      } else if (wanted === undefined && isChange(entry) && entry.user === user && settledBy.get(entry.step)?.undoes === undefined) {
        doneBy = settledBy.get(entry.step) ?? entry;
        targetStep = entry.step;
      }
      if (targetStep === undefined) log.note(entry);
    }
    if (entry.step === targetStep) break;
  }
  if (!entry || targetStep === undefined || !doneBy)
    return { ok: false, reason: wanted === undefined ? `there is nothing to undo by ${user} (famcoord log shows every step; famcoord undo --step N takes back another's)` : `there is no step ${wanted} in the log` };
  const target = entry;
  const erased = erasedReason('undo', target, log);
  if (erased) return { ok: false, reason: erased };
  const changed = changedReason('undo', target, doneBy, current, log);
  if (changed) return { ok: false, reason: changed };
  return {
    ok: true,
    target,
    summary: stepSummary(target),
    restore: target.familyIds.map((familyId) => ({ familyId, family: ownValue(target.before, familyId) ?? null })),
    record: { undoes: target.step },
  };
}

function findRedo(log: LogReader, current: Current, { user, step: wanted }: UndoRequest): UndoPlan {
  const settled = new Set<number>();
  let undo: AuditEntry | undefined;
  let entry: AuditEntry | undefined;
  for (entry = log.next(); entry; entry = log.next()) {
    if (!undo) {
      if (wanted !== undefined && entry.step <= wanted) {
        const reason = entry.step === wanted ? (notAChange(entry, 'redo') ?? `step ${wanted} is not undone; there is nothing to redo`) : `there is no step ${wanted} in the log`;
        return { ok: false, reason };
      }
      if (entry.restored !== undefined) return { ok: false, reason: restoredReason('redo', entry) };
      const named = entry.undoes ?? entry.redoes;
      if (named !== undefined && !settled.has(named)) {
        settled.add(named);
        if (entry.undoes !== undefined && (wanted === undefined ? entry.user === user : entry.undoes === wanted)) undo = entry;
        else if (entry.redoes !== undefined && entry.redoes === wanted) return { ok: false, reason: `step ${wanted} was redone already (step ${entry.step})` };
      }
      if (!undo) log.note(entry);
    } else if (entry.step === undo.undoes) break; // the change step, for its description
  }
  if (!undo) return { ok: false, reason: wanted === undefined ? `there is nothing to redo by ${user}: no undo of theirs is left to take back` : `there is no step ${wanted} in the log` };
  const reverted = undo;
  const erased = erasedReason('redo', reverted, log);
  if (erased) return { ok: false, reason: erased };
  const changed = changedReason('redo', reverted, reverted, current, log);
  if (changed) return { ok: false, reason: changed };
  const target = entry ?? reverted; // the change step itself, unless the log no longer reaches it
  return {
    ok: true,
    target,
    summary: stepSummary(target),
    restore: reverted.familyIds.map((familyId) => ({ familyId, family: ownValue(reverted.before, familyId) ?? null })),
    record: { redoes: reverted.undoes as number },
  };
}

/** Why a step's families cannot be put back because one was erased since: its data is gone. */
function erasedReason(what: 'undo' | 'redo', step: AuditEntry, log: LogReader): string | undefined {
  const [erased] = erasedFamiliesOf(step);
  if (erased === undefined) return undefined;
  const erases = (entry: AuditEntry) => entry.ops.some((op) => op.op === 'family.erase' && op.familyId === erased);
  // The step that erased it: noted on the way to the target, the target itself, or one further back.
  let erasedAt = erases(step) ? step : undefined;
  for (let entry = log.next(); !erasedAt && entry; entry = log.next()) if (erases(entry)) erasedAt = entry;
  const at = erasedAt ? ` (step ${erasedAt.step})` : '';
  return `cannot ${what} step ${step.undoes ?? step.step}: family ${erased} was erased${at} and its data is gone; an erase and the changes before it cannot be undone`;
}

/** Why putting `step`'s families back would lose a later change: one no longer looks as `leftBy` left it. */
function changedReason(what: 'undo' | 'redo', step: AuditEntry, leftBy: AuditEntry, current: Current, log: LogReader): string | undefined {
  for (const familyId of step.familyIds) {
    const expected = ownValue(leftBy.afterHash, familyId);
    if (expected === undefined) continue; // an entry written before hashes were recorded
    const now = familyHash(current(familyId));
    if (now === expected) continue;
    const by = log.changedBy(familyId, now);
    const subject = what === 'undo' ? `step ${step.step}` : `step ${step.undoes}`;
    return by
      ? `cannot ${what} ${subject}: family ${familyId} has been changed since by ${by}, and ${what === 'undo' ? 'undoing' : 'redoing'} would lose that change (famcoord undo --step N takes back that one first)`
      : `cannot ${what} ${subject}: family ${familyId} has been changed since outside famcoord's log, and ${what === 'undo' ? 'undoing' : 'redoing'} would lose that change`;
  }
  return undefined;
}

export const PLANNERS: Record<Reversal, typeof planUndo> = { undo: planUndo, redo: planRedo };

/** The plan to act on, or the refusal as a store error (exit 1, nothing written). */
export function planOrRefuse(plan: UndoPlan): Extract<UndoPlan, { ok: true }> {
  if (!plan.ok) throw new StoreError('undo', plan.reason);
  return plan;
}

/** A backend's undo or redo: the plan, and when it was carried out, the step that logged it. */
export interface Reversed {
  plan: Extract<UndoPlan, { ok: true }>;
  logged?: { step: number; familyIds: string[] };
}

/**
 * What every backend's steps share: a step of operations, its preview, undo, redo and their plans,
 * each over the backend's own step (`transactOnce`, `previewOnce`, `reverse`: planned under its
 * lock or transaction, and for undo and redo carried out when `act`). A step runs again with zod
 * loaded when a family it leaves needs zod to be checked (`withSchemas` in transaction.ts): a
 * valid change never loads it.
 */
export abstract class ReversibleStore implements Pick<FamilyStore, 'transact' | 'preview' | 'undo' | 'redo' | 'planUndo' | 'planRedo'> {
  protected abstract transactOnce(operations: readonly Operation[], meta: TransactMeta): Promise<TransactResult>;
  protected abstract previewOnce(operations: readonly Operation[], meta: TransactMeta): Promise<Preview>;
  protected abstract reverse(kind: Reversal, meta: TransactMeta, options: UndoOptions, act: boolean): Promise<Reversed>;

  async transact(operations: readonly Operation[], meta: TransactMeta): Promise<TransactResult> {
    return (await loadTransactions()).withSchemas(() => this.transactOnce(operations, meta));
  }

  async preview(operations: readonly Operation[], meta: TransactMeta): Promise<Preview> {
    return (await loadTransactions()).withSchemas(() => this.previewOnce(operations, meta));
  }

  async undo(meta: TransactMeta, options: UndoOptions = {}): Promise<UndoResult> {
    const { plan, logged } = await (await loadTransactions()).withSchemas(() => this.reverse('undo', meta, options, true));
    return { step: logged?.step ?? 0, undid: plan.target.step, familyIds: logged?.familyIds ?? [], summary: plan.summary };
  }

  async redo(meta: TransactMeta, options: UndoOptions = {}): Promise<RedoResult> {
    const { plan, logged } = await (await loadTransactions()).withSchemas(() => this.reverse('redo', meta, options, true));
    return { step: logged?.step ?? 0, redid: plan.target.step, familyIds: logged?.familyIds ?? [], summary: plan.summary };
  }

  async planUndo(meta: TransactMeta, options: UndoOptions = {}): Promise<StepSummary> {
    return (await this.reverse('undo', meta, options, false)).plan.summary;
  }

  async planRedo(meta: TransactMeta, options: UndoOptions = {}): Promise<StepSummary> {
    return (await this.reverse('redo', meta, options, false)).plan.summary;
  }
}
