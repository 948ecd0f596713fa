// From assessment to plan on the command line: the assessment's subcommands with --json, the TAM's
// conclusion at the head of the plan, and an FFS's status form in `famcoord minutes` (the must-show).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { State } from '../../src/domain/schema.js';
import { sandbox, type Sandbox } from '../helpers/cli.js';

const DATE = '2026-11-24';

describe('the family assessment and the FFS status form on the command line', () => {
  let box: Sandbox;
  const run = (...args: string[]) => box.run([...args, '--date', DATE]);
  const ok = (...args: string[]) => {
    const result = run(...args);
    expect(result, result.stderr).toMatchObject({ code: 0 });
    return result;
  };
  const stored = () => JSON.parse(box.bytes().toString('utf8')) as State;
  const refusedUnchanged = (pattern: RegExp, ...args: string[]) => {
    const before = box.bytes();
    const result = run(...args);
    expect(result.code, result.stdout).toBe(2);
    expect(result.stderr).toMatch(pattern);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(box.bytes().equals(before)).toBe(true);
  };

  beforeAll(() => {
    box = sandbox();
    ok('init');
    ok('families', 'add', '--name', 'Familien Holm', '--member', 'Sara Holm:adult', '--member', 'Ida Holm:child');
    ok('meeting', 'add', 'f1', '--type', 'TAM', '--start', '2026-11-20 09:00', '--attendee', 'Lone Berg:employment:jobkonsulent', '--attendee', 'Maja Winther:children:socialrådgiver');
    ok('meeting', 'add', 'f1', '--type', 'FFS', '--start', '2026-11-23 09:00', '--attendee', 'Sara Holm', '--attendee', 'Jens Riis:school');
  });
  afterAll(() => box.cleanup());

  it('walks the assessment from its start to the TAM, each step shown by assessment show --json', () => {
    const stage = () => (JSON.parse(ok('assessment', 'show', 'f1', '--json').stdout) as { stage: string }).stage;
    expect(stage()).toBe('not-started');
    refusedUnchanged(/no assessment yet; start it first \(famcoord assessment start f1\)/, 'assessment', 'section', 'f1', '--member', 'p1', '--method', 'vum', '--status', 'done');
    ok('assessment', 'start', 'f1', '--on', '2026-10-01');
    expect(stage()).toBe('sections');
    refusedUnchanged(/ics is not a method for an adult/, 'assessment', 'section', 'f1', '--member', 'p1', '--method', 'ics', '--status', 'done');
    refusedUnchanged(/--method must be one of: vum, ics, jobplan, rehab-form/, 'assessment', 'section', 'f1', '--member', 'p1', '--method', 'xyz', '--status', 'done');
    refusedUnchanged(/nothing to change; give/, 'assessment', 'section', 'f1', '--member', 'p1', '--method', 'vum');
    ok('assessment', 'section', 'f1', '--member', 'p1', '--method', 'VUM', '--status', 'done', '--summary', 'Sara vil gerne i praktik.');
    ok('assessment', 'section', 'f1', '--member', 'p2', '--method', 'ics', '--status', 'færdig', '--summary', 'Ida trives i dagplejen.');
    expect(stage()).toBe('analysis');
    refusedUnchanged(/record the case-and-episode analysis/, 'assessment', 'conclude', 'f1', '--meeting', 'm1', '--conclusion', 'For tidligt.');
    ok('assessment', 'analysis', 'f1', '--summary', 'Morgenerne er nøglen.');
    expect(stage()).toBe('tam');
    refusedUnchanged(/a tværfagligt-analysemøde \(TAM\)/, 'assessment', 'conclude', 'f1', '--meeting', 'm2', '--conclusion', 'Forkert møde.');
    const concluded = ok('assessment', 'conclude', 'f1', '--meeting', 'm1', '--conclusion', 'Ro på morgenerne først, så praktik.', '--goal', 'Sara starter i praktik|p1|jobcenter|2027-03-01', '--goal', 'Vi har rolige morgener||children|2027-01-31', '--lang', 'en');
    expect(concluded.stdout).toMatch(/with goals g\d+, g\d+/);
    const view = JSON.parse(ok('assessment', 'show', 'f1', '--json').stdout);
    expect(view).toMatchObject({ familyId: 'f1', stage: 'concluded', started: '2026-10-01', missing: [], conclusion: { meetingId: 'm1', date: '2026-11-20' } });
    expect(stored().families[0]!.goals.map((g) => [g.title, g.memberId, g.sector])).toEqual([
      ['Sara starter i praktik', 'p1', 'employment'],
      ['Vi har rolige morgener', undefined, 'children'],
    ]);
    // family --json carries it too, and the plan starts from the conclusion.
    expect(JSON.parse(ok('family', 'f1', '--json').stdout).assessment.stage).toBe('concluded');
    expect(ok('family', 'f1', '--lang', 'da').stdout.split('\n')[1]).toMatch(/^Familiefaglig undersøgelse: TAM afholdt: planen er i gang/);
    const plan = ok('plan', 'f1', '--lang', 'da').stdout;
    expect(plan).toContain('## Konklusion fra tværfagligt analysemøde (TAM)');
    expect(plan).toContain('Ro på morgenerne først, så praktik.');
    expect(plan).toContain('**Fra TAM-konklusionen:** ja');
  });

  it('prints the assessment for people, in Danish and English', () => {
    const da = ok('assessment', 'show', 'f1', '--lang', 'da').stdout;
    expect(da).toContain('Hvor langt: TAM afholdt: planen er i gang · 2/2 afsnit færdige');
    expect(da).toMatch(/p1 +Sara Holm +VUM \(voksenudredning\) +færdig/);
    expect(da).toContain('Mangler: intet');
    expect(ok('assessment', 'f1', '--lang', 'en').stdout).toContain('Conclusion of the cross-disciplinary analysis meeting (TAM) (m1, 20 Nov):');
  });

  it('fills in an FFS status form, prints it in famcoord minutes, and refuses it on another meeting', () => {
    ok('meeting', 'status-form', 'm2', '--goal', 'g1', '--family-view', 'Det går bedre om morgenen.', '--view', 'skole:Fraværet er halveret.', '--view', 'employment:Praktikpladsen er fundet.', '--status', 'på vej', '--agreed', 'Godt på vej; fortsæt.');
    ok('meeting', 'status-form', 'm2', '--goal', 'g2', '--status', 'unchanged');
    refusedUnchanged(/a status form belongs to a flerfagligt-statusmøde/, 'meeting', 'status-form', 'm1', '--goal', 'g1', '--status', 'reached');
    refusedUnchanged(/--status must be one of: reached, on-track, unchanged, worse/, 'meeting', 'status-form', 'm2', '--goal', 'g1', '--status', 'fine');
    refusedUnchanged(/--view must be "SECTOR:TEXT"/, 'meeting', 'status-form', 'm2', '--goal', 'g1', '--view', 'no colon');
    expect(stored().families[0]!.meetings[1]!.statusForm).toEqual([
      { goalId: 'g1', familyView: 'Det går bedre om morgenen.', views: [{ sector: 'school', view: 'Fraværet er halveret.' }, { sector: 'employment', view: 'Praktikpladsen er fundet.' }], agreedStatus: 'on-track', agreed: 'Godt på vej; fortsæt.' },
      { goalId: 'g2', views: [], agreedStatus: 'unchanged' },
    ]);
    const minutes = ok('minutes', 'm2', '--lang', 'da').stdout;
    expect(minutes).toContain('## Statusskema');
    expect(minutes).toContain('### Sara starter i praktik (Sara Holm)');
    expect(minutes).toContain("- **Familiens syn:** Det går bedre om morgenen.");
    expect(minutes).toContain('- **Skole/PPR:** Fraværet er halveret.');
    expect(minutes).toContain('- **Aftalt status:** på vej: Godt på vej; fortsæt.');
    expect(minutes).toContain('### Vi har rolige morgener');
    const html = ok('minutes', 'm2', '--format', 'html', '--lang', 'en').stdout;
    expect(html).toContain('<h2>Status form</h2>');
    expect(html).toContain('<dt>Agreed status</dt><dd>on track: Godt på vej; fortsæt.</dd>');
    // A TAM has no status form, and its minutes say nothing of one.
    expect(ok('minutes', 'm1').stdout).not.toContain('Statusskema');
  });
});

describe('the demo', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
  });
  afterAll(() => box.cleanup());

  it('has an FFS whose status form famcoord minutes prints, and assessments in three stages', () => {
    expect(box.run(['demo', '--families', '12', '--date', DATE]).code).toBe(0);
    const state = JSON.parse(box.bytes().toString('utf8')) as State;
    const ffs = state.families.flatMap((f) => f.meetings).find((m) => m.statusForm !== undefined)!;
    const minutes = box.run(['minutes', ffs.id, '--lang', 'da', '--date', DATE]);
    expect(minutes.code, minutes.stderr).toBe(0);
    expect(minutes.stdout).toContain('## Statusskema');
    expect(minutes.stdout).toContain('- **Aftalt status:** ');
    const stages = state.families.filter((f) => f.assessment).map((f) => (JSON.parse(box.run(['assessment', 'show', f.id, '--json', '--date', DATE]).stdout) as { stage: string }).stage);
    expect(new Set(stages)).toEqual(new Set(['sections', 'tam', 'concluded']));
  });
});
