// The audit log seen family by family: which logged operations concern which family (for an
// export's list of changes), and how the log is scrubbed of one family when its case ends and its
// data is erased. Pure: the store reads and rewrites the log around these functions.
import type { Operation, OperationName } from './operations.js';
import { entityIdOf, familyIdOf } from './operationTargets.js';
import type { Family } from './schema.js';
import { idsOf } from './workspace.js';

/** What remains of an operation about an erased family: which operation it was, on which family. */
export interface ErasedOperation {
  op: OperationName;
  familyId: string;
  erased: true;
}

/** An operation as the audit log holds it: as applied, or scrubbed after its family was erased. */
export type LoggedOperation = Operation | ErasedOperation;

export function isErased(operation: LoggedOperation): operation is ErasedOperation {
  return 'erased' in operation && operation.erased === true;
}

/** One step of the audit log (the store keeps them as `AuditEntry`, src/store/auditLog.ts). */
export interface FamilyLogStep {
  step: number;
  /** The link to the entry before it (src/store/auditChain.ts); absent in entries written before chaining. */
  prev?: string;
  time: string;
  user: string;
  source: string;
  /** As applied; an operation about an erased family keeps only its name and the family id. */
  ops: LoggedOperation[];
  familyIds: string[];
  /** Each touched family before the step; null for a family the step added; erasing a family removes its key. */
  before: Record<string, Family | null>;
  /** A hash of each touched family after the step (null: removed), to detect changes made since. */
  afterHash?: Record<string, string | null>;
  /** Set on an undo step: the step it reverted (always a change step, never an undo or a redo). */
  undoes?: number;
  /** Set on a redo step: the step it applied again, which an undo had reverted. */
  redoes?: number;
  /** Set when `famcoord doctor --restore` put a backup back ("bak.2"): undo cannot go past it. */
  restored?: string;
  /** Set on an undo or redo a team's lead made of another person's step (`undo --step N` on a team store). */
  asLead?: true;
}

/**
 * A function telling the family of each logged operation. Goal, meeting, contact, intervention and
 * member ids are unique in the store, so their owner is found in the current data, in the families
 * as the log kept them, or in the operation that added them.
 */
export function operationFamilyResolver(steps: readonly FamilyLogStep[], current: readonly Family[]) {
  const owners = new Map<string, string>();
  const own = (family: Family | null | undefined) => {
    if (family) for (const id of idsOf(family)) owners.set(id, family.id);
  };
  for (const step of steps) {
    for (const family of Object.values(step.before)) own(family);
    for (const op of step.ops) {
      if (isErased(op)) continue;
      if (op.op === 'family.import') own(op.family);
      const familyId = familyIdOf(op);
      const added = op.op === 'family.add' ? op.members.map((m) => m.id) : [(op as { id?: unknown }).id];
      for (const id of added) if (familyId !== undefined && typeof id === 'string') owners.set(id, familyId);
    }
  }
  for (const family of current) own(family);
  return (step: FamilyLogStep, op: LoggedOperation): string | undefined => {
    if (isErased(op)) return op.familyId;
    // A step that touched one family is about that family alone.
    if (step.familyIds.length === 1) return step.familyIds[0];
    const entity = entityIdOf(op);
    return familyIdOf(op) ?? (entity === undefined ? undefined : owners.get(entity));
  };
}

/** One step of the log as an export shows it: no families' earlier versions, no hashes. */
export type ExportedChange = Omit<FamilyLogStep, 'before' | 'afterHash'>;

function exportedChange(step: FamilyLogStep, ops: LoggedOperation[], familyIds: string[]): ExportedChange {
  return {
    step: step.step,
    time: step.time,
    user: step.user,
    source: step.source,
    ops,
    familyIds,
    ...(step.undoes !== undefined && { undoes: step.undoes }),
    ...(step.redoes !== undefined && { redoes: step.redoes }),
    ...(step.restored !== undefined && { restored: step.restored }),
  };
}

/**
 * The steps that touched these families, each with only the operations about them: another
 * family's data in the same step (a batch) stays out. Without `familyIds`, every step whole.
 */
export function changesOfFamilies(steps: readonly FamilyLogStep[], current: readonly Family[], familyIds?: readonly string[]): ExportedChange[] {
  if (familyIds === undefined) return steps.map((step) => exportedChange(step, step.ops, step.familyIds));
  const wanted = new Set(familyIds);
  const familyOf = operationFamilyResolver(steps, current);
  return steps.flatMap((step) => {
    const ops = step.ops.filter((op) => wanted.has(familyOf(step, op) ?? ''));
    const touched = step.familyIds.filter((id) => wanted.has(id));
    return ops.length > 0 || touched.length > 0 ? [exportedChange(step, ops, touched)] : [];
  });
}

/**
 * The log with nothing left of one family's data: its earlier versions and hashes are dropped, and
 * every operation about it (or that cannot be told apart from it, in a step that touched it) keeps
 * only its name and the family id. When, who and from where stay: they are not about the family.
 */
export function scrubFamily<Step extends FamilyLogStep>(steps: readonly Step[], familyId: string, current: readonly Family[]): Step[] {
  const familyOf = operationFamilyResolver(steps, current);
  return steps.map((step) => {
    const touched = step.familyIds.includes(familyId);
    const ops = step.ops.map((op): LoggedOperation => {
      const owner = familyOf(step, op);
      const about = owner === familyId || (touched && owner === undefined);
      return about && !isErased(op) ? { op: op.op, familyId, erased: true } : op;
    });
    if (!touched && ops.every((op, i) => op === step.ops[i])) return step;
    const { [familyId]: _before, ...before } = step.before;
    const scrubbed: Step = { ...step, ops, before };
    if (step.afterHash) {
      const { [familyId]: _hash, ...afterHash } = step.afterHash;
      scrubbed.afterHash = afterHash;
    }
    return scrubbed;
  });
}

/** The families a step touched whose data has been erased since (their earlier version is gone). */
export function erasedFamiliesOf(step: FamilyLogStep): string[] {
  return step.familyIds.filter((id) => !Object.hasOwn(step.before, id));
}
