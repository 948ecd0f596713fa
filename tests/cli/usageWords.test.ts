// Commander's refusals in Danish, and the language they are shown in before the options are parsed.
import { describe, expect, it } from 'vitest';
import { usageLang, usageMessageIn } from '../../src/cli/usageWords.js';

const DANISH = { LANG: 'da_DK.UTF-8' };
const ENGLISH = { LANG: 'en_GB.UTF-8' };
const argv = (...args: string[]) => ['node', 'famcoord', ...args];

describe('usageMessageIn', () => {
  it.each([
    ["option '--caseload <coordinator>' argument missing", "tilvalget '--caseload <coordinator>' mangler sin værdi"],
    ["unknown option '--jsn' (Did you mean --json?)", "ukendt tilvalg '--jsn' (mente du --json?)"],
    ["unknown command 'goa' (Did you mean one of goal, log?)", "ukendt kommando 'goa' (mente du en af goal, log?)"],
    ['too many arguments. Expected 0 arguments but got 2.', 'for mange argumenter: famcoord tager 0, fik 2'],
  ])('says %s in Danish', (english, danish) => {
    expect(usageMessageIn(english, 'da')).toBe(danish);
    expect(usageMessageIn(english, 'en')).toBe(english);
  });

  it('leaves a message it has no Danish for as commander wrote it', () => {
    expect(usageMessageIn("option '--a' cannot be used with option '--b'", 'da')).toBe("option '--a' cannot be used with option '--b'");
  });
});

describe('usageLang', () => {
  it('takes --lang as typed (either spelling, the last one) over LANG', () => {
    expect(usageLang(argv('today', '--lang', 'da'), ENGLISH)).toBe('da');
    expect(usageLang(argv('--lang=da', 'today'), ENGLISH)).toBe('da');
    expect(usageLang(argv('--lang', 'da', 'today', '--lang', 'en'), DANISH)).toBe('en');
    expect(usageLang(argv('today'), DANISH)).toBe('da');
    expect(usageLang(argv('today'), ENGLISH)).toBe('en');
  });

  it('is English beside --json, and for a wrong --lang, and does not read past --', () => {
    expect(usageLang(argv('today', '--json', '--lang', 'da'), DANISH)).toBe('en');
    expect(usageLang(argv('today', '--lang', 'fr'), DANISH)).toBe('en');
    expect(usageLang(argv('batch', '--', '--json'), DANISH)).toBe('da');
  });
});
