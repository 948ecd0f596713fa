// Runs the famcoord command line once and returns the exit code: every failure becomes a
// one-line message. main.ts uses it for the real process; tests and the fuzzer call it in-process.
import type { Command } from 'commander';
import { messageLang, textLang, type GlobalOptions } from './context.js';
import { EXIT_USAGE, exitCodeFor, messageFor, printProblem } from './errors.js';
import { quickToday } from './quickArgs.js';
import { setOutputLang } from './stdio.js';
import { runQuickToday } from './today.js';

export async function runCli(argv: string[]): Promise<number> {
  process.exitCode = undefined;
  // The global options as parsed, for the language of a message; none until they are.
  let options: () => GlobalOptions | undefined = () => undefined;
  let isCommanderError = (_error: unknown) => false;
  try {
    const quick = quickToday(argv);
    if (quick) {
      // commander and the program's table load only for the command lines quickArgs.ts leaves to them.
      options = () => quick;
      setOutputLang(() => textLang(quick));
      await runQuickToday(quick);
    } else {
      const { parseCommandLine, CommanderError } = await import('./program.js');
      isCommanderError = (error) => error instanceof CommanderError;
      await parseCommandLine(argv, (program: Command) => {
        options = () => program.opts<GlobalOptions>();
        setOutputLang(() => textLang(program.opts<GlobalOptions>()));
      });
    }
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (isCommanderError(error)) return (error as { exitCode: number }).exitCode === 0 ? 0 : EXIT_USAGE; // help and --version exit 0
    const parsed = options();
    printProblem(messageFor(error, parsed ? messageLang(parsed) : 'en'));
    if (process.env.FAMCOORD_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    return exitCodeFor(error);
  }
}
