// The store interface: what the CLI and the TUI use, and what a second backend (a database)
// implements. All changes go through `transact`; there is no other way to write.
import type { Operation } from '../domain/operations.js';
import type { ReadScope } from '../domain/scope.js';
import type { Family, State } from '../domain/schema.js';
import type { StepSummary } from '../domain/stepDescription.js';
import type { AuditEntry } from './auditLog.js';
import type { ReadKind } from './team.js';

export interface TransactMeta {
  /** Who made the change (the OS user unless FAMCOORD_USER says otherwise). */
  user: string;
  /** Where it came from: "cli", "tui", "batch"... */
  source: string;
  /** Today's date, the default for dated operations. */
  today: string;
  /**
   * Who the step is done as, for the team's rules (see ApplyContext.person); undefined on one
   * person's store. A store with logins (`person()`) does a team member's step as the login's
   * person whatever this says, so a caller may give the caseload without waiting for the login's.
   */
  person?: string | undefined;
}

export interface TransactResult {
  /** The audit log's step number for this transaction. */
  step: number;
  /** The operations as applied, with new ids and default dates filled in. */
  applied: Operation[];
  /** The family each applied operation changed, in the same order (a batch's summary). */
  operationFamilyIds: Array<string | undefined>;
  familyIds: string[];
  /** Set when the step is saved but part of it is left for the next change (an erase's old data held by a reader). */
  unfinished?: string;
}

export interface UndoOptions {
  /** The change step to undo or redo, whoever made it; by default the user's own newest. */
  step?: number;
}

export interface UndoResult {
  /** The audit log step recording the undo. */
  step: number;
  /** The step that was reverted. */
  undid: number;
  familyIds: string[];
  /** What the reverted step was: operations, targets, who, when. */
  summary: StepSummary;
}

export interface RedoResult {
  /** The audit log step recording the redo. */
  step: number;
  /** The step applied again. */
  redid: number;
  familyIds: string[];
  summary: StepSummary;
}

export interface Preview {
  /** Every operation that cannot be applied (1-based, as in a batch file), each tried in turn, and why (an UnknownIdError lets the CLI name the closest ids). */
  failures: Array<{ index: number; message: string; error?: Error }>;
  /** When none fail: the operations as they would be applied, and the family each changes. */
  applied: Operation[];
  operationFamilyIds: Array<string | undefined>;
}

export interface CreateOptions {
  replace?: boolean;
  history?: readonly AuditEntry[];
  encrypt?: boolean;
  keep?: boolean;
  /**
   * Replace the store only if its audit log still ends at this step (0: none), checked under the
   * store's lock by the create itself: a change logged after the caller looked is never replaced
   * unseen (`demo` replaces an untouched demo without keeping it).
   */
  ifLastStep?: number;
}

/** A store's content, whose families may come one at a time (a demo the size of a municipality's store). */
export type StoreContent = Omit<State, 'families'> & { families: Iterable<Family> };

/**
 * The families `eachFamily` hands out: a caseload, named families, and/or those with something
 * for today (`todayOn`), which a backend may cut to their today digests, as `read` may.
 */
export type FamilyScope = ReadScope;

/** A caseload looked up (`findCaseload`): known, or the coordinators' names closest to it. */
export type CaseloadLookup = { known: true } | { known: false; closest: string[] };

export interface FamilyStore {
  /** Where the store lives, for messages. */
  readonly path: string;
  /**
   * The current state, validated: every family, or with a scope at least the families in it (a
   * backend may return more; the views decide exactly). Throws StoreError when missing, corrupt
   * or invalid.
   */
  read(scope?: ReadScope): Promise<State>;
  /**
   * The families in `scope` (every family without one), one at a time in store order, each
   * checked as `read` checks it: for commands that go through a whole large store (today,
   * families, doctor, export --all) without holding all of it at once. A backend that reads its
   * store whole anyway may read it so. Nothing else may be asked of the store until the families
   * are through.
   */
  eachFamily(scope?: FamilyScope): AsyncIterable<Family>;
  /**
   * Whether a family has this coordinator (compared as `coordinatorKey` compares names), and if
   * none has, the coordinators' names closest to it (`closestNames`), for the refusal of a typo:
   * from the coordinator index where the backend has one, never by reading every family.
   */
  findCaseload(coordinator: string): Promise<CaseloadLookup>;
  /**
   * Applies the operations atomically under a lock: all of them or none, re-reading the store
   * under the lock so a concurrent change is never lost, and appends one audit log step.
   */
  transact(operations: readonly Operation[], meta: TransactMeta): Promise<TransactResult>;
  /**
   * Tries the operations without writing anything: a batch's check and its dry run. A
   * transaction that follows may still fail if another process changed the store in between.
   */
  preview(operations: readonly Operation[], meta: TransactMeta): Promise<Preview>;
  /**
   * Reverts one step (a whole batch is one step): by default the newest step of `meta.user` that is
   * not undone, or `options.step`. Throws a StoreError of kind "undo" when there is nothing to
   * undo, when a family it touched has changed since (by a later step or outside the log), or when
   * a log line on the way cannot be read. See src/store/undo.ts.
   */
  undo(meta: TransactMeta, options?: UndoOptions): Promise<UndoResult>;
  /** The step `undo` would revert, without writing: for a question before it acts. Throws as undo. */
  planUndo(meta: TransactMeta, options?: UndoOptions): Promise<StepSummary>;
  /**
   * Applies again a step an undo reverted: by default the one of `meta.user`'s newest undo not yet
   * redone, or `options.step`. Throws like undo, e.g. when a family changed since the undo.
   */
  redo(meta: TransactMeta, options?: UndoOptions): Promise<RedoResult>;
  /** The step `redo` would apply again, without writing. */
  planRedo(meta: TransactMeta, options?: UndoOptions): Promise<StepSummary>;
  /**
   * Erases a family when its case ends: applies `family.erase` as one step, then, under the same
   * lock, removes the family's data from the audit log (its earlier versions; its operations keep
   * only their name and the family id) and from the backups. Undo cannot cross the erase.
   */
  erase(familyId: string, meta: TransactMeta): Promise<TransactResult>;
  /**
   * Creates the store with this state; refuses to replace an existing one unless `replace`. The
   * audit log starts empty, or with `history` (a migration carries the log over). `encrypt`
   * protects it with a new passphrase (asked through openStore's options). `keep` keeps the store
   * it replaces, with its audit log, beside it (`replacedPath`) and says where. SQLite checks and
   * writes the families one at a time; the JSON file is written whole.
   */
  create(state: StoreContent, options?: CreateOptions): Promise<{ keptAs?: string }>;
  /** The audit log, oldest step first. */
  history(): Promise<AuditEntry[]>;
  /** Whether the store exists yet. */
  exists(): Promise<boolean>;
  /** Calls `onChange` soon after another process (or this one) changes the store. */
  watch(onChange: () => void): () => void;
  /**
   * On a store with logins (PostgreSQL): the person the login is, named as families name people
   * (the team's name for them); undefined for a login outside the team and on a file store.
   */
  person?(): Promise<string | undefined>;
  /**
   * Logs that the login read these families' personal data (PostgreSQL's access log). A file
   * store is one person's and logs no reads.
   */
  logRead?(familyIds: readonly string[], what: ReadKind): Promise<void>;
}
