// The workbench's view of the store: the current state, re-read after every change this window
// makes and whenever another process (a batch job, a second terminal) writes the store.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Operation } from '../domain/operations.js';
import type { State } from '../domain/schema.js';
import type { ReadScope } from '../domain/scope.js';
import type { StepSummary } from '../domain/stepDescription.js';
import type { FamilyStore, RedoResult, TransactMeta, TransactResult, UndoOptions, UndoResult } from '../store/Store.js';

export interface StoreState {
  state: State;
  /** The state as last read, even before React re-renders: keys queued behind a save act on it. */
  current(): State;
  /** Why the last read failed (the previous state stays on screen). */
  readError?: string;
  /** Reads the store again now (what current() then returns), without waiting for the watcher. */
  refresh(): Promise<void>;
  apply(operations: Operation[], meta: TransactMeta): Promise<TransactResult>;
  undo(meta: TransactMeta, options?: UndoOptions): Promise<UndoResult>;
  redo(meta: TransactMeta, options?: UndoOptions): Promise<RedoResult>;
  /** The step an undo or redo would act on, for the question before it does (writes nothing). */
  plan(kind: 'undo' | 'redo', meta: TransactMeta): Promise<StepSummary>;
  /** Counts reads caused by other processes, so the UI can say the data was updated. */
  externalChanges: number;
}

export function useStoreState(store: FamilyStore, initial: State, scope: ReadScope = {}): StoreState {
  const [state, setState] = useState(initial);
  const latest = useRef(initial);
  const [readError, setReadError] = useState<string>();
  const [externalChanges, setExternalChanges] = useState(0);
  const ownWrites = useRef(0);

  const reload = useCallback(async () => {
    try {
      latest.current = await store.read(scope);
      setState(latest.current);
      setReadError(undefined);
    } catch (error) {
      setReadError(error instanceof Error ? error.message : String(error));
    }
  }, [store, scope]);

  useEffect(
    () =>
      store.watch(() => {
        // Our own writes also change the file; only count the ones we did not make.
        if (ownWrites.current > 0) ownWrites.current--;
        else setExternalChanges((n) => n + 1);
        void reload();
      }),
    [store, reload],
  );

  /** Runs one of this window's writes, then re-reads (the watcher's echo of it is not "external"). */
  const ownWrite = useCallback(
    async <T,>(write: () => Promise<T>): Promise<T> => {
      const result = await write();
      ownWrites.current++;
      await reload();
      return result;
    },
    [reload],
  );

  const apply = useCallback((operations: Operation[], meta: TransactMeta) => ownWrite(() => store.transact(operations, meta)), [store, ownWrite]);
  const undo = useCallback((meta: TransactMeta, options?: UndoOptions) => ownWrite(() => store.undo(meta, options)), [store, ownWrite]);
  const redo = useCallback((meta: TransactMeta, options?: UndoOptions) => ownWrite(() => store.redo(meta, options)), [store, ownWrite]);
  const plan = useCallback((kind: 'undo' | 'redo', meta: TransactMeta) => (kind === 'undo' ? store.planUndo(meta) : store.planRedo(meta)), [store]);

  const current = useCallback(() => latest.current, []);

  return { state, current, readError, refresh: reload, apply, undo, redo, plan, externalChanges };
}
