// famcoord config: where the store is, and the user's default store (kept in conf).
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { configFile, openConfig, resolveStorePath } from '../store/location.js';
import { sanitizeLine } from '../domain/sanitize.js';
import { isPostgresUrl, redactUrl } from '../store/pgUrl.js';
import { createContext, givenStorePath } from './context.js';
import { UsageError } from './errors.js';
import { decodeUtf8Lines, readInputBytes } from './input.js';
import { checkedPurposes } from './purposes.js';

/** Where the store's path came from, in each language. */
const ORIGIN_TEXT = {
  en: { store: 'store', flag: 'from --store', env: 'from FAMCOORD_STORE', config: 'from your famcoord config', default: 'the default in your user data folder' },
  da: { store: 'register', flag: 'fra --store', env: 'fra FAMCOORD_STORE', config: 'fra din famcoord-opsætning', default: 'standarden i din brugers datamappe' },
} as const;

export function registerConfig(program: Command): void {
  const config = program
    .command('config')
    .description('show where the store is, and set or clear your default store')
    .addHelpText('after', '\nExamples:\n  famcoord config\n  famcoord config set-store ~/sager/famcoord.json\n  famcoord config set-store postgresql://hanne@db.kommune.dk/famcoord\n  famcoord config clear-store\n  famcoord config set-purposes formaal.json   # {"hverdagsstøtte": ["mentorstøtte", "bostøtte"]}')
    .action(async (_options, command: Command) => {
      const ctx = createContext(command);
      const { path, origin } = await resolveStorePath({ flag: ctx.storeFlag });
      const file = configFile();
      const shown = redactUrl(path);
      const words = ORIGIN_TEXT[ctx.lang];
      if (ctx.json) await ctx.printJson({ store: shown, origin, config: file });
      else ctx.print(`${words.store}:`.padEnd(8) + `${sanitizeLine(shown)} (${words[origin]})\nconfig: ${sanitizeLine(file)}`);
    });

  config
    .command('set-store')
    .description('make PATH your default store (used when neither --store nor FAMCOORD_STORE is given); a postgresql:// URL names a PostgreSQL store')
    .argument('<PATH>', 'the store file, or a postgresql:// URL (keep its password in ~/.pgpass, not in the URL)')
    .action(async (path: string, _options, command: Command) => {
      const ctx = createContext(command);
      const given = givenStorePath(path, 'famcoord config set-store');
      const store = isPostgresUrl(given) ? given : resolve(given);
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

  config
    .command('set-purposes')
    .description('replace the table of intervention kinds that serve the same purpose (flagged same-purpose when one member gets two at once from two sectors)')
    .argument('<FILE>', 'a JSON object: each purpose with its list of kinds, e.g. {"hverdagsstøtte": ["mentorstøtte", "bostøtte"]} (- for standard input)')
    .action(async (file: string, _options, command: Command) => {
      const ctx = createContext(command);
      const { text, badLines } = decodeUtf8Lines(await readInputBytes({ file, what: 'purposes', limit: 1024 * 1024 }));
      if (badLines.length > 0) throw new UsageError(`the purposes file: line ${badLines[0]} is not UTF-8 text; save it as UTF-8`);
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        throw new UsageError('the purposes file is not valid JSON: give an object such as {"hverdagsstøtte": ["mentorstøtte", "bostøtte"]}');
      }
      const table = checkedPurposes(data, 'the purposes file');
      (await openConfig()).set('samePurpose', table);
      if (ctx.json) await ctx.printJson({ ok: true, purposes: Object.keys(table).length });
      else ctx.print(`The table of same-purpose interventions now has ${Object.keys(table).length} purpose(s)`);
    });

  config
    .command('clear-purposes')
    .description("go back to famcoord's own table of intervention kinds that serve the same purpose")
    .action(async (_options, command: Command) => {
      const ctx = createContext(command);
      (await openConfig()).delete('samePurpose');
      if (ctx.json) await ctx.printJson({ ok: true });
      else ctx.print("famcoord's own table of same-purpose interventions applies again");
    });
}
