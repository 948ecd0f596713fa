// Applies the named operations (operations.ts holds their schemas): `applyOperation` changes a
// workspace by one validated operation and returns it resolved. No zod here: a change whose input
// the quick parse passes (quickOperation.ts) loads no schema at all (issue 19).
import type { Agreement, Family, Member, Observation } from './schema.js';
import type { OperationName, OperationOf, Operation } from './operations.js';
import { AGREEMENT_ID_PREFIX, agreementsOf, agreementStatusOf, findAgreement, meetingOfDerivedId } from './agreements.js';
import { startedAssessment, withAnalysis, withConclusion, withSection } from './assessment.js';
import { minutesLinesOf } from './minutesLines.js';
import { withStatusFormRow } from './statusForm.js';
import { isContactUnresolved } from './rules.js';
import { closestNames } from './suggest.js';
import { decide, decisionForNew, withAuthority } from './decisions.js';
import { newTransfer, pendingTransfer } from './transfers.js';
import { sameData } from './canonical.js';
import { OperationError, UnknownIdError } from './errors.js';
import { OVERLONG_NUMBER_MESSAGE } from './ids.js';
import { idsOf, overlongIdsOf, type EntityList, type FamilyDraft, type Workspace } from './workspace.js';

export interface ApplyContext {
  /** Today's date, the default for dated operations. */
  today: string;
  /**
   * Who the step is done as, for the team's rules (transfers, decision authority): the store's
   * login, else the --caseload name; undefined on one person's store, where it is the coordinator.
   */
  person?: string | undefined;
}

function requireFamily(ws: Workspace, familyId: string): Family {
  const family = ws.family(familyId);
  if (!family) throw new UnknownIdError('families', 'family', familyId);
  return family;
}

/** The step's draft of a family, to change in place (see Workspace.draft). */
function requireDraft(ws: Workspace, familyId: string): FamilyDraft {
  requireFamily(ws, familyId);
  return ws.draft(familyId) as FamilyDraft;
}

const ENTITY_WORD: Record<EntityList, string> = {
  members: 'member',
  goals: 'goal',
  meetings: 'meeting',
  contacts: 'contact',
  interventions: 'intervention',
  consents: 'consent',
};

/**
 * Finds an object by id, in the step's draft of its family, to change in place. Throws with a
 * message naming the id when it is not there.
 */
function editEntity<List extends EntityList>(ws: OperationWorkspace, list: List, id: string) {
  const holder = ws.familyOf(id);
  const draft = holder && ws.draft(holder.id);
  const entity = draft?.find(list, id);
  if (!draft || !entity) throw new UnknownIdError(list, ENTITY_WORD[list], id);
  ws.watch(entity);
  return { draft, entity };
}

/** A contact that is still open or answered: resolved and cancelled ones are closed for good. */
function editUnresolvedContact(ws: OperationWorkspace, contactId: string) {
  const edit = editEntity(ws, 'contacts', contactId);
  if (!isContactUnresolved(edit.entity)) throw new OperationError(`contact ${contactId} is already ${edit.entity.status}`);
  return edit;
}

/**
 * Finds an agreement by id in the step's draft of its family, to change in place, after giving its
 * meeting's agreements their ids (see `FamilyDraft.settleAgreementIds`). An id derived from an
 * agreement's place (m4.2) is in no store's index: it is found through its meeting.
 */
function editAgreement(ws: OperationWorkspace, agreementId: string) {
  const derivedMeeting = meetingOfDerivedId(agreementId);
  const holder = [ws.familyOf(agreementId), derivedMeeting === undefined ? undefined : ws.familyOf(derivedMeeting)].find((family) => family !== undefined && findAgreement(family, agreementId));
  const place = holder && findAgreement(holder, agreementId);
  if (!holder || !place) throw new UnknownIdError('agreements', 'agreement', agreementId);
  const draft = ws.draft(holder.id) as FamilyDraft;
  const meeting = draft.find('meetings', place.meeting.id);
  const agreement = meeting?.agreements[place.index];
  if (!meeting || !agreement) throw new UnknownIdError('agreements', 'agreement', agreementId);
  ws.watch(meeting);
  ws.watch(agreement);
  draft.settleAgreementIds(meeting);
  return { meeting, agreement, index: place.index };
}

/**
 * The family with an agreement known by this id from its place in its meeting (m4.2, see
 * `agreementId`): such an id is stored nowhere, so no store's index has it.
 */
function derivedAgreementHolder(ws: Workspace, id: string): Family | undefined {
  const meetingId = meetingOfDerivedId(id);
  const holder = meetingId === undefined ? undefined : ws.familyOf(meetingId);
  return holder !== undefined && findAgreement(holder, id) !== undefined ? holder : undefined;
}

/** The id a new object gets: the one asked for, if no object has it (stored, or as an agreement's derived id), else the next free one. */
function claimId(ws: Workspace, requested: string | undefined, prefix: string): string {
  if (requested === undefined) return ws.newId(prefix);
  if (ws.idTaken(requested) || derivedAgreementHolder(ws, requested) !== undefined) throw new OperationError(`id ${requested} is already in use`);
  return requested;
}

/** Adds a dated entry to one of a member's histories, kept in date order (same day: recorded order). */
function addToHistory<List extends 'observations' | 'events'>(ws: OperationWorkspace, memberId: string, list: List, entry: Member[List][number]): void {
  const { draft, entity: member } = editEntity(ws, 'members', memberId);
  draft.addDated(member[list] as Array<Member[List][number]>, entry);
}

function requireMember(draft: FamilyDraft, memberId: string): void {
  if (draft.find('members', memberId)) return;
  const { id, members } = draft.family;
  throw new OperationError(`no member ${memberId} in family ${id}; ${members.length > 0 ? `its members: ${closestNames(memberId, members.map((m) => m.id)).join(', ')}` : 'it has no members yet'}`);
}

/** Approves or rejects a proposed intervention, as its sector's authority (see `decide`). */
function decideIntervention<Op extends { interventionId: string; reason?: string | undefined; date?: string | undefined }>(ws: OperationWorkspace, op: Op, verdict: 'approved' | 'rejected', ctx: ApplyContext): Op {
  const { draft, entity: intervention } = editEntity(ws, 'interventions', op.interventionId);
  const date = op.date ?? ctx.today;
  intervention.decision = decide(draft.family, intervention, verdict, ctx.person, op.reason, date);
  return { ...op, date };
}

/** Sets the fields an update gives (an omitted field is undefined and leaves the object's as it is). */
function assignGiven(object: object, changes: Record<string, unknown>): void {
  Object.assign(object, Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)));
}

/** The minutes as lines (none when empty); the line an operation names must be there, and as it was read. */
function editMinutesLine(ws: OperationWorkspace, op: { meetingId: string; line: number; was?: string | undefined }) {
  const edit = editEntity(ws, 'meetings', op.meetingId);
  const lines = minutesLinesOf(edit.entity.minutes);
  if (op.line > lines.length) throw new OperationError(`meeting ${op.meetingId} has no line ${op.line} (its minutes have ${lines.length})`);
  if (op.was !== undefined && lines[op.line - 1] !== op.was) throw new OperationError(`line ${op.line} of meeting ${op.meetingId} was changed meanwhile; nothing was saved`);
  return { ...edit, lines };
}

type Handlers = { [Name in OperationName]: (ws: OperationWorkspace, op: OperationOf<Name>, ctx: ApplyContext) => OperationOf<Name> };

const handlers: Handlers = {
  'family.add'(ws, op) {
    const id = claimId(ws, op.id, 'f');
    ws.put({ id, name: op.name, members: [], goals: [], meetings: [], contacts: [], interventions: [], consents: [] });
    const draft = requireDraft(ws, id);
    const members = op.members.map((m) => {
      const member = { ...m, id: claimId(ws, m.id, 'p') };
      draft.add('members', { ...member, observations: [], events: [] });
      return member;
    });
    if (op.coordinator !== undefined) draft.family.coordinator = op.coordinator;
    return { ...op, id, members };
  },
  'member.add'(ws, op) {
    const draft = requireDraft(ws, op.familyId);
    const id = claimId(ws, op.id, 'p');
    const { op: _name, familyId: _familyId, ...member } = op;
    draft.add('members', { ...member, id, observations: [], events: [] });
    return { ...op, id };
  },
  'goal.add'(ws, op) {
    const draft = requireDraft(ws, op.familyId);
    if (op.memberId !== undefined) requireMember(draft, op.memberId);
    const id = claimId(ws, op.id, 'g');
    const priority = op.priority ?? draft.highestGoalPriority() + 1;
    const { op: _name, familyId: _familyId, ...goal } = op;
    draft.add('goals', { ...goal, id, priority, progress: [] });
    return { ...op, id, priority };
  },
  'goal.progress'(ws, op, ctx) {
    const { draft, entity: goal } = editEntity(ws, 'goals', op.goalId);
    const date = op.date ?? ctx.today;
    draft.addDated(goal.progress, { date, score: op.score, note: op.note });
    if (op.status !== undefined) goal.status = op.status;
    return { ...op, date };
  },
  'goal.status'(ws, op) {
    const { entity: goal } = editEntity(ws, 'goals', op.goalId);
    goal.status = op.status;
    return op;
  },
  'goal.update'(ws, op) {
    const { draft, entity: goal } = editEntity(ws, 'goals', op.goalId);
    const { op: _name, goalId: _goalId, memberId, ...changes } = op;
    if (memberId === null) delete goal.memberId;
    else if (memberId !== undefined) {
      requireMember(draft, memberId);
      goal.memberId = memberId;
    }
    assignGiven(goal, changes);
    if (op.priority !== undefined) draft.goalPriorityChanged();
    return op;
  },
  'meeting.add'(ws, op) {
    const draft = requireDraft(ws, op.familyId);
    const id = claimId(ws, op.id, 'm');
    const { op: _name, familyId: _familyId, ...meeting } = op;
    draft.add('meetings', { ...meeting, id, minutes: '', agreements: [] });
    return { ...op, id };
  },
  'meeting.update'(ws, op) {
    const { entity: meeting } = editEntity(ws, 'meetings', op.meetingId);
    const { op: _name, meetingId: _meetingId, ...changes } = op;
    assignGiven(meeting, changes);
    return op;
  },
  'minutes.edit'(ws, op) {
    const { entity: meeting, lines } = editMinutesLine(ws, op);
    lines.splice(op.line - 1, 1, op.text);
    meeting.minutes = lines.join('\n');
    return op;
  },
  'minutes.remove'(ws, op) {
    const { entity: meeting, lines } = editMinutesLine(ws, op);
    lines.splice(op.line - 1, 1);
    meeting.minutes = lines.join('\n');
    return op;
  },
  'meeting.minutes'(ws, op) {
    const { entity: meeting } = editEntity(ws, 'meetings', op.meetingId);
    meeting.minutes = op.append && meeting.minutes ? `${meeting.minutes}\n${op.minutes}` : op.minutes;
    return op;
  },
  'meeting.agreement'(ws, op) {
    const { draft, entity: meeting } = editEntity(ws, 'meetings', op.meetingId);
    if (op.goalId !== undefined && !draft.find('goals', op.goalId)) throw new OperationError(`no goal ${op.goalId} in family ${draft.family.id}, the family of meeting ${op.meetingId}`);
    const id = claimId(ws, op.id, AGREEMENT_ID_PREFIX);
    const { op: _name, meetingId: _meetingId, ...agreement } = op;
    draft.addAgreement(meeting, { ...agreement, id, status: 'open' });
    return { ...op, id };
  },
  'agreement.done'(ws, op, ctx) {
    const { agreement } = editAgreement(ws, op.agreementId);
    if (agreementStatusOf(agreement) === 'done') throw new OperationError(`agreement ${op.agreementId} is already done`);
    const date = op.date ?? ctx.today;
    Object.assign(agreement, { status: 'done', done: date });
    return { ...op, date };
  },
  'agreement.update'(ws, op, ctx) {
    const { agreement } = editAgreement(ws, op.agreementId);
    const wasDone = agreementStatusOf(agreement) === 'done';
    const status = op.status ?? agreementStatusOf(agreement);
    if (op.date !== undefined && status !== 'done') throw new OperationError('date is the day an agreement was done: give it with status done');
    // The done date belongs to the done status: kept or set with it (default today), gone without it.
    const done = status === 'done' ? (op.date ?? (wasDone ? agreement.done : undefined) ?? ctx.today) : undefined;
    const next: Partial<Agreement> = { who: op.who ?? agreement.who, what: op.what ?? agreement.what, due: op.due ?? agreement.due, status, done };
    const current: Partial<Agreement> = { ...agreement, status: agreementStatusOf(agreement) };
    const changed = (Object.keys(next) as Array<keyof Agreement>).filter((field) => next[field] !== current[field]);
    if (changed.length === 0) throw new OperationError(`nothing to change: agreement ${op.agreementId} already has these values`);
    for (const field of changed) {
      if (next[field] === undefined) delete agreement[field];
      else Object.assign(agreement, { [field]: next[field] });
    }
    return { ...op, ...(done !== undefined && { date: done }) };
  },
  'agreement.remove'(ws, op) {
    const { meeting, index } = editAgreement(ws, op.agreementId);
    meeting.agreements.splice(index, 1);
    return op;
  },
  'contact.add'(ws, op, ctx) {
    const draft = requireDraft(ws, op.familyId);
    const id = claimId(ws, op.id, 'c');
    const opened = op.opened ?? ctx.today;
    if (op.replyBy !== undefined && op.replyBy < opened)
      throw new OperationError('reply-by date is before the date the contact was opened');
    const { op: _name, familyId: _familyId, ...contact } = op;
    draft.add('contacts', { ...contact, id, opened, status: 'open' });
    return { ...op, id, opened };
  },
  'contact.answer'(ws, op, ctx) {
    const { entity: contact } = editUnresolvedContact(ws, op.contactId);
    const date = op.date ?? ctx.today;
    Object.assign(contact, { status: 'answered', answer: op.answer, answered: date });
    return { ...op, date };
  },
  'contact.resolve'(ws, op, ctx) {
    const { entity: contact } = editUnresolvedContact(ws, op.contactId);
    const date = op.date ?? ctx.today;
    Object.assign(contact, { status: 'resolved', resolution: op.resolution, closed: date });
    return { ...op, date };
  },
  'contact.cancel'(ws, op, ctx) {
    const { entity: contact } = editUnresolvedContact(ws, op.contactId);
    const date = op.date ?? ctx.today;
    Object.assign(contact, { status: 'cancelled', closed: date });
    if (op.reason) contact.resolution = op.reason;
    return { ...op, date };
  },
  'intervention.add'(ws, op, ctx) {
    const draft = requireDraft(ws, op.familyId);
    requireMember(draft, op.memberId);
    if (op.to !== undefined && op.to < op.from) throw new OperationError('an intervention cannot end before it starts');
    const id = claimId(ws, op.id, 'i');
    const { op: _name, familyId: _familyId, ...intervention } = op;
    const decision = decisionForNew(draft.family, op.sector, ctx.person, ctx.today);
    draft.add('interventions', { ...intervention, id, ...(decision && { decision }) });
    return { ...op, id };
  },
  'intervention.update'(ws, op) {
    const { entity: intervention } = editEntity(ws, 'interventions', op.interventionId);
    const { op: _name, interventionId: _interventionId, ...changes } = op;
    assignGiven(intervention, changes);
    return op;
  },
  'intervention.end'(ws, op) {
    const { entity: intervention } = editEntity(ws, 'interventions', op.interventionId);
    if (op.to < intervention.from) throw new OperationError('an intervention cannot end before it starts');
    intervention.to = op.to;
    return op;
  },
  'intervention.approve'(ws, op, ctx) {
    return decideIntervention(ws, op, 'approved', ctx);
  },
  'intervention.reject'(ws, op, ctx) {
    return decideIntervention(ws, op, 'rejected', ctx);
  },
  'family.authority'(ws, op) {
    const { family } = requireDraft(ws, op.familyId);
    const authority = withAuthority(family, op.sector, op.holder);
    if (authority.length > 0) family.authority = authority;
    else delete family.authority;
    // As recorded (the holder's name trimmed), for the log and the confirmation.
    return { ...op, holder: op.holder === null ? null : (authority.find((a) => a.sector === op.sector)?.holder ?? op.holder) };
  },
  'family.transfer'(ws, op, ctx) {
    const { family } = requireDraft(ws, op.familyId);
    const date = op.date ?? ctx.today;
    family.transfer = newTransfer(family, op, ctx.person, date);
    return { ...op, to: family.transfer.to, date };
  },
  'transfer.accept'(ws, op, ctx) {
    const { family } = requireDraft(ws, op.familyId);
    family.coordinator = pendingTransfer(family, ctx.person, 'accept').to;
    delete family.transfer;
    return op;
  },
  'transfer.decline'(ws, op, ctx) {
    const { family } = requireDraft(ws, op.familyId);
    pendingTransfer(family, ctx.person, 'decline');
    delete family.transfer;
    return op;
  },
  'observation.add'(ws, op, ctx) {
    const date = op.date ?? ctx.today;
    // The operation's schema checked its value against its kind; the family's check after the step checks the date.
    addToHistory(ws, op.memberId, 'observations', { date, kind: op.kind, value: op.value } as Observation);
    return { ...op, date };
  },
  'event.add'(ws, op, ctx) {
    const date = op.date ?? ctx.today;
    addToHistory(ws, op.memberId, 'events', { date, kind: op.kind });
    return { ...op, date };
  },
  'consent.add'(ws, op, ctx) {
    const draft = requireDraft(ws, op.familyId);
    const given = op.given ?? ctx.today;
    if (op.until < given) throw new OperationError('a consent cannot end before it is given');
    const id = claimId(ws, op.id, 'k');
    draft.add('consents', { id, sectors: op.sectors, given, until: op.until });
    return { ...op, id, given };
  },
  'consent.revoke'(ws, op, ctx) {
    const { entity: consent } = editEntity(ws, 'consents', op.consentId);
    if (consent.revoked !== undefined) throw new OperationError(`consent ${op.consentId} is already revoked`);
    const date = op.date ?? ctx.today;
    consent.revoked = date;
    return { ...op, date };
  },
  'assessment.start'(ws, op, ctx) {
    const draft = requireDraft(ws, op.familyId);
    const date = op.date ?? ctx.today;
    draft.family.assessment = startedAssessment(draft.family, date);
    return { ...op, date };
  },
  'assessment.section'(ws, op, ctx) {
    const draft = requireDraft(ws, op.familyId);
    const date = op.date ?? ctx.today;
    draft.family.assessment = withSection(draft.family, op, date);
    return { ...op, date };
  },
  'assessment.analysis'(ws, op, ctx) {
    const draft = requireDraft(ws, op.familyId);
    const date = op.date ?? ctx.today;
    draft.family.assessment = withAnalysis(draft.family, op.summary, date);
    return { ...op, date };
  },
  'assessment.conclude'(ws, op, ctx) {
    const draft = requireDraft(ws, op.familyId);
    // The TAM's own day (as its start is written, with the offset it was planned in), unless given.
    const date = op.date ?? draft.find('meetings', op.meetingId)?.start.slice(0, 10) ?? ctx.today;
    // The goals go in as goal.add puts them (ids, priorities), and the conclusion names them.
    const goals = op.goals.map((goal) => handlers['goal.add'](ws, { op: 'goal.add', familyId: op.familyId, status: 'active', ...goal }, ctx));
    draft.family.assessment = withConclusion(draft.family, { meetingId: op.meetingId, text: op.conclusion, date, goalIds: goals.map((goal) => goal.id as string) });
    return { ...op, date, goals: goals.map(({ op: _name, familyId: _familyId, status: _status, ...goal }) => goal) };
  },
  'statusform.set'(ws, op) {
    const { draft, entity: meeting } = editEntity(ws, 'meetings', op.meetingId);
    meeting.statusForm = withStatusFormRow(draft.family, meeting, op);
    return op;
  },
  'family.import'(ws, op) {
    const { family } = op;
    if (ws.family(family.id) && !op.replace)
      throw new OperationError(`family ${family.id} already exists (import with --prefer theirs to replace it, or --prefer ours to keep it)`);
    const overlong = overlongIdsOf(family);
    if (overlong.length > 0) throw new OperationError(`family ${family.id}: id ${overlong[0] as string} ${OVERLONG_NUMBER_MESSAGE}`);
    // Ids are unique in the whole store: an id another family uses cannot come in with this one.
    // An agreement's id derived from its place (m4.2) is stored nowhere: it is looked for both ways.
    const ids = new Set([...idsOf(family), ...Array.from(agreementsOf(family), (place) => place.id)]);
    const taken = [...ids].filter((id) => {
      const owner = ws.familyOf(id) ?? derivedAgreementHolder(ws, id);
      return owner !== undefined && owner.id !== family.id;
    });
    if (taken.length > 0) throw new OperationError(`family ${family.id}: ids already used by another family: ${taken.slice(0, 5).join(', ')}${taken.length > 5 ? ', …' : ''}`);
    ws.put(structuredClone(family));
    return op;
  },
  'family.erase'(ws, op) {
    requireFamily(ws, op.familyId);
    ws.remove(op.familyId);
    return op;
  },
};

/**
 * What an operation can change of an object it edits in place: its fields (as JSON has them: one
 * set to undefined is absent), and which list each list field holds and how long it is.
 * Operations set fields and add to or take from lists; one that changes an item of a list in place
 * (an agreement in its meeting) watches that item too. So this tells whether they changed the
 * object without copying it. Flat (each field's name, value, and list length or -1), as a batch
 * takes a few per operation.
 */
type Outline = unknown[];

// Indexed loops over Object.keys, no closures, iterators or Map: a batch takes three outlines per
// operation, mostly before V8 compiles these, and each iterator and closure counted (~25 M
// instructions of a 1,000-line batch, issue 19). Exported for tests/domain/changedNothing.test.ts.
export function outline(object: object): Outline {
  const keys = Object.keys(object);
  const fields: Outline = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const value = (object as Record<string, unknown>)[key];
    if (value !== undefined) fields.push(key, value, Array.isArray(value) ? value.length : -1);
  }
  return fields;
}

/** Whether the field at `i` of an outline holds `value` still: the same value, or the same list as long as it was. */
function sameField(outlined: Outline, i: number, value: unknown): boolean {
  return outlined[i + 2] === (Array.isArray(value) ? value.length : -1) && (outlined[i + 1] === value || sameData(outlined[i + 1], value));
}

/** Whether an object has the outline it had: the same fields, each with the same value or the same list as long as it was. */
export function sameOutline(before: Outline, object: object): boolean {
  // Field by field as the object lists them, while they come in the outline's order.
  const keys = Object.keys(object);
  let at = 0;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] as string;
    const value = (object as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (before[at] !== key) return sameFieldsByName(before, outline(object));
    if (!sameField(before, at, value)) return false;
    at += 3;
  }
  return at === before.length;
}

/** sameOutline for fields taken out and put back, which come in another order: matched by name. */
function sameFieldsByName(before: Outline, after: Outline): boolean {
  if (after.length !== before.length) return false;
  const positions = new Map<unknown, number>();
  for (let i = 0; i < before.length; i += 3) positions.set(before[i], i);
  for (let k = 0; k < after.length; k += 3) {
    const i = positions.get(after[k]);
    if (i === undefined || !sameField(before, i, after[k + 1])) return false;
  }
  return true;
}

/**
 * A workspace seen by one operation: remembers each family it puts or removes as it was before,
 * and the outline of each family draft and object it is handed to change in place, so that
 * `changedNothing` compares only what the operation touched (a step's draft is changed in place,
 * and copying the family per operation would make a batch on one family quadratic).
 */
class OperationWorkspace implements Workspace {
  private readonly before = new Map<string, Family | undefined>();
  /** The objects handed to change in place, in order, and their outlines (an operation watches one to three). */
  private readonly watched: object[] = [];
  private readonly outlines: Outline[] = [];

  constructor(private readonly ws: Workspace) {}

  family(familyId: string): Family | undefined {
    return this.ws.family(familyId);
  }

  familyOf(entityId: string): Family | undefined {
    return this.ws.familyOf(entityId);
  }

  put(family: Family): void {
    this.remember(family.id);
    this.ws.put(family);
  }

  draft(familyId: string): FamilyDraft | undefined {
    const draft = this.ws.draft(familyId);
    if (draft) this.watch(draft.family);
    return draft;
  }

  remove(familyId: string): void {
    this.remember(familyId);
    this.ws.remove(familyId);
  }

  idTaken(id: string): boolean {
    return this.ws.idTaken(id);
  }

  newId(prefix: string): string {
    return this.ws.newId(prefix);
  }

  changes() {
    return this.ws.changes();
  }

  private remember(familyId: string): void {
    if (!this.before.has(familyId)) this.before.set(familyId, this.ws.family(familyId));
  }

  /** Remembers the outline of an object the operation is about to change in place. */
  watch(object: object): void {
    if (this.watched.includes(object)) return;
    this.watched.push(object);
    this.outlines.push(outline(object));
  }

  /** Whether every family the operation put, and every object it changed in place, is as it was. */
  changedNothing(): boolean {
    if (this.before.size > 0) for (const [familyId, before] of this.before) if (!sameData(before, this.ws.family(familyId))) return false;
    // The objects watched last first: the goal a batch line changed comes after its family, whose
    // outline would only be taken again to find it unchanged.
    for (let i = this.watched.length - 1; i >= 0; i--) if (!sameOutline(this.outlines[i] as Outline, this.watched[i] as object)) return false;
    return true;
  }
}

/** "goal g13", "family f3": what an operation is about, for its messages. */
function targetOf(operation: Operation): string {
  if (operation.op === 'family.import') return `family ${operation.family.id}`;
  const [field, id] = Object.entries(operation).find(([key, value]) => key.endsWith('Id') && typeof value === 'string') ?? ['', ''];
  return `${field.slice(0, -2)} ${String(id)}`;
}

/**
 * Applies one validated operation to a workspace and returns its resolved form. An operation that
 * would leave every family as it was (a goal set to the status it has, an update to the values it
 * has) is refused: a step that changes nothing must write nothing, not a backup and a log step.
 */
export function applyOperation(ws: Workspace, operation: Operation, ctx: ApplyContext): Operation {
  const handler = handlers[operation.op] as (ws: OperationWorkspace, op: Operation, ctx: ApplyContext) => Operation;
  const seen = new OperationWorkspace(ws);
  const applied = handler(seen, operation, ctx);
  if (seen.changedNothing()) throw new OperationError(`nothing to change: ${targetOf(operation)} already has these values`);
  return applied;
}
