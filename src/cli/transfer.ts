// famcoord transfer FAMILY --to NAME, transfer accept|decline FAMILY: a caseload transfer
// (overdragelse). The family stays with its coordinator until the receiver accepts
// (src/domain/transfers.ts); every step is logged as any change is.
import type { Command } from 'commander';
import { applyOperations, appliedOp, createContext } from './context.js';

export function registerTransfer(program: Command): void {
  const transfer = program
    .command('transfer')
    .description("ask for a family to move to another coordinator's caseload; the receiver accepts or declines")
    .argument('<FAMILY_ID>', 'the family, e.g. f3')
    .option('--to <name>', 'the coordinator to take it over, as families name coordinators (required)')
    .option('--note <text>', 'why, or what the receiver should know')
    .addHelpText('after', '\nExamples:\n  famcoord transfer f3 --to "Per Holm" --note "Flytter til Nordbyen"\n  famcoord transfer accept f3\n  famcoord transfer decline f3 --reason "Fuld sagsstamme"')
    .action(async (familyId: string, o: { to?: string; note?: string }, command: Command) => {
      await applyOperations(
        createContext(command),
        [{ op: 'family.transfer', familyId, to: o.to, ...(o.note !== undefined && { note: o.note }) }],
        { familyId: 'FAMILY_ID' },
        (r) => `Asked for family ${familyId} to move to ${appliedOp(r, 'family.transfer').to}; it stays where it is until they accept`,
      );
    });

  transfer
    .command('accept')
    .description('take over a family whose transfer to you waits')
    .argument('<FAMILY_ID>', 'the family, e.g. f3')
    .action(async (familyId: string, _o: object, command: Command) => {
      await applyOperations(createContext(command), [{ op: 'transfer.accept', familyId }], { familyId: 'FAMILY_ID' }, () => `Family ${familyId} is in your caseload now`);
    });

  transfer
    .command('decline')
    .description('decline a transfer to you (or take back one you asked for)')
    .argument('<FAMILY_ID>', 'the family, e.g. f3')
    .option('--reason <text>', 'why')
    .action(async (familyId: string, o: { reason?: string }, command: Command) => {
      await applyOperations(createContext(command), [{ op: 'transfer.decline', familyId, ...(o.reason !== undefined && { reason: o.reason }) }], { familyId: 'FAMILY_ID' }, () => `Declined the transfer of family ${familyId}; it stays where it is`);
    });
}
