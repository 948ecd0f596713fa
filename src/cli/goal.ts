// famcoord goal add|progress|status|update: the family's goals.
import type { Command } from 'commander';
import { applyOperations, appliedOp, createdId, createContext, numberFlag } from './context.js';
import { UsageError } from './errors.js';
import { fieldsFromJson, FROM_JSON_OPTION } from './input.js';
import { sectorFlag } from './parse.js';
import { PLAN_FLAG_NAMES, planOriginFields, planOriginOptions, type PlanOriginOptions } from './planFlags.js';

/** --own-words / --no-own-words: whether the goal is in the family's own words; neither leaves it unset. */
const ownWordsOptions = (command: Command) =>
  command.option('--own-words', "the goal is in the family's own words").option('--no-own-words', "the goal is in a department's words");
const ownWordsField = (o: { ownWords?: boolean }) => (o.ownWords === undefined ? {} : { ownWords: o.ownWords });

export function registerGoal(program: Command): void {
  const goal = program.command('goal').description("the family's goals (familiens mål)");

  const add = goal
    .command('add')
    .description('add a goal, in the family\'s own words')
    .argument('<FAMILY_ID>', 'the family, e.g. f3')
    .option('--title <text>', 'the goal in the family\'s words (required)')
    .option('--sector <sector>', 'employment, children, adults, school, health, housing, finance or leisure (required)')
    .option('--due <YYYY-MM-DD>', 'when it should be reached (required)')
    .option('--member <MEMBER_ID>', 'whose goal it is (default: the whole family)')
    .option('--status <status>', 'proposed, active, on-hold, completed or cancelled', 'active')
    .option('--priority <n>', "the family's priority, 1 = most important (default: last)")
    .option(...FROM_JSON_OPTION);
  ownWordsOptions(planOriginOptions(add))
    .addHelpText('after', '\nExample:\n  famcoord goal add f3 --title "Emil kommer i skole hver dag" --sector school --due 2027-01-31 --member p7 --source family --own-words\n  famcoord goal add f3 --title "Mette starter i praktik" --sector employment --due 2027-03-01 --member p5 --source jobplan --department "Jobcenter Nord" --caseworker "Lone Berg"\n  famcoord goal add f3 --from-json goal.json   # {"title": "…", "sector": "school", "due": "2027-01-31", "memberId": "p7"}')
    .action(async (familyId: string, o: { title: string; sector: string; due: string; member?: string; status: string; priority?: string; fromJson?: string; ownWords?: boolean } & PlanOriginOptions, command: Command) => {
      const ctx = createContext(command);
      const json = await fieldsFromJson(command, o.fromJson, ['familyId']);
      await applyOperations(
        ctx,
        [json ? { op: 'goal.add', familyId, ...json } : { op: 'goal.add', familyId, title: o.title, sector: sectorFlag(o.sector), due: o.due, status: o.status, ...(o.member !== undefined && { memberId: o.member }), ...(o.priority !== undefined && { priority: numberFlag(o.priority) }), ...planOriginFields(o), ...ownWordsField(o) }],
        json ? 'from-json' : { familyId: 'FAMILY_ID', memberId: '--member', ...PLAN_FLAG_NAMES },
        (r) => `Added goal ${createdId(r)} to family ${familyId}`,
      );
    });

  goal
    .command('progress')
    .description("record a goal's progress: a 0–10 score and a note")
    .argument('<GOAL_ID>', 'the goal, e.g. g12')
    .option('--score <0-10>', 'how far the family has come, 0 to 10 (required)')
    .option('--note <text>', 'what happened, in a sentence', '')
    .option('--on <YYYY-MM-DD>', 'the date of the assessment (default: today)')
    .option('--status <status>', 'also change the status, e.g. completed')
    .addHelpText('after', '\nExample:\n  famcoord goal progress g12 --score 6 --note "Mødt op hver dag"')
    .action(async (goalId: string, o: { score: string; note: string; on?: string; status?: string }, command: Command) => {
      await applyOperations(
        createContext(command),
        [{ op: 'goal.progress', goalId, score: numberFlag(o.score), note: o.note, ...(o.on !== undefined && { date: o.on }), ...(o.status !== undefined && { status: o.status }) }],
        { goalId: 'GOAL_ID', date: '--on' },
        (r) => {
          const progress = appliedOp(r, 'goal.progress');
          return `Recorded progress ${progress.score}/10 on goal ${progress.goalId} for ${progress.date}${progress.status === undefined ? '' : `; it is now ${progress.status}`}`;
        },
      );
    });

  goal
    .command('status')
    .description("change a goal's status")
    .argument('<GOAL_ID>', 'the goal, e.g. g12')
    .argument('<STATUS>', 'proposed, active, on-hold, completed or cancelled')
    .addHelpText('after', '\nExample:\n  famcoord goal status g12 completed')
    .action(async (goalId: string, status: string, _o, command: Command) => {
      await applyOperations(
        createContext(command),
        [{ op: 'goal.status', goalId, status: status }],
        { goalId: 'GOAL_ID', status: 'STATUS' },
        (r) => `Goal ${goalId} is now ${appliedOp(r, 'goal.status').status}`,
      );
    });

  const update = goal
    .command('update')
    .description("change a goal's title, due date, sector, priority, member, status, or where it comes from in the plan")
    .argument('<GOAL_ID>', 'the goal, e.g. g12')
    .option('--title <text>', 'the goal in the family\'s words')
    .option('--due <YYYY-MM-DD>', 'the new due date')
    .option('--sector <sector>', 'the sector')
    .option('--priority <n>', "the family's priority, 1 = most important")
    .option('--member <MEMBER_ID>', 'whose goal it is')
    .option('--whole-family', "make it the whole family's goal (no member)")
    .option('--status <status>', 'proposed, active, on-hold, completed or cancelled');
  ownWordsOptions(planOriginOptions(update))
    .addHelpText('after', '\nExamples:\n  famcoord goal update g12 --due 2027-02-28\n  famcoord goal update g12 --member p7 --priority 1\n  famcoord goal update g12 --source handleplan --department "Børne- og Familieafdelingen" --caseworker "Maja Winther"')
    .action(async (goalId: string, o: { title?: string; due?: string; sector?: string; priority?: string; member?: string; wholeFamily?: boolean; status?: string; ownWords?: boolean } & PlanOriginOptions, command: Command) => {
      if (o.member !== undefined && o.wholeFamily) throw new UsageError('give --member or --whole-family, not both');
      const memberId = o.wholeFamily ? null : o.member;
      await applyOperations(
        createContext(command),
        [{ op: 'goal.update', goalId, ...(o.title !== undefined && { title: o.title }), ...(o.due !== undefined && { due: o.due }), ...(o.sector !== undefined && { sector: sectorFlag(o.sector) }), ...(o.priority !== undefined && { priority: numberFlag(o.priority) }), ...(memberId !== undefined && { memberId }), ...(o.status !== undefined && { status: o.status }), ...planOriginFields(o), ...ownWordsField(o) }],
        { goalId: 'GOAL_ID', memberId: '--member', ...PLAN_FLAG_NAMES },
        () => `Updated goal ${goalId}`,
      );
    });
}
