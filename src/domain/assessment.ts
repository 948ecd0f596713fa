// The family assessment (familiefaglig undersøgelse, DOMAIN.md "The family assessment"): the whole
// family assessed at once, a section per member and method (VUM for adults, ICS for children, the
// job plan and the rehabilitation team's form where they apply), a case-and-episode analysis that
// sets the direction, then a TAM (tværfagligt analysemøde, internal experts across departments)
// whose conclusion starts the family's plan. Pure rules: which sections a family needs, which
// stage it is in, what is missing, and the checked updates the operations apply.
import { OperationError } from './errors.js';
import type { Assessment, AssessmentSection, Family, Member } from './schema.js';
import { ASSESSMENT_METHODS, type AssessmentMethod, type AssessmentStage, type MemberRole, type SectionStatus } from './vocabulary.js';

/** The methods that assess an adult, and the one that assesses a child. */
const METHODS_FOR: Record<MemberRole, readonly AssessmentMethod[]> = {
  adult: ['vum', 'jobplan', 'rehab-form'],
  child: ['ics'],
};

/** Whether a method assesses a member of this role: ICS is for children, the others for adults. */
export function methodFits(role: MemberRole, method: AssessmentMethod): boolean {
  return METHODS_FOR[role].includes(method);
}

/** A member's latest employment status, if one was observed. */
function latestEmployment(member: Member): string | undefined {
  let latest: { date: string; value: unknown } | undefined;
  for (const o of member.observations) if (o.kind === 'employment' && (latest === undefined || o.date >= latest.date)) latest = o;
  return latest === undefined ? undefined : String(latest.value);
}

/** Employment statuses in which the job centre holds a job plan with the adult. */
const JOB_CENTRE_STATUSES = new Set(['cash-benefit', 'resource-course', 'internship']);

/**
 * Which sections the assessment needs, member by member: VUM for every adult and ICS for every
 * child; the job plan for an adult the job centre works with (an employment goal or intervention,
 * something from the job plan, or cash benefit, a resource course or an internship as the latest
 * status); the rehabilitation team's form for an adult in a resource course (the team prepares
 * those) or with something from a rehabilitation plan.
 */
export function expectedSections(family: Family): Array<{ memberId: string; method: AssessmentMethod }> {
  return family.members.flatMap((member): Array<{ memberId: string; method: AssessmentMethod }> => {
    if (member.role === 'child') return [{ memberId: member.id, method: 'ics' as const }];
    // Goals made from the TAM's conclusion are the assessment's result, not evidence for its sections.
    const fromConclusion = new Set(family.assessment?.conclusion?.goalIds ?? []);
    const theirs = [...family.goals.filter((g) => g.memberId === member.id && !fromConclusion.has(g.id)), ...family.interventions.filter((i) => i.memberId === member.id)];
    const employment = latestEmployment(member);
    const jobCentre = theirs.some((item) => item.sector === 'employment' || item.source === 'jobplan') || (employment !== undefined && JOB_CENTRE_STATUSES.has(employment));
    const rehabilitation = employment === 'resource-course' || theirs.some((item) => item.source === 'rehabiliteringsplan');
    return [
      { memberId: member.id, method: 'vum' as const },
      ...(jobCentre ? [{ memberId: member.id, method: 'jobplan' as const }] : []),
      ...(rehabilitation ? [{ memberId: member.id, method: 'rehab-form' as const }] : []),
    ];
  });
}

export interface SectionState {
  memberId: string;
  memberName?: string;
  method: AssessmentMethod;
  status: SectionStatus;
  summary?: string;
  updated?: string;
  /** The rules ask for it (expectedSections); otherwise it was added by hand. */
  expected: boolean;
}

/** What is still to be done before the plan starts, in the order it is done. */
export type MissingStep =
  | { kind: 'start' }
  | { kind: 'section'; memberId: string; memberName?: string; method: AssessmentMethod; status: SectionStatus }
  | { kind: 'analysis' }
  | { kind: 'conclusion' };

export interface AssessmentView {
  stage: AssessmentStage;
  started?: string;
  /** Every section needed or recorded, by member as the family lists them, then by method. */
  sections: SectionState[];
  sectionsDone: number;
  analysis?: { summary: string; date: string };
  conclusion?: { meetingId: string; text: string; date: string; goalIds: string[] };
  missing: MissingStep[];
}

const sectionKey = (memberId: string, method: string) => `${memberId}\u0000${method}`;

/** Every section the assessment needs or has, with its status ("not started" when not recorded). */
function sectionStates(family: Family, assessment: Assessment): SectionState[] {
  const recorded = new Map(assessment.sections.map((s) => [sectionKey(s.memberId, s.method), s]));
  const expected = new Set(expectedSections(family).map((s) => sectionKey(s.memberId, s.method)));
  const memberOrder = new Map(family.members.map((m, i) => [m.id, i]));
  const keys = [...new Set([...expected, ...recorded.keys()])];
  return keys
    .map((key): SectionState => {
      const [memberId = '', method] = key.split('\u0000') as [string, AssessmentMethod];
      const section = recorded.get(key);
      const name = family.members.find((m) => m.id === memberId)?.name;
      return {
        memberId,
        ...(name !== undefined && { memberName: name }),
        method,
        status: section?.status ?? 'not-started',
        ...(section?.summary !== undefined && { summary: section.summary }),
        ...(section?.updated !== undefined && { updated: section.updated }),
        expected: expected.has(key),
      };
    })
    .sort((a, b) => (memberOrder.get(a.memberId) ?? Infinity) - (memberOrder.get(b.memberId) ?? Infinity) || ASSESSMENT_METHODS.indexOf(a.method) - ASSESSMENT_METHODS.indexOf(b.method));
}

/**
 * Where the family is: not started; assessing (a section not done); the analysis due; waiting for
 * the TAM; or concluded, the plan started from the TAM's conclusion. A step done early (the
 * analysis before every section) does not skip one left undone: the stage is the first missing.
 */
export function assessmentView(family: Family): AssessmentView {
  const assessment = family.assessment;
  if (!assessment) return { stage: 'not-started', sections: [], sectionsDone: 0, missing: [{ kind: 'start' }] };
  const sections = sectionStates(family, assessment);
  // Once the TAM has concluded, the plan has started: a section left open then is history, not a step due.
  const missing: MissingStep[] = assessment.conclusion ? [] : [
    ...sections
      .filter((s) => s.status !== 'done')
      .map((s): MissingStep => ({ kind: 'section', memberId: s.memberId, ...(s.memberName !== undefined && { memberName: s.memberName }), method: s.method, status: s.status })),
    ...(assessment.analysis ? [] : [{ kind: 'analysis' } as const]),
    { kind: 'conclusion' },
  ];
  const first = missing[0]?.kind;
  const stage: AssessmentStage = assessment.conclusion ? 'concluded' : first === 'section' ? 'sections' : first === 'analysis' ? 'analysis' : 'tam';
  return {
    stage,
    started: assessment.started,
    sections,
    sectionsDone: sections.filter((s) => s.status === 'done').length,
    ...(assessment.analysis && { analysis: { summary: assessment.analysis.summary, date: assessment.analysis.date } }),
    ...(assessment.conclusion && { conclusion: { meetingId: assessment.conclusion.meetingId, text: assessment.conclusion.text, date: assessment.conclusion.date, goalIds: [...assessment.conclusion.goalIds] } }),
    missing,
  };
}

// ---- The checked updates the operations apply. Each returns a new assessment (the family's is
// never changed in place), or refuses with a message naming ids only.

function requireAssessment(family: Family): Assessment {
  if (!family.assessment) throw new OperationError(`family ${family.id} has no assessment yet; start it first (famcoord assessment start ${family.id})`);
  return family.assessment;
}

export function startedAssessment(family: Family, date: string): Assessment {
  if (family.assessment) throw new OperationError(`the assessment of family ${family.id} was already started on ${family.assessment.started}`);
  return { started: date, sections: [] };
}

export interface SectionChange {
  memberId: string;
  method: AssessmentMethod;
  status?: SectionStatus | undefined;
  /** Empty text takes the summary away. */
  summary?: string | undefined;
}

/** The section added or changed; a new one is in progress unless a status is given. */
export function withSection(family: Family, change: SectionChange, date: string): Assessment {
  const assessment = requireAssessment(family);
  const member = family.members.find((m) => m.id === change.memberId);
  if (!member) throw new OperationError(`no member ${change.memberId} in family ${family.id}`);
  if (!methodFits(member.role, change.method))
    throw new OperationError(`${change.method} is not a method for ${member.role === 'child' ? 'a child' : 'an adult'} (${change.memberId}): ${METHODS_FOR[member.role].join(', ')}`);
  const index = assessment.sections.findIndex((s) => s.memberId === change.memberId && s.method === change.method);
  const was: AssessmentSection = assessment.sections[index] ?? { memberId: change.memberId, method: change.method, status: 'in-progress' };
  const { summary: _summary, updated: _updated, ...kept } = was;
  const summary = change.summary === undefined ? was.summary : change.summary.trim() || undefined;
  const next: AssessmentSection = { ...kept, status: change.status ?? was.status, ...(summary !== undefined && { summary }), updated: date };
  // The day alone is no change: an edit that leaves status and summary as they were is refused.
  if (index >= 0 && next.status === was.status && next.summary === was.summary)
    throw new OperationError(`nothing to change: the ${change.method} section of ${change.memberId} already has these values`);
  const sections = index < 0 ? [...assessment.sections, next] : assessment.sections.map((s, i) => (i === index ? next : s));
  return { ...assessment, sections };
}

export function withAnalysis(family: Family, summary: string, date: string): Assessment {
  return { ...requireAssessment(family), analysis: { summary, date } };
}

/**
 * The TAM's conclusion, from one of the family's TAMs, once the analysis is there (it structures the
 * TAM's dialogue). Concluding again replaces the text and adds the new goals to those made before.
 */
export function withConclusion(family: Family, conclusion: { meetingId: string; text: string; date: string; goalIds: readonly string[] }): Assessment {
  const assessment = requireAssessment(family);
  const meeting = family.meetings.find((m) => m.id === conclusion.meetingId);
  if (!meeting) throw new OperationError(`no meeting ${conclusion.meetingId} in family ${family.id}`);
  if (meeting.type !== 'tværfagligt-analysemøde') throw new OperationError(`meeting ${meeting.id} is a ${meeting.type}; the conclusion comes from a tværfagligt-analysemøde (TAM)`);
  if (!assessment.analysis) throw new OperationError(`record the case-and-episode analysis of family ${family.id} before the TAM's conclusion (famcoord assessment analysis ${family.id})`);
  const goalIds = [...new Set([...(assessment.conclusion?.goalIds ?? []), ...conclusion.goalIds])];
  return { ...assessment, conclusion: { meetingId: meeting.id, text: conclusion.text, date: conclusion.date, goalIds } };
}
