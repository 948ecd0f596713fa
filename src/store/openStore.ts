// Picks the backend for a store path: a path ending in .sqlite, .sqlite3 or .db is a SQLite
// database, anything else a JSON file, so no caller has to know which one it talks to.
import { JsonFileStore } from './jsonStore.js';
import { isSqlitePath, SqliteStore } from './sqliteStore.js';
import type { FamilyStore } from './Store.js';

export function openStore(path: string): FamilyStore {
  return isSqlitePath(path) ? new SqliteStore(path) : new JsonFileStore(path);
}
