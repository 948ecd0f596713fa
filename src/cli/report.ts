// famcoord report: how the caseload is doing on the evaluations' indicators, between a baseline and
// a follow-up date. The figures come from caseloadReport (src/domain/report.ts); this file only
// prints them: as tables with bars and sparklines for people, or as JSON or CSV for export.
import { Option, type Command } from 'commander';
import { decimalText } from '../domain/dateFormat.js';
import { addMonths } from '../domain/dates.js';
import { caseloadReport, type CaseloadReport, type Share } from '../domain/report.js';
import { fraction, isPaired, percent, reportSections, type FigureSection, type ReportSections, type ValueSection } from '../domain/reportSections.js';
import { renderReportHtml } from '../domain/documents/reportHtml.js';
import { bar, shareSparkline } from '../domain/sparkline.js';
import { checkDate, collect, createContext, type Lang } from './context.js';
import { deliverDocument, documentFormat, documentLang } from './documentOutput.js';
import { UsageError } from './errors.js';
import { formatTable, type Column } from './table.js';
import { requireKnownCaseload, unknownFamily } from './known.js';


/** "████▌░░░░░░░  38%  5/13": the bar, the share and the counts it comes from. */
export function shareCell(figure: Share): string {
  return `${bar(fraction(figure) ?? 0)} ${percent(figure).padStart(4)}  ${figure.n}/${figure.of}`;
}

interface Row {
  label: string;
  cells: string[];
}

function table(headers: string[], rows: Row[]): string {
  const columns: Column<Row>[] = headers.map((header, i) => ({ header, value: (row) => (i === 0 ? row.label : row.cells[i - 1]) }));
  return formatTable(columns, rows);
}

/** A section of shares: before and after in two columns, or one share with its note. */
function figureTable(section: FigureSection): string {
  const rows = section.rows.map(({ label, figure, note = '' }): Row => ({
    label,
    cells: isPaired(figure) ? [shareCell(figure.baseline), shareCell(figure.followUp)] : [shareCell(figure) + note],
  }));
  return table([section.heading, ...(section.columns.length ? section.columns : [''])], rows);
}

const valueTable = (section: ValueSection) => table([section.heading, ...section.columns], section.rows.map(({ label, values }) => ({ label, cells: values })));

function replyRows({ replies }: ReportSections, lang: Lang): string {
  const longest = Math.max(1, ...replies.rows.map(({ times }) => times.medianDays ?? 0));
  const rows = replies.rows.map(({ label, times }): Row => ({
    label,
    cells: [`${bar((times.medianDays ?? 0) / longest)} ${times.medianDays === null ? '–' : `${decimalText(times.medianDays, lang)} d`}`, String(times.replied), String(times.waiting)],
  }));
  return table([replies.heading, ...replies.columns], rows);
}

function trendRows({ trend }: ReportSections): string {
  const rows = trend.lines.map(({ label, shares }): Row => {
    const first = shares[0] as Share;
    const last = shares.at(-1) as Share;
    return { label, cells: [`${shareSparkline(shares.map((s) => fraction(s) ?? 0))}  ${percent(first)} → ${percent(last)}`] };
  });
  return table([trend.heading, ''], rows);
}

export function renderReport(report: CaseloadReport, lang: Lang): string {
  const sections = reportSections(report, lang);
  return [
    sections.title,
    figureTable(sections.beforeAfter),
    trendRows(sections),
    figureTable(sections.improved),
    figureTable(sections.employment),
    figureTable(sections.caseEvents),
    replyRows(sections, lang),
    valueTable(sections.touchPoints),
    figureTable(sections.fewerTouchPoints),
    valueTable(sections.spending),
    ...sections.notes,
  ].join('\n\n');
}

const isShare = (value: unknown): value is Share =>
  typeof value === 'object' && value !== null && Object.keys(value).length === 2 && 'n' in value && 'of' in value;

/** One CSV row per figure: a share gives n, of and share; a number (a median, a mean, a count) gives value. */
export function reportCsv(report: CaseloadReport): string {
  const rows = [['figure', 'n', 'of', 'share', 'value']];
  const walk = (value: unknown, path: string) => {
    if (isShare(value)) rows.push([path, String(value.n), String(value.of), value.of ? (value.n / value.of).toFixed(4) : '', '']);
    else if (value !== null && typeof value === 'object') for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key);
    else rows.push([path, '', '', '', value === null ? '' : String(value)]);
  };
  walk(report, '');
  return rows.map((row) => row.join(',')).join('\n');
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description("the caseload's outcomes on the evaluations' indicators, between a baseline and a follow-up date")
    .option('--from <YYYY-MM-DD>', 'the baseline date (default: 12 months before --to)')
    .option('--to <YYYY-MM-DD>', 'the follow-up date (default: today)')
    .option('--family <FAMILY_ID>', 'only this family (repeatable; default: the whole caseload)', collect)
    .option('--csv', 'print the figures as CSV: figure,n,of,share,value')
    .option('--format <text|html>', 'tables for the terminal, or one HTML page that prints on A4, with charts, for the people who fund the work (default: text, or html for an --out file ending in .html)')
    .option('--out <FILE>', 'write to this file (mode 0600) instead of printing')
    .addOption(new Option('--output <FILE>', 'the same as --out').hideHelp())
    .addHelpText('after', '\nThe HTML page is in Danish unless --lang en.\n\nExamples:\n  famcoord report\n  famcoord report --from 2026-01-01 --to 2026-11-24 --json\n  famcoord report --family f3 --family f7 --csv > report.csv\n  famcoord report --format html --out resultater.html')
    .action(async (o: { from?: string; to?: string; family?: string[]; csv?: boolean; format?: string; out?: string; output?: string }, command: Command) => {
      const ctx = createContext(command);
      if (o.out !== undefined && o.output !== undefined) throw new UsageError('give the file once, with --out');
      const out = o.out ?? o.output;
      const format = documentFormat(o.format, out, ['text', 'html'] as const);
      if ([ctx.json, o.csv, format === 'html'].filter(Boolean).length > 1) throw new UsageError(format === 'html' ? 'choose one of --json, --csv and --format html' : 'choose one of --json and --csv');
      if (ctx.json && out !== undefined) throw new UsageError('--out writes the text, CSV or HTML report; for JSON, famcoord report --json > report.json');
      const to = o.to === undefined ? ctx.today : checkDate(o.to, '--to');
      const from = o.from === undefined ? addMonths(to, -12) : checkDate(o.from, '--from');
      if (from >= to) throw new UsageError(`--from must be before --to (${to}), e.g. --from ${addMonths(to, -12)}`);
      const store = await ctx.openStore();
      const state = await store.read(ctx.scope());
      await requireKnownCaseload(ctx, store, state.families.length);
      const known = new Set(state.families.map((f) => f.id));
      const unknown = o.family?.find((id) => !known.has(id));
      if (unknown !== undefined) throw await unknownFamily(store, unknown, { scope: ctx.scope(), flag: '--family' });
      const report = caseloadReport(state, { from, to, ...(o.family && { familyIds: o.family }) });
      if (ctx.json) await ctx.printJson(report);
      else if (report.families > 0 || o.csv) {
        const text = o.csv ? reportCsv(report) : format === 'html' ? renderReportHtml(report, documentLang(command)) : renderReport(report, ctx.lang);
        await deliverDocument(ctx, text, out, (w) => w.report);
      } else ctx.print(ctx.lang === 'da' ? 'Ingen familier at lave resultater for. Tilføj en med famcoord families add --name "Familien Jensen", eller prøv famcoord demo' : 'No families to report on. Add one with famcoord families add --name "Familien Jensen", or try famcoord demo');
    });
}
