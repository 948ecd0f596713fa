// famcoord today: the morning questions. Also the text the bare `famcoord` prints without a TTY.
import type { Command } from 'commander';

import type { DueAgreement } from '../domain/agreements.js';
import { dayText, longDate } from '../domain/dateFormat.js';
import { TodayRows, type ContactDueSoon, type OpenContact, type OverdueGoal, type TodayMeeting, type TodayView } from '../domain/views.js';
import { CONTACT_STATUS_LABELS, DECISION_STATUS_LABELS, labelOf } from '../domain/vocabulary.js';
import type { DecisionItem } from '../domain/decisions.js';
import type { TransferItem } from '../domain/transfers.js';
import type { FamilyStore } from '../store/Store.js';
import { contextOf, createContext, type GlobalOptions, type Lang, type ReadContext } from './context.js';
import { requireKnownCaseload } from './known.js';
import { cliWords, meetingTypeLabel, sectorLabel } from './labels.js';
import { LONG_READ_FAMILIES, tuneForLongRead, WHOLE_STORE_FAMILIES, type LongReadTuning } from './optimiser.js';
import { sectionText, type Column } from './table.js';

/** Today's text, a line at a time (a whole municipality's day is hundreds of thousands of lines). */
export function* todayText(view: TodayView, lang: Lang): Generator<string> {
  const w = cliWords(lang);
  const day = (date: string) => dayText(date, lang, view.date);
  yield `${w.today}, ${longDate(view.date, lang)}\n\n`;
  yield* sectionText<TodayMeeting>(w.meetingsToday, [
    { header: w.time, value: (m) => m.time },
    { header: w.family, value: (m) => m.familyName, maxWidth: 28 },
    { header: w.type, value: (m) => meetingTypeLabel(m.type, lang) },
    { header: w.place, value: (m) => m.place, maxWidth: 30 },
    { header: w.attendees, value: (m) => m.attendees.map((a) => a.name).join(', '), maxWidth: 40 },
    { header: 'ID', value: (m) => m.id },
  ], view.meetings);
  yield '\n';
  yield* sectionText<OverdueGoal>(w.overdueGoals, [
    { header: w.days, value: (g) => g.daysOverdue, align: 'right' },
    { header: w.family, value: (g) => g.familyName, maxWidth: 28 },
    { header: w.member, value: (g) => g.memberName ?? w.wholeFamily, maxWidth: 20 },
    { header: w.goal, value: (g) => g.title, maxWidth: 50 },
    { header: w.due, value: (g) => day(g.due) },
    { header: 'ID', value: (g) => g.id },
  ], view.overdueGoals);
  yield '\n';
  yield* sectionText<OpenContact>(w.unresolvedContacts, [
    { header: w.waiting, value: (c) => `${c.daysWaiting}${w.daysUnit}`, align: 'right' },
    { header: w.replyBy, value: (c) => (c.replyBy ? `${day(c.replyBy)}${c.replyByPassed ? ' !' : ''}` : '') },
    { header: w.sector, value: (c) => sectorLabel(c.sector, lang) },
    { header: w.subject, value: (c) => c.subject, maxWidth: 44 },
    { header: w.status, value: (c) => labelOf(CONTACT_STATUS_LABELS, c.status, lang) },
    { header: w.consent, value: (c) => (c.consentMissing ? w.missing : 'ok') },
    { header: w.family, value: (c) => c.familyName, maxWidth: 28 },
    { header: 'ID', value: (c) => c.id },
  ], view.openContacts);
  yield '\n';
  yield* sectionText<ContactDueSoon>(w.contactsDueSoon, [
    { header: w.daysLeft, value: (c) => c.replyByDaysLeft, align: 'right' },
    { header: w.replyBy, value: (c) => day(c.replyBy) },
    { header: w.sector, value: (c) => sectorLabel(c.sector, lang) },
    { header: w.subject, value: (c) => c.subject, maxWidth: 44 },
    { header: w.family, value: (c) => c.familyName, maxWidth: 28 },
    { header: 'ID', value: (c) => c.id },
  ], view.contactsDueSoon);
  yield '\n';
  yield* sectionText<DueAgreement>(w.agreementsDue, [
    { header: w.days, value: (a) => a.daysOverdue, align: 'right' },
    { header: w.due, value: (a) => day(a.due) },
    { header: w.who, value: (a) => a.who, maxWidth: 24 },
    { header: w.what, value: (a) => a.what, maxWidth: 44 },
    { header: w.family, value: (a) => a.familyName, maxWidth: 28 },
    { header: 'ID', value: (a) => a.id },
  ], view.agreements);
  yield* teamSections(view, lang);
}

/**
 * The team's part of Today: transfers and decisions, each section only when it has rows (a store
 * where no one transfers or proposes keeps the Today it had).
 */
function* teamSections(view: TodayView, lang: Lang): Generator<string> {
  const w = cliWords(lang);
  const day = (date: string | undefined) => (date === undefined ? '' : dayText(date, lang, view.date));
  if (view.transfers.length > 0) {
    yield '\n';
    yield* sectionText<TransferItem>(w.transfers, [
      { header: w.family, value: (t) => t.familyName, maxWidth: 28 },
      { header: w.from, value: (t) => t.from ?? '', maxWidth: 24 },
      { header: w.to, value: (t) => t.to, maxWidth: 24 },
      { header: w.asked, value: (t) => day(t.asked) },
      { header: w.answer, value: (t) => (t.toMe ? w.yoursToAnswer : w.waitingForReceiver) },
      { header: w.note, value: (t) => t.note ?? '', maxWidth: 40 },
      { header: 'ID', value: (t) => t.familyId },
    ], view.transfers);
  }
  const decisionColumns = (first: Column<DecisionItem>): Array<Column<DecisionItem>> => [
    first,
    { header: w.family, value: (d) => d.familyName, maxWidth: 28 },
    { header: w.member, value: (d) => d.memberName ?? d.memberId, maxWidth: 20 },
    { header: w.sector, value: (d) => sectorLabel(d.sector, lang) },
    { header: w.kind, value: (d) => d.kind, maxWidth: 30 },
    { header: w.from, value: (d) => day(d.from) },
    { header: 'ID', value: (d) => d.interventionId },
  ];
  if (view.decisionsWaiting.length > 0) {
    yield '\n';
    yield* sectionText(w.decisionsWaiting, [...decisionColumns({ header: w.proposedBy, value: (d) => d.proposedBy ?? '', maxWidth: 24 }), { header: w.authority, value: (d) => d.holder ?? '', maxWidth: 24 }], view.decisionsWaiting);
  }
  if (view.recentDecisions.length > 0) {
    yield '\n';
    yield* sectionText(w.recentDecisions, [
      ...decisionColumns({ header: w.decision, value: (d) => labelOf(DECISION_STATUS_LABELS, d.status, lang) }),
      { header: w.by, value: (d) => d.by ?? '', maxWidth: 24 },
      { header: w.on, value: (d) => day(d.on) },
      { header: w.reason, value: (d) => d.reason ?? '', maxWidth: 40 },
    ], view.recentDecisions);
  }
}

/**
 * Today's view of the command's caseload, built a family at a time: at 100,000 families the
 * families with something for today are most of a municipality's store, so only their rows are
 * kept, each family (today's digest of it, where the backend has one) dropped once it is added.
 * `onLongRead` is called once the read has gone through LONG_READ_FAMILIES families, and again
 * (with `wholeStore`) at WHOLE_STORE_FAMILIES.
 */
export async function readToday(ctx: ReadContext, store: FamilyStore, onLongRead?: (wholeStore: boolean) => Promise<void>): Promise<TodayView> {
  // A caseload's Today also reads the families the person has a part in beyond it: a transfer to
  // them, a decision theirs to make (TodayRows shows only that of those).
  const { coordinator: _caseload, ...scope } = ctx.scope({ todayOn: ctx.today });
  const read = store.eachFamily(ctx.caseload === undefined ? scope : { ...scope, involving: ctx.caseload })[Symbol.asyncIterator]();
  // Whose day it is and the first families are asked for at once: on a team's store (PostgreSQL)
  // the two questions go to the server together, one round trip.
  const [person, first] = await Promise.all([ctx.person(), read.next()]);
  const rows = new TodayRows(ctx.today, ctx.timeZone, person);
  let families = 0;
  for (let next = first; !next.done; next = await read.next()) {
    rows.add(next.value);
    if (++families === LONG_READ_FAMILIES || families === WHOLE_STORE_FAMILIES) await onLongRead?.(families === WHOLE_STORE_FAMILIES);
  }
  await requireKnownCaseload(ctx, store, families);
  return rows.view();
}

/** Today as `famcoord today` prints it: JSON or the text, in pieces. */
export async function printToday(ctx: ReadContext, store: FamilyStore): Promise<void> {
  // A whole store's day runs the same few functions thousands of times, through the read, the
  // view and the output: V8's optimiser waits until all of it is done, and on a municipality's
  // store the heap grows less far past what it holds (src/cli/optimiser.ts).
  let tuning: LongReadTuning | undefined;
  try {
    const view = await readToday(ctx, store, async (wholeStore) => {
      tuning ??= await tuneForLongRead();
      if (wholeStore) tuning.wholeStore();
    });
    if (ctx.json) await ctx.printJson(view);
    else await ctx.printPieces(todayText(view, ctx.lang));
  } finally {
    tuning?.putBack();
  }
}

export function registerToday(program: Command): void {
  program
    .command('today')
    .description("today's meetings, overdue goals, unresolved cross-sector contacts and agreements to follow up")
    .addHelpText('after', '\nExample:\n  famcoord today --json\n  famcoord today --date 2026-11-24')
    .action(async (_options, command: Command) => {
      const ctx = createContext(command);
      await printToday(ctx, await ctx.openStore());
    });
}

/** `famcoord today` as quickArgs.ts recognised it, without commander: the same context and the same read. */
export async function runQuickToday(options: GlobalOptions): Promise<void> {
  const ctx = contextOf(options, process.env, undefined);
  await printToday(ctx, await ctx.openStore());
}
