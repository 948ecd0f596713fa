// famcoord minutes MEETING_ID: a meeting's minutes and agreements, to send to the participants.
import type { Command } from 'commander';
import { findMeeting, minutesDocument } from '../domain/documents/minutes.js';
import { renderDocument } from '../domain/documents/model.js';
import { sanitizeLine } from '../domain/sanitize.js';
import { createContext } from './context.js';
import { deliverDocument, documentFormat, documentLang } from './documentOutput.js';
import { UsageError } from './errors.js';

export function registerMinutes(program: Command): void {
  program
    .command('minutes')
    .description("a meeting's minutes as a document: when, where, who took part, what was said, who does what by when")
    .argument('<MEETING_ID>', 'the meeting, e.g. m4 (famcoord family FAMILY_ID lists them)')
    .option('--format <md|html>', 'Markdown, or an HTML page that prints on A4 (default: md, or html for an --out file ending in .html)')
    .option('--out <FILE>', 'write to this file (mode 0600) instead of printing')
    .addHelpText('after', '\nIn Danish unless --lang en. To record minutes, use famcoord meeting minutes.\n\nExamples:\n  famcoord minutes m4\n  famcoord minutes m4 --out referat.html')
    .action(async (meetingId: string, options: { format?: string; out?: string }, command: Command) => {
      const ctx = createContext(command);
      const format = documentFormat(options.format, options.out);
      const lang = documentLang(command);
      const found = findMeeting(await (await ctx.openStore()).read(), meetingId);
      if (!found) {
        const shown = sanitizeLine(meetingId).slice(0, 64);
        throw new UsageError((lang) => (lang === 'da' ? `ukendt møde ${shown}; famcoord family FAMILIE-ID viser en families møder` : `no meeting ${shown}; famcoord family FAMILY_ID lists a family's meetings`));
      }
      const text = renderDocument(minutesDocument(found.family, found.meeting, { lang, timeZone: ctx.timeZone }), format);
      await deliverDocument(ctx, text, options.out, (w) => w.minutes(found.meeting.id));
    });
}
