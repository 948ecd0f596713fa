// Picks the backend for a store path. Today every store is a JSON file; a database backend will be
// chosen here by the path (e.g. *.sqlite) so no caller has to know which one it talks to.
import { Keyring, type PassphraseSource } from './crypto.js';
import { JsonFileStore } from './jsonStore.js';
import type { FamilyStore } from './Store.js';

export interface OpenStoreOptions {
  /** Asked lazily, only when the store turns out to be encrypted (or is created encrypted). */
  passphrase?: PassphraseSource;
}

export function openStore(path: string, options: OpenStoreOptions = {}): FamilyStore {
  return new JsonFileStore(path, { keyring: new Keyring(options.passphrase) });
}
