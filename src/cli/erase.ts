// famcoord erase --family ID: when a case ends, the family and every trace of its data go, from the
// store, the audit log and the backups. It cannot be undone, so it is confirmed first: on a
// terminal by typing the family's id, in a script by passing --yes.
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { entityId } from '../domain/schema.js';
import { TransactionError, UnknownIdError } from '../domain/errors.js';
import { createContext } from './context.js';
import { UsageError } from './errors.js';
import { unknownFamily } from './known.js';
import { confirmations } from './confirmations.js';

async function confirmOnTerminal(familyId: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`This erases family ${familyId} for good: from the store, the audit log and the backups. It cannot be undone.\nType ${familyId} to erase it: `);
    return answer.trim() === familyId;
  } finally {
    prompt.close();
  }
}

export function registerErase(program: Command): void {
  program
    .command('erase')
    .description("when a case ends: delete a family and its data in the audit log and backups (cannot be undone)")
    .requiredOption('--family <FAMILY_ID>', 'the family to erase')
    .option('--yes', 'do not ask (needed without a terminal)')
    .addHelpText('after', `
Examples:
  famcoord export --family f3 --out f3.json   # keep a copy first, if the case may come back
  famcoord erase --family f3
  famcoord erase --family f3 --yes`)
    .action(async (options: { family: string; yes?: boolean }, command: Command) => {
      const ctx = createContext(command);
      if (!entityId.safeParse(options.family).success)
        throw new UsageError((lang) => (lang === 'da' ? '--family skal være en families id som f3; famcoord families viser dem' : '--family must be a family id such as f3; famcoord families lists them'));
      const familyId = options.family;
      if (!options.yes) {
        if (!process.stdin.isTTY)
          throw new UsageError((lang) =>
            lang === 'da'
              ? `en sletning kan ikke fortrydes: angiv --yes for at slette familie ${familyId} uden en terminal; intet er skrevet`
              : `erasing cannot be undone: pass --yes to erase family ${familyId} without a terminal; nothing was written`,
          );
        if (!(await confirmOnTerminal(familyId))) throw new UsageError((lang) => (lang === 'da' ? `det var ikke ${familyId}; intet er slettet` : `that was not ${familyId}; nothing was erased`));
      }
      const store = await ctx.openStore();
      const result = await store.erase(familyId, { user: ctx.user, source: 'cli', today: ctx.today }).catch(async (error: unknown) => {
        if (!(error instanceof TransactionError)) throw error;
        throw error.cause instanceof UnknownIdError ? await unknownFamily(store, familyId, { flag: '--family' }) : error.cause;
      });
      if (ctx.json) await ctx.printJson({ ok: true, step: result.step, erased: familyId, ...(result.unfinished && { unfinished: result.unfinished }) });
      else ctx.print(confirmations(ctx.lang).erased(familyId, result.step));
      if (result.unfinished) process.stderr.write(`famcoord: ${result.unfinished}\n`);
    });
}
