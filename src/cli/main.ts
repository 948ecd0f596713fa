// Runs the famcoord command line and turns every failure into a one-line message and an exit code.
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { EXIT_USAGE, exitCodeFor, messageFor } from './errors.js';

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version exit 0; every other commander error is bad usage.
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    process.stderr.write(`famcoord: ${messageFor(error)}\n`);
    if (process.env.FAMCOORD_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = exitCodeFor(error);
  }
}

await main(process.argv);
