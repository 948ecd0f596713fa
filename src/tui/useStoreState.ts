// The workbench's view of the store: the current state, re-read after every change this window
// makes and whenever another process (a batch job, a second terminal) writes the store.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Operation } from '../domain/operations.js';
import type { State } from '../domain/schema.js';
import type { ReadScope } from '../domain/scope.js';
import type { FamilyStore, TransactMeta, TransactResult, UndoResult } from '../store/Store.js';

export interface StoreState {
  state: State;
  /** The state as last read, even before React re-renders: keys queued behind a save act on it. */
  current(): State;
  /** Why the last read failed (the previous state stays on screen). */
  readError?: string;
  apply(operations: Operation[], meta: TransactMeta): Promise<TransactResult>;
  undo(meta: TransactMeta): Promise<UndoResult>;
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

  const apply = useCallback(
    async (operations: Operation[], meta: TransactMeta) => {
      const result = await store.transact(operations, meta);
      ownWrites.current++;
      await reload();
      return result;
    },
    [store, reload],
  );

  const undo = useCallback(
    async (meta: TransactMeta) => {
      const result = await store.undo(meta);
      ownWrites.current++;
      await reload();
      return result;
    },
    [store, reload],
  );

  const current = useCallback(() => latest.current, []);

  return { state, current, readError, apply, undo, externalChanges };
}
