// famcoord contact add|answer|resolve|cancel: cross-sector contacts, chased until answered.
import type { Command } from 'commander';
import { applyOperations, appliedOp, createContext } from './context.js';
import { fieldsFromJson, FROM_JSON_OPTION } from './input.js';
import { sectorFlag } from './parse.js';

export function registerContact(program: Command): void {
  const contact = program.command('contact').description('cross-sector contacts: a question or request to another department');

  contact
    .command('add')
    .description('open a contact to another department')
    .argument('<FAMILY_ID>', 'the family, e.g. f3')
    .option('--sector <sector>', 'employment, children, adults, school, health, housing, finance or leisure (required)')
    .option('--subject <text>', 'the question or request (required)')
    .option('--department <text>', 'the department, e.g. "Jobcenter Nord"')
    .option('--opened <YYYY-MM-DD>', 'when it was sent (default: today)')
    .option('--reply-by <YYYY-MM-DD>', 'when an answer is due')
    .option(...FROM_JSON_OPTION)
    .addHelpText('after', '\nExample:\n  famcoord contact add f3 --sector school --subject "Anmodning om PPR-vurdering af Emil" --reply-by 2026-12-08\n  famcoord contact add f3 --from-json contact.json   # {"sector": "school", "subject": "…", "replyBy": "2026-12-08"}')
    .action(async (familyId: string, o: { sector: string; subject: string; department?: string; opened?: string; replyBy?: string; fromJson?: string }, command: Command) => {
      const ctx = createContext(command);
      const json = await fieldsFromJson(command, o.fromJson, ['familyId']);
      await applyOperations(
        ctx,
        [json ? { op: 'contact.add', familyId, ...json } : { op: 'contact.add', familyId, sector: sectorFlag(o.sector), subject: o.subject, ...(o.department !== undefined && { department: o.department }), ...(o.opened !== undefined && { opened: o.opened }), ...(o.replyBy !== undefined && { replyBy: o.replyBy }) }],
        json ? 'from-json' : { familyId: 'FAMILY_ID' },
        (r) => {
          const opened = appliedOp(r, 'contact.add');
          return `Opened contact ${opened.id as string} for family ${familyId} on ${opened.opened as string}${opened.replyBy === undefined ? '' : `, reply by ${opened.replyBy}`}`;
        },
      );
    });

  contact
    .command('answer')
    .description('record the answer from the other department (the contact stays to be resolved)')
    .argument('<CONTACT_ID>', 'the contact, e.g. c5')
    .option('--text <text>', 'what they answered (required)')
    .option('--on <YYYY-MM-DD>', 'when (default: today)')
    .addHelpText('after', '\nExample:\n  famcoord contact answer c5 --text "PPR kommer på besøg i uge 50"')
    .action(async (contactId: string, o: { text: string; on?: string }, command: Command) => {
      await applyOperations(
        createContext(command),
        [{ op: 'contact.answer', contactId, answer: o.text, ...(o.on !== undefined && { date: o.on }) }],
        { contactId: 'CONTACT_ID', answer: '--text', date: '--on' },
        (r) => `Recorded the answer to contact ${contactId}, answered ${appliedOp(r, 'contact.answer').date as string}`,
      );
    });

  contact
    .command('resolve')
    .description('close a contact with its resolution')
    .argument('<CONTACT_ID>', 'the contact, e.g. c5')
    .option('--resolution <text>', 'how it was resolved (required)')
    .option('--on <YYYY-MM-DD>', 'when (default: today)')
    .addHelpText('after', '\nExample:\n  famcoord contact resolve c5 --resolution "Ressourceforløb bevilget fra januar"')
    .action(async (contactId: string, o: { resolution: string; on?: string }, command: Command) => {
      await applyOperations(
        createContext(command),
        [{ op: 'contact.resolve', contactId, resolution: o.resolution, ...(o.on !== undefined && { date: o.on }) }],
        { contactId: 'CONTACT_ID', date: '--on' },
        (r) => `Resolved contact ${contactId} on ${appliedOp(r, 'contact.resolve').date as string}`,
      );
    });

  contact
    .command('cancel')
    .description('cancel a contact that is no longer needed')
    .argument('<CONTACT_ID>', 'the contact, e.g. c5')
    .option('--reason <text>', 'why', '')
    .action(async (contactId: string, o: { reason: string }, command: Command) => {
      await applyOperations(
        createContext(command),
        [{ op: 'contact.cancel', contactId, reason: o.reason }],
        { contactId: 'CONTACT_ID' },
        (r) => `Cancelled contact ${contactId} on ${appliedOp(r, 'contact.cancel').date as string}`,
      );
    });
}
