// famcoord batch FILE|-: JSON Lines, one operation per line, all or nothing. Every line is
// checked first and every bad line is reported with its number; only a wholly valid batch is
// applied, in one write, as one audit step (so one `undo` takes it back).
import type { Command } from 'commander';
import { OperationSchema, type Operation } from '../domain/operations.js';
import { describePath, TransactionError } from '../domain/errors.js';
import { nestingProblem } from '../domain/nesting.js';
import { createContext } from './context.js';
import { closestIdsMessage } from './known.js';
import { printProblem, UsageError } from './errors.js';
import { decodeUtf8Lines, describeSize, inputLimit, MAX_BATCH_BYTES, readInputBytes } from './input.js';
import { progressBar, PROGRESS_FROM } from './progress.js';
import { formatTable } from './table.js';
import { confirmations } from './confirmations.js';
import { cliWords } from './labels.js';

export interface ParsedBatch {
  operations: Operation[];
  /** The file line of each operation (1-based), for messages. */
  lines: number[];
  problems: string[];
}

/** Where JSON.parse stopped, as a column, without quoting the line (it may hold personal data). */
function jsonColumn(error: unknown): string {
  const position = /at position (\d+)/.exec(error instanceof Error ? error.message : '');
  return position ? ` at column ${Number(position[1]) + 1}` : '';
}

/** Parses and validates every line; blank lines and lines starting with # are skipped. */
export function parseBatch(text: string): ParsedBatch {
  const parsed: ParsedBatch = { operations: [], lines: [], problems: [] };
  const lines = text.split(/\r?\n/);
  // A large batch is checked line by line for a while before anything is written: show how far.
  const progress = lines.length >= PROGRESS_FROM ? progressBar('Checking the batch', lines.length) : undefined;
  lines.forEach((raw, index) => {
    progress?.advance();
    const line = index + 1;
    if (!raw.trim() || raw.trimStart().startsWith('#')) return;
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch (error) {
      parsed.problems.push(`line ${line}: not valid JSON${jsonColumn(error)}`);
      return;
    }
    const deep = nestingProblem(data);
    if (deep) {
      parsed.problems.push(`line ${line}: ${deep.path}: ${deep.message}`);
      return;
    }
    const result = OperationSchema.safeParse(data);
    if (!result.success) {
      const issues = result.error.issues.map((issue) => `${issue.path.length ? `${describePath(issue.path, data)}: ` : ''}${issue.message}`);
      parsed.problems.push(`line ${line}: ${issues.join('; ')}`);
      return;
    }
    parsed.operations.push(result.data);
    parsed.lines.push(line);
  });
  progress?.done();
  return parsed;
}

/** How many items have each key, in first-seen order. An object would count "constructor" on top of Object's own. */
function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return Object.fromEntries(counts);
}

/** The batch's lines, parsed; a line that is not UTF-8 is one of the bad lines. */
async function readBatch(file: string): Promise<ParsedBatch> {
  const { text, badLines } = decodeUtf8Lines(await readInputBytes({ file, what: 'batch', limit: inputLimit(MAX_BATCH_BYTES) }));
  const batch = parseBatch(text);
  batch.problems.push(...badLines.map((line) => `line ${line}: not UTF-8 text; save the batch as UTF-8`));
  return batch;
}

export function registerBatch(program: Command): void {
  program
    .command('batch')
    .description('apply a file of operations (JSON Lines) all or nothing, as one step')
    .argument('<FILE>', 'the batch file, or - for standard input')
    .option('--dry-run', 'check the batch and show what would change; write nothing')
    .addHelpText('after', `
Each line is one operation, as in the audit log, e.g.
  {"op": "goal.progress", "goalId": "g12", "score": 6, "note": "Mødt op hver dag"}
  {"op": "contact.resolve", "contactId": "c5", "resolution": "Ressourceforløb bevilget"}
Blank lines and lines starting with # are skipped. The file is UTF-8 (a byte order mark
at the start is skipped), at most ${describeSize(MAX_BATCH_BYTES)}.

Examples:
  famcoord batch updates.jsonl --dry-run
  famcoord batch updates.jsonl
  my-script | famcoord batch -`)
    .action(async (file: string, options: { dryRun?: boolean }, command: Command) => {
      const ctx = createContext(command);
      const batch = await readBatch(file);
      const store = await ctx.openStore();
      const meta = { user: ctx.user, source: 'batch', today: ctx.today, person: await ctx.person() };
      const lineOf = (error: unknown) => (error instanceof TransactionError ? new UsageError(`line ${batch.lines[error.index - 1]}: ${error.message}; nothing was written`) : error);
      /**
       * Tries every line that parsed against the data, each in turn, and fails with every bad
       * line (those that did not parse too); when all apply, returns what they would do.
       */
      const check = async () => {
        const preview = await store.preview(batch.operations, meta).catch((error: unknown) => {
          throw lineOf(error);
        });
        const described = closestIdsMessage(store);
        const problems = [
          ...batch.problems.map((text) => ({ line: Number(/^line (\d+)/.exec(text)?.[1]), text })),
          ...(await Promise.all(
            preview.failures.map(async (f) => {
              const line = batch.lines[f.index - 1] as number;
              return { line, text: `line ${line}: ${f.error ? await described(f.error) : f.message}` };
            }),
          )),
        ].sort((a, b) => a.line - b.line);
        if (problems.length > 0) {
          for (const problem of problems) printProblem(problem.text);
          throw new UsageError(`${problems.length} bad line(s) in the batch; nothing was written`);
        }
        return preview;
      };
      const summarize = ({ applied, operationFamilyIds }: { applied: readonly Operation[]; operationFamilyIds: ReadonlyArray<string | undefined> }) => {
        const byFamily = countBy(operationFamilyIds, (id) => id ?? '?');
        return { operations: applied.length, families: Object.keys(byFamily).length, byOperation: countBy(applied, (op) => op.op), byFamily };
      };
      if (batch.problems.length > 0) await check();
      if (batch.operations.length === 0) throw new UsageError('the batch has no operations; nothing was written');

      if (options.dryRun) {
        const summary = summarize(await check());
        const { byOperation, byFamily } = summary;
        if (ctx.json) return ctx.printJson({ dryRun: true, ...summary });
        const words = cliWords(ctx.lang);
        return ctx.print(
          `${confirmations(ctx.lang).batchWouldApply(summary.operations, summary.families)}\n\n` +
            `${formatTable([{ header: words.operation, value: ([name]: [string, number]) => name }, { header: words.count, value: ([, n]: [string, number]) => n, align: 'right' }], Object.entries(byOperation))}\n\n` +
            `${formatTable([{ header: words.family, value: ([id]: [string, number]) => id }, { header: words.operations, value: ([, n]: [string, number]) => n, align: 'right' }], Object.entries(byFamily))}`,
        );
      }
      // Applied in one go, under the store's lock; only when a line fails is each one tried, so that
      // one run reports every bad line.
      const result = await store.transact(batch.operations, meta).catch(async (error: unknown) => {
        if (error instanceof TransactionError) await check();
        throw lineOf(error);
      });
      const summary = summarize(result);
      if (ctx.json) await ctx.printJson({ ok: true, step: result.step, ...summary });
      else ctx.print(confirmations(ctx.lang).batchApplied(summary.operations, summary.families, result.step));
    });
}
