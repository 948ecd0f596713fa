// famcoord intervention add|end and member add: who gets which help (indsatser), and who is in the family.
import type { Command } from 'commander';
import { collisionsIfApproved, COLLISION_KIND_LABELS } from '../domain/collisions.js';
import type { Operation } from '../domain/operations.js';
import { applyOperations, createdId, createContext, type CliContext } from './context.js';
import { cliWords } from './labels.js';
import { configuredPurposes } from './purposes.js';
import { UsageError } from './errors.js';
import { fieldsFromJson, FROM_JSON_OPTION } from './input.js';
import { parseMember, sectorFlag } from './parse.js';
import { costFields, costOptions, PLAN_FLAG_NAMES, planOriginFields, planOriginOptions, type CostOptions, type PlanOriginOptions } from './planFlags.js';

/** The one-plan and cost fields of `intervention add` and `intervention update`. */
const detailOptions = (command: Command) => costOptions(planOriginOptions(command));
const detailFields = (o: PlanOriginOptions & CostOptions) => ({ ...planOriginFields(o), ...costFields(o) });

export function registerIntervention(program: Command): void {
  const intervention = program.command('intervention').description('interventions (indsatser) for a member');

  const add = intervention
    .command('add')
    .description('record an intervention; overlaps with the same kind or purpose are flagged')
    .argument('<FAMILY_ID>', 'the family, e.g. f3')
    .option('--member <MEMBER_ID>', 'who receives it, e.g. p7 (required)')
    .option('--sector <sector>', 'the sector that provides it (required)')
    .option('--kind <text>', 'e.g. mentorstøtte, SKP, lektiestøtte (required)')
    .option('--from <YYYY-MM-DD>', 'start date (required)')
    .option('--to <YYYY-MM-DD>', 'end date (default: ongoing)');
  detailOptions(add)
    .addHelpText('after', '\nExamples:\n  famcoord intervention add f3 --member p7 --sector employment --kind mentorstøtte --from 2026-09-01\n  famcoord intervention add f3 --member p5 --sector adults --kind bostøtte --from 2026-09-01 --source handleplan --department Voksenområdet --cost 6200')
    .action(async (familyId: string, o: { member: string; sector: string; kind: string; from: string; to?: string } & PlanOriginOptions & CostOptions, command: Command) => {
      await applyOperations(
        createContext(command),
        [{ op: 'intervention.add', familyId, memberId: o.member, sector: sectorFlag(o.sector), kind: o.kind, from: o.from, ...(o.to !== undefined && { to: o.to }), ...detailFields(o) }],
        { familyId: 'FAMILY_ID', memberId: '--member', ...PLAN_FLAG_NAMES },
        (r) => `Added intervention ${createdId(r)} to family ${familyId}`,
      );
    });

  const update = intervention
    .command('update')
    .description("change an intervention's kind, the plan it comes from, who is responsible, its cost or payer")
    .argument('<INTERVENTION_ID>', 'the intervention, e.g. i4')
    .option('--kind <text>', 'e.g. mentorstøtte');
  detailOptions(update)
    .addHelpText('after', '\nExample:\n  famcoord intervention update i4 --source jobplan --caseworker "Lone Berg" --cost 4500 --payer employment')
    .action(async (interventionId: string, o: { kind?: string } & PlanOriginOptions & CostOptions, command: Command) => {
      await applyOperations(
        createContext(command),
        [{ op: 'intervention.update', interventionId, ...(o.kind !== undefined && { kind: o.kind }), ...detailFields(o) }],
        { interventionId: 'INTERVENTION_ID', ...PLAN_FLAG_NAMES },
        () => `Updated intervention ${interventionId}`,
      );
    });

  intervention
    .command('approve')
    .description('approve a proposed intervention, as the holder of the decision authority for its sector; shows what it would overlap first')
    .argument('<INTERVENTION_ID>', 'the intervention, e.g. i4')
    .option('--reason <text>', 'why')
    .addHelpText('after', '\nExample:\n  famcoord intervention approve i4 --reason "Passer til jobplanen"')
    .action(async (interventionId: string, o: { reason?: string }, command: Command) => {
      const ctx = createContext(command);
      const operation = { op: 'intervention.approve' as const, interventionId, ...(o.reason !== undefined && { reason: o.reason }) };
      if (!ctx.json) await printOverlapsIfApproved(ctx, operation);
      await applyOperations(ctx, [operation], { interventionId: 'INTERVENTION_ID' }, () => `Approved intervention ${interventionId}`);
    });

  intervention
    .command('reject')
    .description('reject a proposed intervention, with the reason, as the holder of the decision authority for its sector')
    .argument('<INTERVENTION_ID>', 'the intervention, e.g. i4')
    .option('--reason <text>', 'why (required)')
    .addHelpText('after', '\nExample:\n  famcoord intervention reject i4 --reason "Dækkes af den eksisterende bostøtte"')
    .action(async (interventionId: string, o: { reason?: string }, command: Command) => {
      await applyOperations(createContext(command), [{ op: 'intervention.reject', interventionId, reason: o.reason }], { interventionId: 'INTERVENTION_ID' }, () => `Rejected intervention ${interventionId}`);
    });

  intervention
    .command('end')
    .description('end an intervention')
    .argument('<INTERVENTION_ID>', 'the intervention, e.g. i4')
    .option('--to <YYYY-MM-DD>', 'its last day (required)')
    .action(async (interventionId: string, o: { to: string }, command: Command) => {
      await applyOperations(createContext(command), [{ op: 'intervention.end', interventionId, to: o.to }], { interventionId: 'INTERVENTION_ID' }, () => `Ended intervention ${interventionId}`);
    });
}

/**
 * Before an approval: what the intervention would overlap once in force (the same kind or purpose
 * as a running one), found by a dry run of the approval, which also names its family.
 */
async function printOverlapsIfApproved(ctx: CliContext, operation: Operation): Promise<void> {
  const store = await ctx.openStore();
  const preview = await store.preview([operation], { user: ctx.user, source: 'cli', today: ctx.today, person: await ctx.person() });
  const [familyId] = preview.operationFamilyIds;
  if (preview.failures.length > 0 || familyId === undefined || operation.op !== 'intervention.approve') return; // the step itself says why
  const family = (await store.read({ familyIds: [familyId] })).families.find((f) => f.id === familyId);
  const overlaps = family ? collisionsIfApproved(family, operation.interventionId, await configuredPurposes()) : [];
  if (overlaps.length > 0) ctx.print(`${cliWords(ctx.lang).overlapsIfApproved}:\n${overlaps.map((c) => `  ${ctx.lang === 'en' ? c.reason : `${c.ids.join(' ')}: ${COLLISION_KIND_LABELS[c.kind].da}`}`).join('\n')}`);
}

export function registerMember(program: Command): void {
  program
    .command('member')
    .description('members of a family')
    .command('add')
    .description('add a member to a family')
    .argument('<FAMILY_ID>', 'the family, e.g. f3')
    .argument('[NAME:ROLE]', 'e.g. "Emil Jensen:child" (required unless --from-json gives the member)')
    .option('--born <YYYY-MM-DD>', 'date of birth')
    .option(...FROM_JSON_OPTION)
    .addHelpText('after', '\nExamples:\n  famcoord member add f3 "Emil Jensen:child" --born 2015-04-02\n  famcoord member add f3 --from-json -   # {"name": "Emil Jensen", "role": "child", "born": "2015-04-02"}')
    .action(async (familyId: string, member: string | undefined, o: { born?: string; fromJson?: string }, command: Command) => {
      const ctx = createContext(command);
      const json = await fieldsFromJson(command, o.fromJson, ['familyId']);
      if (json && member !== undefined) throw new UsageError('give the member as NAME:ROLE or with --from-json, not both');
      if (!json && member === undefined) throw new UsageError('NAME:ROLE is required, e.g. famcoord member add f3 "Emil Jensen:child" (or give the member with --from-json)');
      await applyOperations(
        ctx,
        [json ? { op: 'member.add', familyId, ...json } : { op: 'member.add', familyId, ...parseMember(member as string), ...(o.born !== undefined && { born: o.born }) }],
        json ? 'from-json' : { familyId: 'FAMILY_ID', name: 'NAME:ROLE', role: 'NAME:ROLE' },
        (r) => `Added member ${createdId(r)} to family ${familyId}`,
      );
    });
}
