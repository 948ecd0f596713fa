// famcoord doctor: explains what is wrong with a store, finishes what an interrupted command left
// (as the next change would), and with --restore puts the newest good backup back. Works on a
// store no other command can open.
import type { Command } from 'commander';
import { Keyring } from '../store/crypto.js';
import { diagnose, diagnoseServerStore, restoreNewestBackup } from '../store/doctor.js';
import { StoreError } from '../store/errors.js';
import { PgStore } from '../store/pgStore.js';
import { isSqlitePath } from '../store/sqliteStore.js';
import { dayTimeText } from '../domain/dateFormat.js';
import { createContext } from './context.js';
import { cliWords } from './labels.js';
import { passphraseAvailable } from './passphrase.js';
import { EXIT_FAILED, UsageError } from './errors.js';
import type { FamilyStore } from '../store/Store.js';
import { isTeamStore, READS_KEPT_MONTHS } from '../store/team.js';
import type { CliContext } from './context.js';
import { formatTable } from './table.js';
import { problemInLang } from '../domain/problemWords.js';

/** doctor's own words; the problems it lists come from the store in English, shown through problemInLang. */
const DOCTOR_WORDS = {
  en: {
    store: 'store:',
    backups: 'backups:',
    repaired: 'repaired',
    problems: 'problems',
    notes: 'notes',
    noProblems: 'no problems found',
    families: (n: number) => `${n} families`,
    status: { ok: 'ok', missing: 'missing', corrupt: 'corrupt', invalid: 'invalid', unreadable: 'unreadable', encrypted: 'encrypted' },
    noBackupsServer: "not kept by famcoord for a PostgreSQL store (the server's own: pg_dump, base backups); copy it with famcoord migrate --to copy.json",
    noBackupsSqlite: "not kept for a SQLite store (SQLite's journal makes every change whole); copy it with famcoord migrate --to copy.json",
    noBackupsYet: 'none yet (one is kept at every change)',
    restored: (n: number | string, path: string, aside?: string) => `Restored backup ${n} as ${path}${aside ? `; the damaged store is kept as ${aside}` : ''}`,
  },
  da: {
    store: 'register:',
    backups: 'sikkerhedskopier:',
    repaired: 'rettet',
    problems: 'problemer',
    notes: 'bemærkninger',
    noProblems: 'ingen problemer fundet',
    families: (n: number) => `${n} ${n === 1 ? 'familie' : 'familier'}`,
    status: { ok: 'i orden', missing: 'mangler', corrupt: 'beskadiget', invalid: 'ugyldigt', unreadable: 'kan ikke læses', encrypted: 'krypteret' },
    noBackupsServer: 'famcoord gemmer ingen til et PostgreSQL-register (serverens egne: pg_dump, base backups); kopiér det med famcoord migrate --to kopi.json',
    noBackupsSqlite: 'gemmes ikke til et SQLite-register (SQLites journal gør hver ændring hel); kopiér det med famcoord migrate --to kopi.json',
    noBackupsYet: 'ingen endnu (der gemmes én ved hver ændring)',
    restored: (n: number | string, path: string, aside?: string) => `Sikkerhedskopi ${n} er lagt tilbage som ${path}${aside ? `; det beskadigede register er gemt som ${aside}` : ''}`,
  },
} as const;

/** doctor --prune: the reads logged before today less the months kept are deleted. */
async function pruneReads(ctx: CliContext, store: FamilyStore, keepMonths: string | undefined): Promise<void> {
  if (keepMonths !== undefined && !/^[1-9]\d{0,3}$/.test(keepMonths)) throw new UsageError('--keep-months must be a whole number of months, e.g. --keep-months 6');
  if (!isTeamStore(store)) throw new UsageError(`reads are logged on a team's PostgreSQL store; ${store.path} is one person's store, which logs none, so there is nothing to prune`);
  const months = keepMonths === undefined ? READS_KEPT_MONTHS : Number(keepMonths);
  const before = new Date(`${ctx.today}T00:00:00Z`);
  before.setUTCMonth(before.getUTCMonth() - months);
  const deleted = await store.pruneReads(before);
  const since = before.toISOString().slice(0, 10);
  if (ctx.json) return ctx.printJson({ ok: true, deletedReads: deleted, before: since });
  ctx.print(`Deleted ${deleted} logged read(s) from before ${since}; the last ${months} month(s) are kept`);
}

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description("check the store, its backups, lock and log (its hash chain), and finish what an interrupted command left; --restore puts the newest good backup back")
    .option('--restore', 'if the store cannot be read, restore the newest good backup (the damaged file is kept aside)')
    .option('--prune', `on a team's PostgreSQL store, delete the logged reads older than --keep-months (the store's owner does this)`)
    .option('--keep-months <N>', `with --prune: how many months of reads to keep (default ${READS_KEPT_MONTHS})`)
    .addHelpText('after', '\nExamples:\n  famcoord doctor\n  famcoord doctor --restore\n  famcoord doctor --prune --keep-months 6')
    .action(async (options: { restore?: boolean; prune?: boolean; keepMonths?: string }, command: Command) => {
      const ctx = createContext(command);
      if (options.keepMonths !== undefined && !options.prune) throw new UsageError('--keep-months goes with --prune, e.g. famcoord doctor --prune --keep-months 6');
      const opened = await ctx.openStore();
      const path = opened.path;
      if (options.prune) return pruneReads(ctx, opened, options.keepMonths);
      // Without a passphrase doctor still checks what it can, and says the store is encrypted.
      const keyring = new Keyring(passphraseAvailable() ? ctx.passphrase : undefined);
      if (options.restore) {
        if (opened instanceof PgStore)
          throw new StoreError('io', `famcoord keeps no backups of a PostgreSQL store; restore it from the server's own backups (pg_dump, base backups). ${path} was not changed`);
        const result = await restoreNewestBackup(path, { user: ctx.user }, keyring);
        if (ctx.json) return ctx.printJson({ ok: true, ...result });
        return ctx.print(DOCTOR_WORDS[ctx.lang].restored(result.restored, path, result.setAside));
      }
      const diagnosis = opened instanceof PgStore ? await diagnoseServerStore(opened) : await diagnose(path, keyring);
      const { store } = diagnosis;
      const w = DOCTOR_WORDS[ctx.lang];
      const details = [store.families !== undefined && w.families(store.families), store.encrypted && store.status !== 'encrypted' && w.status.encrypted].filter(Boolean);
      const list = (heading: string, items: readonly string[]) => `\n${heading}:\n${items.map((item) => `  - ${problemInLang(item, ctx.lang)}`).join('\n')}`;
      if (ctx.json) await ctx.printJson(diagnosis);
      else
        ctx.print(
          [
            `${w.store}   ${path}: ${w.status[store.status]}${details.length ? ` (${details.join(', ')})` : ''}`,
            diagnosis.backups.length
              ? `${w.backups}\n${formatTable([{ header: '  #', value: (b: (typeof diagnosis.backups)[number]) => `  ${b.n}` }, { header: cliWords(ctx.lang).saved, value: (b) => dayTimeText(b.modified, ctx.timeZone, ctx.lang, ctx.today) }, { header: cliWords(ctx.lang).status, value: (b) => w.status[b.status] }, { header: cliWords(ctx.lang).families, value: (b) => b.families ?? '', align: 'right' }], diagnosis.backups)}`
              : `${w.backups} ${opened instanceof PgStore ? w.noBackupsServer : isSqlitePath(path) ? w.noBackupsSqlite : w.noBackupsYet}`,
            ...(diagnosis.repaired.length ? [list(w.repaired, diagnosis.repaired)] : []),
            diagnosis.problems.length ? list(w.problems, diagnosis.problems) : `\n${w.noProblems}`,
            ...(diagnosis.notes.length ? [list(w.notes, diagnosis.notes)] : []),
          ].join('\n'),
        );
      if (store.status !== 'ok') process.exitCode = EXIT_FAILED;
    });
}
