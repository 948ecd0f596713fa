// famcoord export: a family's data as one JSON document (a citizen's access request, indsigt), the
// whole store for moving it, or spreadsheet files of goals, contacts or meetings.
import type { Command } from 'commander';
import { CSV_SEPARATORS, CSV_TABLE_NAMES, CSV_TABLES, csvDocument, DEFAULT_CSV_SEPARATOR, type CsvSeparator, type CsvTableName } from '../domain/csv.js';
import { buildExport } from '../domain/exportDocument.js';
import { escapeJsonControls } from '../domain/sanitize.js';
import type { Family } from '../domain/schema.js';
import type { FamilyStore } from '../store/Store.js';
import { createContext, type CliContext } from './context.js';
import { prettyJsonStreaming } from './jsonOutput.js';
import { deliverDocument } from './documentOutput.js';
import { UsageError } from './errors.js';
import { unknownFamily } from './known.js';

interface ExportOptions {
  family?: string;
  all?: boolean;
  csv?: string;
  sep?: string;
  out?: string;
}

/**
 * Every family, as buildExport and JSON.stringify would give them, but written family by family:
 * a municipality's store does not fit in one string, nor need it be held whole.
 */
async function exportAll(ctx: CliContext, store: FamilyStore, out: string | undefined): Promise<void> {
  // The log first: the store is busy while its families are read.
  const document = buildExport({ families: [] }, await store.history(), { exported: new Date().toISOString() });
  let families = 0;
  async function* counted(): AsyncGenerator<Family> {
    const read: string[] = [];
    for await (const family of store.eachFamily()) {
      families++;
      read.push(family.id);
      yield family;
    }
    await store.logRead?.(read, 'export');
  }
  async function* text(): AsyncGenerator<string> {
    yield* prettyJsonStreaming({ ...document }, 'families', counted());
    yield '\n';
  }
  await deliverDocument(ctx, text(), out, (w) => w.export(families, document.changes.length));
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description("a family's data as JSON (access request), every family (--all), or goals, contacts or meetings as a spreadsheet (--csv)")
    .option('--family <FAMILY_ID>', 'the family to export (with --csv: only this family)')
    .option('--all', 'every family, to move them to another store (famcoord import)')
    .option('--csv <goals|contacts|meetings>', 'a spreadsheet file (UTF-8 with BOM, CRLF) of one row per goal, contact or meeting')
    .option('--sep <;|,>', `the CSV separator (default ${DEFAULT_CSV_SEPARATOR}, as Danish Excel expects; , for English Excel)`)
    .option('--out <FILE>', 'write to this file, readable only by you (default: standard output)')
    .addHelpText('after', `
Examples:
  famcoord export --family f3 --out indsigt-f3.json
  famcoord export --all --out flyt.json
  famcoord export --csv goals --out maal.csv
  famcoord export --csv contacts --sep , --family f3 > contacts.csv`)
    .action(async (options: ExportOptions, command: Command) => {
      const ctx = createContext(command);
      if (options.csv === undefined) {
        if (options.sep !== undefined) throw new UsageError('--sep goes with --csv, e.g. --csv goals --sep ,');
        if ((options.family === undefined) === (options.all !== true))
          throw new UsageError((lang) =>
            lang === 'da'
              ? 'vælg enten --family FAMILIE-ID eller --all, f.eks. famcoord export --family f3 --out f3.json'
              : 'choose one of --family FAMILY_ID and --all, e.g. famcoord export --family f3 --out f3.json',
          );
      } else if (!(CSV_TABLE_NAMES as string[]).includes(options.csv)) {
        throw new UsageError(`--csv must be one of: ${CSV_TABLE_NAMES.join(', ')}, e.g. --csv goals`);
      }
      const separator = (options.sep ?? DEFAULT_CSV_SEPARATOR) as CsvSeparator;
      if (!CSV_SEPARATORS.includes(separator)) throw new UsageError(`--sep must be ${CSV_SEPARATORS.map((s) => `'${s}'`).join(' or ')}, e.g. --sep ';'`);

      const store = await ctx.openStore();
      if (options.all && options.csv === undefined) return exportAll(ctx, store, options.out);
      const state = await store.read();
      if (options.family !== undefined && !state.families.some((f) => f.id === options.family)) throw await unknownFamily(store, options.family, { flag: '--family' });
      const familyIds = options.family === undefined ? undefined : [options.family];
      await store.logRead?.(familyIds ?? state.families.map((f) => f.id), 'export');
      if (options.csv !== undefined) {
        const families = familyIds === undefined ? state.families : state.families.filter((f) => f.id === options.family);
        const table = CSV_TABLES[options.csv as CsvTableName](families, { today: ctx.today, timeZone: ctx.timeZone });
        return deliverDocument(ctx, csvDocument(table.header, table.rows, separator), options.out, (w) => w.rows(table.rows.length, options.csv as string));
      }
      const document = buildExport(state, await store.history(), { exported: new Date().toISOString(), ...(familyIds && { familyIds }) });
      await deliverDocument(ctx, `${escapeJsonControls(JSON.stringify(document, null, 2))}\n`, options.out, (w) => w.export(document.families.length, document.changes.length));
    });
}
