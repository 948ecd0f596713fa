// famcoord config: where the store is, and the user's default store (kept in conf).
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { openConfig, resolveStorePath } from '../store/location.js';
import { sanitizeLine } from '../domain/sanitize.js';
import { isPostgresUrl, redactUrl } from '../store/pgUrl.js';
import { createContext } from './context.js';

const ORIGIN_TEXT = {
  flag: 'from --store',
  env: 'from FAMCOORD_STORE',
  config: 'from your famcoord config',
  default: 'the default in your user data folder',
} as const;

export function registerConfig(program: Command): void {
  const config = program
    .command('config')
    .description('show where the store is, and set or clear your default store')
    .addHelpText('after', '\nExamples:\n  famcoord config\n  famcoord config set-store ~/sager/famcoord.json\n  famcoord config set-store postgresql://hanne@db.kommune.dk/famcoord\n  famcoord config clear-store')
    .action(async (_options, command: Command) => {
      const ctx = createContext(command);
      const { path, origin } = await resolveStorePath({ flag: ctx.storeFlag });
      const file = (await openConfig()).path;
      const shown = redactUrl(path);
      if (ctx.json) await ctx.printJson({ store: shown, origin, config: file });
      else ctx.print(`store:  ${sanitizeLine(shown)} (${ORIGIN_TEXT[origin]})\nconfig: ${sanitizeLine(file)}`);
    });

  config
    .command('set-store')
    .description('make PATH your default store (used when neither --store nor FAMCOORD_STORE is given); a postgresql:// URL names a PostgreSQL store')
    .argument('<PATH>', 'the store file, or a postgresql:// URL (keep its password in ~/.pgpass, not in the URL)')
    .action(async (path: string, _options, command: Command) => {
      const ctx = createContext(command);
      const store = isPostgresUrl(path) ? path : resolve(path);
      (await openConfig()).set('store', store);
      const shown = redactUrl(store);
      if (ctx.json) await ctx.printJson({ ok: true, store: shown });
      else ctx.print(`Your default store is now ${sanitizeLine(shown)}`);
    });

  config
    .command('clear-store')
    .description('forget the default store (back to the user data folder)')
    .action(async (_options, command: Command) => {
      const ctx = createContext(command);
      (await openConfig()).delete('store');
      if (ctx.json) await ctx.printJson({ ok: true });
      else ctx.print('Your default store is the user data folder again');
    });
}
