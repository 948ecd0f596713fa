// famcoord demo: a store of generated, realistic Danish families to try famcoord on. It replaces
// only a missing store or an untouched demo (the same seed and date give it back): never real case
// data, nor a demo someone has worked in, unless --replace, and then it keeps what it replaces.
import type { Command } from 'commander';
import { demoContent } from '../domain/demo.js';
import { StoreError } from '../store/errors.js';
import type { CreateOptions, FamilyStore } from '../store/Store.js';
import { createContext, numberFlag } from './context.js';
import { UsageError } from './errors.js';
import { counted, progressBar, progressLabel, PROGRESS_FROM } from './progress.js';

const MAX_FAMILIES = 100_000;

function wholeNumber(value: string, flag: string, min: number, max: number): number {
  const n = numberFlag(value);
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, e.g. ${flag} 25`);
  return n;
}

/** The store exists but holds nothing yet (an empty SQLite file, an empty database): famcoord's to fill. */
const EMPTY = Symbol('empty');

/**
 * Whether an existing store may be replaced, and so must be kept: an untouched demo, or an empty
 * store, is replaced without keeping it; anything else (not a demo, unreadable, or with logged
 * changes) only with --replace. What is not a store file at all (a folder, a FIFO, a link, a file
 * famcoord may not open) is refused as every command refuses it. A demo's log is looked at outside
 * the lock, so the create is told the step it ended at (`ifLastStep`) and refuses if a change was
 * logged since.
 */
async function replacing(store: FamilyStore, replace: boolean): Promise<Pick<CreateOptions, 'keep' | 'ifLastStep'>> {
  const existing = await store.read().catch((error: unknown) => {
    if (!(error instanceof StoreError) || error.kind === 'io') throw error;
    return error.kind === 'missing' ? EMPTY : undefined;
  });
  if (existing === EMPTY) return {};
  const history = existing?.demo === true ? await store.history() : [];
  const changes = history.length;
  const ifLastStep = existing?.demo === true ? (history.at(-1)?.step ?? 0) : undefined;
  if (existing?.demo === true && changes === 0) return { keep: false, ifLastStep };
  if (replace) return { keep: true, ...(ifLastStep !== undefined && { ifLastStep }) };
  const what = existing?.demo === true ? `a demo store with ${changes} logged change(s)` : 'a store that is not a demo';
  throw new UsageError(`${store.path} holds ${what}; it was not changed. Use --store PATH for the demo, or --replace to replace it (the old store is kept beside it)`);
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('write a demo store of generated families (deterministic for a seed and date)')
    .option('--families <n>', `how many families, 1 to ${MAX_FAMILIES}`, '25')
    .option('--seed <s>', 'the random seed: the same seed and date give the same store', '1')
    .option('--replace', 'replace a store that is not a demo, or a demo with logged changes (it is kept beside, as STORE.replaced-TIME)')
    .option('--encrypt', 'encrypt the demo store with a passphrase, as famcoord init --encrypt does')
    .addHelpText('after', '\nExamples:\n  famcoord demo && famcoord\n  famcoord demo --families 1000 --seed 7 --date 2026-11-24 --store /tmp/demo.json')
    .action(async (o: { families: string; seed: string; replace?: boolean; encrypt?: boolean }, command: Command) => {
      const ctx = createContext(command);
      const families = wholeNumber(o.families, '--families', 1, MAX_FAMILIES);
      const seed = wholeNumber(o.seed, '--seed', 0, 2 ** 32 - 1);
      const store = await ctx.openStore();
      const replaced = (await store.exists()) ? await replacing(store, o.replace === true) : {};
      // The families are generated as the store takes them: a municipality's demo is not held whole.
      const content = demoContent({ families, seed, today: ctx.today });
      const progress = families >= PROGRESS_FROM ? progressBar(progressLabel('writingDemo', ctx.lang), families, { lang: ctx.lang }) : undefined;
      const { keptAs } = await store
        .create(progress ? { ...content, families: counted(content.families, progress, progressLabel('savingStore', ctx.lang)) } : content, { replace: true, ...replaced, encrypt: o.encrypt === true })
        .finally(() => progress?.done());
      if (ctx.json) await ctx.printJson({ ok: true, store: store.path, families, seed, date: ctx.today, encrypted: o.encrypt === true, ...(keptAs !== undefined && { keptAs }) });
      else {
        const open = ctx.storeFlag !== undefined ? `famcoord --store ${store.path}` : 'famcoord';
        const openIt = `${open}${ctx.datePinned ? ` --date ${ctx.today}` : ''}`;
        ctx.print(
          ctx.lang === 'da'
            ? `Skrev et${o.encrypt ? ' krypteret' : ''} demoregister med ${families} familier (frø ${seed}, i dag ${ctx.today}) til ${store.path}${keptAs === undefined ? '' : `\nDet register, det erstattede, er gemt som ${keptAs}`}\nÅbn det: ${openIt}`
            : `Wrote a${o.encrypt ? 'n encrypted' : ''} demo store with ${families} families (seed ${seed}, today ${ctx.today}) to ${store.path}${keptAs === undefined ? '' : `\nThe store it replaced is kept as ${keptAs}`}\nOpen it: ${openIt}`,
        );
      }
    });
}
