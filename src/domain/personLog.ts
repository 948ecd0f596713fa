// What was changed about one person, from the audit log: the operations that name them (as a
// new member, the owner of a goal or an intervention, the person observed or a child's case event)
// or change an object that belongs to them.
// Changes to the family as a whole (its meetings and contacts) are not about one person.
import { isErased, type LoggedOperation } from './familyLog.js';
import type { Operation } from './operations.js';
import type { Family } from './schema.js';

/** The audit log fields this needs; the store's AuditEntry has them. */
export interface LoggedStep {
  step: number;
  time: string;
  user: string;
  source: string;
  ops: LoggedOperation[];
  before: Record<string, Family | null>;
}

export interface PersonChange {
  step: number;
  time: string;
  user: string;
  source: string;
  op: Operation['op'];
  /** The goal, intervention or member the operation changed. */
  objectId: string;
}

/** Who owns each goal and intervention, from every family version we can see. */
function ownersIn(families: Iterable<Family | null>): Map<string, string> {
  const owners = new Map<string, string>();
  for (const family of families) {
    if (!family) continue;
    for (const g of family.goals) if (g.memberId !== undefined) owners.set(g.id, g.memberId);
    for (const i of family.interventions) owners.set(i.id, i.memberId);
  }
  return owners;
}

function personAndObject(op: Operation, owners: Map<string, string>): Array<[person: string, object: string]> {
  switch (op.op) {
    case 'family.add':
      return op.members.flatMap((m) => (m.id ? [[m.id, m.id] as [string, string]] : []));
    case 'family.import':
      return op.family.members.map((m) => [m.id, m.id] as [string, string]);
    case 'member.add':
      return op.id ? [[op.id, op.id]] : [];
    case 'goal.add':
      return op.memberId !== undefined && op.id ? [[op.memberId, op.id]] : [];
    case 'intervention.add':
      return op.id ? [[op.memberId, op.id]] : [];
    case 'observation.add':
    case 'event.add':
    case 'assessment.section':
      return [[op.memberId, op.memberId]];
    case 'goal.progress':
    case 'goal.status':
    case 'goal.update': {
      const owner = owners.get(op.goalId);
      return owner ? [[owner, op.goalId]] : [];
    }
    case 'intervention.update':
    case 'intervention.end': {
      const owner = owners.get(op.interventionId);
      return owner ? [[owner, op.interventionId]] : [];
    }
    default:
      return [];
  }
}

export function changesAbout(memberId: string, steps: readonly LoggedStep[], current: readonly Family[]): PersonChange[] {
  // Ownership from the current data, the logged snapshots, and the log's own goal.add/intervention.add.
  const owners = ownersIn([...current, ...steps.flatMap((s) => Object.values(s.before))]);
  for (const s of steps)
    for (const op of s.ops) {
      if (isErased(op)) continue;
      if (op.op === 'goal.add' && op.id && op.memberId !== undefined) owners.set(op.id, op.memberId);
      if (op.op === 'intervention.add' && op.id) owners.set(op.id, op.memberId);
    }
  return steps.flatMap((s) =>
    // An erased family's operations say only which operation it was: nothing about whom.
    s.ops.flatMap((op) =>
      (isErased(op) ? [] : personAndObject(op, owners))
        .filter(([person]) => person === memberId)
        .map(([, objectId]) => ({ step: s.step, time: s.time, user: s.user, source: s.source, op: op.op, objectId })),
    ),
  );
}
