// famcoord migrate-schema: brings a PostgreSQL store's tables up to this famcoord's schema by
// applying the numbered migrations it lacks (src/store/pgSchema.ts), in one transaction. No other
// command changes a team's schema: they refuse an older or newer one and name this command.
import type { Command } from 'commander';
import { PgStore } from '../store/pgStore.js';
import { sanitizeLine } from '../domain/sanitize.js';
import { createContext } from './context.js';
import { UsageError } from './errors.js';

export function registerMigrateSchema(program: Command): void {
  program
    .command('migrate-schema')
    .description("apply the schema migrations a PostgreSQL store lacks (once, for the whole team, after installing a newer famcoord)")
    .addHelpText('after', '\nExamples:\n  famcoord migrate-schema --store postgresql://hanne@db.kommune.dk/famcoord')
    .action(async (_options, command: Command) => {
      const ctx = createContext(command);
      const store = await ctx.openStore();
      if (!(store instanceof PgStore))
        throw new UsageError(`${sanitizeLine(store.path)} is not a PostgreSQL store; migrate-schema is for a store named by a postgresql:// URL`);
      const { from, to } = await store.migrateSchema();
      if (ctx.json) return ctx.printJson({ ok: true, store: store.path, from, to });
      ctx.print(from === to ? `The store ${sanitizeLine(store.path)} already has schema ${to}; nothing to do` : `Migrated the store ${sanitizeLine(store.path)} from schema ${from} to ${to}`);
    });
}
