// The famcoord command line: global options and one registration per subcommand file.
import { Command } from 'commander';
import { sanitizeLine } from '../domain/sanitize.js';
import { registerConfig } from './config.js';
import { registerAccessLog } from './accessLog.js';
import { registerBatch } from './batch.js';
import { registerCalendar } from './calendar.js';
import { registerConsent } from './consent.js';
import { registerContact } from './contact.js';
import { registerDemo } from './demo.js';
import { registerDoctor } from './doctor.js';
import { registerErase } from './erase.js';
import { registerExport } from './export.js';
import { registerFamilies } from './families.js';
import { registerFamily } from './family.js';
import { registerGoal } from './goal.js';
import { registerInit } from './init.js';
import { registerImport } from './import.js';
import { registerIntervention, registerMember } from './intervention.js';
import { registerLog } from './log.js';
import { registerMeeting } from './meeting.js';
import { registerMigrate } from './migrate.js';
import { registerMinutes } from './minutes.js';
import { registerObserve } from './observe.js';
import { registerPlan } from './plan.js';
import { registerReport } from './report.js';
import { registerToday } from './today.js';
import { registerUndo } from './undo.js';
import { registerWorkbench } from './workbench.js';

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

/** The program; `argv` (what was typed) lets error messages cut long arguments short. */
export function buildProgram(argv: readonly string[] = []): Command {
  const program = new Command('famcoord')
    .description('famcoord: the family coordinator\'s workbench. Without a command it opens the workbench (TUI).')
    .version(VERSION)
    .option('--store <path>', 'the store file (default: $FAMCOORD_STORE, the config, or the user data folder)')
    .option('--json', 'print machine-readable JSON')
    .option('--date <YYYY-MM-DD>', 'pin "today" (for demos, tests and looking back)')
    .option('--lang <da|en>', 'language of labels (default: from LANG)')
    .option('--caseload <coordinator>', "only this coordinator's families, for a team's store (default: $FAMCOORD_CASELOAD)")
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      // One line, prefixed, that says what to type instead. Commander quotes what was typed:
      // strip control characters from it and cut it short, it may be anything (or personal data).
      outputError: (message, write) => write(`famcoord: ${commanderMessage(message, argv)}\n`),
    });
  for (const register of [registerToday, registerFamilies, registerFamily, registerGoal, registerMeeting, registerContact, registerConsent, registerIntervention, registerMember, registerObserve, registerReport, registerPlan, registerMinutes, registerCalendar, registerBatch, registerLog, registerAccessLog, registerExport, registerImport, registerErase, registerUndo, registerInit, registerDemo, registerDoctor, registerMigrate, registerConfig])
    register(program);
  registerWorkbench(program);
  return program;
}
