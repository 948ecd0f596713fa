// Decision authority (myndighed): per sector, the family's coordinator or a named caseworker decides
// its interventions. One added by someone else is proposed until the holder approves or rejects
// it, and only a decided one (approved, or added by the holder) is in force: overlaps, the report,
// spending and documents leave the others out. Pure rules; the operations apply them.
import { compareDanish } from './collate.js';
import { addDays } from './dates.js';
import { OperationError } from './errors.js';
import type { Authority, Decision, Family, Intervention } from './schema.js';
import { actingPerson, samePerson } from './people.js';
import { SECTORS, type Sector } from './vocabulary.js';

/** How long a decision stays in the coordinator's Today. */
export const RECENT_DECISION_DAYS = 14;

/** Who holds the decision authority for a sector: the named holder, else the family's coordinator (undefined when neither). */
export function authorityHolder(family: Family, sector: Sector): string | undefined {
  return family.authority?.find((a) => a.sector === sector)?.holder ?? family.coordinator;
}

/** Whether `person` (undefined: the coordinator, on one person's store) holds the authority for a sector. */
export function holdsAuthority(family: Family, sector: Sector, person: string | undefined): boolean {
  const holder = authorityHolder(family, sector);
  return holder === undefined || samePerson(actingPerson(family, person), holder);
}

/** The family's authority list with `sector` given to `holder` (null: back to the coordinator), in the sectors' order. */
export function withAuthority(family: Family, sector: Sector, holder: string | null): Authority[] {
  const others = (family.authority ?? []).filter((a) => a.sector !== sector);
  const list = holder === null ? others : [...others, { sector, holder: holder.trim() }];
  return list.sort((a, b) => SECTORS.indexOf(a.sector) - SECTORS.indexOf(b.sector));
}

/** The decision a new intervention starts with: none when the person adding it holds the authority, else proposed. */
export function decisionForNew(family: Family, sector: Sector, person: string | undefined, today: string): Decision | undefined {
  if (holdsAuthority(family, sector, person)) return undefined;
  return { status: 'proposed', proposedBy: actingPerson(family, person) ?? '', on: today };
}

/** Whether an intervention is in force as decided: added by the authority, or approved. Proposed and rejected ones are not. */
export const isDecided = (intervention: Intervention): boolean => intervention.decision === undefined || intervention.decision.status === 'approved';

/** The interventions in force as decided: what overlaps, reports, spending and documents count. */
export const decidedInterventions = (family: Family): Intervention[] => family.interventions.filter(isDecided);

/**
 * The decision on a proposed intervention, by `person` (undefined: one person's store, where the
 * coordinator records what the holder decided). Refused when it is not proposed, or when the
 * person does not hold the authority for its sector.
 */
export function decide(family: Family, intervention: Intervention, verdict: 'approved' | 'rejected', person: string | undefined, reason: string | undefined, today: string): Decision {
  const current = intervention.decision;
  if (current?.status !== 'proposed') throw new OperationError(`intervention ${intervention.id} is not waiting for a decision (it is ${current?.status ?? 'decided'})`);
  const holder = authorityHolder(family, intervention.sector);
  if (person !== undefined && holder !== undefined && !samePerson(person, holder))
    throw new OperationError(`the decision on intervention ${intervention.id} (${intervention.sector}) is ${holder}'s to make`);
  const by = person ?? holder;
  return {
    ...current,
    status: verdict,
    ...(by !== undefined && { by }),
    on: today,
    ...(reason !== undefined && reason.trim() !== '' && { reason }),
  };
}

/** An intervention waiting for a decision, or one decided lately, as Today lists it. */
export interface DecisionItem {
  interventionId: string;
  familyId: string;
  familyName: string;
  memberId: string;
  memberName?: string;
  sector: Sector;
  kind: string;
  from: string;
  to?: string;
  status: Decision['status'];
  /** Who holds the authority for its sector. */
  holder?: string;
  proposedBy?: string;
  by?: string;
  on?: string;
  reason?: string;
}

function decisionItem(family: Family, intervention: Intervention, decision: Decision): DecisionItem {
  const memberName = family.members.find((m) => m.id === intervention.memberId)?.name;
  const holder = authorityHolder(family, intervention.sector);
  const { proposedBy, by, on, reason } = decision;
  return Object.assign(
    { interventionId: intervention.id, familyId: family.id, familyName: family.name, memberId: intervention.memberId, sector: intervention.sector, kind: intervention.kind, from: intervention.from, status: decision.status },
    Object.fromEntries(Object.entries({ memberName, to: intervention.to, holder, proposedBy, by, on, reason }).filter(([, value]) => value !== undefined)),
  );
}

/**
 * The family's proposed interventions that wait for `person`'s decision (undefined: every one, on
 * one person's store), and those decided in the last RECENT_DECISION_DAYS in `person`'s caseload
 * (the coordinator's "the decision came").
 */
export function familyDecisions(family: Family, person: string | undefined, today: string): { waiting: DecisionItem[]; recent: DecisionItem[] } {
  const waiting: DecisionItem[] = [];
  const recent: DecisionItem[] = [];
  // Worked out at the first decision: Today asks this of every family, and most have none.
  let since: string | undefined;
  const mine = person === undefined || samePerson(person, family.coordinator);
  for (const intervention of family.interventions) {
    const decision = intervention.decision;
    if (!decision) continue;
    if (decision.status === 'proposed') {
      if (person === undefined || samePerson(person, authorityHolder(family, intervention.sector))) waiting.push(decisionItem(family, intervention, decision));
    } else if (mine && decision.on !== undefined && decision.on >= (since ??= addDays(today, -RECENT_DECISION_DAYS))) recent.push(decisionItem(family, intervention, decision));
  }
  return { waiting, recent };
}

/** Whether a family has something for the team's part of Today on `date`: a transfer, a proposal, or a recent decision. */
export function hasTeamWork(family: Family, date: string): boolean {
  const since = addDays(date, -RECENT_DECISION_DAYS);
  return family.transfer !== undefined || family.interventions.some((iv) => iv.decision !== undefined && (iv.decision.status === 'proposed' || (iv.decision.on ?? '') >= since));
}

/** The oldest proposal first; recent decisions newest first. */
export const compareWaitingDecisions = (a: DecisionItem, b: DecisionItem) => compareDanish(a.on ?? '', b.on ?? '') || compareDanish(a.interventionId, b.interventionId);
export const compareRecentDecisions = (a: DecisionItem, b: DecisionItem) => compareDanish(b.on ?? '', a.on ?? '') || compareDanish(a.interventionId, b.interventionId);
