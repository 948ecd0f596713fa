// #17 on every store: caseload transfer, decision authority with proposed interventions, and the
// lead's overview, as plain functions and operations.
import { describe, expect, it } from 'vitest';
import { familyCollisions, collisionsIfApproved } from '../../src/domain/collisions.js';
import { TransactionError } from '../../src/domain/errors.js';
import { OperationSchema, type OperationInput } from '../../src/domain/operations.js';
import { caseloadReport } from '../../src/domain/report.js';
import { overlappingInterventions } from '../../src/domain/rules.js';
import type { Family, Intervention, State } from '../../src/domain/schema.js';
import { inScope, mayShowToday, todayDigest } from '../../src/domain/scope.js';
import { teamOverview } from '../../src/domain/teamOverview.js';
import { monthlySpending } from '../../src/domain/touchPoints.js';
import { runTransaction } from '../../src/domain/transaction.js';
import { familyPlan, todayView, type FamilyPlan } from '../../src/domain/views.js';
import { planTasks } from '../../src/domain/documents/plan.js';
import { StateWorkspace } from '../../src/domain/workspace.js';
import { contact, family, goal, state } from '../helpers/fixtures.js';

const TODAY = '2026-11-24';
const TZ = 'Europe/Copenhagen';

function apply(start: State, inputs: OperationInput[], person?: string) {
  const ws = new StateWorkspace(start);
  const result = runTransaction(ws, inputs.map((i) => OperationSchema.parse(i)), { today: TODAY, person });
  return { ...result, state: ws.result(start) };
}

/** The message of the operation a step refused. */
function refusal(start: State, inputs: OperationInput[], person?: string): string {
  try {
    apply(start, inputs, person);
  } catch (error) {
    if (error instanceof TransactionError) return error.message;
    throw error;
  }
  throw new Error('the step was not refused');
}

const intervention = (id: string, memberId: string, extra: Partial<Intervention> = {}): Intervention => ({ id, memberId, sector: 'employment', kind: 'mentorstøtte', from: '2026-09-01', ...extra });
const team = () => state(family('f1', { coordinator: 'Hanne Kjær' }), family('f2', { coordinator: 'Per Holm' }));
const famOf = (s: State, id: string) => s.families.find((f) => f.id === id) as Family;

describe('caseload transfer', () => {
  it('asks for a transfer, which leaves the family where it is until the receiver accepts', () => {
    const asked = apply(team(), [{ op: 'family.transfer', familyId: 'f1', to: 'Per Holm', note: 'Flytter til Per' }], 'Hanne Kjær');
    expect(famOf(asked.state, 'f1')).toMatchObject({ coordinator: 'Hanne Kjær', transfer: { to: 'Per Holm', from: 'Hanne Kjær', askedBy: 'Hanne Kjær', asked: TODAY, note: 'Flytter til Per' } });
    expect(asked.applied[0]).toMatchObject({ date: TODAY });
    const accepted = apply(asked.state, [{ op: 'transfer.accept', familyId: 'f1' }], 'per holm');
    expect(famOf(accepted.state, 'f1').coordinator).toBe('Per Holm');
    expect(famOf(accepted.state, 'f1').transfer).toBeUndefined();
  });

  it('lets only the receiver accept; the receiver declines, or the one who asked takes it back', () => {
    const asked = apply(team(), [{ op: 'family.transfer', familyId: 'f1', to: 'Per Holm' }], 'Hanne Kjær').state;
    expect(refusal(asked, [{ op: 'transfer.accept', familyId: 'f1' }], 'Hanne Kjær')).toMatch(/the transfer of family f1 is to Per Holm: only they can accept it/);
    expect(refusal(asked, [{ op: 'transfer.decline', familyId: 'f1' }], 'Lone Berg')).toMatch(/only they can decline it, or Hanne Kjær who asked/);
    for (const person of ['Per Holm', 'Hanne Kjær', undefined]) {
      const declined = apply(asked, [{ op: 'transfer.decline', familyId: 'f1', reason: 'Fuld sagsstamme' }], person).state;
      expect(famOf(declined, 'f1')).toMatchObject({ coordinator: 'Hanne Kjær' });
      expect(famOf(declined, 'f1').transfer).toBeUndefined();
    }
  });

  it('refuses a transfer to the coordinator, a second one, and an answer when none waits', () => {
    expect(refusal(team(), [{ op: 'family.transfer', familyId: 'f1', to: 'hanne  kjær' }])).toMatch(/already in hanne {2}kjær's caseload/);
    const asked = apply(team(), [{ op: 'family.transfer', familyId: 'f1', to: 'Per Holm' }]).state;
    expect(refusal(asked, [{ op: 'family.transfer', familyId: 'f1', to: 'Lone Berg' }])).toMatch(/already has a transfer to Per Holm waiting/);
    expect(refusal(team(), [{ op: 'transfer.accept', familyId: 'f1' }])).toMatch(/family f1 has no transfer waiting/);
    expect(() => OperationSchema.parse({ op: 'family.transfer', familyId: 'f1', to: ' ' })).toThrow();
  });

  it("one person's store (no person): the coordinator asks, anyone there answers, and Today shows every transfer", () => {
    const asked = apply(team(), [{ op: 'family.transfer', familyId: 'f1', to: 'Per Holm' }]).state;
    expect(famOf(asked, 'f1').transfer?.askedBy).toBe('Hanne Kjær');
    expect(todayView(asked, TODAY, TZ).transfers).toEqual([expect.objectContaining({ familyId: 'f1', to: 'Per Holm', toMe: true })]);
    expect(apply(asked, [{ op: 'transfer.accept', familyId: 'f1' }]).state.families[0]?.coordinator).toBe('Per Holm');
  });

  it("is in the receiver's Today (to answer) and the asker's (asked for), and in nobody else's; the receiver gets no other rows of the family", () => {
    const start = state(family('f1', { coordinator: 'Hanne Kjær', goals: [goal('g1', '2026-11-01')] }), family('f2', { coordinator: 'Per Holm' }));
    const asked = apply(start, [{ op: 'family.transfer', familyId: 'f1', to: 'Per Holm' }], 'Hanne Kjær').state;
    const per = todayView(asked, TODAY, TZ, 'Per Holm');
    expect(per.transfers).toEqual([expect.objectContaining({ familyId: 'f1', toMe: true })]);
    expect(per.overdueGoals).toEqual([]);
    const hanne = todayView(asked, TODAY, TZ, 'Hanne Kjær');
    expect(hanne.transfers).toEqual([expect.objectContaining({ familyId: 'f1', toMe: false })]);
    expect(hanne.overdueGoals.map((g) => g.id)).toEqual(['g1']);
    expect(todayView(asked, TODAY, TZ, 'Lone Berg').transfers).toEqual([]);
  });
});

describe('decision authority', () => {
  const withAuthority = () => apply(state(family('f1', { coordinator: 'Hanne Kjær' })), [{ op: 'family.authority', familyId: 'f1', sector: 'employment', holder: 'Lone Berg' }]).state;

  it('records a holder per sector, in the sectors’ order, and gives it back to the coordinator', () => {
    const two = apply(withAuthority(), [{ op: 'family.authority', familyId: 'f1', sector: 'children', holder: 'Søren Dal' }]).state;
    expect(famOf(two, 'f1').authority).toEqual([{ sector: 'employment', holder: 'Lone Berg' }, { sector: 'children', holder: 'Søren Dal' }]);
    const back = apply(two, [{ op: 'family.authority', familyId: 'f1', sector: 'employment', holder: null }, { op: 'family.authority', familyId: 'f1', sector: 'children', holder: null }]).state;
    expect(famOf(back, 'f1').authority).toBeUndefined();
    expect(() => apply(withAuthority(), [{ op: 'family.authority', familyId: 'f1', sector: 'employment', holder: 'Lone Berg' }])).toThrow(/nothing to change/);
  });

  it('proposes an intervention added without the authority; the holder approves it, with overlaps shown before', () => {
    const start = withAuthority();
    famOf(start, 'f1').interventions.push(intervention('i1', 'f1-a', { from: '2026-08-01' }));
    const added = apply(start, [{ op: 'intervention.add', familyId: 'f1', memberId: 'f1-a', sector: 'employment', kind: 'Mentorstøtte', from: '2026-10-01' }], 'Hanne Kjær');
    const id = (added.applied[0] as { id: string }).id;
    const proposed = famOf(added.state, 'f1').interventions.find((iv) => iv.id === id);
    expect(proposed?.decision).toEqual({ status: 'proposed', proposedBy: 'Hanne Kjær', on: TODAY });
    // Not in force: no overlap with i1 yet, but one once approved.
    expect(overlappingInterventions(famOf(added.state, 'f1'))).toEqual([]);
    expect(collisionsIfApproved(famOf(added.state, 'f1'), id).map((c) => c.ids)).toEqual([['i1', id]]);
    expect(todayView(added.state, TODAY, TZ, 'Lone Berg').decisionsWaiting).toEqual([expect.objectContaining({ interventionId: id, holder: 'Lone Berg', proposedBy: 'Hanne Kjær', status: 'proposed' })]);
    expect(todayView(added.state, TODAY, TZ, 'Hanne Kjær').decisionsWaiting).toEqual([]);
    expect(todayView(added.state, TODAY, TZ).decisionsWaiting).toHaveLength(1); // one person's store: every proposal

    expect(refusal(added.state, [{ op: 'intervention.approve', interventionId: id }], 'Hanne Kjær')).toMatch(/is Lone Berg's to make/);
    const approved = apply(added.state, [{ op: 'intervention.approve', interventionId: id, reason: 'Passer til jobplanen' }], 'Lone Berg');
    expect(famOf(approved.state, 'f1').interventions.find((iv) => iv.id === id)?.decision).toEqual({ status: 'approved', proposedBy: 'Hanne Kjær', by: 'Lone Berg', on: TODAY, reason: 'Passer til jobplanen' });
    expect(overlappingInterventions(famOf(approved.state, 'f1'))).toHaveLength(1);
    // The coordinator sees the decision in Today; the holder has nothing left waiting.
    expect(todayView(approved.state, TODAY, TZ, 'Hanne Kjær').recentDecisions).toEqual([expect.objectContaining({ interventionId: id, status: 'approved', by: 'Lone Berg' })]);
    expect(todayView(approved.state, '2027-01-10', TZ, 'Hanne Kjær').recentDecisions).toEqual([]);
    expect(todayView(approved.state, TODAY, TZ, 'Lone Berg').decisionsWaiting).toEqual([]);
    expect(refusal(approved.state, [{ op: 'intervention.reject', interventionId: id, reason: 'x' }], 'Lone Berg')).toMatch(/is not waiting for a decision \(it is approved\)/);
  });

  it('adds a decided intervention when the person holds the authority (or no authority is recorded)', () => {
    const byHolder = apply(withAuthority(), [{ op: 'intervention.add', familyId: 'f1', memberId: 'f1-a', sector: 'employment', kind: 'SKP', from: TODAY }], 'lone berg').state;
    expect(famOf(byHolder, 'f1').interventions[0]?.decision).toBeUndefined();
    const otherSector = apply(withAuthority(), [{ op: 'intervention.add', familyId: 'f1', memberId: 'f1-a', sector: 'housing', kind: 'Bostøtte', from: TODAY }]).state;
    expect(famOf(otherSector, 'f1').interventions[0]?.decision).toBeUndefined();
    // One person's store: the coordinator adds it; a sector held by a caseworker still waits for them.
    const byCoordinator = apply(withAuthority(), [{ op: 'intervention.add', familyId: 'f1', memberId: 'f1-a', sector: 'employment', kind: 'SKP', from: TODAY }]).state;
    expect(famOf(byCoordinator, 'f1').interventions[0]?.decision?.status).toBe('proposed');
  });

  it('rejects only with a reason; a rejected or proposed intervention counts nowhere as running', () => {
    const start = state(family('f1', {
      coordinator: 'Hanne Kjær',
      interventions: [
        intervention('i1', 'f1-a', { cost: { dkk: 1000, per: 'month' } }),
        intervention('i2', 'f1-a', { cost: { dkk: 5000, per: 'month' }, decision: { status: 'proposed', proposedBy: 'Hanne Kjær', on: TODAY } }),
      ],
    }));
    expect(() => OperationSchema.parse({ op: 'intervention.reject', interventionId: 'i2' })).toThrow();
    const rejected = apply(start, [{ op: 'intervention.reject', interventionId: 'i2', reason: 'Ikke nødvendigt' }]).state;
    for (const s of [start, rejected]) {
      const f = famOf(s, 'f1');
      expect(familyCollisions(f)).toEqual([]);
      const plan = familyPlan(s, 'f1', TODAY, TZ) as FamilyPlan;
      expect(planTasks(plan, { lang: 'da', today: TODAY, timeZone: TZ }).filter((task) => task.what.startsWith('mentorstøtte'))).toHaveLength(1);
      expect(monthlySpending(f, TODAY).total).toBe(1000);
      expect(caseloadReport(s, { from: '2026-09-02', to: TODAY }).overlappingInterventions.families.followUp.n).toBe(0);
    }
    expect(famOf(rejected, 'f1').interventions[1]?.decision).toMatchObject({ status: 'rejected', reason: 'Ikke nødvendigt', by: 'Hanne Kjær' });
  });
});

describe("today's reads find the team's part", () => {
  it('keeps transfers, authority and decisions in the digest, and a family with only those may show today', () => {
    const f = family('f1', { coordinator: 'Hanne Kjær', transfer: { to: 'Per Holm', askedBy: 'Hanne Kjær', asked: TODAY }, authority: [{ sector: 'employment', holder: 'Lone Berg' }], interventions: [intervention('i1', 'f1-a', { decision: { status: 'proposed', on: TODAY } }), intervention('i2', 'f1-a')] });
    const digest = todayDigest(f);
    expect(digest).toMatchObject({ transfer: f.transfer, authority: f.authority });
    expect(digest.interventions.map((iv) => iv.id)).toEqual(['i1']);
    expect(mayShowToday(f, TODAY)).toBe(true);
    expect(mayShowToday(family('f2'), TODAY)).toBe(false);
    const decidedLongAgo = family('f3', { interventions: [intervention('i3', 'f3-a', { decision: { status: 'approved', on: '2026-01-01' } })] });
    expect(mayShowToday(decidedLongAgo, TODAY)).toBe(false);
  });

  it('reads for a person the families they have a part in', () => {
    const f = family('f1', { coordinator: 'Hanne Kjær', transfer: { to: 'Per Holm', askedBy: 'Hanne Kjær', asked: TODAY }, authority: [{ sector: 'employment', holder: 'Lone Berg' }] });
    for (const person of ['hanne kjær', 'Per Holm', 'LONE BERG']) expect(inScope(f, { involving: person })).toBe(true);
    expect(inScope(f, { involving: 'Søren Dal' })).toBe(false);
  });
});

describe("the lead's overview", () => {
  it('counts per coordinator and takes the median reply time per sector over the last 90 days', () => {
    const families = [
      family('f1', {
        coordinator: 'Hanne Kjær',
        goals: [goal('g1', '2026-11-01'), goal('g2', '2027-01-01')],
        contacts: [
          contact('c1', '2026-10-01', 'answered', { answered: '2026-10-05' }), // 4 days
          contact('c2', '2026-10-01', 'resolved', { answered: '2026-10-11', closed: '2026-10-20' }), // 10 days
          contact('c3', '2026-05-01', 'answered', { answered: '2026-05-03' }), // before the window
          contact('c4', '2026-11-20', 'open'),
          contact('c5', '2026-11-01', 'answered', { sector: 'school', answered: '2026-11-03' }),
        ],
        transfer: { to: 'Per Holm', askedBy: 'Hanne Kjær', asked: TODAY },
      }),
      family('f2', { coordinator: 'hanne  kjær', interventions: [intervention('i1', 'f2-a', { decision: { status: 'proposed' } })] }),
      family('f3'),
    ];
    const overview = teamOverview(families, TODAY);
    expect(overview.repliesSince).toBe('2026-08-26');
    expect(overview.coordinators).toEqual([
      { coordinator: 'Hanne Kjær', families: 2, overdueGoals: 1, waitingContacts: 4, transfersOut: 1, transfersIn: 0, decisionsWaiting: 1, replyDays: { employment: { medianDays: 7, replied: 2 }, school: { medianDays: 2, replied: 1 } } },
      { coordinator: 'Per Holm', families: 0, overdueGoals: 0, waitingContacts: 0, transfersOut: 0, transfersIn: 1, decisionsWaiting: 0, replyDays: {} },
      { coordinator: null, families: 1, overdueGoals: 0, waitingContacts: 0, transfersOut: 0, transfersIn: 0, decisionsWaiting: 0, replyDays: {} },
    ]);
  });
});
