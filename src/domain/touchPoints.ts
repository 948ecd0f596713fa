// Touch points and spending, per family (DOMAIN.md, "Fewer contacts, no overlaps" and "What is
// measured": the municipality counts contacts and expenditure). Pure counts the report summarises;
// README.md, "Caseload report", states the rules.
import { personKey } from './collisions.js';
import { daysBetween } from './dates.js';
import { decidedInterventions } from './decisions.js';
import { inEffectOn } from './rules.js';
import type { Family, Intervention } from './schema.js';
import type { Sector } from './vocabulary.js';

export interface TouchPoints {
  /** Distinct professionals at the family's meetings in the period. */
  professionals: number;
  meetings: number;
}

/**
 * The family's touch points in the days after `after` up to and including `until`: its meetings
 * (by the date the start is written with) and the distinct people at them who are not in the
 * family. A member is recognised by full name or first name, as minutes often write "Mette".
 */
export function touchPoints(family: Family, after: string, until: string): TouchPoints {
  const members = new Set(family.members.flatMap((m) => [personKey(m.name), personKey(m.name).split(' ')[0] as string]));
  const professionals = new Set<string>();
  let meetings = 0;
  for (const meeting of family.meetings) {
    const date = meeting.start.slice(0, 10);
    if (date <= after || date > until) continue;
    meetings++;
    for (const attendee of meeting.attendees) {
      const key = personKey(attendee.name);
      if (!members.has(key)) professionals.add(key);
    }
  }
  return { professionals: professionals.size, meetings };
}

const DAYS_PER_MONTH = 365.25 / 12;

/**
 * What an intervention in effect on `date` costs a month: a monthly rate as it is; a total spread
 * evenly over its days from `from` to `to` (an ongoing one: to `date`, so far), at least a month.
 * Undefined when it is not in effect then or has no cost.
 */
export function monthlyCost(intervention: Intervention, date: string): number | undefined {
  const { cost } = intervention;
  if (!cost || !inEffectOn(intervention, date)) return undefined;
  if (cost.per === 'month') return cost.dkk;
  const days = daysBetween(intervention.from, intervention.to ?? date) + 1;
  return cost.dkk / Math.max(1, days / DAYS_PER_MONTH);
}

export interface MonthlySpending {
  /** DKK a month for the family's interventions in effect on the date. */
  total: number;
  /** By the sector that pays (`payer`, or else the sector that provides it). */
  bySector: Partial<Record<Sector, number>>;
  /** Interventions in effect on the date without a cost, which the figures leave out. */
  withoutCost: number;
}

export function monthlySpending(family: Family, date: string): MonthlySpending {
  const spending: MonthlySpending = { total: 0, bySector: {}, withoutCost: 0 };
  for (const intervention of decidedInterventions(family)) {
    if (!inEffectOn(intervention, date)) continue;
    const monthly = monthlyCost(intervention, date);
    if (monthly === undefined) {
      spending.withoutCost++;
      continue;
    }
    const sector = intervention.payer ?? intervention.sector;
    spending.total += monthly;
    spending.bySector[sector] = (spending.bySector[sector] ?? 0) + monthly;
  }
  return spending;
}
