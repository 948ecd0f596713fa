// The family's one plan as users run it: goals and interventions placed in the plan they come
// from, collisions in `family --json`, the plan grouped by member, a municipality's own table.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { State } from '../../src/domain/schema.js';
import { sandbox, type Sandbox } from '../helpers/cli.js';
import { FROM, handCounted, TO } from '../helpers/handCounted.js';

const DATE = '2026-11-24';

describe('the one plan on the command line', () => {
  let box: Sandbox;
  const run = (...args: string[]) => box.run([...args, '--date', DATE]);
  const ok = (...args: string[]) => {
    const result = run(...args);
    expect(result, result.stderr).toMatchObject({ code: 0 });
    return result;
  };
  const stored = () => JSON.parse(box.bytes().toString('utf8')) as State;

  beforeAll(() => {
    box = sandbox();
    ok('init');
    ok('families', 'add', '--name', 'Familien Holm', '--member', 'Sara Holm:adult', '--member', 'Ida Holm:child');
    ok('goal', 'add', 'f1', '--title', 'Sara vil i praktik', '--sector', 'job', '--due', '2027-03-01', '--member', 'p1', '--source', 'Min Plan', '--department', 'Jobcenter Nord', '--caseworker', 'Lone Berg');
    ok('goal', 'add', 'f1', '--title', 'Vi vil have ro om morgenen', '--sector', 'children', '--due', '2027-03-01', '--source', 'family', '--own-words');
    // The must-show: the job centre's mentor support and adult services' bostøtte for one adult, in overlapping months.
    ok('intervention', 'add', 'f1', '--member', 'p1', '--sector', 'employment', '--kind', 'mentorstøtte', '--from', '2026-09-01', '--to', '2027-02-28', '--source', 'jobplan', '--cost', '4500');
    ok('intervention', 'add', 'f1', '--member', 'p1', '--sector', 'adults', '--kind', 'bostøtte', '--from', '2026-11-01', '--source', 'handleplan', '--department', 'Voksenområdet', '--cost', '6200');
    ok('meeting', 'add', 'f1', '--type', 'opfølgning', '--start', '2026-11-20 09:00', '--attendee', 'Lone Berg:employment');
    ok('meeting', 'add', 'f1', '--type', 'hjemmebesøg', '--start', '2026-11-20 09:30', '--attendee', 'Lone Berg:employment');
    ok('meeting', 'minutes', 'm1', '--agreement', 'Lone Berg|Finder praktikplads|2026-12-15', '--goal', 'g1');
  });
  afterAll(() => box.cleanup());

  it('stores where each goal and intervention comes from, who is responsible and what it costs', () => {
    const family = stored().families[0]!;
    expect(family.goals.map((g) => [g.source, g.department, g.caseworker, g.ownWords])).toEqual([
      ['jobplan', 'Jobcenter Nord', 'Lone Berg', undefined],
      ['family', undefined, undefined, true],
    ]);
    expect(family.interventions.map((i) => [i.source, i.cost])).toEqual([
      ['jobplan', { dkk: 4500, per: 'month' }],
      ['handleplan', { dkk: 6200, per: 'month' }],
    ]);
    expect(family.meetings[0]!.agreements).toMatchObject([{ who: 'Lone Berg', what: 'Finder praktikplads', due: '2026-12-15', goalId: 'g1', status: 'open' }]);
  });

  it('gives the collisions in family --json: the same purpose across sectors and a meeting clash', () => {
    const plan = JSON.parse(ok('family', 'f1', '--json').stdout) as { collisions: unknown };
    expect(plan.collisions).toEqual([
      { kind: 'same-purpose', ids: ['i1', 'i2'], reason: 'i1 (mentorstøtte, employment) and i2 (bostøtte, adults) both serve hverdagsstøtte for p1 at the same time' },
      { kind: 'meeting-clash', ids: ['m1', 'm2'], reason: 'm1 and m2 overlap in time with 1 person at both' },
    ]);
    const text = ok('family', 'f1').stdout;
    expect(text).toMatch(/Collisions \(2\)\n.*\ni1 i2 +i1 \(mentorstøtte, employment\) and i2/);
    expect(text).toMatch(/g1 +Sara vil i praktik +Sara Holm +Employment +Job plan \(Min Plan\) +Jobcenter Nord, Lone Berg /);
    expect(text).toMatch(/i2 +Sara Holm +Adult social services +bostøtte +1 Nov +Action plan \(handleplan\) +6\.200 kr\. a month/);
  });

  it('prints the plan grouped by member, each goal with its source, who is responsible and the agreements that serve it', () => {
    const md = ok('plan', 'f1').stdout;
    const family = md.slice(md.indexOf('## Familiens mål: Hele familien'), md.indexOf('## Familiens mål: Sara Holm'));
    expect(family).toContain('### 2. Vi vil have ro om morgenen');
    expect(family).toContain('- **Fra planen:** Familiens eget mål\n');
    expect(family).toContain('- **Med familiens egne ord:** ja\n');
    const sara = md.slice(md.indexOf('## Familiens mål: Sara Holm'), md.indexOf('## Hvem gør hvad hvornår'));
    expect(sara).toContain('### 1. Sara vil i praktik');
    expect(sara).toContain('- **Fra planen:** Jobplan (Min Plan)\n- **Ansvarlig:** Jobcenter Nord, Lone Berg\n');
    expect(sara).toContain('| Lone Berg | Finder praktikplads | 15. december 2026 | Opfølgning, 20. november 2026 |');
  });

  it('refuses a bad source, a goal of no such id, --cost-per alone and an update that changes nothing, writing nothing', () => {
    const before = box.bytes();
    expect(run('goal', 'update', 'g1', '--source', 'kommunen')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^famcoord: --source must be one of: family, handleplan, jobplan/) });
    expect(run('meeting', 'minutes', 'm1', '--agreement', 'A|B', '--goal', 'g9')).toMatchObject({ code: 2, stderr: expect.stringContaining('no goal g9 in family f1') });
    expect(run('intervention', 'update', 'i1', '--cost-per', 'total')).toMatchObject({ code: 2, stderr: 'famcoord: --cost-per needs --cost, e.g. --cost 30000 --cost-per total\n' });
    expect(run('intervention', 'update', 'i1', '--cost', '4500')).toMatchObject({ code: 2, stderr: expect.stringContaining('nothing to change: intervention i1 already has these values') });
    expect(run('intervention', 'update', 'i1', '--cost', '12.5')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^famcoord: --cost must be a whole number/) });
    expect(run('goal', 'update', 'g2', '--own-words')).toMatchObject({ code: 2 });
    expect(box.bytes().equals(before)).toBe(true);
  });

  it("uses the municipality's own table of same-purpose kinds from the config, and refuses a malformed one", () => {
    const table = join(box.dir, 'formaal.json');
    writeFileSync(table, JSON.stringify({ 'job og bolig': ['mentorstøtte', 'boligsocial indsats'] }));
    ok('config', 'set-purposes', table);
    expect(JSON.parse(ok('family', 'f1', '--json').stdout).collisions.map((c: { kind: string }) => c.kind)).toEqual(['meeting-clash']);
    writeFileSync(table, JSON.stringify({ 'job og bolig': 'mentorstøtte' }));
    expect(run('config', 'set-purposes', table)).toMatchObject({ code: 2, stderr: 'famcoord: the purposes file purpose "job og bolig" must be a list of intervention kinds (text)\n' });
    ok('config', 'clear-purposes');
    expect(JSON.parse(ok('family', 'f1', '--json').stdout).collisions).toHaveLength(2);
  });
});

describe('touch points and spending in famcoord report', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
    writeFileSync(box.store, JSON.stringify(handCounted), { mode: 0o600 });
  });
  afterAll(() => box.cleanup());
  const report = (...args: string[]) => {
    const result = box.run(['report', '--from', FROM, '--to', TO, ...args]);
    expect(result, result.stderr).toMatchObject({ code: 0 });
    return result.stdout;
  };

  it('gives touchPoints and spending as counted by hand, in the JSON, the CSV and the text', () => {
    const json = JSON.parse(report('--json')) as { touchPoints: unknown; spending: { perFamilyMonthly: unknown } };
    expect(json.touchPoints).toEqual({ professionals: { baseline: 1, followUp: 2 }, meetings: { baseline: 1, followUp: 1 }, professionalsFell: { n: 2, of: 3 }, meetingsFell: { n: 2, of: 3 } });
    expect(json.spending.perFamilyMonthly).toEqual({ baseline: 3900, followUp: 3390 });
    const csv = report('--csv').split('\n');
    for (const line of ['touchPoints.professionals.baseline,,,,1', 'touchPoints.professionalsFell,2,3,0.6667,', 'spending.perFamilyMonthly.followUp,,,,3390', 'spending.bySector.school.followUp,,,,1323'])
      expect(csv).toContain(line);
    const text = report();
    expect(text).toMatch(/Professionals met +1 +2\n/);
    expect(text).toMatch(/Families that met fewer professionals .* 67% +2\/3/);
    expect(text).toMatch(/All sectors +3\.900 kr\. +3\.390 kr\./);
    expect(text).toContain('Interventions in effect without a cost (left out): 1 on 1 Jan 2026, 1 on 1 Jul 2026.');
  });
});
