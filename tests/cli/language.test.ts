// The CLI in Danish and English: --lang, else LANG, picks the words and the dates of the tables;
// --json stays codes and ISO dates. And a store in the contract's spelling of meeting types is read.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { englishVocabularyWords, MM_DD } from '../helpers/danish.js';
import { sandbox, type Sandbox } from '../helpers/cli.js';
import { dayTimeText } from '../../src/domain/dateFormat.js';
import { MEETING_TYPE_LABELS } from '../../src/domain/vocabulary.js';

const DATE = '2026-11-24';
const DANISH = { LANG: 'da_DK.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
const ENGLISH = { LANG: 'en_GB.UTF-8', LC_ALL: '', LC_MESSAGES: '' };

/** The English vocabulary words a text shows, and its dates written as MM-DD or ISO. */
function englishIn(text: string): string[] {
  return englishVocabularyWords().filter((word) => word.pattern.test(text)).map((word) => word.text);
}

describe('the CLI in Danish', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
    expect(box.run(['demo', '--families', '12', '--seed', '4', '--date', DATE]).code).toBe(0);
  });
  afterAll(() => box.cleanup());

  it('prints today, families and a family plan in Danish with --lang da: no English vocabulary word, no MM-DD or ISO date', () => {
    for (const args of [['today'], ['families'], ['family', 'f1'], ['family', 'f2'], ['report']]) {
      const result = box.run([...args, '--date', DATE, '--lang', 'da'], { env: ENGLISH });
      expect(result.code, result.stderr).toBe(0);
      expect(englishIn(result.stdout), args.join(' ')).toEqual([]);
      expect(result.stdout, args.join(' ')).not.toMatch(MM_DD);
      expect(result.stdout, args.join(' ')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
    const today = box.run(['today', '--date', DATE, '--lang', 'da']).stdout;
    expect(today).toMatch(/^I dag, tirsdag 24\. november 2026$/m);
    expect(today).toMatch(/^Dagens møder \(\d+\)$/m);
    expect(today).toMatch(/^Uafklarede henvendelser \(\d+\)$/m);
    expect(today).toMatch(/\d+\. (jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)\.?/);
    expect(box.run(['report', '--date', DATE, '--lang', 'da']).stdout).toMatch(/^Resultater 24\.11\.2025 → 24\.11\.2026:/);
    expect(box.run(['report', '--date', DATE, '--lang', 'da']).stdout).toMatch(/\d,\d d/); // a decimal comma
  });

  it('takes Danish from LANG, and an explicit --lang over it', () => {
    expect(box.run(['today', '--date', DATE], { env: DANISH }).stdout).toMatch(/^Mål over fristen \(\d+\)$/m);
    expect(box.run(['today', '--date', DATE, '--lang', 'en'], { env: DANISH }).stdout).toMatch(/^Overdue goals \(\d+\)$/m);
    expect(box.run(['today', '--date', DATE], { env: ENGLISH }).stdout).toMatch(/^Overdue goals \(\d+\)$/m);
  });

  it('names meeting types in the chosen language', () => {
    const labels = Object.values(MEETING_TYPE_LABELS);
    for (const lang of ['da', 'en'] as const) {
      const other = lang === 'da' ? 'en' : 'da';
      const shown = ['today', 'family f1', 'family f2', 'family f3', 'family f4'].map((args) => box.run([...args.split(' '), '--date', DATE, '--lang', lang]).stdout).join('\n');
      // A cell of the table: the label between column gaps (a contact's subject may begin "Opfølgning på").
      const inCell = (text: string) => shown.includes(`  ${text}  `);
      expect(labels.filter((label) => inCell(label[lang])).length, lang).toBeGreaterThan(0);
      expect(labels.filter((label) => inCell(label[other])).map((label) => label[other]), lang).toEqual([]);
    }
  });

  it('keeps --json and CSV the same in every language: codes and ISO dates', () => {
    for (const args of [['today'], ['families'], ['family', 'f1'], ['report', '--csv']]) {
      const machine = args.includes('--csv') ? args : [...args, '--json'];
      const english = box.run([...machine, '--date', DATE], { env: ENGLISH }).stdout;
      expect(english.length).toBeGreaterThan(0);
      expect(box.run([...machine, '--date', DATE], { env: DANISH }).stdout, args.join(' ')).toBe(english);
      expect(box.run([...machine, '--date', DATE, '--lang', 'da']).stdout, args.join(' ')).toBe(english);
    }
  });
});

describe('the times of log, access-log and doctor', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox(); // TZ=Europe/Copenhagen: an hour or two from UTC all year
    expect(box.run(['demo', '--families', '3', '--seed', '4', '--date', DATE]).code).toBe(0);
    expect(box.run(['observe', 'p1', '--kind', 'qualityOfLife', '--value', '7', '--on', DATE, '--date', DATE]).code).toBe(0);
  });
  afterAll(() => box.cleanup());

  it('are shown in the local time zone with the language\'s day words, 24-hour; --json keeps the UTC instant', () => {
    const [entry] = JSON.parse(box.run(['log', '--json', '--date', DATE]).stdout) as Array<{ time: string }>;
    const [backup] = (JSON.parse(box.run(['doctor', '--json']).stdout) as { backups: Array<{ modified: string }> }).backups;
    const instants = { log: entry?.time, 'access-log': entry?.time, doctor: backup?.modified };
    for (const [command, instant] of Object.entries(instants)) {
      expect(instant, command).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const utc = (instant as string).slice(0, 16).replace('T', ' ');
      for (const lang of ['da', 'en'] as const) {
        const local = dayTimeText(instant as string, 'Europe/Copenhagen', lang, DATE);
        expect(local).toMatch(lang === 'da' ? /^\d{1,2}\. [a-zæø]+\.? \d{2}:\d{2}$|^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/ : /^\d{1,2} [A-Z][a-z]+( \d{4})? \d{2}:\d{2}$/);
        const shown = box.run([command, ...(command === 'access-log' ? ['p1'] : []), '--date', DATE, '--lang', lang]);
        expect(shown.code, shown.stderr).toBe(0);
        expect(shown.stdout, `${command} --lang ${lang}`).toContain(local);
        expect(shown.stdout, `${command} --lang ${lang}`).not.toContain(utc);
        expect(shown.stdout).not.toMatch(/UTC|\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      }
    }
    expect(box.run(['log', '--date', DATE, '--lang', 'da']).stdout).toMatch(/^\s*TRIN\s+HVORNÅR\s+HVEM/);
  });
});

describe("the CLI's messages in Danish", () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
    expect(box.run(['demo', '--families', '3', '--seed', '4', '--date', DATE]).code).toBe(0);
  });
  afterAll(() => box.cleanup());

  it('refuses an unknown id and a change of nothing in the language of --lang or LANG, with the same exit code; English beside --json', () => {
    const before = box.bytes();
    const cases: Array<[string[], RegExp, RegExp]> = [
      [['goal', 'progress', 'g99', '--score', '5'], /^famcoord: handling 1: ukendt mål g99; kendte: g\d+(, g\d+){4}; intet er skrevet\n$/, /^famcoord: operation 1: unknown goal g99; known: g\d+(, g\d+){4}; nothing was written\n$/],
      [['observe', 'p999', '--kind', 'wellbeing', '--value', '5'], /^famcoord: handling 1: ukendt person p999; kendte: p\d+/, /^famcoord: operation 1: unknown member p999; known: p\d+/],
      [['family', 'f99'], /^famcoord: ukendt familie f99; kendte: f1, f2, f3\n$/, /^famcoord: unknown family f99; known: f1, f2, f3\n$/],
      [['erase', '--family', 'f99', '--yes'], /^famcoord: --family: ukendt familie f99; kendte: f1, f2, f3\n$/, /^famcoord: --family: unknown family f99; known: f1, f2, f3\n$/],
      [['today', '--caseload', 'Hane'], /^famcoord: ukendt sagsstamme "Hane"; kendte: Hanne Kjær/, /^famcoord: unknown caseload "Hane"; known: Hanne Kjær/],
      [['goal', 'update', 'g1'], /^famcoord: intet at ændre med famcoord goal update g1; angiv --title, .*, --own-words eller --no-own-words\n$/, /^famcoord: goal update g1: nothing to change; give --title, .*, --own-words or --no-own-words\n$/],
      // commander's own refusals while it parses, before famcoord has its options
      [['goal', 'progress'], /^famcoord: mangler argumentet 'GOAL_ID'\n$/, /^famcoord: missing required argument 'GOAL_ID'\n$/],
      [['goal', 'progress', 'g1', '--scroe', '5'], /^famcoord: ukendt tilvalg '--scroe' \(mente du --score\?\)\n$/, /^famcoord: unknown option '--scroe' \(Did you mean --score\?\)\n$/],
      [['goal', 'progress', 'g1', 'g2', '--score', '5'], /^famcoord: for mange argumenter til 'progress': den tager 1, fik 2\n$/, /^famcoord: too many arguments for 'progress'\. Expected 1 argument but got 2\.\n$/],
      [['erase', '--yes'], /^famcoord: tilvalget '--family <FAMILY_ID>' skal angives\n$/, /^famcoord: required option '--family <FAMILY_ID>' not specified\n$/],
      [['goal', 'frobnicate'], /^famcoord: ukendt kommando 'frobnicate'\n$/, /^famcoord: unknown command 'frobnicate'\n$/],
      [['tody'], /^famcoord: ukendt kommando 'tody' \(mente du today\?\); famcoord --help viser kommandoerne\n$/, /^famcoord: unknown command 'tody' \(did you mean today\?\); famcoord --help lists the commands\n$/],
    ];
    for (const [args, danish, english] of cases) {
      const da = box.run([...args, '--date', DATE, '--lang', 'da'], { env: ENGLISH });
      expect({ code: da.code, stderr: da.stderr }, args.join(' ')).toMatchObject({ code: 2, stderr: expect.stringMatching(danish) });
      expect(box.run([...args, '--date', DATE], { env: DANISH }).stderr, args.join(' ')).toMatch(danish);
      const en = box.run([...args, '--date', DATE, '--lang', 'en'], { env: DANISH });
      expect({ code: en.code, stderr: en.stderr }, args.join(' ')).toMatchObject({ code: 2, stderr: expect.stringMatching(english) });
      expect(box.run([...args, '--date', DATE, '--json'], { env: DANISH }).stderr, args.join(' ')).toMatch(english);
    }
    expect(box.bytes().equals(before)).toBe(true);
  });

  it('confirms every kind of change in Danish: one change, undo and redo, a batch, an import and an erasure', () => {
    const run = (args: string[], input?: string) => {
      const result = box.run([...args, '--date', DATE, '--lang', 'da'], { env: ENGLISH, ...(input !== undefined && { input }) });
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      expect(result.stdout, args.join(' ')).not.toMatch(/\b(step|Saved|Applied|Imported|Erased|Dry run|[Nn]othing|would|undo takes)\b/);
      return result.stdout;
    };
    expect(run(['goal', 'add', 'f1', '--title', 'Ida cykler', '--sector', 'school', '--due', '2027-01-01'])).toMatch(/^Gemt: .*, id g\d+ \(trin \d+\)\n$/);
    const meeting = /id (m\d+)/.exec(run(['meeting', 'add', 'f1', '--type', 'netværksmøde', '--start', '2026-12-01 09:00']))?.[1] as string;
    expect(meeting).toBeDefined();
    expect(run(['meeting', 'minutes', meeting, '--agreement', 'Lone|Ringer til skolen|2026-12-05'])).toMatch(/^Gemt: /);
    expect(run(['contact', 'add', 'f1', '--sector', 'school', '--subject', 'PPR'])).toMatch(/^Gemt: /);
    expect(run(['consent', 'add', 'f1', '--sector', 'bolig', '--until', '2027-06-30'])).toMatch(/^Gemt: /);
    expect(run(['observe', 'p1', '--kind', 'wellbeing', '--value', '6'])).toMatch(/^Gemt: /);
    expect(run(['undo'])).toMatch(/^Fortrudt: .*\(trin \d+\); registreret som trin \d+\n$/);
    expect(run(['redo'])).toMatch(/^Gentaget: /);
    const batch = '{"op":"goal.progress","goalId":"g1","score":6}\n';
    expect(run(['batch', '-', '--dry-run'], batch)).toMatch(/^Prøvekørsel: 1 handling på 1 familie ville blive udført; intet er skrevet\.\n\nHANDLING +ANTAL\n/);
    expect(run(['batch', '-'], batch)).toMatch(/^Gemt: 1 handling på 1 familie i ét trin \(trin \d+\); famcoord undo fortryder det\n$/);
    const file = join(box.dir, 'f1.json');
    expect(box.run(['export', '--family', 'f1', '--out', file]).code).toBe(0);
    expect(run(['import', file, '--dry-run'])).toMatch(/^Prøvekørsel: 0 familier ville blive skrevet; intet er skrevet\.\n\nFAMILIE +RESULTAT/);
    expect(run(['import', file])).toMatch(/^Intet at importere: /);
    expect(run(['erase', '--family', 'f3', '--yes'])).toMatch(/^Slettet: familie f3 .*\(trin \d+\); det kan ikke fortrydes\n$/);
  });
});

describe('a store that spells the long meeting types as Danish writes them', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
    expect(box.run(['demo', '--families', '12', '--seed', '4', '--date', DATE]).code).toBe(0);
    // As the foundation's store contract wrote them: "flerfagligt statusmøde", by hand (no known-good mark).
    const text = readFileSync(box.store, 'utf8');
    expect(text).toMatch(/"flerfagligt-statusmøde"|"tværfagligt-analysemøde"/);
    writeFileSync(box.store, text.replaceAll('"flerfagligt-statusmøde"', '"flerfagligt statusmøde"').replaceAll('"tværfagligt-analysemøde"', '"tværfagligt analysemøde"'));
    rmSync(`${box.store}.checked`, { force: true });
  });
  afterAll(() => box.cleanup());

  it("is read, shown with famcoord's ids, migrated to SQLite and back, and written famcoord's way after a change", () => {
    const families = JSON.parse(box.run(['families', '--json', '--date', DATE]).stdout) as Array<{ id: string }>;
    const types = families.flatMap((f) => (JSON.parse(box.run(['family', f.id, '--json', '--date', DATE]).stdout) as { upcomingMeetings: Array<{ type: string }> }).upcomingMeetings.map((m) => m.type));
    expect(types.length).toBeGreaterThan(0);
    expect(types.filter((type) => type.includes(' '))).toEqual([]);

    const database = join(box.dir, 'team.sqlite');
    expect(box.run(['migrate', '--to', database]).code).toBe(0);
    const back = join(box.dir, 'back.json');
    expect(box.run(['migrate', '--to', back, '--store', database], { store: false }).code).toBe(0);
    expect(readFileSync(back, 'utf8')).not.toMatch(/"(flerfagligt statusmøde|tværfagligt analysemøde)"/);
    expect(box.run(['doctor', '--store', back], { store: false }).code).toBe(0);

    const goal = (JSON.parse(box.run(['family', 'f1', '--json', '--date', DATE]).stdout) as { goals: Array<{ id: string }> }).goals[0]?.id as string;
    expect(box.run(['goal', 'progress', goal, '--score', '5', '--date', DATE]).code).toBe(0);
    expect(readFileSync(box.store, 'utf8')).not.toMatch(/"(flerfagligt statusmøde|tværfagligt analysemøde)"/);
    const doctor = box.run(['doctor']);
    expect(doctor.code, doctor.stdout + doctor.stderr).toBe(0);
  });
});
