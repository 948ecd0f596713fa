// Commander's own refusals (a missing argument or value, an unknown option or command) in Danish,
// for a coordinator whose famcoord speaks Danish: commander words them in English, and they are the
// first thing a mistyped command shows. Help's texts have a table of their own (helpWords.ts).
import type { Lang } from '../domain/vocabulary.js';
import { messageLang } from './context.js';

/** Commander's patterns (commander 14, lib/command.js) and their Danish, after commanderMessage made them one line. */
const DANISH_USAGE: Array<[RegExp, string]> = [
  [/^missing required argument '([^']*)'$/, "mangler argumentet '$1'"],
  [/^option '([^']*)' argument missing$/, "tilvalget '$1' mangler sin værdi"],
  [/^required option '([^']*)' not specified$/, "tilvalget '$1' skal angives"],
  [/^unknown option '([^']*)'/, "ukendt tilvalg '$1'"],
  [/^unknown command '([^']*)'/, "ukendt kommando '$1'"],
  [/^too many arguments for '([^']*)'\. Expected (\d+) arguments? but got (\d+)\.$/, "for mange argumenter til '$1': den tager $2, fik $3"],
  [/^too many arguments\. Expected (\d+) arguments? but got (\d+)\.$/, 'for mange argumenter: famcoord tager $1, fik $2'],
  // commander's suggestion after an unknown option or command
  [/ \(Did you mean one of (.*)\?\)$/, ' (mente du en af $1?)'],
  [/ \(Did you mean (.*)\?\)$/, ' (mente du $1?)'],
];

/** A one-line commander message in `lang`; a message with no Danish pattern stays as commander wrote it. */
export function usageMessageIn(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  return DANISH_USAGE.reduce((text, [pattern, danish]) => text.replace(pattern, danish), message);
}

/**
 * The language of a refusal commander makes while it parses, before the options are known: the
 * run's message language (context.ts) from --json and --lang as typed.
 */
export function usageLang(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Lang {
  const end = argv.indexOf('--');
  const args = end < 0 ? argv : argv.slice(0, end);
  let lang: string | undefined;
  args.forEach((arg, i) => {
    if (arg === '--lang') lang = args[i + 1];
    else if (arg.startsWith('--lang=')) lang = arg.slice('--lang='.length);
  });
  return messageLang({ json: args.includes('--json'), lang }, env);
}
