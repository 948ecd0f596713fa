// Caseload transfer (overdragelse): a family is asked to move to another coordinator and stays where
// it is until the receiver accepts. Pure rules over a family and the person acting; the operations
// (family.transfer, transfer.accept, transfer.decline) apply them, so every store, the CLI, the
// workbench and batch files follow the same rules.
import { compareDanish } from './collate.js';
import { OperationError } from './errors.js';
import type { Family, Transfer } from './schema.js';
import { actingPerson, samePerson } from './people.js';

/** The transfer a new request would record, or why it may not be asked for. */
export function newTransfer(family: Family, request: { to: string; note?: string | undefined }, person: string | undefined, today: string): Transfer {
  if (family.transfer) throw new OperationError(`family ${family.id} already has a transfer to ${family.transfer.to} waiting; it must be accepted or declined first`);
  if (samePerson(family.coordinator, request.to)) throw new OperationError(`family ${family.id} is already in ${request.to}'s caseload`);
  return {
    to: request.to.trim(),
    ...(family.coordinator !== undefined && { from: family.coordinator }),
    askedBy: actingPerson(family, person) ?? '',
    asked: today,
    ...(request.note !== undefined && request.note.trim() !== '' && { note: request.note }),
  };
}

/** The pending transfer a receiver may accept or decline; refused when there is none or the person is not its receiver. */
export function pendingTransfer(family: Family, person: string | undefined, action: 'accept' | 'decline'): Transfer {
  const transfer = family.transfer;
  if (!transfer) throw new OperationError(`family ${family.id} has no transfer waiting`);
  // The receiver answers; whoever asked may also take the request back (decline it).
  const mayAnswer = person === undefined || samePerson(person, transfer.to) || (action === 'decline' && samePerson(person, transfer.askedBy));
  if (!mayAnswer) throw new OperationError(`the transfer of family ${family.id} is to ${transfer.to}: only they can ${action} it${action === 'decline' ? `, or ${transfer.askedBy} who asked` : ''}`);
  return transfer;
}

/** A transfer as Today lists it: waiting for me to answer, or asked for by me (or, with no person, every one). */
export interface TransferItem {
  familyId: string;
  familyName: string;
  to: string;
  from?: string;
  askedBy: string;
  asked: string;
  note?: string;
  /** The person Today is for is the receiver: they can accept or decline it. */
  toMe: boolean;
}

/**
 * The family's pending transfer as a row of Today for `person`: to them, or asked for by them or
 * out of their caseload. With no person (one person's file store), every pending transfer.
 */
export function transferItem(family: Family, person: string | undefined): TransferItem | undefined {
  const transfer = family.transfer;
  if (!transfer) return undefined;
  const toMe = person === undefined || samePerson(person, transfer.to);
  if (!toMe && !samePerson(person, transfer.askedBy) && !samePerson(person, transfer.from)) return undefined;
  return {
    familyId: family.id,
    familyName: family.name,
    to: transfer.to,
    ...(transfer.from !== undefined && { from: transfer.from }),
    askedBy: transfer.askedBy,
    asked: transfer.asked,
    ...(transfer.note !== undefined && { note: transfer.note }),
    toMe,
  };
}

/** Those waiting for an answer first, then the oldest request. */
export const compareTransfers = (a: TransferItem, b: TransferItem) =>
  Number(b.toMe) - Number(a.toMe) || compareDanish(a.asked, b.asked) || compareDanish(a.familyId, b.familyId);
