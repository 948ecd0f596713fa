// famcoord log: the audit log, who changed what and when.
import type { Command } from 'commander';
import type { AuditEntry } from '../store/auditLog.js';
import { wallClock } from '../domain/dates.js';
import { dayTimeText } from '../domain/dateFormat.js';
import { describeLoggedOperations } from '../domain/stepDescription.js';
import { checkDate, createContext, type Lang } from './context.js';
import { cliWords } from './labels.js';
import { formatTable } from './table.js';
import { requireLoggedFamily } from './known.js';

const STEP_WORDS = {
  en: { undo: 'undo of step', redo: 'redo of step', restored: 'restored backup' },
  da: { undo: 'fortrydelse af trin', redo: 'gentagelse af trin', restored: 'sikkerhedskopi lagt tilbage:' },
} as const;

/**
 * "goal.progress ×3, contact.resolve" (English keeps the operations' names, as batch files and
 * scripts write them), "fremskridt på g1, g2; henvendelse c5 afklaret"; "undo of step 4".
 */
export function describeStep(entry: AuditEntry, lang: Lang = 'en'): string {
  const words = STEP_WORDS[lang];
  if (entry.undoes !== undefined) return `${words.undo} ${entry.undoes}`;
  if (entry.redoes !== undefined) return `${words.redo} ${entry.redoes}`;
  if (entry.restored !== undefined) return `${words.restored} ${entry.restored}`;
  if (lang === 'da') return describeLoggedOperations(entry.ops, lang);
  const counts = new Map<string, number>();
  for (const op of entry.ops) counts.set(op.op, (counts.get(op.op) ?? 0) + 1);
  return [...counts].map(([name, n]) => (n > 1 ? `${name} ×${n}` : name)).join(', ');
}

export function registerLog(program: Command): void {
  program
    .command('log')
    .description('the audit log: when, who, which operations, which families')
    .option('--family <FAMILY_ID>', 'only steps that changed this family')
    .option('--since <YYYY-MM-DD>', 'only steps on or after this day (local time, as shown)')
    .addHelpText('after', '\nExamples:\n  famcoord log\n  famcoord log --family f3 --since 2026-11-01 --json')
    .action(async (options: { family?: string; since?: string }, command: Command) => {
      const ctx = createContext(command);
      const since = options.since === undefined ? undefined : checkDate(options.since, '--since');
      const store = await ctx.openStore();
      const history = await store.history();
      const { family } = options;
      if (family !== undefined) await requireLoggedFamily(store, family, history);
      const entries = history.filter((e) => (family === undefined || e.familyIds.includes(family)) && (since === undefined || wallClock(e.time, ctx.timeZone).date >= since));
      // The families' earlier versions (kept for undo) stay out of the output: they are whole case files.
      if (ctx.json) return ctx.printJson(entries.map(({ before: _before, afterHash: _afterHash, ...entry }) => entry));
      if (entries.length === 0) return ctx.print(ctx.lang === 'da' ? 'Ingen ændringer i loggen endnu.' : 'No changes logged yet.');
      const words = cliWords(ctx.lang);
      ctx.print(
        formatTable<AuditEntry>([
          { header: words.stepColumn, value: (e) => e.step, align: 'right' },
          { header: words.when, value: (e) => dayTimeText(e.time, ctx.timeZone, ctx.lang, ctx.today) },
          { header: words.who, value: (e) => e.user, maxWidth: 16 },
          { header: words.from, value: (e) => e.source },
          { header: words.what, value: (e) => describeStep(e, ctx.lang), maxWidth: 50 },
          { header: words.families, value: (e) => (e.familyIds.length > 4 ? `${e.familyIds.slice(0, 4).join(', ')} +${e.familyIds.length - 4}` : e.familyIds.join(', ')) },
        ], entries),
      );
    });
}
