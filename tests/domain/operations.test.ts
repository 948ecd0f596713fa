import { describe, expect, it } from 'vitest';
import { OperationSchema, type OperationInput } from '../../src/domain/operations.js';
import { TransactionError } from '../../src/domain/errors.js';
import { findFailingOperations, runTransaction } from '../../src/domain/transaction.js';
import { StateWorkspace } from '../../src/domain/workspace.js';
import type { State } from '../../src/domain/schema.js';
import { contact, family, goal, meeting, state } from '../helpers/fixtures.js';

const TODAY = '2026-11-24';

function apply(start: State, inputs: OperationInput[]) {
  const ws = new StateWorkspace(start);
  const operations = inputs.map((i) => OperationSchema.parse(i));
  const result = runTransaction(ws, operations, { today: TODAY });
  return { ...result, state: ws.result(start) };
}

const base = () => state(family('f1', { goals: [goal('g1', '2026-12-01')], meetings: [meeting('m1', '2026-11-24T09:00:00+01:00')], contacts: [contact('c1', '2026-11-01')] }), family('f2'));

describe('operations', () => {
  it('goal.progress appends a dated score, keeps history in date order and can set the status', () => {
    const start = base();
    const { state: after, applied } = apply(start, [
      { op: 'goal.progress', goalId: 'g1', score: 6, note: 'Mødt op hver dag' },
      { op: 'goal.progress', goalId: 'g1', score: 3, date: '2026-11-01', status: 'on-hold' },
    ]);
    const g = after.families[0]?.goals[0];
    expect(g?.progress).toEqual([
      { date: '2026-11-01', score: 3, note: '' },
      { date: TODAY, score: 6, note: 'Mødt op hver dag' },
    ]);
    expect(g?.status).toBe('on-hold');
    expect(applied[0]).toMatchObject({ op: 'goal.progress', date: TODAY }); // the default date is recorded
    expect(start.families[0]?.goals[0]?.progress).toEqual([]); // the input state is untouched
  });

  it('adds objects with short fresh ids, unique in the store', () => {
    const { state: after, applied } = apply(base(), [
      { op: 'goal.add', familyId: 'f2', title: 'Vi vil have styr på økonomien', sector: 'finance', due: '2027-01-31' },
      { op: 'contact.add', familyId: 'f2', sector: 'school', subject: 'Anmodning om PPR-vurdering', replyBy: '2026-12-08' },
      { op: 'meeting.add', familyId: 'f2', type: 'stormøde', start: '2026-12-01T09:00:00+01:00' },
      { op: 'family.add', name: 'Familien Holm', members: [{ name: 'Sara Holm', role: 'adult' }] },
    ]);
    expect(applied.map((a) => ('id' in a ? a.id : undefined))).toEqual(['g2', 'c2', 'm2', 'f3']);
    expect(after.families[1]?.goals[0]).toMatchObject({ id: 'g2', status: 'active', priority: 1, progress: [] });
    expect(after.families[1]?.contacts[0]).toMatchObject({ id: 'c2', opened: TODAY, status: 'open' });
    expect(after.families[2]?.members[0]?.id).toBe('p1');
  });

  it('moves a contact from open to answered to resolved, and refuses to resolve it twice', () => {
    const { state: answered } = apply(base(), [{ op: 'contact.answer', contactId: 'c1', answer: 'Svar fra jobcentret' }]);
    expect(answered.families[0]?.contacts[0]).toMatchObject({ status: 'answered', answered: TODAY });
    const { state: resolved } = apply(answered, [{ op: 'contact.resolve', contactId: 'c1', resolution: 'Ressourceforløb bevilget' }]);
    expect(resolved.families[0]?.contacts[0]).toMatchObject({ status: 'resolved', resolution: 'Ressourceforløb bevilget', closed: TODAY });
    expect(() => apply(resolved, [{ op: 'contact.resolve', contactId: 'c1', resolution: 'igen' }])).toThrow(/already resolved/);
  });

  it('records minutes (replace or append) and agreements', () => {
    const { state: after } = apply(base(), [
      { op: 'meeting.minutes', meetingId: 'm1', minutes: 'Første punkt.' },
      { op: 'meeting.minutes', meetingId: 'm1', minutes: 'Andet punkt.', append: true },
      { op: 'meeting.agreement', meetingId: 'm1', who: 'Lone Berg', what: 'Finder praktikplads', due: '2026-12-15' },
    ]);
    expect(after.families[0]?.meetings[0]).toMatchObject({ minutes: 'Første punkt.\nAndet punkt.', agreements: [{ who: 'Lone Berg', what: 'Finder praktikplads', due: '2026-12-15' }] });
  });

  it('is all or nothing, and names the operation that failed', () => {
    const start = base();
    const ws = new StateWorkspace(start);
    const operations = [
      OperationSchema.parse({ op: 'goal.progress', goalId: 'g1', score: 5 }),
      OperationSchema.parse({ op: 'goal.progress', goalId: 'g404', score: 5 }),
    ];
    try {
      runTransaction(ws, operations, { today: TODAY });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TransactionError);
      expect((error as TransactionError).index).toBe(2);
      expect((error as Error).message).toMatch(/no goal g404/);
    }
    expect(start.families[0]?.goals[0]?.progress).toEqual([]);
  });

  it('refuses references to members of another family, duplicate ids and reversed periods', () => {
    expect(() => apply(base(), [{ op: 'goal.add', familyId: 'f1', title: 'x', sector: 'school', due: '2027-01-01', memberId: 'f2-c' }])).toThrow(/^no member f2-c in family f1; its members: f1-c, f1-a$/);
    expect(() => apply(base(), [{ op: 'goal.add', familyId: 'f1', id: 'c1', title: 'x', sector: 'school', due: '2027-01-01' }])).toThrow(/id c1 is already in use/);
    expect(() => apply(base(), [{ op: 'intervention.add', familyId: 'f1', memberId: 'f1-a', sector: 'health', kind: 'genoptræning', from: '2026-05-01', to: '2026-04-01' }])).toThrow(/end before it starts/);
    expect(() => apply(base(), [{ op: 'contact.add', familyId: 'f1', sector: 'school', subject: 's', opened: '2026-11-10', replyBy: '2026-11-01' }])).toThrow(/reply-by/);
  });
});

describe('operation validation', () => {
  const problem = (input: unknown) => {
    const result = OperationSchema.safeParse(input);
    return result.success ? undefined : `${result.error.issues[0]?.path.join('.')}: ${result.error.issues[0]?.message}`;
  };
  it('rejects bad fields with a message that says what to type and never echoes the value', () => {
    expect(problem({ op: 'goal.progress', goalId: 'g1', score: 11 })).toBe('score: must be a whole number from 0 to 10');
    expect(problem({ op: 'goal.progress', goalId: 'g1', score: 5.5 })).toBe('score: must be a whole number from 0 to 10');
    expect(problem({ op: 'goal.progress', goalId: 'g1' })).toBe('score: is required: a whole number from 0 to 10');
    expect(problem({ op: 'goal.add', familyId: 'f1', title: 't', sector: 'school', due: '2026-02-30' })).toMatch(/^due: must be a real date/);
    expect(problem({ op: 'goal.status', goalId: 'g1', status: 'SECRET-NAME' })).toBe('status: must be one of: proposed, active, on-hold, completed, cancelled');
    expect(problem({ op: 'goal.progress', goalId: 'g1', score: 5, scroe: 5 })).toMatch(/scroe/);
    expect(problem({ op: 'goal.explode' })).toMatch(/^op: must be one of: family.add/);
  });
});

describe('what operations leave behind', () => {
  // A JSON store famcoord wrote is read back without the schema (src/store/knownGood.ts): every
  // family an operation writes must already be as the schema would give it, defaults included.
  it('is, for every kind of operation, a family the schema would leave unchanged', async () => {
    const { FamilySchema } = await import('../../src/domain/schema.js');
    const { OPERATION_NAMES } = await import('../../src/domain/operations.js');
    const inputs: OperationInput[] = [
      { op: 'family.add', name: 'Familien Ny', members: [{ name: 'Lone', role: 'adult' }] },
      { op: 'member.add', familyId: 'f1', name: 'Sofus', role: 'child', born: '2015-03-01' },
      { op: 'goal.add', familyId: 'f1', title: 'Ro i hverdagen', sector: 'children', due: '2027-02-01', source: 'family', ownWords: true },
      { op: 'goal.progress', goalId: 'g1', score: 4 },
      { op: 'goal.status', goalId: 'g1', status: 'on-hold' },
      { op: 'goal.update', goalId: 'g1', title: 'Skolegang hver dag', priority: 1 },
      { op: 'meeting.add', familyId: 'f1', type: 'netværksmøde', start: '2026-12-01T10:00:00+01:00' },
      { op: 'meeting.minutes', meetingId: 'm1', minutes: 'Aftalt at mødes igen.' },
      { op: 'meeting.agreement', meetingId: 'm1', who: 'Mette', what: 'Ringer til PPR' },
      { op: 'agreement.done', agreementId: 'a1' },
      { op: 'agreement.update', agreementId: 'a1', status: 'open', due: '2026-12-10' },
      { op: 'agreement.remove', agreementId: 'a1' },
      { op: 'meeting.update', meetingId: 'm1', place: 'Skolen', attendees: [{ name: 'Lone', role: 'mentor' }] },
      { op: 'meeting.minutes', meetingId: 'm1', minutes: 'Anden linje.\nTredje linje.', append: true },
      { op: 'minutes.edit', meetingId: 'm1', line: 2, text: 'Anden linje, rettet.' },
      { op: 'minutes.remove', meetingId: 'm1', line: 3 },
      { op: 'goal.update', goalId: 'g1', memberId: null, status: 'active' },
      { op: 'contact.add', familyId: 'f1', sector: 'housing', subject: 'Boligstøtte' },
      { op: 'contact.answer', contactId: 'c1', answer: 'Sagen er modtaget' },
      { op: 'contact.resolve', contactId: 'c1', resolution: 'Bevilget' },
      { op: 'contact.add', familyId: 'f2', sector: 'health', subject: 'Tandlæge' },
      { op: 'contact.cancel', contactId: 'c2' },
      { op: 'intervention.add', familyId: 'f1', memberId: 'f1-c', sector: 'school', kind: 'mentor', from: '2026-11-01' },
      { op: 'intervention.update', interventionId: 'i1', source: 'handleplan', cost: { dkk: 5000, per: 'month' }, payer: 'children' },
      { op: 'intervention.end', interventionId: 'i1', to: '2026-12-31' },
      { op: 'family.authority', familyId: 'f1', sector: 'school', holder: 'Lone Berg' },
      { op: 'intervention.add', familyId: 'f1', memberId: 'f1-c', sector: 'school', kind: 'lektiestøtte', from: '2026-11-01' },
      { op: 'intervention.approve', interventionId: 'i2' },
      { op: 'intervention.add', familyId: 'f1', memberId: 'f1-c', sector: 'school', kind: 'PPR', from: '2026-11-01' },
      { op: 'intervention.reject', interventionId: 'i3', reason: 'Dækket' },
      { op: 'family.authority', familyId: 'f1', sector: 'school', holder: null },
      { op: 'family.transfer', familyId: 'f1', to: 'Per Holm' },
      { op: 'transfer.decline', familyId: 'f1' },
      { op: 'family.transfer', familyId: 'f1', to: 'Per Holm', note: 'Flytter' },
      { op: 'transfer.accept', familyId: 'f1' },
      { op: 'observation.add', memberId: 'f1-a', kind: 'absenceDays', value: 3 },
      { op: 'event.add', memberId: 'f1-c', kind: 'notification' },
      { op: 'consent.add', familyId: 'f1', sectors: ['school', 'health'], until: '2027-06-30' },
      { op: 'consent.revoke', consentId: 'k1' },
      { op: 'assessment.start', familyId: 'f1' },
      { op: 'assessment.section', familyId: 'f1', memberId: 'f1-a', method: 'vum', status: 'done', summary: 'Vil i praktik.' },
      { op: 'assessment.analysis', familyId: 'f1', summary: 'Morgenerne er nøglen.' },
      { op: 'meeting.add', familyId: 'f1', id: 'm81', type: 'tværfagligt-analysemøde', start: '2026-11-20T09:00:00+01:00' },
      { op: 'assessment.conclude', familyId: 'f1', meetingId: 'm81', conclusion: 'Ro først, så praktik.', goals: [{ title: 'Praktik', memberId: 'f1-a', sector: 'employment', due: '2027-03-01' }] },
      { op: 'meeting.add', familyId: 'f1', id: 'm82', type: 'flerfagligt-statusmøde', start: '2026-11-23T09:00:00+01:00' },
      { op: 'statusform.set', meetingId: 'm82', goalId: 'g1', familyView: 'Bedre.', views: [{ sector: 'school', view: 'Færre fraværsdage.' }], agreedStatus: 'on-track' },
      { op: 'family.import', family: family('f9') },
      { op: 'family.erase', familyId: 'f2' },
    ];
    const covered = new Set(inputs.map((i) => i.op));
    expect(OPERATION_NAMES.filter((name) => !covered.has(name))).toEqual([]);
    const ws = new StateWorkspace(base());
    for (const [index, input] of inputs.entries()) {
      const operation = OperationSchema.safeParse(input);
      expect(operation.success, `${index}: ${input.op} ${JSON.stringify(operation.error?.issues[0])}`).toBe(true);
      runTransaction(ws, [operation.data as never], { today: TODAY });
    }
    const written = ws.changes().flatMap((change) => (change.after ? [JSON.parse(JSON.stringify(change.after)) as unknown] : []));
    expect(written.length).toBeGreaterThan(2);
    for (const family of written) expect(FamilySchema.parse(family)).toEqual(family);
  });
});

describe('a step that would change nothing', () => {
  const refusal = (start: State, inputs: OperationInput[]) => {
    try {
      apply(start, inputs);
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected a refusal');
  };

  it('is refused by the schema when an update names nothing, or a line appended is empty', () => {
    const update = OperationSchema.safeParse({ op: 'goal.update', goalId: 'g1' });
    expect(update.error?.issues[0]?.message).toBe('nothing to change: give title, due, sector, priority, memberId, status, source, department, caseworker or ownWords');
    expect(update.error?.issues[0]).toMatchObject({ params: { nothingToChange: ['title', 'due', 'sector', 'priority', 'memberId', 'status', 'source', 'department', 'caseworker', 'ownWords'] } });
    const line = OperationSchema.safeParse({ op: 'meeting.minutes', meetingId: 'm1', minutes: '  ', append: true });
    expect(line.error?.issues[0]).toMatchObject({ path: ['minutes'], message: 'must not be empty (minutes)' });
    expect(OperationSchema.safeParse({ op: 'meeting.minutes', meetingId: 'm1', minutes: '' }).success).toBe(true); // clears them
  });

  it('is refused when an operation leaves its family as it was, naming the operation', () => {
    const start = state(family('f1', { goals: [goal('g1', '2026-12-01', 'active', { priority: 1 })], meetings: [meeting('m1', '2026-11-24T09:00:00+01:00')] }));
    for (const input of [
      { op: 'goal.update', goalId: 'g1', due: '2026-12-01', priority: 1 },
      { op: 'goal.status', goalId: 'g1', status: 'active' },
      { op: 'meeting.minutes', meetingId: 'm1', minutes: '' },
    ] as OperationInput[]) {
      const error = refusal(start, [{ op: 'goal.progress', goalId: 'g1', score: 4 }, input]);
      expect(error).toBeInstanceOf(TransactionError);
      expect((error as TransactionError).index).toBe(2);
      expect(error.message).toMatch(/^nothing to change: (goal g1|meeting m1) already has these values$/);
    }
    expect(apply(start, [{ op: 'goal.update', goalId: 'g1', due: '2026-12-01', priority: 2 }]).state.families[0]?.goals[0]?.priority).toBe(2);
  });

  it('is refused when the operations together put every family back, or there are none', () => {
    const start = state(family('f1', { goals: [goal('g1', '2026-12-01')] }));
    expect(refusal(start, [{ op: 'goal.status', goalId: 'g1', status: 'on-hold' }, { op: 'goal.status', goalId: 'g1', status: 'active' }]).message).toBe(
      'nothing to change: together the operations leave every family as it was',
    );
    expect(refusal(start, []).message).toBe('nothing to change: no operations');
  });

  it('is named among the failing lines of a batch, with the other bad lines', () => {
    const start = state(family('f1', { goals: [goal('g1', '2026-12-01')] }));
    const operations = [
      { op: 'goal.status', goalId: 'g1', status: 'active' },
      { op: 'goal.progress', goalId: 'g1', score: 5 },
      { op: 'goal.progress', goalId: 'g9', score: 5 },
    ].map((input) => OperationSchema.parse(input));
    const failures = findFailingOperations(new StateWorkspace(start), operations, { today: TODAY });
    expect(failures).toMatchObject([
      { index: 1, message: 'nothing to change: goal g1 already has these values' },
      { index: 3, message: 'no goal g9 (famcoord family FAMILY_ID shows the ids)' },
    ]);
    // The error itself, for the CLI to name the closest ids of an unknown one.
    expect(failures[1]?.error).toMatchObject({ name: 'UnknownIdError', list: 'goals', id: 'g9' });
  });
});
