// famcoord families: the caseload. famcoord families add: a new family with its members.
import type { Command } from 'commander';
import { parseMember } from './parse.js';
import { dayTimeText } from '../domain/dateFormat.js';
import { byFamilyName, familySummary, type FamilySummary } from '../domain/views.js';
import { applyOperations, collect, createContext } from './context.js';
import { fieldsFromJson, FROM_JSON_OPTION } from './input.js';
import { requireKnownCaseload } from './known.js';
import { cliWords } from './labels.js';
import { tableText, type Column } from './table.js';

export function registerFamilies(program: Command): void {
  const families = program
    .command('families')
    .description('the caseload: every family with its overdue goals and open contacts')
    .addHelpText('after', '\nExamples:\n  famcoord families\n  famcoord families add --name "Familien Jensen" --member "Mette Jensen:adult" --member "Emil Jensen:child"')
    .action(async (_options, command: Command) => {
      const ctx = createContext(command);
      const store = await ctx.openStore();
      // Family by family: a municipality's store is too large to hold whole for a list of summaries.
      const rows: FamilySummary[] = [];
      for await (const family of store.eachFamily(ctx.scope())) rows.push(familySummary(family, ctx.today, ctx.timeZone));
      rows.sort(byFamilyName);
      await requireKnownCaseload(ctx, store, rows.length);
      if (ctx.json) return ctx.printJson(rows);
      const w = cliWords(ctx.lang);
      if (rows.length === 0) return ctx.print(w.noFamilies);
      const columns: Column<FamilySummary>[] = [
        { header: 'ID', value: (f) => f.id },
        { header: w.family, value: (f) => f.name, maxWidth: 32 },
        { header: w.adults, value: (f) => f.adults, align: 'right' },
        { header: w.children, value: (f) => f.children, align: 'right' },
        { header: w.goals, value: (f) => f.activeGoals, align: 'right' },
        { header: w.overdue, value: (f) => f.overdueGoals, align: 'right' },
        { header: w.contacts, value: (f) => f.openContacts, align: 'right' },
        { header: w.nextMeeting, value: (f) => (f.nextMeeting ? dayTimeText(f.nextMeeting, ctx.timeZone, ctx.lang, ctx.today) : '') },
        { header: w.coordinatorColumn, value: (f) => f.coordinator, maxWidth: 24 },
      ];
      // Line by line: a municipality's caseload list is a hundred thousand lines.
      await ctx.printPieces(tableText(columns, rows));
    });

  families
    .command('add')
    .description('add a family and its members')
    .option('--name <text>', 'the family\'s name, e.g. "Familien Jensen" (required)')
    .option('--member <name:role>', 'a member, role adult or child (repeatable)', collect, [])
    .option('--coordinator <name>', 'the family coordinator')
    .option('--id <id>', 'a chosen id (default: the next free f-number)')
    .option(...FROM_JSON_OPTION)
    .addHelpText('after', '\nExample, with the names kept off the command line:\n  famcoord families add --from-json - <<< \'{"name": "Familien Jensen", "members": [{"name": "Mette Jensen", "role": "adult"}]}\'')
    .action(async (options: { name: string; member: string[]; coordinator?: string; id?: string; fromJson?: string }, command: Command) => {
      const ctx = createContext(command);
      const json = await fieldsFromJson(command, options.fromJson);
      // On a team's store a coordinator's new family is in their own caseload (the database insists).
      options.coordinator ??= await (await ctx.openStore()).person?.();
      await applyOperations(
        ctx,
        [json ? { op: 'family.add', ...json } : { op: 'family.add', name: options.name, members: options.member.map(parseMember), ...(options.coordinator !== undefined && { coordinator: options.coordinator }), ...(options.id !== undefined && { id: options.id }) }],
        json ? 'from-json' : { members: '--member' },
        (r) => `Added family ${r.familyIds[0]}`,
      );
    });
}
