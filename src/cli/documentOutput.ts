// What the document commands (plan, minutes, calendar, export) share: the format and language
// flags, and delivering the text to stdout or to a private file.
import { extname, join } from 'node:path';
import type { Command } from 'commander';
import { DOCUMENT_FORMATS, type DocumentFormat } from '../domain/documents/model.js';
import { sanitizeLine } from '../domain/sanitize.js';
import { writePrivateOutput } from '../store/outputFile.js';
import { outputProblem } from '../store/pathGuard.js';
import { langFrom, type CliContext, type GlobalOptions, type Lang } from './context.js';
import { UsageError } from './errors.js';

/**
 * --format wins; otherwise an --out file ending in .html or .htm is HTML; otherwise the first of
 * `formats` (a command's own, html among them; the documents' md and html by default).
 */
export function documentFormat<Format extends string = DocumentFormat>(flag: string | undefined, out: string | undefined, formats: readonly Format[] = DOCUMENT_FORMATS as readonly string[] as readonly Format[]): Format {
  if (flag !== undefined) {
    if ((formats as readonly string[]).includes(flag)) return flag as Format;
    throw new UsageError(`--format must be ${formats.join(' or ')}, e.g. --format html`);
  }
  return (out !== undefined && /^\.html?$/i.test(extname(out)) ? 'html' : formats[0]) as Format;
}

/** Documents go to Danish families and networks: Danish unless --lang says otherwise (LANG does not). */
export function documentLang(command: Command): Lang {
  const flag = command.optsWithGlobals<GlobalOptions>().lang;
  return flag === undefined ? 'da' : langFrom(flag, {});
}

/**
 * Refuses an output path (`flag`: --out, --to) that is a folder, or the store or a file beside it
 * (its log, backups, lock, mark), however the path reaches it: see outputProblem.
 */
export async function checkOutputPath(flag: string, out: string, storePath: string, example = 'familie-f3.json'): Promise<void> {
  const problem = await outputProblem(out, storePath);
  if (problem === 'folder') throw new UsageError(`${flag} ${sanitizeLine(out)} is a folder; give a file name, e.g. ${flag} ${sanitizeLine(join(out, example))}; nothing was written`);
  if (problem === 'store') throw new UsageError(`${flag} must not be the store or a file beside it, e.g. ${flag} ${example}; nothing was written`);
}

/**
 * Prints the document, or writes it to `out` (0600, its folder created 0700) and says where; never
 * over the store or a file beside it (its log, backups, lock). A long document comes in pieces
 * (`what` is then asked for once they have all been written).
 */
const DOCUMENT_WORDS = {
  en: {
    wrote: (what: string, path: string) => `Wrote ${what} to ${path} (readable only by you)`,
    plan: (familyId: string) => `the plan of family ${familyId}`,
    minutes: (meetingId: string) => `the minutes of meeting ${meetingId}`,
    calendar: (meetings: number) => `${meetings} meeting(s) as a calendar`,
    export: (families: number, changes: number) => `${families} famil${families === 1 ? 'y' : 'ies'} and ${changes} logged change(s)`,
    rows: (rows: number, table: string) => `${rows} ${table}`,
    report: 'the report',
  },
  da: {
    wrote: (what: string, path: string) => `Skrev ${what} til ${path} (kun du kan læse filen)`,
    plan: (familyId: string) => `planen for familie ${familyId}`,
    minutes: (meetingId: string) => `referatet af møde ${meetingId}`,
    calendar: (meetings: number) => `${meetings} ${meetings === 1 ? 'møde' : 'møder'} som kalender`,
    export: (families: number, changes: number) => `${families} ${families === 1 ? 'familie' : 'familier'} og ${changes} ${changes === 1 ? 'ændring' : 'ændringer'} fra loggen`,
    rows: (rows: number, _table: string) => `${rows} ${rows === 1 ? 'række' : 'rækker'}`,
    report: 'resultaterne',
  },
};

/** What a written document was, in the words of the run's language. */
export type DocumentWhat = (words: (typeof DOCUMENT_WORDS)['en']) => string;

export async function deliverDocument(ctx: CliContext, text: string | AsyncIterable<string>, out: string | undefined, what: DocumentWhat): Promise<void> {
  if (out === undefined) return typeof text === 'string' ? ctx.print(text) : ctx.printPieces(text);
  await checkOutputPath('--out', out, (await ctx.openStore()).path);
  const path = await writePrivateOutput(out, text);
  if (ctx.json) await ctx.printJson({ ok: true, file: path });
  else {
    const words = DOCUMENT_WORDS[ctx.lang];
    ctx.print(words.wrote(what(words), sanitizeLine(path)));
  }
}
