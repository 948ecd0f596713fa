// The famcoord command line: global options, and the table of subcommands, one file each, loaded
// only for the command that runs.
import { Command, type HelpConfiguration } from 'commander';
import { sanitizeLine } from '../domain/sanitize.js';
import { usageLang, usageMessageIn } from './usageWords.js';
import { registerWorkbench } from './workbench.js';

export { CommanderError } from 'commander';

export const VERSION = '0.1.0';

const QUOTED_LIMIT = 40;

/**
 * Commander's message as one clean line. Commander quotes what was typed, which may be anything
 * (or personal data): each long argument is cut short wherever it appears, even when it contains
 * quotes itself, and control characters are stripped.
 */
export function commanderMessage(message: string, argv: readonly string[] = []): string {
  let text = message.replace(/^error: /, '').trim();
  for (const arg of [...argv].sort((a, b) => b.length - a.length))
    if (arg.length > QUOTED_LIMIT) text = text.split(arg).join(`${arg.slice(0, QUOTED_LIMIT)}…`);
  return sanitizeLine(text)
    .replace(/\s+/g, ' ')
    .replace(new RegExp(`'([^']{${QUOTED_LIMIT}})[^']+'`, 'g'), "'$1…'");
}

type Register = (program: Command) => void;

/**
 * Every subcommand, in the order help lists them, and the module that registers it. A command's
 * module (and what it imports, such as the schemas a change is validated with) is loaded only
 * when that command runs: `famcoord today` does not pay for the other twenty-five.
 */
export const COMMANDS: ReadonlyArray<{ names: readonly string[]; load: () => Promise<Register> }> = [
  { names: ['today'], load: async () => (await import('./today.js')).registerToday },
  { names: ['families'], load: async () => (await import('./families.js')).registerFamilies },
  { names: ['family'], load: async () => (await import('./family.js')).registerFamily },
  { names: ['goal'], load: async () => (await import('./goal.js')).registerGoal },
  { names: ['meeting'], load: async () => (await import('./meeting.js')).registerMeeting },
  { names: ['agreement'], load: async () => (await import('./agreement.js')).registerAgreement },
  { names: ['contact'], load: async () => (await import('./contact.js')).registerContact },
  { names: ['consent'], load: async () => (await import('./consent.js')).registerConsent },
  { names: ['intervention'], load: async () => (await import('./intervention.js')).registerIntervention },
  { names: ['transfer'], load: async () => (await import('./transfer.js')).registerTransfer },
  { names: ['team'], load: async () => (await import('./team.js')).registerTeam },
  { names: ['member'], load: async () => (await import('./intervention.js')).registerMember },
  { names: ['assessment'], load: async () => (await import('./assessment.js')).registerAssessment },
  { names: ['observe', 'event'], load: async () => (await import('./observe.js')).registerObserve },
  { names: ['report'], load: async () => (await import('./report.js')).registerReport },
  { names: ['plan'], load: async () => (await import('./plan.js')).registerPlan },
  { names: ['minutes'], load: async () => (await import('./minutes.js')).registerMinutes },
  { names: ['calendar'], load: async () => (await import('./calendar.js')).registerCalendar },
  { names: ['batch'], load: async () => (await import('./batch.js')).registerBatch },
  { names: ['log'], load: async () => (await import('./log.js')).registerLog },
  { names: ['access-log'], load: async () => (await import('./accessLog.js')).registerAccessLog },
  { names: ['export'], load: async () => (await import('./export.js')).registerExport },
  { names: ['import'], load: async () => (await import('./import.js')).registerImport },
  { names: ['erase'], load: async () => (await import('./erase.js')).registerErase },
  { names: ['undo'], load: async () => (await import('./undo.js')).registerUndo },
  { names: ['redo'], load: async () => (await import('./redo.js')).registerRedo },
  { names: ['init'], load: async () => (await import('./init.js')).registerInit },
  { names: ['demo'], load: async () => (await import('./demo.js')).registerDemo },
  { names: ['doctor'], load: async () => (await import('./doctor.js')).registerDoctor },
  { names: ['migrate'], load: async () => (await import('./migrate.js')).registerMigrate },
  { names: ['migrate-schema'], load: async () => (await import('./migrateSchema.js')).registerMigrateSchema },
  { names: ['config'], load: async () => (await import('./config.js')).registerConfig },
];

/**
 * The first word of `argv` that is not an option or an option's value: the subcommand asked
 * for, or undefined (the workbench, or `--help` / `--version` alone).
 */
export function requestedCommand(program: Command, argv: readonly string[]): string | undefined {
  const takesValue = new Set(program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.long, o.short]));
  const args = argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') return args[i + 1];
    if (!arg.startsWith('-')) return arg;
    if (takesValue.has(arg)) i++;
  }
  return undefined;
}

/**
 * The command modules to load for `argv`: the one asked for; all of them for help and for a
 * mistyped command (help lists them, a typo gets a suggestion); none for the workbench or --version.
 */
function commandsFor(wanted: string | undefined, argv: readonly string[]) {
  if (wanted === undefined) return argv.includes('--help') || argv.includes('-h') ? COMMANDS : [];
  const chosen = COMMANDS.filter((command) => command.names.includes(wanted));
  return chosen.length > 0 ? chosen : COMMANDS;
}

/** Where commander is about to show help in Danish without its words (parseCommandLine loads them). */
class DanishHelpPending extends Error {}

/**
 * Help's words: English as commander has them; in Danish (as commander's refusals are, usageLang)
 * `danishHelp`'s, or, until they are loaded, a stop where help would be shown.
 */
function helpWordsFor(argv: readonly string[], danishHelp: HelpConfiguration | undefined): HelpConfiguration {
  if (usageLang(argv) === 'en') return {};
  return (
    danishHelp ?? {
      formatHelp: () => {
        throw new DanishHelpPending();
      },
    }
  );
}

/**
 * The program; `argv` (what was typed) picks the command modules to load, and lets error messages
 * cut long arguments short. `danishHelp` (helpWords.ts) is help in Danish, when that is the language.
 */
export async function buildProgram(argv: readonly string[] = [], danishHelp?: HelpConfiguration): Promise<Command> {
  const program = new Command('famcoord')
    .description('famcoord: the family coordinator\'s workbench. Without a command it opens the workbench (TUI).')
    .version(VERSION)
    .option('--store <path>', 'the store file (default: $FAMCOORD_STORE, the config, or the user data folder)')
    .option('--json', 'print machine-readable JSON')
    .option('--date <YYYY-MM-DD>', 'pin "today" (for demos, tests and looking back)')
    .option('--lang <da|en>', 'language of labels (default: from LANG)')
    .option('--caseload <coordinator>', "only this coordinator's families, for a team's store (default: $FAMCOORD_CASELOAD)")
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false, ...helpWordsFor(argv, danishHelp) })
    .showSuggestionAfterError(true)
    // commander adds `help [command]` by itself only to a program without an action of its own;
    // this one has the workbench.
    .helpCommand(true)
    .exitOverride()
    .configureOutput({
      // One line, prefixed, that says what to type instead. Commander quotes what was typed:
      // strip control characters from it and cut it short, it may be anything (or personal data).
      outputError: (message, write) => write(`famcoord: ${usageMessageIn(commanderMessage(message, argv), usageLang(argv))}\n`),
    });
  const commands = commandsFor(requestedCommand(program, argv), argv);
  for (const register of await Promise.all(commands.map((command) => command.load()))) register(program);
  registerWorkbench(program);
  return program;
}

/**
 * Builds the program for `argv` and runs it; `built` hears each program built. Help in Danish has
 * its words in a chunk of their own (helpWords.ts), which no other run loads; commander writes help
 * synchronously, so a run that comes to Danish help without them stops there (before anything is
 * written or done: help is shown instead of the action) and the line is run again with them.
 */
export async function parseCommandLine(argv: readonly string[], built: (program: Command) => void): Promise<void> {
  const program = await buildProgram(argv);
  built(program);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (!(error instanceof DanishHelpPending)) throw error;
    const { danishHelp } = await import('./helpWords.js');
    const again = await buildProgram(argv, danishHelp());
    built(again);
    await again.parseAsync(argv);
  }
}
