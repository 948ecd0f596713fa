// Planning an undo from the audit log. Undo reverts the latest step that is not itself an undo and
// has not been undone, by putting back the families as they were before it. It refuses when a
// family no longer looks the way that step left it (changed since by hand or by a tool that
// bypassed famcoord): putting the old version back would silently lose that later change.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/canonical.js';
import { erasedFamiliesOf } from '../domain/familyLog.js';
import { ownValue } from '../domain/own.js';
import type { Family } from '../domain/schema.js';
import type { AuditEntry } from './auditLog.js';

export function familyHash(family: Family | null | undefined): string | null {
  return family ? createHash('sha256').update(canonicalJson(family)).digest('hex').slice(0, 32) : null;
}

export type UndoPlan =
  | { ok: true; target: AuditEntry }
  | { ok: false; reason: string };

/**
 * The step to undo, or why there is none. `newestFirst` is the log from its end: an undo always
 * follows the step it undoes, so the target is found without reading further back than it.
 */
export function planUndo(newestFirst: Iterable<AuditEntry>, current: (familyId: string) => Family | undefined): UndoPlan {
  const entries = newestFirst[Symbol.iterator]();
  try {
    return planFrom(entries, current);
  } finally {
    entries.return?.(); // the reading stops here: the log file closed, the query ended
  }
}

function planFrom(entries: Iterator<AuditEntry>, current: (familyId: string) => Family | undefined): UndoPlan {
  const undone = new Set<number>();
  let target: AuditEntry | undefined;
  for (let next = entries.next(); !next.done; next = entries.next()) {
    const entry = next.value;
    if (entry.undoes !== undefined) undone.add(entry.undoes);
    else if (!undone.has(entry.step)) {
      target = entry;
      break;
    }
  }
  if (!target) return { ok: false, reason: 'there is nothing to undo' };
  if (target.restored !== undefined)
    return { ok: false, reason: `step ${target.step} restored a backup (${target.restored}); changes before it cannot be undone` };
  const [erased] = erasedFamiliesOf(target);
  if (erased !== undefined) {
    // The first step that erased it: the target itself, or one further back.
    let erasedAt = target.ops.some((op) => op.op === 'family.erase' && op.familyId === erased) ? target : undefined;
    for (let next = entries.next(); !next.done; next = entries.next())
      if (next.value.ops.some((op) => op.op === 'family.erase' && op.familyId === erased)) erasedAt = next.value;
    return {
      ok: false,
      reason: `cannot undo step ${target.step}: family ${erased} was erased${erasedAt ? ` (step ${erasedAt.step})` : ''} and its data is gone; an erase and the changes before it cannot be undone`,
    };
  }
  for (const familyId of target.familyIds) {
    const expected = ownValue(target.afterHash, familyId);
    if (expected === undefined) continue; // an entry written before hashes were recorded
    if (familyHash(current(familyId)) !== expected)
      return {
        ok: false,
        reason: `cannot undo step ${target.step}: family ${familyId} has been changed since outside famcoord's log, and undoing would lose that change`,
      };
  }
  return { ok: true, target };
}
