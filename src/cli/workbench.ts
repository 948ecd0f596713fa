// Bare `famcoord`: the workbench. On a terminal it loads the Ink TUI with a dynamic import, so no
// other command pays for Ink and React at start-up; without one (a pipe, CI) it prints Today as text.
import type { Command } from 'commander';
import { editDistance } from '../domain/suggest.js';
import { createContext } from './context.js';
import { UsageError, type WordedMessage } from './errors.js';
import { requireKnownCaseload } from './known.js';
import { printToday } from './today.js';

/**
 * How long a change made in the workbench waits for another writer (a batch job) before it says
 * "locked": a person sees "Saving…" with their keys queued behind it, and would rather wait than
 * type the change again; a script's command gives up after WRITER_WAIT_MS (15 s).
 */
const WORKBENCH_WRITER_WAIT_MS = 120_000;

export function registerWorkbench(program: Command): void {
  // Registered last, and only here allowing extra words, so that a mistyped command reaches the
  // action below and gets a suggestion instead of commander's "too many arguments".
  program.allowExcessArguments(true);
  program.action(async (_options, command: Command) => {
    const [word] = command.args;
    if (word !== undefined) throw new UsageError(unknownCommandMessage(word, program.commands.map((c) => c.name())));
    const ctx = createContext(command);
    const store = await ctx.openStore({ writerWaitMs: WORKBENCH_WRITER_WAIT_MS });
    if (process.stdin.isTTY && process.stdout.isTTY && !ctx.json) {
      // runTui reads the store before it takes over the screen, so a bad store fails plainly here.
      await requireKnownCaseload(ctx, store, 0);
      const { runTui } = await import('../tui/run.js');
      const { configuredPurposes } = await import('./purposes.js');
      const person = await ctx.person();
      process.exitCode = await runTui({
        store,
        purposes: await configuredPurposes(),
        lang: ctx.lang,
        ...(ctx.datePinned && { today: ctx.today }),
        timeZone: ctx.timeZone,
        user: ctx.user,
        // A caseload's workbench also holds the families a transfer or a decision involves the person in.
        scope: ctx.caseload === undefined ? {} : { involving: ctx.caseload },
        ...(person !== undefined && { person }),
        noColor: process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '',
      });
      return;
    }
    await printToday(ctx, store);
  });
}

function unknownCommandMessage(word: string, commands: string[]): WordedMessage {
  const shown = word.replace(/[^\w.-]/g, '?').slice(0, 40);
  const best = commands.map((name) => ({ name, d: editDistance(word, name) })).sort((a, b) => a.d - b.d)[0];
  const near = best && best.d <= 2 ? best.name : undefined;
  return (lang) =>
    lang === 'da'
      ? `ukendt kommando '${shown}'${near ? ` (mente du ${near}?)` : ''}; famcoord --help viser kommandoerne`
      : `unknown command '${shown}'${near ? ` (did you mean ${near}?)` : ''}; famcoord --help lists the commands`;
}
