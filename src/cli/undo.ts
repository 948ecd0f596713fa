// famcoord undo: revert your newest step (a whole batch is one step), or --step N, anyone's. It
// says which step it reverted: operation, target, who, when.
import type { Command } from 'commander';
import { describeStepSummary, type StepSummary } from '../domain/stepDescription.js';
import type { UndoOptions } from '../store/Store.js';
import { createContext } from './context.js';
import { UsageError } from './errors.js';

/** --step's value: a step number as `famcoord log` shows it. */
function stepOption(value: string | undefined): UndoOptions {
  if (value === undefined) return {};
  if (!/^[1-9]\d{0,14}$/.test(value)) throw new UsageError('--step must be a step number such as 7 (famcoord log shows them)');
  return { step: Number(value) };
}

/** What undo and redo say, in each language. */
const REVERSAL_WORDS = {
  en: {
    undo: { wouldDo: (what: string, step: number) => `Would undo: ${what} (step ${step}); nothing was written`, done: (what: string, step: number, recorded: number) => `Undone: ${what} (step ${step}); recorded as step ${recorded}` },
    redo: { wouldDo: (what: string, step: number) => `Would redo: ${what} (step ${step}); nothing was written`, done: (what: string, step: number, recorded: number) => `Redone: ${what} (step ${step}); recorded as step ${recorded}` },
  },
  da: {
    undo: { wouldDo: (what: string, step: number) => `Ville fortryde: ${what} (trin ${step}); intet er skrevet`, done: (what: string, step: number, recorded: number) => `Fortrudt: ${what} (trin ${step}); registreret som trin ${recorded}` },
    redo: { wouldDo: (what: string, step: number) => `Ville gentage: ${what} (trin ${step}); intet er skrevet`, done: (what: string, step: number, recorded: number) => `Gentaget: ${what} (trin ${step}); registreret som trin ${recorded}` },
  },
} as const;

/**
 * Registers `undo` or `redo`: both act on the store, then print what they reverted or applied
 * again ("Undone: progress on g12 by hanne at 10:42 (step 7); recorded as step 9").
 */
export function registerReversal(program: Command, spec: { name: 'undo' | 'redo'; description: string; stepHelp: string; examples: string }): void {
  program
    .command(spec.name)
    .description(spec.description)
    .option('--step <N>', spec.stepHelp)
    .option('--dry-run', `say which step it would ${spec.name}, and write nothing`)
    .addHelpText('after', `\nExamples:\n${spec.examples}`)
    .action(async (options: { step?: string; dryRun?: boolean }, command: Command) => {
      const ctx = createContext(command);
      const store = await ctx.openStore();
      const meta = { user: ctx.user, source: 'cli', today: ctx.today };
      const request = stepOption(options.step);
      // --json describes in English, as it names everything in one language; text in --lang/LANG's.
      const describe = (summary: StepSummary) => describeStepSummary(summary, { timeZone: ctx.timeZone, today: ctx.today, lang: ctx.json ? 'en' : ctx.lang });
      const words = REVERSAL_WORDS[ctx.lang][spec.name];
      if (options.dryRun) {
        const summary = spec.name === 'undo' ? await store.planUndo(meta, request) : await store.planRedo(meta, request);
        if (ctx.json) return ctx.printJson({ dryRun: true, [spec.name]: summary.step, description: describe(summary) });
        return ctx.print(words.wouldDo(describe(summary), summary.step));
      }
      const { summary, ...result } = spec.name === 'undo' ? await store.undo(meta, request) : await store.redo(meta, request);
      if (ctx.json) await ctx.printJson({ ok: true, ...result, description: describe(summary) });
      else ctx.print(words.done(describe(summary), summary.step, result.step));
    });
}

export function registerUndo(program: Command): void {
  registerReversal(program, {
    name: 'undo',
    description: 'revert your newest change (one step of the audit log; a whole batch is one step)',
    stepHelp: 'the step to revert instead, whoever made it (famcoord log shows the steps)',
    examples: '  famcoord undo --dry-run\n  famcoord undo\n  famcoord undo --step 7',
  });
}
