// famcoord today: the morning questions. Also the text the bare `famcoord` prints without a TTY.
import type { Command } from 'commander';

import type { DueAgreement } from '../domain/agreements.js';
import { todayView, type ContactDueSoon, type OpenContact, type OverdueGoal, type TodayMeeting, type TodayView } from '../domain/views.js';
import { createContext, type Lang } from './context.js';
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
  yield '\n';
  yield* sectionText<ContactDueSoon>('Reply due within 3 days', [
    { header: 'DAYS LEFT', value: (c) => c.replyByDaysLeft, align: 'right' },
    { header: 'REPLY BY', value: (c) => c.replyBy },
    { header: 'SECTOR', value: (c) => sectorLabel(c.sector, lang) },
    { header: 'SUBJECT', value: (c) => c.subject, maxWidth: 44 },
    { header: 'FAMILY', value: (c) => c.familyName, maxWidth: 28 },
    { header: 'ID', value: (c) => c.id },
  ], view.contactsDueSoon);
  yield '\n';
  yield* sectionText<DueAgreement>('Agreements due within 7 days or overdue', [
    { header: 'DAYS', value: (a) => a.daysOverdue, align: 'right' },
    { header: 'DUE', value: (a) => a.due },
    { header: 'WHO', value: (a) => a.who, maxWidth: 24 },
    { header: 'WHAT', value: (a) => a.what, maxWidth: 44 },
    { header: 'FAMILY', value: (a) => a.familyName, maxWidth: 28 },
    { header: 'ID', value: (a) => a.id },
  ], view.agreements);
}

export function renderToday(view: TodayView, lang: Lang): string {
  return [...todayText(view, lang)].join('');
}


export function registerToday(program: Command): void {
  program
    .command('today')
    .description("today's meetings, overdue goals, unresolved cross-sector contacts and agreements to follow up")
    .addHelpText('after', '\nExample:\n  famcoord today --json\n  famcoord today --date 2026-11-24')
    .action(async (_options, command: Command) => {
      const ctx = createContext(command);
      const store = await ctx.openStore();
      const state = await store.read(ctx.scope({ todayOn: ctx.today }));
      await requireKnownCaseload(ctx, store, state.families.length);
      const view = todayView(state, ctx.today, ctx.timeZone);
      if (ctx.json) await ctx.printJson(view);
      else await ctx.printPieces(todayText(view, ctx.lang));
    });
}
