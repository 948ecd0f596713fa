// "Did you mean": the known names closest to what was typed, for the messages that refuse an
// unknown command, caseload or family. A typo must not look like an empty answer.
import { compareDanish } from './collate.js';
import { sanitizeLine } from './sanitize.js';

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

/**
 * `unknown caseload "Hane"; known: Hanne Kjær, Anne Holm`: what was typed, cleaned and cut short,
 * and the closest known names. Only for names that may be shown (coordinators, ids): never
 * families' or people's names.
 */
export function unknownNameMessage(what: string, typed: string, known: Iterable<string>, options: { quote?: boolean } = {}): string {
  const shown = sanitizeLine(typed).slice(0, 64);
  const closest = closestNames(typed, known).map((name) => sanitizeLine(name).slice(0, 64));
  return `unknown ${what} ${options.quote ? `"${shown}"` : shown}; ${closest.length > 0 ? `known: ${closest.join(', ')}` : 'there are none yet'}`;
}
