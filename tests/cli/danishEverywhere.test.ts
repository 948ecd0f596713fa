// Every subcommand in Danish (--lang da): its common success and its common refusals print no
// English vocabulary word (tests/helpers/danish.ts builds the list from the vocabularies, the
// operations' words and their codes). Help texts stay English, as commander writes them; --json stays codes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { englishVocabularyWords } from '../helpers/danish.js';
import { sandbox, type Sandbox } from '../helpers/cli.js';

const DATE = '2026-11-24';
const ENGLISH_ENV = { LANG: 'en_GB.UTF-8', LC_ALL: '', LC_MESSAGES: '' };

/**
 * What a user types is not the message's language: commands ("famcoord family f1"), flags
 * (--member) and the codes a flag takes ("skal være en af: active, on-hold"). They are left out.
 */
const typed = (line: string) =>
  line
    .replace(/famcoord(?: [a-z][a-z-]*)+/g, ' ')
    .replace(/--[a-z][a-z-]*/g, ' ')
    .replace(/(en af|one of): .*$/, '$1:');

/** Lines of `text` with an English vocabulary word in them, and the word. */
function englishLines(text: string): string[] {
  const found: string[] = [];
  for (const line of text.split('\n'))
    for (const word of englishVocabularyWords()) if (word.pattern.test(typed(line))) found.push(`"${word.text}" in: ${line.trim()}`);
  return found;
}

/** A command, the exit code it must give, and (for a refusal) a Danish word its message must have. */
type Step = { args: string[]; code: number; input?: string };

describe('every subcommand in Danish', () => {
  let box: Sandbox;
  const findings: string[] = [];

  /** Runs one step in Danish (--lang da beside an English LANG) and notes its English lines. */
  const run = ({ args, code, input }: Step) => {
    const result = box.run([...args, '--date', DATE, '--lang', 'da'], { env: ENGLISH_ENV, input });
    const shown = args.join(' ');
    if (result.code !== code) findings.push(`${shown}: exit ${result.code}, expected ${code}: ${result.stderr.trim()}`);
    for (const line of englishLines(`${result.stdout}\n${result.stderr}`)) findings.push(`${shown}: ${line}`);
    return result;
  };

  beforeAll(() => {
    box = sandbox();
  });
  afterAll(() => box.cleanup());

  it('says nothing in English on the way: setting up, changing, refusing, reading and undoing', () => {
    const batch = join(box.dir, 'batch.jsonl');
    const badBatch = join(box.dir, 'bad.jsonl');
    const exported = join(box.dir, 'export.json');
    writeFileSync(batch, `${JSON.stringify({ op: 'goal.progress', goalId: 'g2', score: 5, note: 'bedre' })}\n`);
    writeFileSync(
      badBatch,
      [
        JSON.stringify({ op: 'goal.progress', goalId: 'g999', score: 5 }),
        JSON.stringify({ op: 'goal.progress', goalId: 'g2', score: 50, when: DATE }),
        JSON.stringify({ op: 'goal.nonsense' }),
        '{not json',
        JSON.stringify({ op: 'contact.resolve', contactId: 'c2', resolution: 'ok' }),
        JSON.stringify({ op: 'consent.revoke', consentId: 'k1' }),
        JSON.stringify({ op: 'goal.status', goalId: 'g4', status: 'proposed' }),
      ].join('\n'),
    );
    const steps: Step[] = [
      { args: ['today'], code: 1 }, // no store yet
      { args: ['init'], code: 0 },
      { args: ['families'], code: 0 },
      { args: ['demo', '--families', '6', '--seed', '4', '--replace'], code: 0 },
      { args: ['demo', '--families', '6', '--seed', '4'], code: 0 }, // a demo store is replaced without asking
      { args: ['today'], code: 0 },
      { args: ['families'], code: 0 },
      { args: ['family', 'f1'], code: 0 },
      { args: ['family', 'f99'], code: 2 },
      { args: ['families', 'add', '--name', 'Familien Holm', '--member', 'Ida Holm:adult', '--member', 'Bo Holm:child'], code: 0 },
      { args: ['families', 'add', '--name', 'Familien Holm', '--member', 'Ida Holm:boss'], code: 2 },
      { args: ['member', 'add', 'f7', 'Lis Holm:child', '--born', '2015-03-01'], code: 0 },
      { args: ['member', 'add', 'f77', 'Lis Holm:child'], code: 2 },
      { args: ['goal', 'add', 'f7', '--title', 'Bo trives i skolen', '--sector', 'school', '--due', '2027-03-01'], code: 0 },
      { args: ['goal', 'add', 'f7', '--title', 'Bo trives', '--sector', 'skolen', '--due', '2027-03-01'], code: 2 },
      { args: ['goal', 'add', 'f7', '--title', 'Bo trives', '--sector', 'school', '--due', '03-01'], code: 2 },
      { args: ['goal', 'progress', 'g1', '--score', '4', '--note', 'godt på vej'], code: 0 },
      { args: ['goal', 'progress', 'g1', '--score', '40'], code: 2 },
      { args: ['goal', 'progress', 'g999', '--score', '4'], code: 2 },
      { args: ['goal', 'status', 'g1', 'on-hold'], code: 0 },
      { args: ['goal', 'status', 'g1', 'on-hold'], code: 2 },
      { args: ['goal', 'status', 'g1', 'sleeping'], code: 2 },
      { args: ['goal', 'update', 'g1', '--due', '2027-01-15', '--priority', '1'], code: 0 },
      { args: ['goal', 'update', 'g1', '--due', '2027-01-15'], code: 2 },
      { args: ['goal', 'update', 'g1'], code: 2 },
      { args: ['goal', 'update', 'g1', '--member', 'p99'], code: 2 },
      { args: ['meeting', 'add', 'f7', '--type', 'netværksmøde', '--start', '2026-11-26 10:00', '--place', 'Rådhuset', '--attendee', 'Ida Holm:adults:parent', '--attendee', 'Lone Berg:school:teacher'], code: 0 },
      { args: ['meeting', 'add', 'f7', '--type', 'party', '--start', '2026-11-26 10:00'], code: 2 },
      { args: ['meeting', 'add', 'f7', '--type', 'stormøde', '--start', 'tomorrow'], code: 2 },
      { args: ['meeting', 'update', 'm1', '--place', 'Skolen'], code: 0 },
      { args: ['meeting', 'update', 'm1', '--place', 'Skolen'], code: 2 },
      { args: ['meeting', 'minutes', 'm1', '--text', 'Første linje\nAnden linje\nTredje linje', '--agreement', `Ida Holm|Ringer til skolen|2026-11-23`], code: 0 },
      { args: ['meeting', 'minutes', 'm1', '--agreement', 'Ida Holm'], code: 2 },
      { args: ['meeting', 'edit-line', 'm1', '2', '--text', 'Anden linje, rettet'], code: 0 },
      { args: ['meeting', 'edit-line', 'm1', '99', '--text', 'Ingen'], code: 2 },
      { args: ['meeting', 'remove-line', 'm1', '3'], code: 0 },
      { args: ['minutes', 'm1'], code: 0 },
      { args: ['minutes', 'm999'], code: 2 },
      { args: ['plan', 'f1'], code: 0 },
      { args: ['plan', 'f1', '--format', 'html', '--out', join(box.dir, 'plan.html')], code: 0 },
      { args: ['agreement', 'update', 'a2', '--due', '2026-11-30'], code: 0 },
      { args: ['agreement', 'update', 'a2', '--due', '2026-11-30'], code: 2 },
      { args: ['agreement', 'update', 'a2', '--on', '2026-11-20'], code: 2 },
      { args: ['agreement', 'done', 'a2'], code: 0 },
      { args: ['agreement', 'done', 'a2'], code: 2 },
      { args: ['agreement', 'done', 'a999'], code: 2 },
      { args: ['agreement', 'remove', 'a2'], code: 0 },
      { args: ['contact', 'add', 'f7', '--sector', 'health', '--subject', 'Henvisning til psykolog', '--reply-by', '2026-11-20'], code: 2 },
      { args: ['contact', 'add', 'f7', '--sector', 'health', '--subject', 'Henvisning til psykolog', '--reply-by', '2026-12-01'], code: 0 },
      { args: ['contact', 'answer', 'c3', '--text', 'Vi vender tilbage'], code: 0 },
      { args: ['contact', 'resolve', 'c3', '--resolution', 'Afklaret'], code: 0 },
      { args: ['contact', 'resolve', 'c3', '--resolution', 'Afklaret igen'], code: 2 },
      { args: ['contact', 'cancel', 'c3'], code: 2 },
      { args: ['consent', 'add', 'f7', '--sector', 'health', '--sector', 'school', '--until', '2027-11-01'], code: 0 },
      { args: ['consent', 'add', 'f7', '--sector', 'health', '--until', '2026-01-01'], code: 2 },
      { args: ['consent', 'revoke', 'k1'], code: 0 },
      { args: ['consent', 'revoke', 'k1'], code: 2 },
      { args: ['intervention', 'add', 'f7', '--member', 'p2', '--sector', 'children', '--kind', 'mentorstøtte', '--from', '2026-11-01', '--cost', '4000'], code: 2 },
      { args: ['intervention', 'end', 'i1', '--to', '2020-01-01'], code: 2 },
      { args: ['intervention', 'end', 'i1', '--to', '2026-11-30'], code: 0 },
      { args: ['intervention', 'update', 'i1', '--cost', '1000'], code: 0 },
      { args: ['observe', 'p1', '--kind', 'qualityOfLife', '--value', '7'], code: 0 },
      { args: ['observe', 'p1', '--kind', 'qualityOfLife', '--value', '70'], code: 2 },
      { args: ['observe', 'p1', '--kind', 'mood', '--value', '7'], code: 2 },
      { args: ['event', 'p2', '--kind', 'notification'], code: 0 },
      { args: ['event', 'p2', '--kind', 'party'], code: 2 },
      { args: ['report'], code: 0 },
      { args: ['calendar', '--family', 'f1'], code: 0 },
      { args: ['calendar', '--family', 'f1', '--out', join(box.dir, 'f1.ics')], code: 0 },
      { args: ['batch', batch], code: 0 },
      { args: ['batch', batch, '--dry-run'], code: 0 },
      { args: ['batch', badBatch], code: 2 },
      { args: ['batch', join(box.dir, 'missing.jsonl')], code: 2 },
      { args: ['log'], code: 0 },
      { args: ['log', '--family', 'f1'], code: 0 },
      { args: ['access-log', 'p1'], code: 0 },
      { args: ['export', '--family', 'f1', '--out', exported], code: 0 },
      { args: ['import', exported, '--dry-run'], code: 0 },
      { args: ['import', exported], code: 0 },
      { args: ['undo', '--dry-run'], code: 0 },
      { args: ['undo'], code: 0 },
      { args: ['redo'], code: 0 },
      { args: ['undo', '--step', '9999'], code: 1 },
      { args: ['erase', '--family', 'f7', '--yes'], code: 0 },
      { args: ['erase', '--family', 'f7', '--yes'], code: 2 },
      { args: ['erase', '--family', 'f6'], code: 2 }, // no terminal to confirm on
      { args: ['erase', '--family', 'f 6', '--yes'], code: 2 },
      { args: ['export', '--family', 'f1', '--all'], code: 2 },
      { args: ['export', '--csv', 'people'], code: 2 },
      { args: ['report', '--from', '2026-12-01'], code: 2 },
      { args: ['undo', '--step', 'seven'], code: 2 },
      { args: ['today', '--caseload', ' '], code: 2 },
      { args: ['goal', 'update', 'g1', '--member', 'p1', '--whole-family'], code: 2 },
      { args: ['meeting', 'update', 'm1', '--attendee', 'Lone', '--no-attendees'], code: 2 },
      { args: ['meeting', 'minutes', 'm1'], code: 2 },
      { args: ['intervention', 'update', 'i1', '--cost-per', 'total'], code: 2 },
      { args: ['import', join(box.dir, 'missing.json')], code: 2 },
      { args: ['import', batch], code: 2 },
      { args: ['import', exported, '--prefer', 'mine'], code: 2 },
      { args: ['plan', 'f1', '--format', 'pdf'], code: 2 },
      { args: ['plan', 'f1', '--out', box.dir], code: 2 },
      { args: ['families', 'add', '--member', 'Ida Holm:adult'], code: 2 },
      { args: ['doctor'], code: 0 },
      { args: ['config'], code: 0 },
      { args: ['migrate', '--to', join(box.dir, 'copy.sqlite')], code: 0 },
      { args: ['migrate', '--to', join(box.dir, 'copy.sqlite')], code: 2 },
    ];
    for (const step of steps) run(step);
    expect(findings).toEqual([]);
  }, 900_000); // about a hundred runs of famcoord: minutes on a loaded machine (the full suite beside others took 2)
});
