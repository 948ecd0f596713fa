// famcoord demo: a store of generated, realistic Danish families to try famcoord on. It replaces
// only a missing store or an earlier demo store: never real case data, unless --force.
import type { Command } from 'commander';
import { demoContent } from '../domain/demo.js';
import { StoreError } from '../store/errors.js';
import { createContext, numberFlag } from './context.js';
import { UsageError } from './errors.js';

const MAX_FAMILIES = 100_000;

function wholeNumber(value: string, flag: string, min: number, max: number): number {
  const n = numberFlag(value);
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, e.g. ${flag} 25`);
  return n;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('write a demo store of generated families (deterministic for a seed and date)')
    .option('--families <n>', `how many families, 1 to ${MAX_FAMILIES}`, '25')
    .option('--seed <s>', 'the random seed: the same seed and date give the same store', '1')
    .option('--force', 'replace a store that is not a demo store (its data is lost)')
    .option('--encrypt', 'encrypt the demo store with a passphrase, as famcoord init --encrypt does')
    .addHelpText('after', '\nExamples:\n  famcoord demo && famcoord\n  famcoord demo --families 1000 --seed 7 --date 2026-11-24 --store /tmp/demo.json')
    .action(async (o: { families: string; seed: string; force?: boolean; encrypt?: boolean }, command: Command) => {
      const ctx = createContext(command);
      const families = wholeNumber(o.families, '--families', 1, MAX_FAMILIES);
      const seed = wholeNumber(o.seed, '--seed', 0, 2 ** 32 - 1);
      const store = await ctx.openStore();
      if ((await store.exists()) && !o.force) {
        const existing = await store.read().catch((error: unknown) => {
          if (error instanceof StoreError) return undefined;
          throw error;
        });
        if (!existing || existing.demo !== true)
          throw new UsageError(`${store.path} holds a store that is not a demo; it was not changed. Use --store PATH for the demo, or --force to replace it`);
      }
      // The families are generated as the store takes them: a municipality's demo is not held whole.
      await store.create(demoContent({ families, seed, today: ctx.today }), { replace: true, encrypt: o.encrypt === true });
      if (ctx.json) await ctx.printJson({ ok: true, store: store.path, families, seed, date: ctx.today, encrypted: o.encrypt === true });
      else {
        const open = ctx.storeFlag !== undefined ? `famcoord --store ${store.path}` : 'famcoord';
        ctx.print(`Wrote a${o.encrypt ? 'n encrypted' : ''} demo store with ${families} families (seed ${seed}, today ${ctx.today}) to ${store.path}\nOpen it: ${open}${ctx.datePinned ? ` --date ${ctx.today}` : ''}`);
      }
    });
}
