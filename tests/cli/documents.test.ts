// famcoord plan, minutes and calendar as users run them, on a demo store.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { State } from '../../src/domain/schema.js';
import { sandbox, type Sandbox } from '../helpers/cli.js';

const DATE = '2026-11-24';

const events = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));

describe('famcoord plan, minutes and calendar on the demo store', () => {
  let box: Sandbox;
  let store: State;
  const run = (...args: string[]) => box.run([...args, '--date', DATE]);
  const file = (name: string) => join(box.dir, name);

  beforeAll(() => {
    box = sandbox();
    expect(box.run(['demo', '--families', '5', '--seed', '1', '--date', DATE]).code).toBe(0);
    // An agreement still to be done, with markup in it, on family f1's meeting m1.
    expect(run('meeting', 'minutes', 'm1', '--text', 'Vi talte om <b>ugen</b>.', '--agreement', 'Lone Berg|Finder praktikplads <script>x</script>|2026-12-15').code).toBe(0);
    store = JSON.parse(readFileSync(box.store, 'utf8')) as State;
  });
  afterAll(() => box.cleanup());

  const f1 = () => store.families.find((f) => f.id === 'f1')!;

  it('prints the plan as Markdown by default: goals, who does what by when, next meetings with dates', () => {
    const result = run('plan', 'f1');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# Familiens plan: Familien Jensen\n/);
    for (const goal of f1().goals) expect(result.stdout).toContain(goal.title);
    expect(result.stdout).toContain('| Lone Berg | Finder praktikplads \\<script\\>x\\</script\\> | 15. december 2026 | Stormøde, 24. november 2026 |');
    expect(result.stdout).toContain('| tirsdag den 24. november 2026 kl. 13.30 | Stormøde | Borgerservice, lokale 4 |');
    expect(result.stdout).toContain('**Fremskridt:** 2/10 (1. november 2026)');
    expect(run('plan', 'f1', '--lang', 'en').stdout).toContain("## The family's goals");
  });

  it('writes the plan as an A4 HTML page, 0600, and says where', () => {
    const out = file('docs/familiens-plan.html');
    const result = run('plan', 'f1', '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(out);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(statSync(file('docs')).mode & 0o777).toBe(0o700);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('@page { size: A4; margin: 18mm; }');
    for (const goal of f1().goals) expect(html).toContain(goal.title);
    expect(html).toContain('<td>Finder praktikplads &lt;script&gt;x&lt;/script&gt;</td><td>15. december 2026</td>');
    expect(html).not.toContain('<script');
    // --format wins over the file's name.
    expect(run('plan', 'f1', '--format', 'md', '--out', file('plan.html')).code).toBe(0);
    expect(readFileSync(file('plan.html'), 'utf8')).toMatch(/^# Familiens plan/);
  });

  it("prints a meeting's minutes with attendees, the minutes text and the agreements", () => {
    const m2 = f1().meetings.find((m) => m.id === 'm2')!;
    const md = run('minutes', 'm2');
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('# Referat: Stormøde');
    expect(md.stdout).toContain('**Hvornår:** lørdag den 31. oktober 2026 kl. 08.45');
    expect(md.stdout).toContain('| Peter Holt | virksomhedskonsulent | Beskæftigelse |');
    expect(md.stdout).toContain(m2.minutes);
    expect(md.stdout).toContain('| Heidi Jensen | Sender ansøgning om fritidspas | 20. november 2026 |');
    const html = run('minutes', 'm1', '--format', 'html');
    expect(html.stdout).toContain('<p>Vi talte om &lt;b&gt;ugen&lt;/b&gt;.</p>');
  });

  it('writes every meeting from today on once, with stable UIDs, exact start instants and no names', () => {
    expect(run('calendar', '--out', file('a.ics')).code).toBe(0);
    expect(run('calendar', '--out', file('b.ics')).code).toBe(0);
    expect(statSync(file('a.ics')).mode & 0o777).toBe(0o600);
    const ics = readFileSync(file('a.ics'), 'utf8');
    const first = events(ics);
    const second = events(readFileSync(file('b.ics'), 'utf8'));
    const expected = store.families.flatMap((f) =>
      f.meetings.filter((m) => new Date(m.start).toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' }) >= DATE).map((m) => ({ f, m })),
    );
    expect(expected.length).toBeGreaterThan(5);
    expect(first.map((e) => e.uid).sort()).toEqual(expected.map(({ f, m }) => `${m.id}.${f.id}@famcoord`).sort());
    expect(second.map((e) => e.uid)).toEqual(first.map((e) => e.uid));
    for (const { f, m } of expected) {
      const event = first.find((e) => e.uid === `${m.id}.${f.id}@famcoord`)!;
      expect(event.startDate.toJSDate().getTime()).toBe(Date.parse(m.start));
      expect(event.endDate.toJSDate().getTime()).toBe(Date.parse(m.start) + m.durationMin * 60_000);
      expect(event.summary).toContain(`(${f.id})`);
    }
    const names = store.families.flatMap((f) => [f.name, ...f.members.map((p) => p.name), ...f.meetings.flatMap((m) => m.attendees.map((a) => a.name))]);
    for (const name of names) expect(ics).not.toContain(name);

    const named = run('calendar', '--names', '--family', 'f1');
    expect(named.code).toBe(0);
    expect(events(named.stdout).map((e) => e.summary)).toEqual(['Stormøde – Familien Jensen']);
    expect(events(run('calendar', '--from', '2026-01-01', '--family', 'f1').stdout)).toHaveLength(3);
  });

  it('refuses an unknown id or a bad flag with a clear message, exit 2, and writes no file', () => {
    const cases: Array<[string[], RegExp]> = [
      [['plan', 'f99', '--out', file('x.html')], /^famcoord: unknown family f99; known: f1, f2, f3, f4, f5\n$/],
      [['minutes', 'm999', '--out', file('x.html')], /^famcoord: no meeting m999; /],
      [['calendar', '--family', 'f99', '--out', file('x.html')], /^famcoord: --family: unknown family f99; known: f/],
      [['plan', 'f1', '--format', 'pdf', '--out', file('x.html')], /^famcoord: --format must be md or html, e\.g\. --format html\n$/],
      [['calendar', '--from', '2026-13-01', '--out', file('x.html')], /^famcoord: --from must be a real date as YYYY-MM-DD/],
    ];
    for (const [args, message] of cases) {
      const result = run(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
      expect(existsSync(file('x.html'))).toBe(false);
    }
  });

  it('reports a file it cannot write as a failure, exit 1', () => {
    const result = run('plan', 'f1', '--out', join(box.store, 'inside-a-file.md'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^famcoord: cannot create .*inside-a-file\.md: .*store\.json is a file, not a folder; nothing was created\n$/);
  });
});
