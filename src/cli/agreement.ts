// famcoord agreement done|update|remove: following up what was agreed at a meeting (who does what
// by when). Agreements are made with `meeting minutes --agreement`; `today` lists those due.
import type { Command } from 'commander';
import { applyOperations, appliedOp, createContext } from './context.js';

const ID_HELP = 'the agreement, e.g. a12 (m4.2 for one recorded before agreements had ids; famcoord today and famcoord family show them)';

export function registerAgreement(program: Command): void {
  const agreement = program.command('agreement').description('follow up agreements made at meetings (aftaler): done, changed, dropped or removed');

  agreement
    .command('done')
    .description('mark an agreement done')
    .argument('<AGREEMENT_ID>', ID_HELP)
    .option('--on <YYYY-MM-DD>', 'the day it was done (default: today)')
    .addHelpText('after', '\nExample:\n  famcoord agreement done a12\n  famcoord agreement done a12 --on 2026-11-28')
    .action(async (agreementId: string, o: { on?: string }, command: Command) => {
      await applyOperations(
        createContext(command),
        [{ op: 'agreement.done', agreementId, ...(o.on !== undefined && { date: o.on }) }],
        { agreementId: 'AGREEMENT_ID', date: '--on' },
        (r) => `Agreement ${agreementId} was done on ${appliedOp(r, 'agreement.done').date as string}`,
      );
    });

  agreement
    .command('update')
    .description("change who does an agreement, what, by when, or its status (dropped: no longer to be done)")
    .argument('<AGREEMENT_ID>', ID_HELP)
    .option('--who <name>', 'who does it')
    .option('--what <text>', 'what is to be done')
    .option('--due <YYYY-MM-DD>', 'by when')
    .option('--status <status>', 'open, done or dropped')
    .option('--on <YYYY-MM-DD>', 'the day it was done, with --status done (default: today)')
    .addHelpText('after', '\nExample:\n  famcoord agreement update a12 --due 2026-12-15\n  famcoord agreement update a12 --status dropped')
    .action(async (agreementId: string, o: { who?: string; what?: string; due?: string; status?: string; on?: string }, command: Command) => {
      const { on, ...fields } = o;
      await applyOperations(
        createContext(command),
        [{ op: 'agreement.update', agreementId, ...fields, ...(on !== undefined && { date: on }) }],
        { agreementId: 'AGREEMENT_ID', date: '--on' },
        () => `Updated agreement ${agreementId}`,
      );
    });

  agreement
    .command('remove')
    .description('take out an agreement recorded by mistake (undo brings it back; one no longer to be done is better dropped: update --status dropped)')
    .argument('<AGREEMENT_ID>', ID_HELP)
    .addHelpText('after', '\nExample:\n  famcoord agreement remove a12')
    .action(async (agreementId: string, _o, command: Command) => {
      await applyOperations(createContext(command), [{ op: 'agreement.remove', agreementId }], { agreementId: 'AGREEMENT_ID' }, () => `Removed agreement ${agreementId}`);
    });
}
