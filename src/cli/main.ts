// The famcoord process: run the command line and exit with its code.
import { runCli } from './run.js';
import { commandAndStore } from './quickArgs.js';
import { storeLocation } from '../store/location.js';
import { connectEarly, releaseEarlyConnection } from '../store/pgStore.js';
import { isPostgresUrl, redactUrls } from '../store/pgUrl.js';
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
const run = () =>
  void runCli(process.argv).then((code) => {
    process.exitCode = code;
    releaseEarlyConnection();
  });

// A command on a PostgreSQL store (issue 19): its connection is started now, and the command line
// is parsed and the command loaded after one turn of the event loop, in which the socket connects
// and pg sends the startup message. The server then forks and starts the session (on another
// core) while famcoord loads, instead of after. Only when the store is certain (--store as
// commander reads it, else FAMCOORD_STORE or the config, as the store is resolved), and for a
// command: the workbench opens its store with a writer wait of its own, help and config none.
const early = earlyPostgresStore(process.argv);
if (early === undefined) run();
else {
  connectEarly(early);
  setImmediate(run);
}

/** The PostgreSQL URL of the store the command line will open, when that is certain. */
function earlyPostgresStore(argv: readonly string[]): string | undefined {
  const line = commandAndStore(argv);
  if (line?.command === undefined || line.command === 'help' || line.command === 'config') return undefined;
  if (line.store !== undefined) return isPostgresUrl(line.store) ? line.store : undefined;
  try {
    const { path } = storeLocation({ env: process.env });
    return isPostgresUrl(path) ? path : undefined;
  } catch {
    return undefined; // the command reports it, if it needs the store
  }
}
