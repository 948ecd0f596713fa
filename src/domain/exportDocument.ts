// Families out of famcoord as one JSON document (a citizen's access request, or moving a caseload
// between stores). Apart from reading one back (exchange.ts), whose schema is zod's: `famcoord
// export` loads none of it (issue 19).
import { changesOfFamilies, type ExportedChange, type FamilyLogStep } from './familyLog.js';
import type { Family, State } from './schema.js';

export const EXPORT_FORMAT = 'famcoord-export';
export const EXPORT_VERSION = 1;

export interface FamilyExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  /** When the export was made (ISO 8601, UTC). */
  exported: string;
  families: Family[];
  /** The audit log's steps about these families, without the earlier versions undo keeps. */
  changes: ExportedChange[];
}

/** These families (all of them without `familyIds`) as they are in the store, with their changes. */
export function buildExport(state: Pick<State, 'families'>, steps: readonly FamilyLogStep[], options: { exported: string; familyIds?: readonly string[] }): FamilyExport {
  const wanted = options.familyIds === undefined ? undefined : new Set(options.familyIds);
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exported: options.exported,
    families: wanted === undefined ? state.families : state.families.filter((f) => wanted.has(f.id)),
    changes: changesOfFamilies(steps, state.families, options.familyIds),
  };
}
