// The famcoord process: run the command line and exit with its code.
import { runCli } from './run.js';
import { redactUrls } from '../store/pgUrl.js';
import { watchStdio } from './stdio.js';

// A PostgreSQL URL given with its password: `ps` shows every user the command line, so it shows
// it without (from here on; a password is better kept in ~/.pgpass or PGPASSWORD).
// (A URL's '://' is looked for first: the pattern, run on every argument, would be compiled to machine code.)
if (process.argv.some((arg) => arg.includes('://') && redactUrls(arg) !== arg)) process.title = redactUrls(process.argv.join(' '));

// `famcoord today | head`, or the terminal closed under the workbench: the reader went away. Stop
// quietly, as Unix tools do, instead of crashing with a stack trace (stdio.ts). stdout and stderr
// get that when they are built, not now: a command that writes into a pipe builds neither.
watchStdio();

// No top-level await: bin/famcoord.js runs the bundle as a script, for V8's code cache.
void runCli(process.argv).then((code) => {
  process.exitCode = code;
});
