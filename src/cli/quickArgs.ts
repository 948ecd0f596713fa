// The command lines run most often, recognised without commander (issue 19): `famcoord today`
// with the global options in their plainest form, as a coordinator's script or the workbench's
// fallback types them. Building commander's program and parsing with it cost a 25-family `today`
// ~10 % of its instructions over `node -e 0`. Anything this does not recognise exactly (another
// command, `--store=PATH`, a repeated or a missing value, a value that starts with '-', --help,
// --version, `--`) goes to commander as before, so its parsing, help and errors stay the only ones.
import type { GlobalOptions } from './context.js';

/** The global options (src/cli/program.ts) in the form this recognises: each flag's key in GlobalOptions. */
const VALUE_FLAGS: ReadonlyMap<string, 'store' | 'date' | 'lang' | 'caseload'> = new Map([
  ['--store', 'store'],
  ['--date', 'date'],
  ['--lang', 'lang'],
  ['--caseload', 'caseload'],
]);

/**
 * The global options of `famcoord today` when `argv` (node, the script, then what was typed) is
 * exactly that command with its global options, each at most once, each value a plain word
 * (not empty, not starting with '-'); undefined for anything else.
 */
export function quickToday(argv: readonly string[]): GlobalOptions | undefined {
  const options: GlobalOptions = {};
  let command = false;
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === 'today' && !command) command = true;
    else if (arg === '--json' && options.json === undefined) options.json = true;
    else {
      const key = VALUE_FLAGS.get(arg);
      const value = argv[i + 1];
      if (key === undefined || options[key] !== undefined || value === undefined || value === '' || value.startsWith('-')) return undefined;
      options[key] = value;
      i++;
    }
  }
  return command ? options : undefined;
}

/**
 * The command and the global `--store` of a command line as commander reads them (it takes the
 * program's options anywhere before `--`, each value the word after it, whatever it is): `store`
 * absent when none was given. Undefined when this is not certain, or the line asks for help or
 * the version: `--store` twice, without a value or with an empty one, a short option (`-h`, `-V`
 * or a group of them). main.ts starts a PostgreSQL store's connection early only on its answer.
 */
export function commandAndStore(argv: readonly string[]): { command?: string; store?: string } | undefined {
  let command: string | undefined;
  let store: string | undefined;
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      command ??= argv[i + 1];
      break;
    }
    let value: string | undefined;
    if (arg === '--store') value = argv[++i] ?? '';
    else if (arg.startsWith('--store=')) value = arg.slice('--store='.length);
    else if (VALUE_FLAGS.has(arg)) i++; // another global option's value: never the command
    else if (arg === '--help' || arg === '--version' || /^-[^-]/.test(arg)) return undefined;
    else if (!arg.startsWith('-')) command ??= arg;
    if (value !== undefined) {
      if (store !== undefined || value === '') return undefined;
      store = value;
    }
  }
  return { ...(command !== undefined && { command }), ...(store !== undefined && { store }) };
}
