// The family's one plan (DOMAIN.md, "One plan"): the goals from the family and from the
// departments' own plans together, grouped by whom they are for, each with the plan it comes from,
// who is responsible, and the agreements from the meetings that serve it.
import type { Agreement, Meeting } from './schema.js';
import type { FamilyPlan, PlanGoal } from './views.js';

export interface ServingAgreement extends Agreement {
  meetingId: string;
  meetingType: Meeting['type'];
  meetingStart: string;
}

export interface OnePlanGoal extends PlanGoal {
  /** Agreements linked to this goal (`goalId`), by due date; undated last. */
  agreements: ServingAgreement[];
}

export interface OnePlanGroup {
  /** Absent for the goals of the whole family. */
  memberId?: string;
  memberName?: string;
  goals: OnePlanGoal[];
}

const dueKey = (a: Agreement) => a.due ?? '9999-12-31';

/**
 * The plan's goals grouped by member: the whole family's first, then each member in the family's
 * order (members without goals are left out). Within a group the goals keep the plan's order (the
 * family's priority). A goal naming a member no longer in the family is grouped by its member id.
 */
export function onePlan(plan: FamilyPlan): OnePlanGroup[] {
  const serving = new Map<string, ServingAgreement[]>();
  for (const meeting of [...plan.pastMeetings, ...plan.upcomingMeetings])
    for (const agreement of meeting.agreements)
      if (agreement.goalId !== undefined)
        serving.set(agreement.goalId, [...(serving.get(agreement.goalId) ?? []), { ...agreement, meetingId: meeting.id, meetingType: meeting.type, meetingStart: meeting.start }]);
  const groups = new Map<string, OnePlanGroup>([['', { goals: [] }]]);
  for (const member of plan.members) groups.set(member.id, { memberId: member.id, memberName: member.name, goals: [] });
  for (const goal of plan.goals) {
    const key = goal.memberId ?? '';
    if (!groups.has(key)) groups.set(key, { memberId: key, goals: [] });
    const agreements = (serving.get(goal.id) ?? []).sort((a, b) => (dueKey(a) < dueKey(b) ? -1 : dueKey(a) > dueKey(b) ? 1 : 0));
    (groups.get(key) as OnePlanGroup).goals.push({ ...goal, agreements });
  }
  return [...groups.values()].filter((group) => group.goals.length > 0);
}
