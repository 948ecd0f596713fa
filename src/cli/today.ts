// famcoord today: the morning questions. Also the text the bare `famcoord` prints without a TTY.
import type { Command } from 'commander';

import { TodayRows, type OpenContact, type OverdueGoal, type TodayMeeting, type TodayView } from '../domain/views.js';
import type { FamilyStore } from '../store/Store.js';
import { createContext, type CliContext, type Lang } from './context.js';
import { requireKnownCaseload } from './known.js';
import { meetingTypeLabel, sectorLabel } from './labels.js';
import { sectionText } from './table.js';

/** Today's text, a line at a time (a whole municipality's day is hundreds of thousands of lines). */
export function* todayText(view: TodayView, lang: Lang): Generator<string> {
  yield `Today ${view.date}\n\n`;
  yield* sectionText<TodayMeeting>('Meetings today', [
    { header: 'TIME', value: (m) => m.time },
    { header: 'FAMILY', value: (m) => m.familyName, maxWidth: 28 },
    { header: 'TYPE', value: (m) => meetingTypeLabel(m.type) },
    { header: 'PLACE', value: (m) => m.place, maxWidth: 30 },
    { header: 'ATTENDEES', value: (m) => m.attendees.map((a) => a.name).join(', '), maxWidth: 40 },
    { header: 'ID', value: (m) => m.id },
  ], view.meetings);
  yield '\n';
  yield* sectionText<OverdueGoal>('Overdue goals', [
    { header: 'DAYS', value: (g) => g.daysOverdue, align: 'right' },
    { header: 'FAMILY', value: (g) => g.familyName, maxWidth: 28 },
    { header: 'MEMBER', value: (g) => g.memberName ?? '(family)', maxWidth: 20 },
    { header: 'GOAL', value: (g) => g.title, maxWidth: 50 },
    { header: 'DUE', value: (g) => g.due },
    { header: 'ID', value: (g) => g.id },
  ], view.overdueGoals);
  yield '\n';
  yield* sectionText<OpenContact>('Unresolved contacts', [
    { header: 'WAITING', value: (c) => `${c.daysWaiting}d`, align: 'right' },
    { header: 'REPLY BY', value: (c) => (c.replyBy ? `${c.replyBy}${c.replyByPassed ? ' !' : ''}` : '') },
    { header: 'SECTOR', value: (c) => sectorLabel(c.sector, lang) },
    { header: 'SUBJECT', value: (c) => c.subject, maxWidth: 44 },
    { header: 'STATUS', value: (c) => c.status },
    { header: 'CONSENT', value: (c) => (c.consentMissing ? 'MISSING' : 'ok') },
    { header: 'FAMILY', value: (c) => c.familyName, maxWidth: 28 },
    { header: 'ID', value: (c) => c.id },
  ], view.openContacts);
}

/**
 * Today's view of the command's caseload, built a family at a time: at 100,000 families the
 * families with something for today are most of a municipality's store, so only their rows are
 * kept, each family (today's digest of it, where the backend has one) dropped once it is added.
 */
export async function readToday(ctx: CliContext, store: FamilyStore): Promise<TodayView> {
  const rows = new TodayRows(ctx.today, ctx.timeZone);
  let families = 0;
  for await (const family of store.eachFamily(ctx.scope({ todayOn: ctx.today }))) {
    rows.add(family);
    families++;
  }
  await requireKnownCaseload(ctx, store, families);
  return rows.view();
}

/** Today as `famcoord today` prints it: JSON or the text, in pieces. */
export async function printToday(ctx: CliContext, store: FamilyStore): Promise<void> {
  const view = await readToday(ctx, store);
  if (ctx.json) await ctx.printJson(view);
  else await ctx.printPieces(todayText(view, ctx.lang));
}

export function registerToday(program: Command): void {
  program
    .command('today')
    .description("today's meetings, overdue goals and unresolved cross-sector contacts")
    .addHelpText('after', '\nExample:\n  famcoord today --json\n  famcoord today --date 2026-11-24')
    .action(async (_options, command: Command) => {
      const ctx = createContext(command);
      await printToday(ctx, await ctx.openStore());
    });
}
