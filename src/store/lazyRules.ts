// The schemas (zod) and the transaction rules, loaded the first time a store needs them. Building
// zod's schemas costs more than all the rest of `famcoord today`'s start-up; a read that needs no
// validation (a known-good JSON file, SQLite's digests of today) never pays for them, and a
// database's families are checked by the quick parse first (domain/quickValidate.ts), so zod
// loads only for a family or a store it does not pass.
import type { Family, State } from '../domain/schema.js';

export const loadValidation = () => import('../domain/validate.js');
export const loadTransactions = () => import('../domain/transaction.js');

/** A check of a database's families read one at a time, as validate.ts's parseFamily checks them. */
export async function familyChecker(): Promise<(data: unknown) => Family | Promise<Family>> {
  const { familyChecker } = await import('../domain/quickValidate.js');
  return familyChecker(async () => (await loadValidation()).parseFamily);
}

/** A database's whole store, checked as validate.ts's parseState checks it. */
export async function checkedState(data: unknown): Promise<State> {
  return (await import('../domain/quickValidate.js')).quickState(data) ?? (await loadValidation()).parseState(data);
}
