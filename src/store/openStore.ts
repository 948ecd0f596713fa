// Picks the backend for a store path. Today every store is a JSON file; a database backend will be
// chosen here by the path (e.g. *.sqlite) so no caller has to know which one it talks to.
import { JsonFileStore } from './jsonStore.js';
import type { FamilyStore } from './Store.js';

export function openStore(path: string): FamilyStore {
  return new JsonFileStore(path);
}
