// famcoord team: the lead's overview, per coordinator (src/domain/teamOverview.ts). The `team`
// command is also the home of `team user ...` (the team's logins on PostgreSQL, teamUser.ts).
import type { Command } from 'commander';
import { decimalText, numericDate } from '../domain/dateFormat.js';
import { TeamOverviewRows, type CoordinatorOverview } from '../domain/teamOverview.js';
import type { Sector } from '../domain/vocabulary.js';
import { createContext } from './context.js';
import { cliWords, sectorLabel } from './labels.js';
import { tableText, type Column } from './table.js';
import { registerTeamUser } from './teamUser.js';

export function registerTeam(program: Command): Command {
  const team = program
    .command('team')
    .description("the lead's overview: each coordinator's caseload, what waits in it, and the median reply time per sector over 90 days")
    .addHelpText('after', '\nExamples:\n  famcoord team\n  famcoord team --json')
    .action(async (_options, command: Command) => {
      const ctx = createContext(command);
      const store = await ctx.openStore();
      // The team's overview, whatever caseload the command is given: a family at a time.
      const rows = new TeamOverviewRows(ctx.today);
      for await (const family of store.eachFamily()) rows.add(family);
      const overview = rows.view();
      if (ctx.json) return ctx.printJson(overview);
      const w = cliWords(ctx.lang);
      const replies = (c: CoordinatorOverview) =>
        (Object.entries(c.replyDays) as Array<[Sector, { medianDays: number | null; replied: number }]>)
          .map(([sector, r]) => `${sectorLabel(sector, ctx.lang)} ${r.medianDays === null ? '–' : decimalText(r.medianDays, ctx.lang)} (${r.replied})`)
          .join(' · ');
      const columns: Column<CoordinatorOverview>[] = [
        { header: w.coordinatorHeading, value: (c) => c.coordinator ?? w.noCoordinator, maxWidth: 28 },
        { header: w.families, value: (c) => c.families, align: 'right' },
        { header: w.overdue, value: (c) => c.overdueGoals, align: 'right' },
        { header: w.contacts, value: (c) => c.waitingContacts, align: 'right' },
        { header: w.transfersOutIn, value: (c) => `${c.transfersOut}/${c.transfersIn}`, align: 'right' },
        { header: w.decisionsWaitingColumn, value: (c) => c.decisionsWaiting, align: 'right' },
        { header: w.medianReplyDays, value: replies, maxWidth: 90 },
      ];
      ctx.print(`${w.teamOverview}, ${numericDate(overview.date, ctx.lang)} (${w.repliesSince} ${numericDate(overview.repliesSince, ctx.lang)})\n`);
      await ctx.printPieces(tableText(columns, overview.coordinators));
    });
  registerTeamUser(team);
  return team;
}
