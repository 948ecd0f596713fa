// The famcoord process: run the command line and exit with its code.
import { runCli } from './run.js';

process.exitCode = await runCli(process.argv);
