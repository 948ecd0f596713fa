// famcoord family authority FAMILY --sector S --holder NAME | --coordinator: who holds the decision
// authority (myndighed) for a sector of a family (src/domain/decisions.ts). An intervention added
// by anyone else in that sector is proposed until the holder approves it.
import type { Command } from 'commander';
import { applyOperations, appliedOp, createContext } from './context.js';
import { UsageError } from './errors.js';
import { sectorFlag } from './parse.js';

export function registerAuthority(family: Command): void {
  family
    .command('authority')
    .description('who holds the decision authority (myndighed) for a sector: a named caseworker, or the coordinator')
    .argument('<FAMILY_ID>', 'the family, e.g. f3')
    .option('--sector <sector>', 'employment, children, adults, school, health, housing, finance or leisure (required)')
    .option('--holder <name>', 'the caseworker who decides, as the team names people')
    .option('--coordinator', "give the authority back to the family's coordinator")
    .addHelpText('after', '\nExamples:\n  famcoord family authority f3 --sector employment --holder "Lone Berg"\n  famcoord family authority f3 --sector employment --coordinator')
    .action(async (familyId: string, o: { sector?: string; holder?: string; coordinator?: boolean }, command: Command) => {
      if ((o.holder === undefined) === (o.coordinator === undefined)) throw new UsageError('give --holder NAME or --coordinator, e.g. famcoord family authority f3 --sector employment --holder "Lone Berg"');
      await applyOperations(
        createContext(command),
        [{ op: 'family.authority', familyId, sector: sectorFlag(o.sector), holder: o.holder ?? null }],
        { familyId: 'FAMILY_ID' },
        (r) => {
          const { sector, holder } = appliedOp(r, 'family.authority');
          return holder === null ? `The coordinator of family ${familyId} holds the authority for ${sector} again` : `${holder} holds the authority for ${sector} in family ${familyId}`;
        },
      );
    });
}
