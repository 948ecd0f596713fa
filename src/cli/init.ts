// famcoord init: an empty store at the configured place.
import type { Command } from 'commander';
import { emptyState } from '../domain/schema.js';
import { sanitizeLine } from '../domain/sanitize.js';
import { createContext } from './context.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create an empty store (refuses to replace an existing one)')
    .option('--encrypt', 'encrypt the store and its audit log with a passphrase (asked twice, or FAMCOORD_PASSPHRASE)')
    .addHelpText('after', '\nExamples:\n  famcoord init\n  famcoord init --store ~/sager/famcoord.json\n  famcoord init --encrypt')
    .action(async (options: { encrypt?: boolean }, command: Command) => {
      const ctx = createContext(command);
      const store = await ctx.openStore();
      const encrypted = options.encrypt === true;
      await store.create(emptyState(), { encrypt: encrypted });
      if (ctx.json) await ctx.printJson({ ok: true, store: store.path, encrypted });
      else
        ctx.print(
          ctx.lang === 'da'
            ? `Oprettede et tomt${encrypted ? ' krypteret' : ''} register i ${sanitizeLine(store.path)}\n${encrypted ? 'Pas godt på adgangsfrasen: uden den kan registret ikke læses, og den kan ikke genskabes.\n' : ''}Tilføj en familie: famcoord families add --name "Familien Jensen" --member "Mette Jensen:voksen"`
            : `Created an empty${encrypted ? ' encrypted' : ''} store at ${sanitizeLine(store.path)}\n${encrypted ? 'Keep the passphrase safe: without it the store cannot be read, and it cannot be recovered.\n' : ''}Add a family: famcoord families add --name "Familien Jensen" --member "Mette Jensen:adult"`,
        );
    });
}
