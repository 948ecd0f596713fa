// Applies a list of operations as one all-or-nothing step and checks that every family it touched
// is still valid. Used by every store backend, so the rules live in one place.
import { sameData } from './canonical.js';
import { OperationError, shownId, StoredDataError, TransactionError, ValidationError, type Problem } from './errors.js';
import { applyOperation, type ApplyContext } from './applyOperation.js';
import type { Operation } from './operations.js';
import { nestingProblem } from './nesting.js';
import { familyOfOperation } from './operationTargets.js';
import { referenceProblems } from './references.js';
import { FAMILY_SHAPE } from './schemaShapes.generated.js';
import { verdictOf, type Verdict } from './schemaVerdict.js';
import type { Family } from './schema.js';
import { idChanges, type FamilyChange, type Workspace } from './workspace.js';

export interface AppliedTransaction {
  /** The operations as applied, with new ids and default dates filled in. */
  applied: Operation[];
  changes: FamilyChange[];
}

/** zod's verdict on a family, quicker than its parse, with no zod loaded; built when a step first checks a family. */
let familyVerdict: Verdict | undefined;
const familyPasses = (family: Family) => (familyVerdict ??= verdictOf(FAMILY_SHAPE))(family);

/** zod's check of a family (validate.ts), loaded only for a family the quick verdict does not pass. */
let zodCheck: typeof import('./validate.js') | undefined;

/**
 * A step checked a family the quick verdict does not pass, and zod, which must judge and word it,
 * is not loaded: the step stops before anything is written. `withSchemas` loads zod and runs the
 * step again (operations are pure, and a store reads the families anew), so the step ends as it
 * would have with zod loaded from the start.
 */
export class SchemasNeeded extends Error {}

/** Runs a step (a store's transact, preview, undo or redo), again with zod loaded if it needed it (SchemasNeeded). */
export async function withSchemas<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof SchemasNeeded)) throw error;
    zodCheck ??= await import('./validate.js');
    return step();
  }
}

/** The first problems of these families (schema, then references); `at` names a family's own in the path. */
function familiesProblems(families: Family[], at: (family: Family) => string = () => ''): Problem[] {
  for (const family of families) {
    const deep = nestingProblem(family); // a family put back from a hand-edited log
    if (deep) return [{ ...deep, path: `${at(family)}${deep.path}` }];
    // A family the verdict passes, zod passes; any other, zod judges and describes.
    if (familyPasses(family)) continue;
    if (!zodCheck) throw new SchemasNeeded('a family needs zod to be checked');
    const problems = zodCheck.familyProblems(family);
    if (problems.length > 0) return problems.map((p) => ({ ...p, path: `${at(family)}${p.path}` }));
  }
  return referenceProblems({ families });
}

/**
 * Checks that the families a step leaves behind are valid (schema and references). When they are
 * not, and were not before the step either, the store's data is at fault (a row edited by other
 * hands), not the change: that is a StoredDataError, naming the family. Looked at only then.
 */
function checkChanges(changes: FamilyChange[]): void {
  const problems = familiesProblems(changes.flatMap((c) => (c.after ? [c.after] : [])));
  if (problems.length === 0) return;
  const stored = familiesProblems(
    changes.flatMap((c) => (c.before ? [c.before] : [])),
    (family) => `families (${shownId(family.id) ?? '?'}).`,
  );
  throw stored.length > 0 ? new StoredDataError(stored) : new ValidationError(problems);
}

/**
 * Puts whole families back as they were (undo, redo); `family: null` takes a family out. An id the
 * version put back would bring may have gone to another family since (an undo freed it, a new
 * object took it): then nothing is put back, as two objects with one id would break the store.
 */
export function runRestore(ws: Workspace, versions: ReadonlyArray<{ familyId: string; family: Family | null }>): FamilyChange[] {
  const restoring = new Set(versions.map((version) => version.familyId));
  for (const { familyId, family } of versions) {
    if (!family) continue;
    // Only the ids the family does not hold now can be another's.
    for (const id of idChanges(ws.family(familyId), family).added) {
      const owner = ws.familyOf(id);
      if (owner !== undefined && owner.id !== familyId && !restoring.has(owner.id))
        throw new OperationError(`family ${familyId} cannot be put back as it was: its id ${id} is used by family ${owner.id} since`);
    }
  }
  for (const { familyId, family } of versions) {
    if (family) ws.put(family);
    else ws.remove(familyId);
  }
  const changes = ws.changes();
  checkChanges(changes);
  return changes;
}

export function runTransaction(ws: Workspace, operations: readonly Operation[], ctx: ApplyContext): AppliedTransaction {
  const applied = operations.map((operation, index) => {
    try {
      return applyOperation(ws, operation, ctx);
    } catch (error) {
      if (error instanceof OperationError) throw new TransactionError(index + 1, error);
      throw error;
    }
  });
  const changes = ws.changes();
  // Each operation changed something (applyOperation refuses one that does not), but together they
  // may have put every family back as it was (a status set and set back), or there were none.
  if (changes.every((change) => sameData(change.before, change.after)))
    throw new OperationError(operations.length === 0 ? 'nothing to change: no operations' : 'nothing to change: together the operations leave every family as it was');
  checkChanges(changes);
  return { applied, changes };
}

/** The family each applied operation changed, in order: for a batch's summary. */
export function operationFamilyIds(ws: Workspace, applied: readonly Operation[]): Array<string | undefined> {
  return applied.map((operation) => familyOfOperation(ws, operation));
}

/**
 * Every operation that cannot be applied, not just the first: each is tried in turn on the
 * workspace and a failing one is skipped, so a batch file can be corrected in one go. (A later
 * operation that depends on a failed one may fail too; that is reported as well.)
 */
export function findFailingOperations(ws: Workspace, operations: readonly Operation[], ctx: ApplyContext): Array<{ index: number; message: string; error: OperationError }> {
  const failures: Array<{ index: number; message: string; error: OperationError }> = [];
  operations.forEach((operation, index) => {
    try {
      applyOperation(ws, operation, ctx);
    } catch (error) {
      if (!(error instanceof OperationError)) throw error;
      failures.push({ index: index + 1, message: error.message, error });
    }
  });
  return failures;
}
