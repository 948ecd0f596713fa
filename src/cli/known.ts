// A caseload or family a command filters by must exist: an unknown one is refused (exit 2) with the
// closest known names, so a typo never looks like a free day or an empty log.
import { agreementsOf } from '../domain/agreements.js';
import type { Family } from '../domain/schema.js';
import type { ReadScope } from '../domain/scope.js';
import { unknownNameMessage } from '../domain/suggest.js';
import { problemInLang } from '../domain/problemWords.js';
import type { FamilyStore } from '../store/Store.js';
import type { AuditEntry } from '../store/auditLog.js';
import type { ReadContext } from './context.js';
import { UsageError, type WordedMessage } from './errors.js';
import { TransactionError, UnknownIdError } from '../domain/errors.js';

/**
 * Refuses a --caseload (or FAMCOORD_CASELOAD) that no family has. `found` is how many families the
 * command's read of the caseload gave: only when it is none is the caseload looked up, so a known
 * one costs nothing more. (Today's read keeps only families with something for the day: none there
 * may still be a known caseload on a free day.)
 */
export async function requireKnownCaseload(ctx: Pick<ReadContext, 'caseload'>, store: FamilyStore, found: number): Promise<void> {
  if (ctx.caseload === undefined || found > 0) return;
  const typed = ctx.caseload;
  const lookup = await store.findCaseload(typed);
  if (lookup.known) return;
  // A person a transfer or a decision authority names is known too, though no family is theirs yet.
  if ((await store.read({ involving: typed })).families.length > 0) return;
  throw new UsageError((lang) => unknownNameMessage('caseload', typed, lookup.closest, { quote: true, lang }));
}

/**
 * A step refused for an id that is not in the store (observe p999) names the closest ids of that
 * kind (ids only), in the language it is shown in; any other error is returned as it is.
 */
export async function withClosestIds(store: FamilyStore, error: unknown): Promise<unknown> {
  const cause = error instanceof TransactionError ? error.cause : undefined;
  if (!(cause instanceof UnknownIdError)) return error;
  return new TransactionError((error as TransactionError).index, new UsageError(await closestIdsWorded(store)(cause)));
}

/**
 * An operation's refusal as words in either language: for an id that is not in the store,
 * `unknown goal g99; known: …` with the closest ids of its kind (ids only). The store is read
 * once, for the first such id.
 */
export function closestIdsWorded(store: FamilyStore): (error: Error) => Promise<WordedMessage> {
  let families: Promise<Family[]> | undefined;
  return async (error) => {
    if (!(error instanceof UnknownIdError)) return (lang) => problemInLang(error.message, lang);
    const { list } = error;
    const known = await (families ??= store.read().then((state) => state.families));
    const ids =
      list === 'families' ? known.map((family) => family.id) : known.flatMap((family) => (list === 'agreements' ? [...agreementsOf(family)] : family[list]).map((entity) => entity.id));
    return (lang) => unknownNameMessage(error.word, error.id, ids, { lang });
  };
}

/**
 * The refusal of a family id that is not among the families of `scope` (the caseload a command
 * reads; default the whole store) nor in `alsoKnown`, naming the closest ids (never names).
 */
export async function unknownFamily(store: FamilyStore, familyId: string, options: { scope?: ReadScope; alsoKnown?: Iterable<string>; flag?: string } = {}): Promise<UsageError> {
  const ids = [...(await store.read(options.scope)).families.map((family) => family.id), ...(options.alsoKnown ?? [])];
  return new UsageError((lang) => {
    const message = unknownNameMessage('family', familyId, ids, { lang });
    return options.flag ? `${options.flag}: ${message}` : message;
  });
}

/**
 * Refuses a --family that a log command (log, access-log) is asked about when it is neither in
 * the store nor named by a step of the log: a typo is a not-found error (exit 2), never an empty
 * log. A family erased since is still known, by the erase step that names it (its other steps
 * are scrubbed), so its log is shown, if only that step.
 */
export async function requireLoggedFamily(store: FamilyStore, familyId: string, history: readonly AuditEntry[]): Promise<void> {
  if (history.some((entry) => entry.familyIds.includes(familyId))) return;
  if ((await store.read({ familyIds: [familyId] })).families.length > 0) return;
  throw await unknownFamily(store, familyId, { alsoKnown: history.flatMap((entry) => entry.familyIds), flag: '--family' });
}
