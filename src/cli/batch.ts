// famcoord batch FILE|-: JSON Lines, one operation per line, all or nothing. Every line is
// checked first and every bad line is reported with its number; only a wholly valid batch is
// applied, in one write, as one audit step (so one `undo` takes it back).
import type { Command } from 'commander';
import type { z } from 'zod';
import type { Operation } from '../domain/operations.js';
import { quickParseOperation } from '../domain/quickOperation.js';
import { describePath, TransactionError } from '../domain/errors.js';
import { MAX_NESTING, nestingProblem } from '../domain/nesting.js';
import { createContext } from './context.js';
import { closestIdsWorded } from './known.js';
import { printProblem, refusalIn, refusalWords, UsageError, type WordedMessage } from './errors.js';
import { problemInLang } from '../domain/problemWords.js';
import { describeLoggedOperations } from '../domain/stepDescription.js';
import type { Lang } from '../domain/vocabulary.js';
import { decodeUtf8Lines, describeSize, inputLimit, MAX_BATCH_BYTES, readInputBytes } from './input.js';
import { progressBar, progressLabel, progressPhase, PROGRESS_FROM } from './progress.js';
import { formatTable } from './table.js';
import { confirmations } from './confirmations.js';
import { cliWords } from './labels.js';

/** What is wrong with one line of a batch, in either language. */
export interface BatchProblem {
  /** The file line (1-based). */
  line: number;
  message: WordedMessage;
}

export interface ParsedBatch {
  operations: Operation[];
  /** The file line of each operation (1-based), for messages. */
  lines: number[];
  problems: BatchProblem[];
  /** A line the check could not judge (the quick parse alone, see readBatch): the batch is to be parsed again with zod. */
  unjudged?: true;
}

/** A line's operation checked: zod's parse (operations.ts's safeParseOperation), or undefined where the check cannot judge it. */
export type CheckOperation = (data: unknown) => z.ZodSafeParseResult<Operation> | undefined;

/** The quick parse alone (no zod loaded): it passes valid lines, and judges no other. */
const quickCheck: CheckOperation = (data) => {
  const operation = quickParseOperation(data);
  return operation && { success: true, data: operation };
};

/** The batch's own words about its lines; the domain's problems come through problemInLang. */
const BATCH_WORDS = {
  en: {
    line: 'line',
    notJson: (column: string) => `not valid JSON${column ? ` at column ${column}` : ''}`,
    notUtf8: 'not UTF-8 text; save the batch as UTF-8',
    badLines: (n: number) => `${n} bad line(s) in the batch; nothing was written`,
    noOperations: 'the batch has no operations; nothing was written',
  },
  da: {
    line: 'linje',
    notJson: (column: string) => `ikke gyldig JSON${column ? ` i kolonne ${column}` : ''}`,
    notUtf8: 'ikke UTF-8-tekst; gem filen som UTF-8',
    badLines: (n: number) => `${n} ${n === 1 ? 'linje' : 'linjer'} med fejl i filen; intet er skrevet`,
    noOperations: 'filen har ingen handlinger; intet er skrevet',
  },
} as const;

/** "linje 3: …" / "line 3: …". */
export const describeBatchProblem = (problem: BatchProblem, lang: Lang) => `${BATCH_WORDS[lang].line} ${problem.line}: ${problem.message(lang)}`;

/** The domain's English problems (a path and a message each), in the language they are shown in. */
const domainProblems = (problems: ReadonlyArray<{ path: string; message: string }>): WordedMessage => (lang) =>
  problems.map(({ path, message }) => `${path ? `${path}: ` : ''}${problemInLang(message, lang)}`).join('; ');

/** Where JSON.parse stopped, as a column, without quoting the line (it may hold personal data). */
function jsonColumn(error: unknown): string {
  const position = /at position (\d+)/.exec(error instanceof Error ? error.message : '');
  return position ? String(Number(position[1]) + 1) : '';
}

/**
 * Parses and validates every line with `check`; blank lines and lines starting with # are skipped.
 * Stops at a line `check` cannot judge, marking the batch `unjudged`.
 */
export function parseBatch(text: string, lang: Lang, check: CheckOperation): ParsedBatch {
  const parsed: ParsedBatch = { operations: [], lines: [], problems: [] };
  const lines = text.split(/\r?\n/);
  // A large batch is checked line by line for a while before anything is written: show how far.
  const progress = lines.length >= PROGRESS_FROM ? progressBar(progressLabel('checkingBatch', lang), lines.length, { lang }) : undefined;
  for (const [index, raw] of lines.entries()) {
    progress?.advance();
    const line = index + 1;
    if (!raw.trim() || raw.trimStart().startsWith('#')) continue;
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch (error) {
      const column = jsonColumn(error);
      parsed.problems.push({ line, message: (lang) => BATCH_WORDS[lang].notJson(column) });
      continue;
    }
    // Nesting deeper than MAX_NESTING takes an opening and a closing bracket per level: a shorter
    // line (an ordinary operation is one of ~100 characters) cannot, and is not walked.
    const deep = raw.length > 2 * MAX_NESTING ? nestingProblem(data) : undefined;
    if (deep) {
      parsed.problems.push({ line, message: domainProblems([deep]) });
      continue;
    }
    const result = check(data);
    if (!result) {
      parsed.unjudged = true;
      break;
    }
    if (!result.success) {
      const issues = result.error.issues.map((issue) => ({ path: issue.path.length ? describePath(issue.path, data) : '', message: issue.message }));
      parsed.problems.push({ line, message: domainProblems(issues) });
      continue;
    }
    parsed.operations.push(result.data);
    parsed.lines.push(line);
  }
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
async function readBatch(file: string, lang: Lang): Promise<ParsedBatch> {
  const { text, badLines } = decodeUtf8Lines(await readInputBytes({ file, what: 'batch', limit: inputLimit(MAX_BATCH_BYTES) }));
  // The quick parse first: a batch of valid lines loads no zod. At a line it does not pass, the
  // batch is parsed again by zod, which judges every line and words what is wrong.
  const quick = parseBatch(text, lang, quickCheck);
  const batch = quick.unjudged ? parseBatch(text, lang, (await import('../domain/operations.js')).safeParseOperation) : quick;
  batch.problems.push(...badLines.map((line): BatchProblem => ({ line, message: (lang) => BATCH_WORDS[lang].notUtf8 })));
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
      const batch = await readBatch(file, ctx.lang);
      const store = await ctx.openStore();
      const meta = { user: ctx.user, source: 'batch', today: ctx.today, person: await ctx.person() };
      const lineOf = (error: unknown) =>
        error instanceof TransactionError
          ? new UsageError((lang) => `${describeBatchProblem({ line: batch.lines[error.index - 1] as number, message: (l) => refusalIn(error.cause, l) }, lang)}; ${refusalWords(lang).nothingWritten}`)
          : error;
      /**
       * Tries every line that parsed against the data, each in turn, and fails with every bad
       * line (those that did not parse too); when all apply, returns what they would do.
       */
      const check = async () => {
        // Only lines that parsed are tried: with none, there is nothing to try (and a step of no
        // operations is refused as changing nothing, which would hide the bad lines).
        const preview = batch.operations.length === 0
          ? { failures: [], applied: [], operationFamilyIds: [] }
          : await store.preview(batch.operations, meta).catch((error: unknown) => {
              throw lineOf(error);
            });
        const described = closestIdsWorded(store);
        const problems: BatchProblem[] = [
          ...batch.problems,
          ...(await Promise.all(
            preview.failures.map(async (f): Promise<BatchProblem> => {
              const line = batch.lines[f.index - 1] as number;
              return { line, message: f.error ? await described(f.error) : (lang) => problemInLang(f.message, lang) };
            }),
          )),
        ].sort((a, b) => a.line - b.line);
        if (problems.length > 0) {
          const lang = ctx.json ? 'en' : ctx.lang; // as the run's own message (run.ts)
          for (const problem of problems) printProblem(describeBatchProblem(problem, lang));
          throw new UsageError((l) => BATCH_WORDS[l].badLines(problems.length));
        }
        return preview;
      };
      const summarize = ({ applied, operationFamilyIds }: { applied: readonly Operation[]; operationFamilyIds: ReadonlyArray<string | undefined> }) => {
        const byFamily = countBy(operationFamilyIds, (id) => id ?? '?');
        return { operations: applied.length, families: Object.keys(byFamily).length, byOperation: countBy(applied, (op) => op.op), byFamily };
      };
      if (batch.problems.length > 0) await check();
      if (batch.operations.length === 0) throw new UsageError((lang) => BATCH_WORDS[lang].noOperations);

      if (options.dryRun) {
        const preview = await check();
        const summary = summarize(preview);
        // Danish names each kind of operation in words, with the objects it changes ("fremskridt på g2, g7").
        const operationName = (name: string) => (ctx.lang === 'da' ? describeLoggedOperations(preview.applied.filter((op) => op.op === name), 'da') : name);
        const { byOperation, byFamily } = summary;
        if (ctx.json) return ctx.printJson({ dryRun: true, ...summary });
        const words = cliWords(ctx.lang);
        return ctx.print(
          `${confirmations(ctx.lang).batchWouldApply(summary.operations, summary.families)}\n\n` +
            `${formatTable([{ header: words.operation, value: ([name]: [string, number]) => operationName(name), maxWidth: 60 }, { header: words.count, value: ([, n]: [string, number]) => n, align: 'right' }], Object.entries(byOperation))}\n\n` +
            `${formatTable([{ header: words.family, value: ([id]: [string, number]) => id }, { header: words.operations, value: ([, n]: [string, number]) => n, align: 'right' }], Object.entries(byFamily))}`,
        );
      }
      // Applied in one go, under the store's lock; only when a line fails is each one tried, so that
      // one run reports every bad line.
      // The write of a large batch (the store read, every operation applied, the file written) takes a while too.
      const saving = batch.operations.length >= PROGRESS_FROM ? progressPhase(progressLabel('savingBatch', ctx.lang), { lang: ctx.lang }) : undefined;
      const result = await store
        .transact(batch.operations, meta)
        .finally(() => saving?.done())
        .catch(async (error: unknown) => {
          if (error instanceof TransactionError) await check();
          throw lineOf(error);
        });
      const summary = summarize(result);
      if (ctx.json) await ctx.printJson({ ok: true, step: result.step, ...summary });
      else ctx.print(confirmations(ctx.lang).batchApplied(summary.operations, summary.families, result.step));
    });
}
