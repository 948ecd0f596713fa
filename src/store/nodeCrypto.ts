// node:crypto, loaded when first used. Loading it (with the streams its hashes are built on) is
// ~3 ms of a command's start, and a read of a SQLite or PostgreSQL store uses none of it: only
// writes (temp names, lock tokens, undo and audit hashes), the JSON store's known-good mark and
// encryption do (issue 19). A static import would load it with whatever module imports it.
import { createRequire } from 'node:module';

type NodeCrypto = typeof import('node:crypto');

let loaded: NodeCrypto | undefined;

export function nodeCrypto(): NodeCrypto {
  return (loaded ??= createRequire(import.meta.url)('node:crypto') as NodeCrypto);
}
