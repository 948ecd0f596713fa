// Which family and which object an operation is about: for the audit log, undo and a batch's
// summary. Plain functions over the operation's fields, apart from the schemas that validate them.
import type { Operation } from './operations.js';
import type { Workspace } from './workspace.js';

/** The family an operation concerns, when it can be told from the operation alone. */
export function familyIdOf(operation: Operation): string | undefined {
  if ('familyId' in operation) return operation.familyId;
  if (operation.op === 'family.add') return operation.id;
  return operation.op === 'family.import' ? operation.family.id : undefined;
}

/** The id of the goal, meeting, agreement, contact, intervention or member an operation changes, if it changes one. */
export function entityIdOf(operation: Operation): string | undefined {
  const fields: Partial<Record<string, unknown>> = operation;
  for (const field of ['meetingId', 'goalId', 'agreementId', 'contactId', 'interventionId', 'consentId', 'memberId']) if (typeof fields[field] === 'string') return fields[field];
  return undefined;
}

/** The family an applied operation belongs to, looked up in the workspace when the op names an object. */
export function familyOfOperation(ws: Workspace, operation: Operation): string | undefined {
  const entity = entityIdOf(operation);
  return familyIdOf(operation) ?? (entity === undefined ? undefined : ws.familyOf(entity)?.id);
}
