// The table of intervention kinds that serve the same purpose: the domain's default, or the one a
// municipality put in the famcoord config (`famcoord config set-purposes FILE`). It lives in the
// config rather than in the store: it describes the municipality's catalogue of help, not a
// family, and the store's backends keep families (one line or row each), so a store-wide record
// would need a place of its own in each; only the commands that show collisions read it.
import { purposeTableFrom, SAME_PURPOSE, type PurposeTable } from '../domain/collisions.js';
import { readConfig } from '../store/location.js';
import { UsageError } from './errors.js';

export async function configuredPurposes(env: NodeJS.ProcessEnv = process.env): Promise<PurposeTable> {
  const value: unknown = readConfig(env).get('samePurpose');
  if (value === undefined) return SAME_PURPOSE;
  return checkedPurposes(value, "the famcoord config's samePurpose");
}

/** A purpose table from outside, or a usage error naming where it came from. */
export function checkedPurposes(value: unknown, where: string): PurposeTable {
  const table = purposeTableFrom(value);
  if (typeof table === 'string') throw new UsageError(`${where} ${table}`);
  return table;
}
