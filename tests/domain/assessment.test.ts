// From assessment to plan: the family assessment's sections, stages and what is missing, the TAM's
// conclusion that starts the plan, and an FFS's status form; as plain functions and through the
// operations.
import { describe, expect, it } from 'vitest';
import { assessmentView, expectedSections } from '../../src/domain/assessment.js';
import { OperationSchema, type OperationInput } from '../../src/domain/operations.js';
import { StateSchema, type State } from '../../src/domain/schema.js';
import { statusFormLines } from '../../src/domain/statusForm.js';
import { runTransaction } from '../../src/domain/transaction.js';
import { familyPlan } from '../../src/domain/views.js';
import { StateWorkspace } from '../../src/domain/workspace.js';
import { family, goal, intervention, meeting, member, state } from '../helpers/fixtures.js';

const TODAY = '2026-11-24';

function apply(start: State, inputs: OperationInput[]): State {
  const ws = new StateWorkspace(start);
  runTransaction(ws, inputs.map((i) => OperationSchema.parse(i)), { today: TODAY });
  return ws.result(start);
}

const tam = meeting('m1', '2026-11-20T09:00:00+01:00', { type: 'tværfagligt-analysemøde' });
const ffs = meeting('m2', '2026-11-22T09:00:00+01:00', { type: 'flerfagligt-statusmøde' });
const base = () => state(family('f1', { goals: [goal('g1', '2027-01-31', 'active', { memberId: 'f1-c', title: 'Emil kommer i skole hver dag' })], meetings: [tam, ffs, meeting('m3', '2026-11-23T09:00:00+01:00')] }));

describe('which sections an assessment needs', () => {
  it('asks VUM of adults and ICS of children; the job plan and the rehabilitation form where they apply', () => {
    const plain = family('f1');
    expect(expectedSections(plain)).toEqual([
      { memberId: 'f1-a', method: 'vum' },
      { memberId: 'f1-c', method: 'ics' },
    ]);
    const withJob = family('f1', { interventions: [intervention('i1', 'f1-a', '2026-09-01')] });
    expect(expectedSections(withJob).map((s) => s.method)).toEqual(['vum', 'jobplan', 'ics']);
    const inResourceCourse = family('f1', { members: [member('f1-a', 'adult', { observations: [{ date: '2026-10-01', kind: 'employment', value: 'resource-course' }] })] });
    expect(expectedSections(inResourceCourse).map((s) => s.method)).toEqual(['vum', 'jobplan', 'rehab-form']);
  });
});

describe('the stages, from start to the TAM that starts the plan', () => {
  it('walks not started → assessing → analysis due → waiting for the TAM → concluded, naming what is missing', () => {
    let s = base();
    expect(assessmentView(s.families[0]!)).toMatchObject({ stage: 'not-started', missing: [{ kind: 'start' }] });
    s = apply(s, [{ op: 'assessment.start', familyId: 'f1' }]);
    let view = assessmentView(s.families[0]!);
    expect(view).toMatchObject({ stage: 'sections', started: TODAY, sectionsDone: 0 });
    expect(view.missing).toEqual([
      { kind: 'section', memberId: 'f1-a', memberName: 'Mette', method: 'vum', status: 'not-started' },
      { kind: 'section', memberId: 'f1-c', memberName: 'Emil', method: 'ics', status: 'not-started' },
      { kind: 'analysis' },
      { kind: 'conclusion' },
    ]);
    s = apply(s, [
      { op: 'assessment.section', familyId: 'f1', memberId: 'f1-a', method: 'vum', status: 'done', summary: 'Mette vil gerne i praktik.' },
      { op: 'assessment.section', familyId: 'f1', memberId: 'f1-c', method: 'ics', summary: 'Skolen er bekymret for fraværet.' },
    ]);
    view = assessmentView(s.families[0]!);
    expect(view.sections.map((x) => [x.method, x.status, x.summary])).toEqual([
      ['vum', 'done', 'Mette vil gerne i praktik.'],
      ['ics', 'in-progress', 'Skolen er bekymret for fraværet.'],
    ]);
    expect(view.stage).toBe('sections');
    s = apply(s, [{ op: 'assessment.section', familyId: 'f1', memberId: 'f1-c', method: 'ics', status: 'done' }]);
    expect(assessmentView(s.families[0]!)).toMatchObject({ stage: 'analysis', sectionsDone: 2 });
    s = apply(s, [{ op: 'assessment.analysis', familyId: 'f1', summary: 'Fraværet hænger sammen med morgenerne.' }]);
    expect(assessmentView(s.families[0]!)).toMatchObject({ stage: 'tam', missing: [{ kind: 'conclusion' }] });
    s = apply(s, [{ op: 'assessment.conclude', familyId: 'f1', meetingId: 'm1', conclusion: 'Morgenstøtte først, så praktik.', goals: [{ title: 'Mette starter i praktik', memberId: 'f1-a', sector: 'employment', due: '2027-03-01' }] }]);
    view = assessmentView(s.families[0]!);
    expect(view).toMatchObject({ stage: 'concluded', missing: [], conclusion: { meetingId: 'm1', text: 'Morgenstøtte først, så praktik.', date: '2026-11-20' } });
    // The goal made from the conclusion is in the plan, and the conclusion names it.
    const made = s.families[0]!.goals.find((g) => g.title === 'Mette starter i praktik');
    expect(made).toMatchObject({ memberId: 'f1-a', status: 'active', priority: 1 });
    expect(view.conclusion?.goalIds).toEqual([made!.id]);
    expect(familyPlan(s, 'f1', TODAY, 'Europe/Copenhagen')?.assessment?.stage).toBe('concluded');
  });

  it('shows the analysis done early but stays at the first missing step', () => {
    const s = apply(base(), [{ op: 'assessment.start', familyId: 'f1', date: '2026-10-01' }, { op: 'assessment.analysis', familyId: 'f1', summary: 'Tidligt overblik.' }]);
    expect(assessmentView(s.families[0]!)).toMatchObject({ stage: 'sections', analysis: { summary: 'Tidligt overblik.' } });
  });

  it('a family without an assessment has no assessment in its plan, and older stores load without one', () => {
    expect(familyPlan(base(), 'f1', TODAY, 'Europe/Copenhagen')?.assessment).toBeUndefined();
    expect(StateSchema.parse(JSON.parse(JSON.stringify(base()))).families[0]?.assessment).toBeUndefined();
  });
});

describe('what the assessment operations refuse, changing nothing', () => {
  const started = () => apply(base(), [{ op: 'assessment.start', familyId: 'f1' }]);
  const refused = (s: State, input: OperationInput) => expect(() => apply(s, [input]));

  it('refuses a section before the start, a second start, and a method that does not fit the member', () => {
    refused(base(), { op: 'assessment.section', familyId: 'f1', memberId: 'f1-a', method: 'vum', status: 'done' }).toThrow(/no assessment yet/);
    refused(started(), { op: 'assessment.start', familyId: 'f1' }).toThrow(/already started/);
    refused(started(), { op: 'assessment.section', familyId: 'f1', memberId: 'f1-c', method: 'vum', status: 'done' }).toThrow(/not a method for a child/);
    refused(started(), { op: 'assessment.section', familyId: 'f1', memberId: 'f1-x', method: 'vum', status: 'done' }).toThrow(/no member f1-x/);
  });

  it('refuses a section edit that changes nothing, and one that gives neither status nor summary', () => {
    const s = apply(started(), [{ op: 'assessment.section', familyId: 'f1', memberId: 'f1-a', method: 'vum', status: 'done' }]);
    refused(s, { op: 'assessment.section', familyId: 'f1', memberId: 'f1-a', method: 'vum', status: 'done', date: '2026-12-01' }).toThrow(/nothing to change/);
    expect(OperationSchema.safeParse({ op: 'assessment.section', familyId: 'f1', memberId: 'f1-a', method: 'vum' }).success).toBe(false);
  });

  it('refuses a conclusion before the analysis, or from a meeting that is not a TAM', () => {
    refused(started(), { op: 'assessment.conclude', familyId: 'f1', meetingId: 'm1', conclusion: 'x' }).toThrow(/analysis/);
    const analysed = apply(started(), [{ op: 'assessment.analysis', familyId: 'f1', summary: 'y' }]);
    refused(analysed, { op: 'assessment.conclude', familyId: 'f1', meetingId: 'm3', conclusion: 'x' }).toThrow(/tværfagligt-analysemøde/);
    // All or nothing: a refused conclusion adds none of its goals.
    const before = JSON.stringify(analysed);
    refused(analysed, { op: 'assessment.conclude', familyId: 'f1', meetingId: 'm3', conclusion: 'x', goals: [{ title: 'Ny', sector: 'school', due: '2027-01-01' }] }).toThrow();
    expect(JSON.stringify(analysed)).toBe(before);
  });
});

describe("an FFS's status form", () => {
  it('keeps per goal the family view, each department view and the agreed status; merges views by sector', () => {
    let s = apply(base(), [
      { op: 'statusform.set', meetingId: 'm2', goalId: 'g1', familyView: 'Det går bedre om morgenen.', views: [{ sector: 'school', view: 'Fraværet er faldet.' }, { sector: 'children', view: 'Familiebehandlingen virker.' }], agreedStatus: 'on-track' },
    ]);
    s = apply(s, [{ op: 'statusform.set', meetingId: 'm2', goalId: 'g1', views: [{ sector: 'school', view: 'Fraværet er halveret.' }, { sector: 'children', view: '' }], agreed: 'Godt på vej; fortsæt.' }]);
    const f = s.families[0]!;
    expect(statusFormLines(f, f.meetings.find((m) => m.id === 'm2')!)).toEqual([
      { goalId: 'g1', goalTitle: 'Emil kommer i skole hver dag', memberName: 'Emil', familyView: 'Det går bedre om morgenen.', views: [{ sector: 'school', view: 'Fraværet er halveret.' }], agreedStatus: 'on-track', agreed: 'Godt på vej; fortsæt.' },
    ]);
  });

  it('refuses a form on a meeting that is not an FFS, a goal of another family, and a change that changes nothing', () => {
    expect(() => apply(base(), [{ op: 'statusform.set', meetingId: 'm3', goalId: 'g1', agreedStatus: 'reached' }])).toThrow(/flerfagligt-statusmøde/);
    expect(() => apply(base(), [{ op: 'statusform.set', meetingId: 'm2', goalId: 'g9', agreedStatus: 'reached' }])).toThrow(/no goal g9/);
    const s = apply(base(), [{ op: 'statusform.set', meetingId: 'm2', goalId: 'g1', agreedStatus: 'reached' }]);
    expect(() => apply(s, [{ op: 'statusform.set', meetingId: 'm2', goalId: 'g1', agreedStatus: 'reached' }])).toThrow(/nothing to change/);
    expect(OperationSchema.safeParse({ op: 'statusform.set', meetingId: 'm2', goalId: 'g1' }).success).toBe(false);
  });
});
