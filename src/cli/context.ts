// What every subcommand needs: the global options resolved once (store, date, language, output
// mode), and one way to apply operations. Subcommands build operations; this validates and applies
// them, so the CLI never writes the same update twice.
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { isIsoDate, todayIn } from '../domain/dates.js';
import { writeJson, writePieces } from './jsonOutput.js';
import { localTimeZone } from './timeZone.js';
import { numberOrText } from '../domain/input.js';
import { describePath } from '../domain/errors.js';
import { ownValue } from '../domain/own.js';
import { sanitizeLine, sanitizeText } from '../domain/sanitize.js';
import { problemInLang } from '../domain/problemWords.js';
import type { Operation, OperationName, OperationOf, RawOperation } from '../domain/operations.js';
import { resolveStorePath } from '../store/location.js';
import { openStore } from '../store/openStore.js';
import type { ReadScope } from '../domain/scope.js';
import type { PassphraseSource } from '../store/crypto.js';
import type { FamilyStore, TransactResult } from '../store/Store.js';
import { UsageError, type WordedMessage } from './errors.js';
import { passphraseSource } from './passphrase.js';
import { standardOutput, type Output } from './stdio.js';
import { withClosestIds } from './known.js';

export type Lang = 'da' | 'en';

export interface GlobalOptions {
  store?: string;
  json?: boolean;
  date?: string;
  lang?: string;
  caseload?: string;
}

/** What a command that only reads needs: `famcoord today` runs with it before commander is loaded (quickArgs.ts). */
export interface ReadContext {
  json: boolean;
  today: string;
  /** True when --date pinned the day. */
  datePinned: boolean;
  timeZone: string;
  lang: Lang;
  user: string;
  storeFlag?: string;
  /** Only this coordinator's families (--caseload or FAMCOORD_CASELOAD); the whole store when absent. */
  caseload?: string;
  /** The read scope for the caseload, with more conditions added. */
  scope(extra?: ReadScope): ReadScope;
  /** The passphrase of an encrypted store, asked at most once (env, else the terminal). */
  passphrase: PassphraseSource;
  /**
   * Who the command acts as, for the team's rules: the store's answer when it has logins, else the
   * caseload's coordinator, else undefined (one person's store: the coordinator).
   */
  person(): Promise<string | undefined>;
  /** The store, opened once; `writerWaitMs` overrides how long its changes wait for another writer. */
  openStore(options?: { writerWaitMs?: number }): Promise<FamilyStore>;
  /** Writes text to stdout, sanitised when stdout is a terminal (printOut). */
  print(text: string): void;
  /** Writes text that comes in pieces (a table line by line) to stdout, sanitised as `print` sanitises it; resolves once a pipe has taken it. */
  printPieces(pieces: Iterable<string> | AsyncIterable<string>): Promise<void>;
  /** Writes JSON to stdout; resolves once a pipe has taken it all (a large answer waits for its reader). */
  printJson(value: unknown): Promise<void>;
}

export interface CliContext extends ReadContext {
  /** The subcommand that runs, for messages that name it and its options. */
  command: Command;
}

export function langFrom(flag: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (flag !== undefined) {
    if (flag === 'da' || flag === 'en') return flag;
    throw new UsageError(`--lang must be da or en, e.g. --lang da`); // said in English: the language is what is wrong
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^da\b|^da_/i.test(locale) ? 'da' : 'en';
}

/** The text output's language: --lang, else LANG; English when --lang itself is wrong (that is the message). */
export function textLang(options: Pick<GlobalOptions, 'lang'>, env: NodeJS.ProcessEnv = process.env): Lang {
  try {
    return langFrom(options.lang, env);
  } catch {
    return 'en';
  }
}

/** The language of a run's messages: the text output's; English beside --json, which scripts read. */
export function messageLang(options: Pick<GlobalOptions, 'json' | 'lang'>, env: NodeJS.ProcessEnv = process.env): Lang {
  return options.json ? 'en' : textLang(options, env);
}

export function checkDate(value: string, flag: string): string {
  if (!isIsoDate(value)) throw new UsageError((lang) => `${flag} ${problemInLang('must be a real date as YYYY-MM-DD, e.g. ', lang)}${flag} 2026-11-24`);
  return value;
}

/**
 * A store path the user typed (`what`: the flag or argument that gave it), refused when it is
 * empty or blank: it would otherwise stand for no --store at all, or for the current folder.
 */
export function givenStorePath(value: string, what: string): string {
  if (value.trim() === '')
    throw new UsageError((lang) =>
      lang === 'da'
        ? `${what} skal have en sti til registeret, f.eks. ${what} ~/sager/famcoord.json`
        : `${what} needs the path of the store, e.g. ${what} ~/sager/famcoord.json`,
    );
  return value;
}

export function currentUser(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FAMCOORD_USER) return env.FAMCOORD_USER;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

export function createContext(command: Command, env: NodeJS.ProcessEnv = process.env): CliContext {
  return contextOf(command.optsWithGlobals<GlobalOptions>(), env, command);
}

/** The context of the global options as given; with the subcommand that runs when commander parsed them. */
export function contextOf<C extends Command | undefined>(options: GlobalOptions, env: NodeJS.ProcessEnv, command: C): ReadContext & { command: C } {
  const timeZone = localTimeZone();
  const today = options.date !== undefined ? checkDate(options.date, '--date') : todayIn(timeZone);
  let store: FamilyStore | undefined;
  if (options.store !== undefined) givenStorePath(options.store, '--store');
  const caseload = options.caseload ?? (env.FAMCOORD_CASELOAD || undefined);
  if (caseload !== undefined && caseload.trim() === '') throw new UsageError('--caseload needs a coordinator\'s name, e.g. --caseload "Hanne Kjær"');
  const passphrase = passphraseSource(env);
  let user: string | undefined;
  return {
    command,
    json: options.json === true,
    today,
    datePinned: options.date !== undefined,
    timeZone,
    lang: langFrom(options.lang, env),
    // Asked of the system (getpwuid) only by a command that records who changed something.
    get user() {
      return (user ??= currentUser(env));
    },
    ...(options.store !== undefined && { storeFlag: options.store }),
    ...(caseload !== undefined && { caseload }),
    scope: (extra = {}) => ({ ...(caseload !== undefined && { coordinator: caseload }), ...extra }),
    passphrase,
    async person() {
      const store = await this.openStore();
      return (await store.person?.()) ?? caseload;
    },
    async openStore({ writerWaitMs } = {}) {
      if (!store) store = openStore((await resolveStorePath({ flag: options.store, env })).path, { passphrase, writerWaitMs });
      return store;
    },
    print: (text) => printOut(text, standardOutput()),
    printPieces: (pieces) => printPiecesOut(pieces, standardOutput()),
    printJson: (value) => writeJson(value, standardOutput()),
  };
}

/**
 * Writes text for stdout. On a terminal it is sanitised (a CSV or a document printed there could
 * otherwise drive it: set the title, clear the screen, fill the clipboard); into a file or a pipe
 * it goes as it is, since that is data.
 */
export function printOut(text: string, out: Pick<Output, 'write' | 'isTTY'>): void {
  const shown = out.isTTY ? sanitizeText(text) : text;
  out.write(shown.endsWith('\n') ? shown : `${shown}\n`);
}

/**
 * `printOut` for text that comes in pieces, sanitised piece by piece on a terminal: the pieces are
 * whole lines (a table's) or JSON, whose controls are escaped, so no escape sequence spans two.
 */
export async function printPiecesOut(pieces: Iterable<string> | AsyncIterable<string>, out: Output): Promise<void> {
  const tty = out.isTTY === true;
  let last = '';
  async function* shown(): AsyncGenerator<string> {
    for await (const piece of pieces) {
      if (piece.length > 0) last = piece;
      yield tty ? sanitizeText(piece) : piece;
    }
    if (!last.endsWith('\n')) yield '\n';
  }
  await writePieces(shown(), out);
}

export type { RawOperation };

/**
 * How a field of an operation is typed on the command line: "--reply-by", or "GOAL_ID" for an
 * argument; 'from-json' when the fields came from --from-json (a problem is named by its place there).
 */
export type FieldNames = Partial<Record<string, string>> | 'from-json';

const kebab = (field: string) => field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * Validates operations built from flags; a problem is reported with the flag the user typed. The
 * operations' schemas (zod) load here, when something is to change: reading commands start without them.
 */
async function validateOperations(inputs: readonly RawOperation[], names: FieldNames, command: Command): Promise<Operation[]> {
  // The quick parse first: operations it passes load no zod; zod judges and words any other.
  const { quickParseOperation } = await import('../domain/quickOperation.js');
  const quick = inputs.map(quickParseOperation);
  if (quick.every((operation) => operation !== undefined)) return quick as Operation[];
  const { NOTHING_TO_CHANGE, safeParseOperation } = await import('../domain/operations.js');
  return inputs.map((input) => {
    const result = safeParseOperation(input);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const message = (lang: Lang) => problemInLang(issue?.message ?? 'is not valid', lang);
    if (issue?.code === 'custom' && issue.params?.[NOTHING_TO_CHANGE]) throw new UsageError(nothingToChange(command));
    if (names === 'from-json') throw new UsageError((lang) => `--from-json${issue?.path.length ? ` ${lang === 'da' ? 'feltet' : 'field'} ${describePath(issue.path, input)}` : ':'} ${message(lang)}`);
    const field = String(issue?.path[0] ?? '');
    throw new UsageError((lang) => `${ownValue(names, field) ?? `--${kebab(field)}`} ${message(lang)}`);
  });
}

const NOTHING_TO_CHANGE_WORDS = {
  en: { nothing: (typed: string) => `${typed}: nothing to change; give`, or: 'or', aChange: 'a change' },
  da: { nothing: (typed: string) => `intet at ændre med famcoord ${typed}; angiv`, or: 'eller', aChange: 'en ændring' },
} as const;

/**
 * "goal update g13: nothing to change; give --title, --due, ... or --status" (Danish "intet at
 * ændre; angiv …"): the command as typed, and its own options.
 */
function nothingToChange(command: Command): WordedMessage {
  const words: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) words.unshift(c.name());
  const typed = [...words, ...command.args.map((arg) => sanitizeLine(arg).slice(0, 64))].join(' ');
  const flags = command.options.map((option) => option.long ?? option.flags);
  return (lang) => {
    const w = NOTHING_TO_CHANGE_WORDS[lang];
    return `${w.nothing(typed)} ${flags.length > 1 ? `${flags.slice(0, -1).join(', ')} ${w.or} ` : ''}${flags.at(-1) ?? w.aChange}`;
  };
}

/** Validates and applies operations as one step; prints what was done. */
export async function applyOperations(
  ctx: CliContext,
  inputs: readonly RawOperation[],
  names: FieldNames,
  describe: (result: TransactResult) => string,
): Promise<void> {
  // Who acts is asked first: on a team's store (PostgreSQL) that starts the connection, and the
  // server begins its session while the operations are checked (zod loads), not after. A failure
  // waits behind the check's: an invalid operation is a usage error whatever the server.
  // The connection's start (pg loaded, the socket connected, the startup message sent) needs one
  // turn of the event loop, which zod's synchronous load would otherwise hold up: the server then
  // began its session only after zod (~10 ms of an update's wall time on PostgreSQL).
  ctx.person().catch(() => undefined);
  await new Promise((resolve) => setImmediate(resolve));
  const operations = await validateOperations(inputs, names, ctx.command);
  const store = await ctx.openStore();
  // The step does not wait for the answer: on a file store the caseload is who acts, and a store
  // with logins does a member's step as the login's person (`ctx.person()`'s rule), taking the
  // answer when its first statements' answers come, which it follows on the connection.
  const result = await store.transact(operations, { user: ctx.user, source: 'cli', today: ctx.today, person: ctx.caseload }).catch(async (error: unknown) => {
    throw await withClosestIds(store, error);
  });
  if (ctx.json) await ctx.printJson({ ok: true, step: result.step, familyIds: result.familyIds, applied: result.applied });
  else if (ctx.lang === 'da') ctx.print(await danishSaved(result));
  else ctx.print(`${describe(result)} (step ${result.step})`);
}

/** "Gemt: nyt mål i f3, id g13 (trin 5)": a change in Danish, in the words the workbench's status line uses. */
async function danishSaved(result: TransactResult): Promise<string> {
  const { describeOperation } = await import('../domain/stepDescription.js');
  const [first] = result.applied;
  const created = createdId(result);
  const what = first ? describeOperation(first, 'da') : '';
  const more = result.applied.length > 1 ? ` og ${result.applied.length - 1} flere` : '';
  return `Gemt: ${what}${created === '?' ? '' : `, id ${created}`}${more} (trin ${result.step})`;
}

/**
 * The first operation of this name as the step applied it: new ids, default dates (today) and
 * normalised values filled in. A confirmation shows these, never the flags as they were typed.
 */
export function appliedOp<Name extends OperationName>(result: TransactResult, name: Name): OperationOf<Name> {
  const applied = result.applied.find((op): op is OperationOf<Name> => op.op === name);
  if (!applied) throw new Error(`the step applied no ${name}`);
  return applied;
}

/** The id the first applied operation gave its new object (goal.add, meeting.add, ...). */
export function createdId(result: TransactResult): string {
  const first = result.applied[0];
  return first && 'id' in first && typeof first.id === 'string' ? first.id : '?';
}

/** Turns a numeric flag into a number when it looks like one; otherwise validation names the flag. */
export const numberFlag = numberOrText;

/** Collects a repeatable flag. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];
