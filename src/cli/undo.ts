// famcoord undo: revert your newest step (a whole batch is one step), or --step N, anyone's. It
// says which step it reverted: operation, target, who, when.
import type { Command } from 'commander';
import { describeStepSummary } from '../domain/stepDescription.js';
import type { UndoOptions } from '../store/Store.js';
import { createContext } from './context.js';
import { UsageError } from './errors.js';

/** --step's value: a step number as `famcoord log` shows it. */
function stepOption(value: string | undefined): UndoOptions {
  if (value === undefined) return {};
  if (!/^[1-9]\d{0,14}$/.test(value)) throw new UsageError('--step must be a step number such as 7 (famcoord log shows them)');
  return { step: Number(value) };
}

/**
 * Registers `undo` or `redo`: both act on the store, then print what they reverted or applied
 * again ("Undone: goal.progress on g12 by hanne at 10:42 (step 7); recorded as step 9").
 */
export function registerReversal(program: Command, spec: { name: 'undo' | 'redo'; description: string; stepHelp: string; examples: string; done: string }): void {
  program
    .command(spec.name)
    .description(spec.description)
    .option('--step <N>', spec.stepHelp)
    .addHelpText('after', `\nExamples:\n${spec.examples}`)
    .action(async (options: { step?: string }, command: Command) => {
      const ctx = createContext(command);
      const store = await ctx.openStore();
      const meta = { user: ctx.user, source: 'cli', today: ctx.today };
      const { summary, ...result } = spec.name === 'undo' ? await store.undo(meta, stepOption(options.step)) : await store.redo(meta, stepOption(options.step));
      const description = describeStepSummary(summary, { timeZone: ctx.timeZone, today: ctx.today, lang: 'en' });
      if (ctx.json) await ctx.printJson({ ok: true, ...result, description });
      else ctx.print(`${spec.done}: ${description} (step ${summary.step}); recorded as step ${result.step}`);
    });
}

export function registerUndo(program: Command): void {
  registerReversal(program, {
    name: 'undo',
    description: 'revert your newest change (one step of the audit log; a whole batch is one step)',
    stepHelp: 'the step to revert instead, whoever made it (famcoord log shows the steps)',
    examples: '  famcoord undo\n  famcoord undo --step 7',
    done: 'Undone',
  });
}
