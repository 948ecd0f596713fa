// famcoord assessment show|start|section|analysis|conclude: the family assessment (familiefaglig
// undersøgelse) from its start to the TAM whose conclusion starts the family's plan.
import type { Command } from 'commander';
import { assessmentView, type AssessmentView, type SectionState } from '../domain/assessment.js';
import { ASSESSMENT_WORDS, assessmentLine, missingStepText } from '../domain/assessmentWords.js';
import { dayText } from '../domain/dateFormat.js';
import { sanitizeLine, sanitizeText } from '../domain/sanitize.js';
import { ASSESSMENT_METHOD_LABELS, labelOf, parseAssessmentMethod, parseSectionStatus, SECTION_STATUS_LABELS } from '../domain/vocabulary.js';
import { applyOperations, appliedOp, collect, createContext, type Lang } from './context.js';
import { UsageError } from './errors.js';
import { unknownFamily } from './known.js';
import { sectorFlag } from './parse.js';
import { section } from './table.js';

/** "TITLE|MEMBER|SECTOR|YYYY-MM-DD" (MEMBER may be empty: the whole family) → a goal of the conclusion. */
export function parseConclusionGoal(value: string): Record<string, unknown> {
  const [title = '', memberId = '', sector = '', due = ''] = value.split('|').map((part) => part.trim());
  if (!title || !sector || !due) throw new UsageError('--goal must be "TITLE|MEMBER_ID|SECTOR|YYYY-MM-DD" (MEMBER_ID may be left empty), e.g. --goal "Mette starter i praktik|p5|employment|2027-03-01"');
  return { title, sector: sectorFlag(sector), due, ...(memberId && { memberId }) };
}

export function renderAssessment(view: AssessmentView, family: { id: string; name: string }, lang: Lang, today: string): string {
  const w = ASSESSMENT_WORDS[lang];
  const day = (date: string) => dayText(date, lang, today);
  const lines = [`${w.assessment}: ${sanitizeLine(family.name)} (${family.id})`, `${w.stage}: ${assessmentLine(view, lang, 0)}`];
  if (view.started !== undefined) lines.push(`${w.started}: ${day(view.started)}`);
  lines.push('');
  if (view.stage !== 'not-started')
    lines.push(
      section<SectionState>(w.sections, [
        { header: 'ID', value: (s) => s.memberId },
        { header: w.member, value: (s) => s.memberName ?? '', maxWidth: 18 },
        { header: w.method, value: (s) => ASSESSMENT_METHOD_LABELS[s.method][lang] },
        { header: w.status, value: (s) => labelOf(SECTION_STATUS_LABELS, s.status, lang) },
        { header: w.updated, value: (s) => (s.updated ? day(s.updated) : '') },
        { header: w.summary, value: (s) => s.summary ?? '', maxWidth: 60 },
      ], view.sections),
    );
  if (view.analysis) lines.push(`${w.analysis} (${day(view.analysis.date)}):`, indent(view.analysis.summary), '');
  if (view.conclusion) {
    lines.push(`${w.conclusion} (${view.conclusion.meetingId}, ${day(view.conclusion.date)}):`, indent(view.conclusion.text));
    if (view.conclusion.goalIds.length > 0) lines.push(`${w.goalsFromConclusion}: ${view.conclusion.goalIds.join(', ')}`);
    lines.push('');
  }
  lines.push(`${w.missing}: ${view.missing.length > 0 ? view.missing.map((step) => missingStepText(step, lang)).join('; ') : w.nothingMissing}`);
  return lines.join('\n');
}

/** Store text as indented lines, nothing a terminal would obey. */
const indent = (text: string) =>
  sanitizeText(text)
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');

export function registerAssessment(program: Command): void {
  const assessment = program
    .command('assessment')
    .description('the family assessment (familiefaglig undersøgelse): sections per member (VUM, ICS, job plan, rehabilitation form), the case-and-episode analysis, the TAM whose conclusion starts the plan');

  assessment
    .command('show', { isDefault: true })
    .description('where the family is in its assessment: each section with its status and summary, the analysis, the conclusion, what is missing')
    .argument('<FAMILY_ID>', 'the family, e.g. f3')
    .addHelpText('after', '\nExample:\n  famcoord assessment show f3 --json')
    .action(async (familyId: string, _o, command: Command) => {
      const ctx = createContext(command);
      const store = await ctx.openStore();
      const family = (await store.read({ familyIds: [familyId] })).families.find((f) => f.id === familyId);
      if (!family) throw await unknownFamily(store, familyId);
      const view = assessmentView(family);
      if (ctx.json) await ctx.printJson({ familyId: family.id, ...view });
      else ctx.print(renderAssessment(view, family, ctx.lang, ctx.today));
    });

  assessment
    .command('start')
    .description("start the family's assessment")
    .argument('<FAMILY_ID>', 'the family, e.g. f3')
    .option('--on <YYYY-MM-DD>', 'the day it started (default: today)')
    .addHelpText('after', '\nExample:\n  famcoord assessment start f3')
    .action(async (familyId: string, o: { on?: string }, command: Command) => {
      await applyOperations(createContext(command), [{ op: 'assessment.start', familyId, ...(o.on !== undefined && { date: o.on }) }], { familyId: 'FAMILY_ID', date: '--on' }, () => `Started the assessment of family ${familyId}`);
    });

  assessment
    .command('section')
    .description("record one member's section: its status and a short summary")
    .argument('<FAMILY_ID>', 'the family, e.g. f3')
    .option('--member <MEMBER_ID>', 'whose section (required)')
    .option('--method <method>', 'vum (adults), ics (children), jobplan or rehab-form (required)')
    .option('--status <status>', 'not-started, in-progress or done (a new section: in-progress)')
    .option('--summary <text>', 'what the section found, in a few sentences ("" takes it away)')
    .option('--on <YYYY-MM-DD>', 'the day of the change (default: today)')
    .addHelpText('after', '\nExamples:\n  famcoord assessment section f3 --member p5 --method vum --status done --summary "Mette vil gerne i praktik; søvnen er et problem."\n  famcoord assessment section f3 --member p7 --method ics --status in-progress')
    .action(async (familyId: string, o: { member?: string; method?: string; status?: string; summary?: string; on?: string }, command: Command) => {
      await applyOperations(
        createContext(command),
        [{ op: 'assessment.section', familyId, memberId: o.member, method: o.method === undefined ? undefined : (parseAssessmentMethod(o.method) ?? o.method), ...(o.status !== undefined && { status: parseSectionStatus(o.status) ?? o.status }), ...(o.summary !== undefined && { summary: o.summary }), ...(o.on !== undefined && { date: o.on }) }],
        { familyId: 'FAMILY_ID', memberId: '--member', date: '--on' },
        (r) => {
          const section = appliedOp(r, 'assessment.section');
          return `Recorded the ${section.method} section of ${section.memberId} in family ${familyId}`;
        },
      );
    });

  assessment
    .command('analysis')
    .description('record the case-and-episode analysis (sags- og episodeanalyse) that sets the direction')
    .argument('<FAMILY_ID>', 'the family, e.g. f3')
    .option('--summary <text>', 'the analysis in a few sentences (required)')
    .option('--on <YYYY-MM-DD>', 'the day of the analysis (default: today)')
    .addHelpText('after', '\nExample:\n  famcoord assessment analysis f3 --summary "Fraværet hænger sammen med familiens morgener; mors job er nøglen."')
    .action(async (familyId: string, o: { summary?: string; on?: string }, command: Command) => {
      await applyOperations(createContext(command), [{ op: 'assessment.analysis', familyId, summary: o.summary, ...(o.on !== undefined && { date: o.on }) }], { familyId: 'FAMILY_ID', date: '--on' }, () => `Recorded the analysis of family ${familyId}`);
    });

  assessment
    .command('conclude')
    .description("record the TAM's conclusion, which starts the family's plan; --goal adds the plan's first goals with it")
    .argument('<FAMILY_ID>', 'the family, e.g. f3')
    .option('--meeting <MEETING_ID>', 'the tværfagligt analysemøde (TAM) that concluded (required)')
    .option('--conclusion <text>', 'what the TAM concluded (required)')
    .option('--goal <title|member|sector|due>', 'a goal of the plan made from the conclusion: "TITLE|MEMBER_ID|SECTOR|YYYY-MM-DD" (repeatable)', collect, [])
    .option('--on <YYYY-MM-DD>', 'the day of the conclusion (default: today)')
    .addHelpText('after', '\nExample:\n  famcoord assessment conclude f3 --meeting m7 --conclusion "Morgenstøtte først, så praktik." --goal "Emil kommer i skole hver dag|p7|school|2027-01-31" --goal "Mette starter i praktik|p5|employment|2027-03-01"')
    .action(async (familyId: string, o: { meeting?: string; conclusion?: string; goal: string[]; on?: string }, command: Command) => {
      await applyOperations(
        createContext(command),
        [{ op: 'assessment.conclude', familyId, meetingId: o.meeting, conclusion: o.conclusion, goals: o.goal.map(parseConclusionGoal), ...(o.on !== undefined && { date: o.on }) }],
        { familyId: 'FAMILY_ID', meetingId: '--meeting', goals: '--goal', date: '--on' },
        (r) => {
          const goals = r.applied.flatMap((op) => (op.op === 'assessment.conclude' ? op.goals.map((goal) => goal.id) : []));
          return `Recorded the TAM's conclusion for family ${familyId}${goals.length > 0 ? `, with goals ${goals.join(', ')}` : ''}`;
        },
      );
    });
}
