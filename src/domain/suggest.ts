// "Did you mean": the known names closest to what was typed, for the messages that refuse an
// unknown command, caseload or family. A typo must not look like an empty answer.
import { compareDanish } from './collate.js';
import { sanitizeLine } from './sanitize.js';
import type { Lang } from './vocabulary.js';

/** Levenshtein distance: the fewest one-character insertions, deletions and substitutions. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(current + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
}

/**
 * The known names, closest to `typed` first (case is ignored; ties in Danish alphabetical
 * order), each once, at most `limit` of them.
 */
export function closestNames(typed: string, known: Iterable<string>, limit = 5): string[] {
  const wanted = typed.toLowerCase();
  return [...new Set(known)]
    .map((name) => ({ name, distance: editDistance(wanted, name.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance || compareDanish(a.name, b.name))
    .slice(0, limit)
    .map((entry) => entry.name);
}

/** The kinds of names a message may call unknown, as Danish names them. */
const DANISH_KINDS: Partial<Record<string, string>> = {
  caseload: 'sagsstamme',
  family: 'familie',
  member: 'person',
  goal: 'mål',
  meeting: 'møde',
  contact: 'henvendelse',
  intervention: 'indsats',
  consent: 'samtykke',
  agreement: 'aftale',
};

const UNKNOWN_WORDS = {
  en: { unknown: 'unknown', known: 'known', none: 'there are none yet', kind: (what: string) => what },
  da: { unknown: 'ukendt', known: 'kendte', none: 'der er ingen endnu', kind: (what: string) => DANISH_KINDS[what] ?? what },
} as const;

/**
 * `unknown caseload "Hane"; known: Hanne Kjær, Anne Holm` (Danish `ukendt sagsstamme "Hane";
 * kendte: …`): what was typed, cleaned and cut short, and the closest known names. Only for names
 * that may be shown (coordinators, ids): never families' or people's names.
 */
export function unknownNameMessage(what: string, typed: string, known: Iterable<string>, options: { quote?: boolean; lang?: Lang } = {}): string {
  const words = UNKNOWN_WORDS[options.lang ?? 'en'];
  const shown = sanitizeLine(typed).slice(0, 64);
  const closest = closestNames(typed, known).map((name) => sanitizeLine(name).slice(0, 64));
  return `${words.unknown} ${words.kind(what)} ${options.quote ? `"${shown}"` : shown}; ${closest.length > 0 ? `${words.known}: ${closest.join(', ')}` : words.none}`;
}
