// Picks the backend for a store: a postgres:// or postgresql:// URL is a PostgreSQL database, a
// path ending in .sqlite, .sqlite3 or .db is a SQLite database, anything else a JSON file, so no
// caller has to know which one it talks to.
import { Keyring, type PassphraseSource } from './crypto.js';
import { JsonFileStore } from './jsonStore.js';
import { PgStore } from './pgStore.js';
import { isPostgresUrl } from './pgUrl.js';
import { isSqlitePath, SqliteStore } from './sqliteStore.js';
import type { FamilyStore } from './Store.js';

export interface OpenStoreOptions {
  /** Asked lazily, only when the store turns out to be encrypted (or is created encrypted). */
  passphrase?: PassphraseSource;
  /** How long a change waits for another writer before failing with "locked" (WRITER_WAIT_MS). */
  writerWaitMs?: number;
}

export function openStore(path: string, options: OpenStoreOptions = {}): FamilyStore {
  const { writerWaitMs } = options;
  if (isPostgresUrl(path)) return new PgStore(path, { writerWaitMs });
  return isSqlitePath(path) ? new SqliteStore(path, { writerWaitMs }) : new JsonFileStore(path, { keyring: new Keyring(options.passphrase), writerWaitMs });
}
