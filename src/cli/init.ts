// famcoord init: an empty store at the configured place.
import type { Command } from 'commander';
import { emptyState } from '../domain/schema.js';
import { createContext } from './context.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create an empty store (refuses to replace an existing one)')
    .addHelpText('after', '\nExamples:\n  famcoord init\n  famcoord init --store ~/sager/famcoord.json')
    .action(async (_options, command: Command) => {
      const ctx = createContext(command);
      const store = await ctx.openStore();
      await store.create(emptyState());
      if (ctx.json) ctx.printJson({ ok: true, store: store.path });
      else ctx.print(`Created an empty store at ${store.path}\nAdd a family: famcoord families add --name "Familien Jensen" --member "Mette Jensen:adult"`);
    });
}
