// famcoord access-log MEMBER_ID: what was changed about one person, when and by whom (for a
// citizen's request to know what is done with their data).
import type { Command } from 'commander';
import { changesAbout, type PersonChange } from '../domain/personLog.js';
import { sanitizeLine } from '../domain/sanitize.js';
import { dayTimeText } from '../domain/dateFormat.js';
import { operationText } from '../domain/stepDescription.js';
import { createContext } from './context.js';
import { cliWords } from './labels.js';
import { formatTable } from './table.js';

export function registerAccessLog(program: Command): void {
  program
    .command('access-log')
    .description('what was changed about one person (their goals, interventions, membership), when and by whom')
    .argument('<MEMBER_ID>', 'the person, e.g. p7 (famcoord family FAMILY_ID lists members)')
    .addHelpText('after', '\nExample:\n  famcoord access-log p7 --json')
    .action(async (memberId: string, _options, command: Command) => {
      const ctx = createContext(command);
      const store = await ctx.openStore();
      const changes = changesAbout(memberId, await store.history(), (await store.read()).families);
      if (ctx.json) return ctx.printJson({ memberId, changes });
      if (changes.length === 0) return ctx.print(ctx.lang === 'da' ? `Ingen ændringer om ${sanitizeLine(memberId)} i loggen.` : `No logged changes about ${sanitizeLine(memberId)}.`);
      const words = cliWords(ctx.lang);
      ctx.print(
        formatTable<PersonChange>([
          { header: words.stepColumn, value: (c) => c.step, align: 'right' },
          { header: words.when, value: (c) => dayTimeText(c.time, ctx.timeZone, ctx.lang, ctx.today) },
          { header: words.who, value: (c) => c.user, maxWidth: 16 },
          { header: words.from, value: (c) => c.source },
          { header: words.operation, value: (c) => (ctx.lang === 'da' ? operationText(c.op, c.objectId, 'da') : c.op) },
          { header: words.on, value: (c) => c.objectId },
        ], changes),
      );
    });
}
