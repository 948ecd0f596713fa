// The schemas (zod) and the transaction rules, loaded the first time a store needs them. Building
// zod's schemas costs more than all the rest of `famcoord today`'s start-up; a read that needs no
// validation (a known-good JSON file, SQLite's digests of today) never pays for them.
export const loadValidation = () => import('../domain/validate.js');
export const loadTransactions = () => import('../domain/transaction.js');
