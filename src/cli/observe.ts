// famcoord observe and famcoord event: the evaluations' indicators for one person over time
// (employment, quality of life, well-being, functional level, severity, absence days, leisure
// activity, friendships, leisure job, the family's rating of its case handling) and the events of a
// case (a child's, and complaints). `famcoord report` sums them up for the caseload.
import type { Command } from 'commander';
import type { TransactResult } from '../store/Store.js';
import { applyOperations, createContext } from './context.js';
import { observationFlags, caseEventFlag } from './parse.js';

/** "Recorded severity for p7 on 2026-11-24": the kind and date as applied (aliases resolved, default date filled in). */
function recorded(result: TransactResult): string {
  const { kind, memberId, date } = result.applied[0] as { kind: string; memberId: string; date: string };
  return `Recorded ${kind} for ${memberId} on ${date}`;
}

export function registerObserve(program: Command): void {
  program
    .command('observe')
    .description("record an indicator for a person on a date: employment, quality of life, well-being, functional level, severity, absence days, leisure activity, friendships, leisure job or the family's rating of its case handling")
    .argument('<MEMBER_ID>', 'the person, e.g. p7 (famcoord family FAMILY_ID shows the ids)')
    .option('--kind <kind>', 'employment, qualityOfLife, wellbeing, functionalLevel, severity, absenceDays, leisureActivity, friendships, leisureJob or caseHandling (required)')
    .option('--value <value>', "employment: cash-benefit, resource-course, internship, education, job or other; qualityOfLife, wellbeing: 0–10; functionalLevel: 1–5 (higher is better); severity: none, some or severe; absenceDays: days absent in the period ending on the date; leisureActivity (a steady one), leisureJob: yes or no (ja/nej); friendships: the child's own rating, 0–10; caseHandling: the family's rating of how their case is handled, 1–5 (required)")
    .option('--on <YYYY-MM-DD>', 'the date of the assessment (default: today)')
    .addHelpText('after', '\nExamples:\n  famcoord observe p3 --kind employment --value internship\n  famcoord observe p7 --kind absenceDays --value 4 --on 2026-10-31\n  famcoord observe p7 --kind functional-level --value 3\n  famcoord observe p7 --kind fritidsjob --value ja\n  famcoord observe p3 --kind case-handling --value 4')
    .action(async (memberId: string, o: { kind?: string; value?: string; on?: string }, command: Command) => {
      const observation = observationFlags(o.kind, o.value);
      await applyOperations(
        createContext(command),
        [{ op: 'observation.add', memberId, ...observation, ...(o.on !== undefined && { date: o.on }) }],
        { memberId: 'MEMBER_ID', date: '--on' },
        recorded,
      );
    });

  program
    .command('event')
    .description("record an event in a case: for a child a child-protection investigation, a notification of concern, a placement, the case closed because the child is doing well, returned home (hjemgivelse) or stepped down from placement to preventive support; a complaint (klagesag) on the person who made it")
    .argument('<MEMBER_ID>', 'the child (for a complaint: whoever made it), e.g. p7')
    .option('--kind <kind>', 'investigation, notification, placement, closed-doing-well, returned-home, stepped-down or complaint (required)')
    .option('--on <YYYY-MM-DD>', 'when it happened (default: today)')
    .addHelpText('after', '\nExamples:\n  famcoord event p7 --kind notification --on 2026-09-14\n  famcoord event p7 --kind closed-doing-well\n  famcoord event p7 --kind hjemgivet\n  famcoord event p3 --kind klage')
    .action(async (memberId: string, o: { kind?: string; on?: string }, command: Command) => {
      await applyOperations(
        createContext(command),
        [{ op: 'event.add', memberId, kind: caseEventFlag(o.kind), ...(o.on !== undefined && { date: o.on }) }],
        { memberId: 'MEMBER_ID', date: '--on' },
        recorded,
      );
    });
}
