// Runs the famcoord command line once and returns the exit code: every failure becomes a
// one-line message. main.ts uses it for the real process; tests and the fuzzer call it in-process.
import { CommanderError, type Command } from 'commander';
import { buildProgram } from './program.js';
import { messageLang, textLang, type GlobalOptions } from './context.js';
import { EXIT_USAGE, exitCodeFor, messageFor, printProblem } from './errors.js';
import { setOutputLang } from './stdio.js';

export async function runCli(argv: string[]): Promise<number> {
  process.exitCode = undefined;
  let program: Command | undefined;
  try {
    program = await buildProgram(argv);
    const parsed = program;
    setOutputLang(() => textLang(parsed.opts<GlobalOptions>()));
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE; // help and --version exit 0
    printProblem(messageFor(error, program ? messageLang(program.opts<GlobalOptions>()) : 'en'));
    if (process.env.FAMCOORD_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    return exitCodeFor(error);
  }
}
