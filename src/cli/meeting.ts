// famcoord meeting add|update|minutes|edit-line|remove-line: network meetings and what was agreed.
import type { Command } from 'commander';
import { applyOperations, appliedOp, collect, createContext, numberFlag, type RawOperation } from './context.js';
import { UsageError } from './errors.js';
import { meetingTypeFlag, parseAgreement, parseAttendee, parseStart } from './parse.js';
import { registerStatusForm } from './statusForm.js';

export function registerMeeting(program: Command): void {
  const meeting = program.command('meeting').description("meetings: netværksmøde, stormøde, FFS (and its status form), TAM, opfølgning, hjemmebesøg");

  meeting
    .command('add')
    .description('plan a meeting')
    .argument('<FAMILY_ID>', 'the family, e.g. f3')
    .option('--type <type>', 'netværksmøde, stormøde, flerfagligt-statusmøde (FFS), tværfagligt-analysemøde (TAM), opfølgning or hjemmebesøg (required)')
    .option('--start <when>', '"YYYY-MM-DD HH:MM" in local time, or ISO with offset (required)')
    .option('--duration <minutes>', 'length in minutes', '60')
    .option('--place <text>', 'where', '')
    .option('--attendee <name:sector:role>', 'who attends, with their sector and role, both optional (repeatable)', collect, [])
    .addHelpText('after', '\nExample:\n  famcoord meeting add f3 --type netværksmøde --start "2026-12-01 09:30" --place "Rådhuset, lokale 2" --attendee "Lone Berg:jobcenter:mentor" --attendee "Mette Jensen"')
    .action(async (familyId: string, o: { type: string; start: string; duration: string; place: string; attendee: string[] }, command: Command) => {
      const ctx = createContext(command);
      await applyOperations(
        ctx,
        [{ op: 'meeting.add', familyId, type: meetingTypeFlag(o.type), start: parseStart(o.start, ctx.timeZone), durationMin: numberFlag(o.duration), place: o.place, attendees: o.attendee.map(parseAttendee) }],
        { familyId: 'FAMILY_ID', durationMin: '--duration', attendees: '--attendee' },
        (r) => {
          const meeting = appliedOp(r, 'meeting.add');
          return `Planned meeting ${meeting.id as string} for family ${familyId} at ${meeting.start}`;
        },
      );
    });

  meeting
    .command('update')
    .description("change a meeting's type, time, length, place or attendees")
    .argument('<MEETING_ID>', 'the meeting, e.g. m4')
    .option('--type <type>', 'the kind of meeting')
    .option('--start <when>', '"YYYY-MM-DD HH:MM" in local time, or ISO with offset')
    .option('--duration <minutes>', 'length in minutes')
    .option('--place <text>', 'where')
    .option('--attendee <name:sector:role>', 'who attends (repeatable; the list given replaces the attendees)', collect)
    .option('--no-attendees', 'remove every attendee')
    .addHelpText('after', '\nExample:\n  famcoord meeting update m4 --start "2026-12-02 10:00" --place "Skolen" --attendee "Lone Berg:jobcenter:mentor" --attendee "Mette Jensen::mor"')
    .action(async (meetingId: string, o: { type?: string; start?: string; duration?: string; place?: string; attendee?: string[]; attendees: boolean }, command: Command) => {
      if (o.attendee !== undefined && !o.attendees) throw new UsageError('give --attendee or --no-attendees, not both');
      const ctx = createContext(command);
      const attendees = o.attendees ? o.attendee?.map(parseAttendee) : [];
      await applyOperations(
        ctx,
        [{ op: 'meeting.update', meetingId, ...(o.type !== undefined && { type: meetingTypeFlag(o.type) }), ...(o.start !== undefined && { start: parseStart(o.start, ctx.timeZone) }), ...(o.duration !== undefined && { durationMin: numberFlag(o.duration) }), ...(o.place !== undefined && { place: o.place }), ...(attendees !== undefined && { attendees }) }],
        { meetingId: 'MEETING_ID', durationMin: '--duration', attendees: '--attendee' },
        () => `Updated meeting ${meetingId}`,
      );
    });

  registerStatusForm(meeting);

  meeting
    .command('edit-line')
    .description('replace one line of the minutes (famcoord minutes shows them; 1 = the first line)')
    .argument('<MEETING_ID>', 'the meeting, e.g. m4')
    .argument('<LINE>', 'the line number, 1 = the first')
    .option('--text <text>', 'the new text of the line (required)')
    .addHelpText('after', '\nExample:\n  famcoord meeting edit-line m4 2 --text "Emil møder hver dag fra mandag."')
    .action(async (meetingId: string, line: string, o: { text?: string }, command: Command) => {
      await applyOperations(createContext(command), [{ op: 'minutes.edit', meetingId, line: numberFlag(line), text: o.text }], { meetingId: 'MEETING_ID', line: 'LINE', text: '--text' }, (r) => `Changed line ${appliedOp(r, 'minutes.edit').line} of the minutes of meeting ${meetingId}`);
    });

  meeting
    .command('remove-line')
    .description('remove one line of the minutes (1 = the first line)')
    .argument('<MEETING_ID>', 'the meeting, e.g. m4')
    .argument('<LINE>', 'the line number, 1 = the first')
    .addHelpText('after', '\nExample:\n  famcoord meeting remove-line m4 3')
    .action(async (meetingId: string, line: string, _o, command: Command) => {
      await applyOperations(createContext(command), [{ op: 'minutes.remove', meetingId, line: numberFlag(line) }], { meetingId: 'MEETING_ID', line: 'LINE' }, (r) => `Removed line ${appliedOp(r, 'minutes.remove').line} of the minutes of meeting ${meetingId}`);
    });

  meeting
    .command('minutes')
    .description("record a meeting's minutes and agreements (who does what by when)")
    .argument('<MEETING_ID>', 'the meeting, e.g. m4')
    .option('--text <text>', 'the minutes (replace what is there, or --append)')
    .option('--append', 'add to the minutes so far instead of replacing them')
    .option('--agreement <who|what|due>', 'an agreement: "WHO|WHAT|YYYY-MM-DD" (repeatable)', collect, [])
    .option('--goal <GOAL_ID>', "the goal of the family's plan these agreements serve, e.g. g12")
    .addHelpText('after', '\nExample:\n  famcoord meeting minutes m4 --text "Familien fortalte om ugen." --agreement "Lone Berg|Finder praktikplads|2026-12-15" --goal g12')
    .action(async (meetingId: string, o: { text?: string; append?: boolean; agreement: string[]; goal?: string }, command: Command) => {
      if (o.text === undefined && o.agreement.length === 0)
        throw new UsageError('give --text "..." and/or --agreement "WHO|WHAT|YYYY-MM-DD"');
      if (o.goal !== undefined && o.agreement.length === 0) throw new UsageError('--goal links agreements to a goal: give --agreement "WHO|WHAT|YYYY-MM-DD" too');
      const operations: RawOperation[] = [
        ...(o.text !== undefined ? [{ op: 'meeting.minutes' as const, meetingId, minutes: o.text, append: o.append === true }] : []),
        ...o.agreement.map((a) => ({ op: 'meeting.agreement' as const, meetingId, ...parseAgreement(a), ...(o.goal !== undefined && { goalId: o.goal }) })),
      ];
      await applyOperations(createContext(command), operations, { meetingId: 'MEETING_ID', minutes: '--text', who: '--agreement', what: '--agreement', due: '--agreement (its date)', goalId: '--goal' }, () =>
        `Recorded ${o.text !== undefined ? 'minutes' : ''}${o.text !== undefined && o.agreement.length ? ' and ' : ''}${o.agreement.length ? `${o.agreement.length} agreement(s)` : ''} for meeting ${meetingId}`,
      );
    });
}
