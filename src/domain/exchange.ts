// Families into famcoord from one JSON document (exportDocument.ts writes it: a citizen's access request, or
// moving a caseload between stores) and the plan for merging one into a store. Pure: the CLI reads
// and writes the files, the store applies the plan as `family.import` operations.
import * as z from 'zod';
import { canonicalJson } from './canonical.js';
import { EXPORT_FORMAT, EXPORT_VERSION } from './exportDocument.js';
import type { OperationOf } from './operations.js';
import { FamilySchema, type Family, type State } from './schema.js';
import { ValidationError } from './errors.js';
import { nestingProblem } from './nesting.js';
import { referenceProblems } from './references.js';
import { zodProblems } from './validate.js';
import { OVERLONG_NUMBER_MESSAGE } from './ids.js';
import { idsOf, overlongIdsOf } from './workspace.js';

const ExportFileSchema = z.looseObject({
  format: z.literal(EXPORT_FORMAT, { error: `must be "${EXPORT_FORMAT}" (a file written by famcoord export)` }),
  version: z.literal(EXPORT_VERSION, { error: `must be ${EXPORT_VERSION}` }),
  exported: z.string({ error: 'is required: the time of the export' }),
  families: z.array(FamilySchema, { error: 'is required: a list of families' }),
  // The log of another store is kept by that store; importing reads only the families.
  changes: z.array(z.unknown()).default([]),
});

/** The families of an export file's parsed JSON, or a ValidationError listing every problem (with paths, never values). */
export function parseExport(data: unknown): Family[] {
  const deep = nestingProblem(data);
  if (deep) throw new ValidationError([deep]);
  const result = ExportFileSchema.safeParse(data);
  if (!result.success) throw new ValidationError(zodProblems(result.error, data));
  const problems = [
    ...result.data.families.flatMap((family, index) => overlongIdsOf(family).map((id) => ({ path: `families[${index}] (${family.id})`, message: `id ${id} ${OVERLONG_NUMBER_MESSAGE}` }))),
    ...referenceProblems({ families: result.data.families }),
  ];
  if (problems.length > 0) throw new ValidationError(problems);
  return result.data.families;
}

export interface ImportPlan {
  /** Families the store does not have yet. */
  added: Family[];
  /** Families the store has exactly so. */
  same: Family[];
  /** Same id, different content: which top-level parts differ (members, goals, name...). */
  conflicts: Array<{ family: Family; parts: string[] }>;
  /** Families using ids that a different family of the store uses: they cannot be imported. */
  idClashes: Array<{ family: Family; ids: string[]; usedBy: string[] }>;
}

/** The parts of two versions of a family that differ, by top-level field. */
export function differingParts(ours: Family, theirs: Family): string[] {
  const fields = [...new Set([...Object.keys(ours), ...Object.keys(theirs)])];
  const part = (family: Family, field: string) => canonicalJson((family as Record<string, unknown>)[field]);
  return fields.filter((field) => part(ours, field) !== part(theirs, field));
}

/** Sorts the imported families against the store: new, the same, in conflict, or clashing ids. */
export function planImport(current: State, incoming: Iterable<Family>): ImportPlan {
  const ownerOf = new Map<string, string>();
  for (const family of current.families) for (const id of idsOf(family)) ownerOf.set(id, family.id);
  const byId = new Map(current.families.map((f) => [f.id, f]));
  const plan: ImportPlan = { added: [], same: [], conflicts: [], idClashes: [] };
  for (const family of incoming) {
    const clashing = idsOf(family).filter((id) => ownerOf.has(id) && ownerOf.get(id) !== family.id);
    const ours = byId.get(family.id);
    if (clashing.length > 0) plan.idClashes.push({ family, ids: clashing, usedBy: [...new Set(clashing.map((id) => ownerOf.get(id) as string))] });
    else if (!ours) plan.added.push(family);
    else if (canonicalJson(ours) === canonicalJson(family)) plan.same.push(family);
    else plan.conflicts.push({ family, parts: differingParts(ours, family) });
  }
  return plan;
}

export type Preference = 'theirs' | 'ours';

/** The operations that carry out a plan: new families added; conflicts replaced when theirs are preferred. */
export function importOperations(plan: ImportPlan, prefer: Preference | undefined): Array<OperationOf<'family.import'>> {
  return [
    ...plan.added.map((family) => ({ op: 'family.import' as const, family, replace: false })),
    ...(prefer === 'theirs' ? plan.conflicts.map(({ family }) => ({ op: 'family.import' as const, family, replace: true })) : []),
  ];
}
