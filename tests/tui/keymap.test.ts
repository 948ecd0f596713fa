import { describe, expect, it } from 'vitest';
import { footerEntries } from '../../src/components/Footer.js';
import { helpLines } from '../../src/screens/HelpScreen.js';
import { translator } from '../../src/tui/i18n.js';
import { SCOPES } from '../../src/tui/inputRouter.js';
import { BINDINGS, bindingsIn, commandFor, COMMANDS, keyLabel, type Scope } from '../../src/tui/keymap.js';

const SCREEN_SCOPES: Scope[][] = [
  ['today', 'list', 'global'],
  ['families', 'list', 'global'],
  ['family', 'list', 'global'],
  ['meeting', 'global'],
];

describe('the keybinding table', () => {
  it('maps keys to commands by scope, the most specific first', () => {
    expect(commandFor('p', undefined, SCREEN_SCOPES[0] as Scope[])).toBe('progress');
    expect(commandFor('a', undefined, ['today', 'list', 'global'])).toBe('answer');
    expect(commandFor('a', undefined, ['meeting', 'global'])).toBe('addAgreement');
    expect(commandFor('j', undefined, ['list', 'global'])).toBe('down');
    expect(commandFor('', 'down', ['list', 'global'])).toBe('down');
    expect(commandFor('', 'shift-tab', ['today', 'list', 'global'])).toBe('previousPanel');
    expect(commandFor('p', undefined, ['families', 'list', 'global'])).toBeUndefined();
  });

  it('never binds one key to two commands on the same screen, not even in two of its scopes (one would hide the other)', () => {
    for (const [screen, scopes] of Object.entries(SCOPES)) {
      const meanings = new Map<string, string>();
      for (const command of bindingsIn(scopes))
        for (const key of BINDINGS[command].keys) {
          const spec = JSON.stringify(key);
          expect(meanings.get(spec), `${screen}: ${spec} is ${meanings.get(spec)} and ${command}`).toBeUndefined();
          meanings.set(spec, command);
        }
    }
  });

  it('generates the help screen from the table: every command, in both languages', () => {
    for (const lang of ['da', 'en'] as const) {
      const text = helpLines(lang, translator(lang)).map((l) => l.text).join('\n');
      for (const command of COMMANDS) {
        expect(BINDINGS[command].description[lang].length).toBeGreaterThan(3);
        expect(text).toContain(`${keyLabel(command).padEnd(10)} ${BINDINGS[command].description[lang]}`);
      }
      // And the keys inside a dialog's text fields.
      expect(text).toContain(lang === 'da' ? 'Ctrl-W     Slet ordet før markøren' : 'Ctrl-W     Delete the word before the cursor');
    }
  });

  it('generates the footer from the table, fitting the width and always offering help', () => {
    const commands = bindingsIn(['today', 'list', 'global']);
    const wide = footerEntries(commands, 'en', 200);
    expect(wide).toContain('p progress');
    expect(wide.at(-1)).toBe('? help');
    const narrow = footerEntries(commands, 'da', 40);
    expect(narrow.join('  ').length).toBeLessThanOrEqual(40);
    expect(narrow.at(-1)).toBe('? hjælp');
  });
});
