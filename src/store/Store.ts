// The store interface: what the CLI and the TUI use, and what a second backend (a database)
// implements. All changes go through `transact`; there is no other way to write.
import type { Operation } from '../domain/operations.js';
import type { State } from '../domain/schema.js';
import type { AuditEntry } from './auditLog.js';

export interface TransactMeta {
  /** Who made the change (the OS user unless FAMCOORD_USER says otherwise). */
  user: string;
  /** Where it came from: "cli", "tui", "batch"... */
  source: string;
  /** Today's date, the default for dated operations. */
  today: string;
}

export interface TransactResult {
  /** The audit log's step number for this transaction. */
  step: number;
  /** The operations as applied, with new ids and default dates filled in. */
  applied: Operation[];
  familyIds: string[];
}

export interface UndoResult {
  /** The audit log step recording the undo. */
  step: number;
  /** The step that was reverted. */
  undid: number;
  familyIds: string[];
}

export interface FamilyStore {
  /** Where the store lives, for messages. */
  readonly path: string;
  /** The whole current state, validated. Throws StoreError when missing, corrupt or invalid. */
  read(): Promise<State>;
  /**
   * Applies the operations atomically under a lock: all of them or none, re-reading the store
   * under the lock so a concurrent change is never lost, and appends one audit log step.
   */
  transact(operations: readonly Operation[], meta: TransactMeta): Promise<TransactResult>;
  /**
   * Reverts the latest step that has not been undone (a whole batch is one step). Throws a
   * StoreError of kind "undo" when there is nothing to undo or the data changed since outside the log.
   */
  undo(meta: TransactMeta): Promise<UndoResult>;
  /**
   * Creates the store with this state; refuses to replace an existing one unless `replace`.
   * `encrypt` protects it with a new passphrase (asked through openStore's options).
   */
  create(state: State, options?: { replace?: boolean; encrypt?: boolean }): Promise<void>;
  /** The audit log, oldest step first. */
  history(): Promise<AuditEntry[]>;
  /** Whether the store exists yet. */
  exists(): Promise<boolean>;
  /** Calls `onChange` soon after another process (or this one) changes the store. */
  watch(onChange: () => void): () => void;
}
