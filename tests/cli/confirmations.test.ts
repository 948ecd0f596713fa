// What a change says when it is done: the values as the step applied them (a number read from
// " 06 ", the date that "today" resolved to, a local time with its offset, an alias as its code, a
// name trimmed as it is stored), never the flags as typed (src/cli/context.ts's appliedOp).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '../helpers/cli.js';

const DATE = '2026-11-24';

describe('the line a change prints when done', () => {
  let box: Sandbox;
  const run = (...args: string[]) => {
    const result = box.run([...args, '--date', DATE, '--lang', 'en']);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout.replace(/ \(step \d+\)\n$/, '');
  };
  /** A family as the store holds it (the sandbox's store is a JSON file). */
  const family = (id: string) => (JSON.parse(box.bytes().toString('utf8')) as { families: Array<{ id: string }> }).families.find((f) => f.id === id) as unknown as {
    goals: Array<{ id: string; progress: Array<{ date: string; score: number }> }>;
    members: Array<{ id: string }>;
    meetings: Array<{ id: string; start: string }>;
    contacts: Array<{ id: string; opened: string; answered?: string }>;
    authority?: Array<{ sector: string; holder: string }>;
    transfer?: { to: string };
  };
  beforeAll(() => {
    box = sandbox();
    expect(box.run(['demo', '--date', DATE]).code).toBe(0);
  });
  afterAll(() => box.cleanup());

  it('goal progress: the score as a number and the day it was recorded for (today unless --on)', () => {
    expect(run('goal', 'progress', 'g1', '--score', ' 06 ')).toBe(`Recorded progress 6/10 on goal g1 for ${DATE}`);
    expect(family('f1').goals.find((g) => g.id === 'g1')?.progress.at(-1)).toMatchObject({ date: DATE, score: 6 });
    expect(run('goal', 'progress', 'g1', '--score', '7', '--on', '2026-11-20', '--status', 'completed')).toBe('Recorded progress 7/10 on goal g1 for 2026-11-20; it is now completed');
  });

  it('meeting add: the start as stored, a local time given its offset', () => {
    const line = run('meeting', 'add', 'f1', '--type', 'netværksmøde', '--start', '2026-12-02 09:30');
    const meeting = family('f1').meetings.at(-1);
    expect(meeting?.start).toBe('2026-12-02T09:30:00+01:00');
    expect(line).toBe(`Planned meeting ${meeting?.id as string} for family f1 at 2026-12-02T09:30:00+01:00`);
  });

  it('contact add and answer: the day opened and answered, resolved from today', () => {
    const opened = run('contact', 'add', 'f1', '--sector', 'jobcenter', '--subject', 'Praktikplads?', '--reply-by', '2026-12-08');
    const contact = family('f1').contacts.at(-1);
    expect(opened).toBe(`Opened contact ${contact?.id as string} for family f1 on ${DATE}, reply by 2026-12-08`);
    expect(run('contact', 'answer', contact?.id as string, '--text', 'Ja, fra januar')).toBe(`Recorded the answer to contact ${contact?.id as string}, answered ${DATE}`);
    expect(run('contact', 'resolve', contact?.id as string, '--resolution', 'Aftalt', '--on', '2026-11-25')).toBe(`Resolved contact ${contact?.id as string} on 2026-11-25`);
  });

  it('names as stored (trimmed) and sectors and methods as their codes, not as typed', () => {
    expect(run('family', 'authority', 'f1', '--sector', 'jobcenter', '--holder', '  Lone Berg  ')).toBe('Lone Berg holds the authority for employment in family f1');
    expect(family('f1').authority).toEqual([{ sector: 'employment', holder: 'Lone Berg' }]);
    expect(run('transfer', 'f1', '--to', '  Per Holm ')).toBe('Asked for family f1 to move to Per Holm; it stays where it is until they accept');
    expect(family('f1').transfer?.to).toBe('Per Holm');
    const member = family('f2').members[0]?.id as string;
    run('assessment', 'start', 'f2');
    expect(run('assessment', 'section', 'f2', '--member', member, '--method', ' VUM ', '--status', 'done')).toBe(`Recorded the vum section of ${member} in family f2`);
  });

  it('a minutes line by its number', () => {
    const meeting = family('f1').meetings.at(-1)?.id as string;
    run('meeting', 'minutes', meeting, '--text', 'Første linje\nAnden linje');
    expect(run('meeting', 'edit-line', meeting, '02', '--text', 'Anden linje, rettet')).toBe(`Changed line 2 of the minutes of meeting ${meeting}`);
  });
});
