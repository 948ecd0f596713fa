// famcoord import FILE: merges a famcoord export into the store. New families are added, identical
// ones skipped; a family that differs from ours is a conflict, settled only by --prefer. It is one
// step of the audit log (family.import operations), so famcoord undo takes the whole import back.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { importOperations, parseExport, planImport, type ImportPlan, type Preference } from '../domain/exchange.js';
import { sanitizeLine } from '../domain/sanitize.js';
import { ownValue } from '../domain/own.js';
import { problemInLang } from '../domain/problemWords.js';
import type { Family } from '../domain/schema.js';
import { describeProblems, ValidationError } from '../domain/errors.js';
import { describeIoError } from '../store/errors.js';
import { describeJsonError } from '../store/jsonStore.js';
import { createContext } from './context.js';
import { EXIT_FAILED, printProblem, UsageError } from './errors.js';
import { counted, progressBar, progressLabel, progressPhase } from './progress.js';
import { formatTable } from './table.js';
import { confirmations } from './confirmations.js';
import { cliWords } from './labels.js';

/** The families in an export file; any problem is a UsageError naming the file and the place. */
async function readExportFile(path: string): Promise<Family[]> {
  const file = sanitizeLine(path); // for messages: a file name may hold anything
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const why = describeIoError(error);
    throw new UsageError((lang) => (lang === 'da' ? `kan ikke læse importfilen ${file}: ${why}` : `cannot read the import file ${file}: ${why}`));
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const where = describeJsonError(error, text);
    throw new UsageError((lang) => (lang === 'da' ? `importfilen ${file} er ikke gyldig JSON ${where}; intet er skrevet` : `the import file ${file} is not valid JSON ${where}; nothing was written`));
  }
  try {
    return parseExport(data);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const { problems } = error;
    throw new UsageError((lang) =>
      lang === 'da'
        ? `importfilen ${file} er ikke en eksport fra famcoord: ${describeProblems(problems.map((p) => ({ ...p, message: problemInLang(p.message, lang) })), 5, lang)}; intet er skrevet`
        : `the import file ${file} is not a famcoord export: ${describeProblems(problems)}; nothing was written`,
    );
  }
}

interface Outcome {
  familyId: string;
  result: string;
  differs?: string;
}

/** The table's results and the refusals in either language; --json keeps the English results. */
const IMPORT_WORDS = {
  en: {
    result: (result: string) => result,
    part: (part: string) => part,
    idClash: (familyId: string, ids: string, usedBy: string[]) => `family ${familyId} cannot be imported: its ids ${ids} are used by ${usedBy.length === 1 ? 'family' : 'families'} ${usedBy.join(', ')} here (ids are unique in a store)`,
    idClashes: (n: number) => `${n} family(ies) cannot be imported; nothing was written`,
    conflict: (familyId: string, parts: string) => `conflict: family ${familyId} differs from ours in ${parts}`,
    conflicts: (n: number) => `${n} conflict(s); nothing was written. Pass --prefer theirs to replace ours with the imported version, or --prefer ours to keep ours`,
  },
  da: {
    result: (result: string) => ownValue(DANISH_RESULTS, result) ?? result,
    part: (part: string) => ownValue(DANISH_PARTS, part) ?? part,
    idClash: (familyId: string, ids: string, usedBy: string[]) => `familie ${familyId} kan ikke importeres: dens id ${ids} bruges her af ${usedBy.length === 1 ? 'familie' : 'familierne'} ${usedBy.join(', ')} (et id er entydigt i et register)`,
    idClashes: (n: number) => `${n} ${n === 1 ? 'familie' : 'familier'} kan ikke importeres; intet er skrevet`,
    conflict: (familyId: string, parts: string) => `konflikt: familie ${familyId} afviger fra vores i ${parts}`,
    conflicts: (n: number) => `${n} ${n === 1 ? 'konflikt' : 'konflikter'}; intet er skrevet. Angiv --prefer theirs for at erstatte vores med den importerede, eller --prefer ours for at beholde vores`,
  },
};

const DANISH_RESULTS: Record<string, string> = { added: 'tilføjet', 'identical, skipped': 'ens, sprunget over', 'replaced (theirs)': 'erstattet (deres)', 'kept ours': 'vores beholdt', conflict: 'konflikt' };
const DANISH_PARTS: Record<string, string> = { name: 'navn', coordinator: 'koordinator', members: 'personer', goals: 'mål', meetings: 'møder', contacts: 'henvendelser', interventions: 'indsatser', consents: 'samtykker', observations: 'indikatorer', events: 'hændelser' };

function outcomes(plan: ImportPlan, prefer: Preference | undefined): Outcome[] {
  const conflictResult = prefer === 'theirs' ? 'replaced (theirs)' : prefer === 'ours' ? 'kept ours' : 'conflict';
  return [
    ...plan.added.map((f) => ({ familyId: f.id, result: 'added' })),
    ...plan.same.map((f) => ({ familyId: f.id, result: 'identical, skipped' })),
    ...plan.conflicts.map((c) => ({ familyId: c.family.id, result: conflictResult, differs: c.parts.join(', ') })),
  ];
}

function fail(lines: readonly string[]): void {
  for (const line of lines) printProblem(line);
  process.exitCode = EXIT_FAILED;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('merge a famcoord export into the store as one step (new families added, identical skipped, conflicts reported)')
    .argument('<FILE>', 'a file written by famcoord export')
    .option('--prefer <theirs|ours>', 'settle conflicts: theirs replaces our family with the imported one, ours keeps ours')
    .option('--dry-run', 'show what would happen; write nothing')
    .addHelpText('after', `
Examples:
  famcoord import flyt.json --dry-run
  famcoord import flyt.json
  famcoord import flyt.json --prefer theirs`)
    .action(async (file: string, options: { prefer?: string; dryRun?: boolean }, command: Command) => {
      const ctx = createContext(command);
      if (options.prefer !== undefined && options.prefer !== 'theirs' && options.prefer !== 'ours')
        throw new UsageError('--prefer must be theirs or ours, e.g. --prefer theirs');
      const prefer = options.prefer as Preference | undefined;
      const families = await readExportFile(file);
      const store = await ctx.openStore();
      // Each family is compared with ours (its ids, its whole content): the long part of a large import.
      const progress = progressBar(progressLabel('comparingFamilies', ctx.lang), families.length, { lang: ctx.lang });
      const plan = planImport(await store.read(), counted(families, progress));
      progress.done();

      // Only ids and field names are reported: the families' content is personal data.
      const said = IMPORT_WORDS[ctx.json ? 'en' : ctx.lang];
      const parts = (list: readonly string[]) => list.map(said.part).join(', ');
      if (plan.idClashes.length > 0)
        return fail([
          ...plan.idClashes.map((c) => said.idClash(c.family.id, `${c.ids.slice(0, 5).join(', ')}${c.ids.length > 5 ? ', …' : ''}`, c.usedBy.slice(0, 3))),
          said.idClashes(plan.idClashes.length),
        ]);
      if (plan.conflicts.length > 0 && prefer === undefined)
        return fail([...plan.conflicts.map((c) => said.conflict(c.family.id, parts(c.parts))), said.conflicts(plan.conflicts.length)]);
      const rows = outcomes(plan, prefer);
      const operations = importOperations(plan, prefer);
      const summary = { added: plan.added.length, identical: plan.same.length, conflicts: plan.conflicts.length, families: rows };
      const words = cliWords(ctx.lang);
      const table = formatTable<Outcome>([
        { header: words.family, value: (o) => o.familyId },
        { header: words.result, value: (o) => said.result(o.result) },
        { header: words.differsIn, value: (o) => (o.differs === undefined ? undefined : parts(o.differs.split(', '))) },
      ], rows);
      if (options.dryRun) {
        if (ctx.json) return ctx.printJson({ dryRun: true, ...summary });
        return ctx.print(`${confirmations(ctx.lang).importWouldWrite(operations.length)}\n\n${table}`);
      }
      if (operations.length === 0) {
        if (ctx.json) return ctx.printJson({ ok: true, step: null, ...summary });
        return ctx.print(`${confirmations(ctx.lang).nothingToImport(prefer === 'ours')}\n\n${table}`);
      }
      const saving = progressPhase(progressLabel('savingImport', ctx.lang), { lang: ctx.lang });
      const result = await store.transact(operations, { user: ctx.user, source: 'import', today: ctx.today }).finally(() => saving.done());
      if (ctx.json) return ctx.printJson({ ok: true, step: result.step, ...summary });
      ctx.print(`${confirmations(ctx.lang).imported(operations.length, result.step)}\n\n${table}`);
    });
}
