// famcoord consent add|revoke: the family's consent (samtykke) to share information with named
// sectors for a period. A contact to a sector without valid consent is flagged in today.
import type { Command } from 'commander';
import { applyOperations, collect, createContext, createdId } from './context.js';
import { sectorFlag } from './parse.js';

export function registerConsent(program: Command): void {
  const consent = program.command('consent').description("the family's consent (samtykke) to share information with other sectors");

  consent
    .command('add')
    .description('record a consent: which sectors, from when, until when')
    .argument('<FAMILY_ID>', 'the family, e.g. f3')
    .option('--sector <sector>', 'a sector the consent covers (repeatable; required)', collect, [])
    .option('--until <YYYY-MM-DD>', 'its last day (required)')
    .option('--given <YYYY-MM-DD>', 'when it was given (default: today)')
    .addHelpText('after', '\nExample:\n  famcoord consent add f3 --sector school --sector health --until 2027-06-30')
    .action(async (familyId: string, o: { sector: string[]; until?: string; given?: string }, command: Command) => {
      await applyOperations(
        createContext(command),
        [{ op: 'consent.add', familyId, sectors: o.sector.map(sectorFlag), until: o.until, ...(o.given !== undefined && { given: o.given }) }],
        { familyId: 'FAMILY_ID', sectors: '--sector' },
        (r) => `Recorded consent ${createdId(r)} for family ${familyId}`,
      );
    });

  consent
    .command('revoke')
    .description('record that the family withdrew a consent')
    .argument('<CONSENT_ID>', 'the consent, e.g. k2')
    .option('--on <YYYY-MM-DD>', 'when (default: today)')
    .action(async (consentId: string, o: { on?: string }, command: Command) => {
      await applyOperations(createContext(command), [{ op: 'consent.revoke', consentId, ...(o.on !== undefined && { date: o.on }) }], { consentId: 'CONSENT_ID', date: '--on' }, () => `Consent ${consentId} revoked`);
    });
}
