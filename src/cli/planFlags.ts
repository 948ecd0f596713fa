// The flags that place a goal or an intervention in the family's one plan (--source, --department,
// --caseworker, --own-words) and give an intervention's cost (--cost, --cost-per, --payer): one set
// of options and one translation into operation fields for `goal add|update` and
// `intervention add|update`.
import type { Command } from 'commander';
import { parsePlanSource } from '../domain/vocabulary.js';
import { numberFlag } from './context.js';
import { UsageError } from './errors.js';
import { sectorFlag } from './parse.js';

export interface PlanOriginOptions {
  source?: string;
  department?: string;
  caseworker?: string;
}

export interface CostOptions {
  cost?: string;
  costPer?: string;
  payer?: string;
}

/** The operation fields each flag sets, for messages that name the flag the user typed. */
export const PLAN_FLAG_NAMES = { source: '--source', department: '--department', caseworker: '--caseworker', ownWords: '--own-words', cost: '--cost', payer: '--payer' };

export function planOriginOptions(command: Command): Command {
  return command
    .option('--source <plan>', "the plan it comes from: family (the family's own), handleplan, jobplan (Min Plan), uddannelsesplan, rehabiliteringsplan or other")
    .option('--department <text>', 'the responsible department, e.g. "Jobcenter Nord"')
    .option('--caseworker <name>', 'the responsible caseworker there');
}

export function planOriginFields(o: PlanOriginOptions): Record<string, unknown> {
  return {
    ...(o.source !== undefined && { source: parsePlanSource(o.source) ?? o.source }),
    ...(o.department !== undefined && { department: o.department }),
    ...(o.caseworker !== undefined && { caseworker: o.caseworker }),
  };
}

export function costOptions(command: Command): Command {
  return command
    .option('--cost <DKK>', 'what it costs, in whole kroner (per month unless --cost-per total)')
    .option('--cost-per <month|total>', 'whether --cost is a monthly rate or one sum for the whole period (default: month)')
    .option('--payer <sector>', 'the sector whose budget pays (default: the sector that provides it)');
}

export function costFields(o: CostOptions): Record<string, unknown> {
  if (o.costPer !== undefined && o.cost === undefined) throw new UsageError('--cost-per needs --cost, e.g. --cost 30000 --cost-per total');
  return {
    ...(o.cost !== undefined && { cost: { dkk: numberFlag(o.cost), per: o.costPer ?? 'month' } }),
    ...(o.payer !== undefined && { payer: sectorFlag(o.payer) }),
  };
}
