// famcoord calendar: the meetings as an iCalendar file for Outlook, Google Calendar and phones.
import type { Command } from 'commander';
import { calendarEntries, renderCalendar } from '../domain/documents/ical.js';
import { checkDate, createContext } from './context.js';
import { deliverDocument, documentLang } from './documentOutput.js';
import { requireKnownCaseload, unknownFamily } from './known.js';

export function registerCalendar(program: Command): void {
  program
    .command('calendar')
    .description('the meetings from today on as an iCalendar (.ics) file to import into Outlook or Google Calendar')
    .option('--family <FAMILY_ID>', "only this family's meetings")
    .option('--from <YYYY-MM-DD>', 'meetings on or after this day (default: today, or --date)')
    .option('--out <FILE>', 'write to this file (mode 0600) instead of printing')
    .option('--names', "put the family's and the attendees' names in the events (left out by default)")
    .addHelpText(
      'after',
      `
Calendars are synced to phones and shared: by default an event says only the meeting type, the
family's id, the place and the time, e.g. "Netværksmøde (f3)". --names adds the family's name and
the attendees; use it only for a calendar no one else sees. Importing the file again updates the
events (their UIDs stay the same) instead of adding copies.

Examples:
  famcoord calendar --out moeder.ics
  famcoord calendar --family f3 --from 2026-12-01 --out f3.ics`,
    )
    .action(async (options: { family?: string; from?: string; out?: string; names?: boolean }, command: Command) => {
      const ctx = createContext(command);
      const from = options.from === undefined ? ctx.today : checkDate(options.from, '--from');
      const store = await ctx.openStore();
      const state = await store.read(ctx.scope(options.family === undefined ? {} : { familyIds: [options.family] }));
      if (options.family !== undefined && !state.families.some((f) => f.id === options.family))
        throw await unknownFamily(store, options.family, { scope: ctx.scope(), flag: '--family' });
      await requireKnownCaseload(ctx, store, state.families.length);
      const entries = calendarEntries(state, { ...(options.family !== undefined && { familyId: options.family }), from, timeZone: ctx.timeZone });
      const text = renderCalendar(entries, { now: new Date(), names: options.names === true, lang: documentLang(command) });
      await deliverDocument(ctx, text, options.out, (w) => w.calendar(entries.length));
    });
}
