// famcoord undo: revert the last step (a whole batch is one step).
import type { Command } from 'commander';
import { createContext } from './context.js';

export function registerUndo(program: Command): void {
  program
    .command('undo')
    .description('revert the last change (one step of the audit log; a whole batch is one step)')
    .addHelpText('after', '\nExample:\n  famcoord undo')
    .action(async (_options, command: Command) => {
      const ctx = createContext(command);
      const result = await (await ctx.openStore()).undo({ user: ctx.user, source: 'cli', today: ctx.today });
      if (ctx.json) ctx.printJson({ ok: true, ...result });
      else ctx.print(`Undid step ${result.undid} (families ${result.familyIds.join(', ')}); recorded as step ${result.step}`);
    });
}
