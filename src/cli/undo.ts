// famcoord undo: revert the last step (a whole batch is one step).
import type { Command } from 'commander';
import { createContext } from './context.js';

/** "families f1, f2" or, for a big batch, "224 families: f1, f2, f3, …". */
export function familyList(ids: readonly string[]): string {
  return ids.length <= 5 ? `famil${ids.length === 1 ? 'y' : 'ies'} ${ids.join(', ')}` : `${ids.length} families: ${ids.slice(0, 3).join(', ')}, …`;
}

export function registerUndo(program: Command): void {
  program
    .command('undo')
    .description('revert the last change (one step of the audit log; a whole batch is one step)')
    .addHelpText('after', '\nExample:\n  famcoord undo')
    .action(async (_options, command: Command) => {
      const ctx = createContext(command);
      const result = await (await ctx.openStore()).undo({ user: ctx.user, source: 'cli', today: ctx.today });
      if (ctx.json) await ctx.printJson({ ok: true, ...result });
      else ctx.print(`Undid step ${result.undid} (${familyList(result.familyIds)}); recorded as step ${result.step}`);
    });
}
