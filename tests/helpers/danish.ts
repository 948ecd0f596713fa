// What the Danish screens must not show, built from the vocabularies themselves: every English
// label and code of src/domain/vocabulary.ts and every English operation description, less the
// words Danish shares (a word any Danish label or message also uses, such as "Status" or "job").
import { cliWords } from '../../src/cli/labels.js';
import { OPERATION_WORDS } from '../../src/domain/stepDescription.js';
import { VOCABULARY_LABELS } from '../../src/domain/vocabulary.js';
import { MESSAGE_KEYS, translator } from '../../src/tui/i18n.js';
import { COMMANDS, DIALOG_KEY_HELP, keyLabel } from '../../src/tui/keymap.js';

/** A date written month-day ("12-08"), not as part of an ISO date (2026-12-08). */
export const MM_DD = /(?<![\d-])(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])(?![\d-])/;

/** Words of at least four letters: shorter ones ("in", "on", "SU", "PPR") say nothing about the language. */
const wordsOf = (text: string) => text.split(/[^\p{L}]+/u).filter((word) => [...word].length >= 4);

let cached: Array<{ text: string; pattern: RegExp }> | undefined;

export function englishVocabularyWords(): Array<{ text: string; pattern: RegExp }> {
  if (cached) return cached;
  const danish = new Set<string>();
  const english = new Set<string>();
  const addDanish = (text: string) => wordsOf(text).forEach((word) => danish.add(word.toLocaleLowerCase('da')));
  const addEnglish = (text: string) => wordsOf(text).forEach((word) => english.add(word.toLocaleLowerCase('da')));
  for (const labels of Object.values(VOCABULARY_LABELS))
    for (const [code, label] of Object.entries(labels as Record<string, { da: string; en: string }>)) {
      addDanish(label.da);
      addEnglish(label.en);
      addEnglish(code);
    }
  for (const [name, words] of Object.entries(OPERATION_WORDS)) {
    addDanish(words.da);
    addEnglish(words.en.replace('{id}', ''));
    addEnglish(name);
  }
  const t = translator('da');
  for (const key of MESSAGE_KEYS) addDanish(t(key));
  for (const text of Object.values(cliWords('da'))) addDanish(text);
  // Key caps (Home, End, Enter) read the same on a Danish keyboard.
  for (const { keys } of DIALOG_KEY_HELP) addDanish(keys);
  for (const command of COMMANDS) addDanish(keyLabel(command));
  cached = [...english]
    .filter((word) => !danish.has(word))
    .sort()
    .map((word) => ({ text: word, pattern: new RegExp(`(?<!\\p{L})${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\p{L})`, 'iu') }));
  return cached;
}

/** What is wrong with a screen of the Danish workbench, one line per finding. */
export function problemsInDanishScreen(screen: string): string[] {
  const problems: string[] = [];
  for (const line of screen.split('\n')) {
    for (const word of englishVocabularyWords()) if (word.pattern.test(line)) problems.push(`English "${word.text}": ${line.trim()}`);
    if (MM_DD.test(line)) problems.push(`MM-DD date: ${line.trim()}`);
    // A dialog's text fields take dates as YYYY-MM-DD (its label says so); nowhere else shows one.
    if (/\d{4}-\d{2}-\d{2}/.test(line) && !line.trimStart().startsWith('│')) problems.push(`ISO date: ${line.trim()}`);
  }
  return problems;
}
