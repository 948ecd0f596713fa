// The famcoord command line: global options and one registration per subcommand file.
import { Command } from 'commander';
import { sanitizeLine } from '../domain/sanitize.js';
import { registerConfig } from './config.js';
import { registerAccessLog } from './accessLog.js';
import { registerBatch } from './batch.js';
import { registerConsent } from './consent.js';
import { registerContact } from './contact.js';
import { registerDemo } from './demo.js';
import { registerDoctor } from './doctor.js';
import { registerFamilies } from './families.js';
import { registerFamily } from './family.js';
import { registerGoal } from './goal.js';
import { registerInit } from './init.js';
import { registerIntervention, registerMember } from './intervention.js';
import { registerLog } from './log.js';
import { registerMeeting } from './meeting.js';
import { registerObserve } from './observe.js';
import { registerReport } from './report.js';
import { registerToday } from './today.js';
import { registerUndo } from './undo.js';
import { registerWorkbench } from './workbench.js';

export const VERSION = '0.1.0';

export function commanderMessage(message: string): string {
  return sanitizeLine(message.replace(/^error: /, '').trim())
    .replace(/\s+/g, ' ')
    .replace(/'([^']{40})[^']+'/g, "'$1…'");
}

export function buildProgram(): Command {
  const program = new Command('famcoord')
    .description('famcoord: the family coordinator\'s workbench. Without a command it opens the workbench (TUI).')
    .version(VERSION)
    .option('--store <path>', 'the store file (default: $FAMCOORD_STORE, the config, or the user data folder)')
    .option('--json', 'print machine-readable JSON')
    .option('--date <YYYY-MM-DD>', 'pin "today" (for demos, tests and looking back)')
    .option('--lang <da|en>', 'language of labels (default: from LANG)')
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      // One line, prefixed, that says what to type instead. Commander quotes what was typed:
      // strip control characters from it and cut it short, it may be anything (or personal data).
      outputError: (message, write) => write(`famcoord: ${commanderMessage(message)}\n`),
    });
  for (const register of [registerToday, registerFamilies, registerFamily, registerGoal, registerMeeting, registerContact, registerConsent, registerIntervention, registerMember, registerObserve, registerReport, registerBatch, registerLog, registerAccessLog, registerUndo, registerInit, registerDemo, registerDoctor, registerConfig])
    register(program);
  registerWorkbench(program);
  return program;
}
