// famcoord migrate: copies the store, with its audit log, into a new store of the other backend
// (a JSON file ↔ a SQLite database, chosen by the new path), checks the copy, and leaves the old
// store as it was. A team whose caseload outgrows one file moves to SQLite this way, and back.
import { isDeepStrictEqual } from 'node:util';
import type { Command } from 'commander';
import { familyHash } from '../store/undo.js';
import { openStore } from '../store/openStore.js';
import { isSqlitePath } from '../store/sqliteStore.js';
import { isPostgresUrl } from '../store/pgUrl.js';
import { JsonFileStore } from '../store/jsonStore.js';
import type { State } from '../domain/schema.js';
import { createContext } from './context.js';
import { checkOutputPath } from './documentOutput.js';
import { UsageError } from './errors.js';
import { counted, progressBar, progressLabel } from './progress.js';
import { StoreError } from '../store/errors.js';
import { outputProblem } from '../store/pathGuard.js';

const backendName = (path: string) => (isPostgresUrl(path) ? 'PostgreSQL database' : isSqlitePath(path) ? 'SQLite database' : 'JSON file');

/** A fingerprint of a whole state, to notice a change made while the copy was being written. */
const fingerprint = (state: State) => state.families.map((family) => familyHash(family)).join(',');

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('copy the store and its audit log into a new store: a postgresql:// URL makes a PostgreSQL store, a .sqlite/.db path a SQLite database, any other a JSON file')
    .requiredOption('--to <path>', 'the new store; it must not exist yet')
    .addHelpText('after', '\nExamples:\n  famcoord migrate --to ~/famcoord/team.sqlite\n  famcoord --store team.sqlite migrate --to team.json\n  famcoord migrate --to postgresql://hanne@db.kommune.dk/famcoord')
    .action(async (options: { to: string }, command: Command) => {
      const ctx = createContext(command);
      const source = await ctx.openStore();
      // Neither store may be the other or one of the files kept beside it, whatever the spelling.
      if (!isPostgresUrl(options.to)) await checkOutputPath('--to', options.to, source.path, 'team.sqlite');
      if (!isPostgresUrl(options.to) && (await outputProblem(source.path, options.to)) === 'store')
        throw new UsageError('the store being migrated would be a file beside --to (its log, a backup, its lock); choose another name for --to');
      const target = openStore(options.to, { passphrase: ctx.passphrase });
      if (await target.exists())
        throw new UsageError((lang) => (lang === 'da' ? `${target.path} findes allerede; den er ikke ændret. Vælg en ny sti til --to` : `${target.path} already exists; it was not changed. Choose a new path for --to`));
      // An encrypted store stays encrypted (same passphrase); famcoord cannot encrypt a database.
      const encrypt = source instanceof JsonFileStore && (await source.encrypted());
      if (encrypt && isSqlitePath(target.path))
        throw new UsageError(`${source.path} is encrypted and famcoord cannot encrypt a SQLite store; migrate to a .json path, where it stays encrypted`);
      if (encrypt && isPostgresUrl(options.to))
        throw new UsageError(
          `${source.path} is encrypted, and famcoord does not encrypt a PostgreSQL store (the server protects it: TLS, its disk, its access rules); nothing was copied. To move it there, first migrate to a plain .json on an encrypted disk`,
        );
      const state = await source.read();
      const history = await source.history();
      const progress = progressBar(progressLabel('copyingFamilies', ctx.lang), state.families.length, { lang: ctx.lang });
      await target.create({ ...state, families: counted(state.families, progress, progressLabel('savingStore', ctx.lang)) }, { history, encrypt }).finally(() => progress.done());
      const copied = await target.read();
      const copiedHistory = await target.history();
      if (!isDeepStrictEqual(copied, state) || !isDeepStrictEqual(copiedHistory, history))
        throw new StoreError('io', `the copy in ${target.path} does not read back the same as ${source.path}; use the old store and remove the copy`);
      if (fingerprint(await source.read()) !== fingerprint(state))
        throw new StoreError('io', `${source.path} changed while it was being copied; remove ${target.path} and migrate again`);
      const summary = { ok: true, from: source.path, to: target.path, families: state.families.length, steps: history.length };
      if (ctx.json) return ctx.printJson(summary);
      if (ctx.lang === 'da')
        return ctx.print(
          `Kopierede ${summary.families} familier og ${summary.steps} trin fra loggen fra ${source.path} til ${target.path}.\n` +
            `Det gamle register er uændret. Brug det nye med --store ${target.path}, eller gør det til standard med famcoord config set-store ${target.path}`,
        );
      ctx.print(
        `Copied ${summary.families} families and ${summary.steps} log steps from the ${backendName(source.path)} ${source.path} to the ${backendName(target.path)} ${target.path}.\n` +
          `The old store is unchanged. Use the new one with --store ${target.path}, or make it the default with famcoord config set-store ${target.path}`,
      );
    });
}
