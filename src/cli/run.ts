// Runs the famcoord command line once and returns the exit code: every failure becomes a
// one-line message. main.ts uses it for the real process; tests and the fuzzer call it in-process.
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { EXIT_USAGE, exitCodeFor, messageFor, printProblem } from './errors.js';

export async function runCli(argv: string[]): Promise<number> {
  process.exitCode = undefined;
  try {
    await (await buildProgram(argv)).parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE; // help and --version exit 0
    printProblem(messageFor(error));
    if (process.env.FAMCOORD_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    return exitCodeFor(error);
  }
}
