// The seam between operations and storage. Operations read and replace whole families through a
// Workspace; the JSON backend implements it over an in-memory state, a database backend can
// implement it with queries, and both record the same before/after pairs for the audit log and undo.
import { AGREEMENT_ID_PREFIX, agreementId, storedAgreementIds } from './agreements.js';
import { byDate } from './dates.js';
import { IdCounter, isOverlongNumberedId } from './ids.js';
import type { Agreement, Family, Meeting, State } from './schema.js';

export interface FamilyChange {
  familyId: string;
  /** null when the family was added by this transaction. */
  before: Family | null;
  /** null when the family was removed by this transaction. */
  after: Family | null;
}

export interface Workspace {
  family(familyId: string): Family | undefined;
  /** The family that holds a member, goal, meeting, contact or intervention with this id. */
  familyOf(entityId: string): Family | undefined;
  /**
   * Adds or replaces a family. Families handed out are never mutated: put a new one, or change
   * one through `draft`.
   */
  put(family: Family): void;
  /**
   * This step's own copy of a family, for operations to change in place: copied the first time it
   * is asked for (the family as it was stays untouched for the audit log and undo), and the same
   * copy for every later operation of the step, so a batch of many edits to one family copies it
   * once. Undefined when there is no such family.
   */
  draft(familyId: string): FamilyDraft | undefined;
  remove(familyId: string): void;
  idTaken(id: string): boolean;
  /** A fresh id such as g13: the prefix and one more than the highest number in use. */
  newId(prefix: string): string;
  changes(): FamilyChange[];
}

/** Ids of every object in a family, the family's own included. */
export function idsOf(family: Family): string[] {
  return [
    family.id,
    ...family.members.map((m) => m.id),
    ...family.goals.map((g) => g.id),
    ...family.meetings.map((m) => m.id),
    ...storedAgreementIds(family),
    ...family.contacts.map((c) => c.id),
    ...family.interventions.map((i) => i.id),
    ...family.consents.map((c) => c.id),
  ];
}

/**
 * The ids of a family that a new object may not have: letters followed by more digits than a
 * numbered id has (ids.ts). An import, from a file or a batch line, refuses such a family.
 */
export function overlongIdsOf(family: Family): string[] {
  return idsOf(family).filter(isOverlongNumberedId);
}

const ENTITY_LISTS = ['members', 'goals', 'meetings', 'contacts', 'interventions', 'consents'] as const;
export type EntityList = (typeof ENTITY_LISTS)[number];
type EntityOf<List extends EntityList> = Family[List][number];

/** What a family's draft asks of its workspace about ids. */
export interface DraftIds {
  /** An id was added to the family: the workspace indexes it. */
  added(id: string): void;
  /** Whether an object of the store has this id stored. */
  taken(id: string): boolean;
  /** A fresh id with this prefix (see Workspace.newId). */
  fresh(prefix: string): string;
}

/**
 * A family that one step owns and changes in place (see `Workspace.draft`). Objects are added
 * through it, so the workspace indexes their ids as they come, and it keeps what operations look
 * up (an object by id, the highest goal priority) so that each operation costs the same however
 * many came before it in the step.
 */
export class FamilyDraft {
  private readonly objects = new Map<EntityList, Map<string, EntityOf<EntityList>>>();
  private highestPriority?: number;
  /** Histories this step added to: put in date order once, when the step's changes are taken. */
  private readonly histories = new Set<Array<{ date: string }>>();

  constructor(
    readonly family: Family,
    private readonly ids: DraftIds,
  ) {}

  private indexAdded(id: string): void {
    this.ids.added(id);
  }

  private objectsOf<List extends EntityList>(list: List): Map<string, EntityOf<List>> {
    let objects = this.objects.get(list);
    if (!objects) {
      objects = new Map();
      // The first of a repeated id wins, as a search from the front would find it.
      for (const entity of this.family[list]) if (!objects.has(entity.id)) objects.set(entity.id, entity);
      this.objects.set(list, objects);
    }
    return objects as Map<string, EntityOf<List>>;
  }

  /** The object with this id in one of the family's lists, to change in place. */
  find<List extends EntityList>(list: List, id: string): EntityOf<List> | undefined {
    return this.objectsOf(list).get(id);
  }

  /** Adds an object to one of the family's lists; its id must be free (see claimId). */
  add<List extends EntityList>(list: List, entity: EntityOf<List>): void {
    (this.family[list] as Array<EntityOf<List>>).push(entity);
    if (!this.objectsOf(list).has(entity.id)) this.objectsOf(list).set(entity.id, entity);
    if (list === 'goals' && this.highestPriority !== undefined)
      this.highestPriority = Math.max(this.highestPriority, (entity as EntityOf<'goals'>).priority ?? 0);
    this.indexAdded(entity.id);
  }

  /** Adds an agreement to one of this family's meetings; its id must be free (see claimId). */
  addAgreement(meeting: Meeting, agreement: Agreement & { id: string }): void {
    this.settleAgreementIds(meeting);
    meeting.agreements.push(agreement);
    this.indexAdded(agreement.id);
  }

  /**
   * Writes each of a meeting's agreements stored without an id the id it is known by (its place,
   * see `agreementId`), before the list changes: an id derived from a place must not move to
   * another agreement when one before it is removed.
   */
  settleAgreementIds(meeting: Meeting): void {
    meeting.agreements.forEach((agreement, index) => {
      if (agreement.id !== undefined) return;
      const derived = agreementId(meeting.id, agreement, index);
      // The id it is known by may be stored on another object already (an older famcoord let an
      // id such as m4.2 be given by hand, or an import bring one): two objects would then share
      // it and the step would be refused for good, so this agreement gets a new id instead.
      const shared = this.ids.taken(derived) || meeting.agreements.some((other) => other.id === derived);
      agreement.id = shared ? this.ids.fresh(AGREEMENT_ID_PREFIX) : derived;
      this.indexAdded(agreement.id);
    });
  }

  /** The highest priority number of the family's goals (0 when none has one). */
  highestGoalPriority(): number {
    this.highestPriority ??= this.family.goals.reduce((max, goal) => Math.max(max, goal.priority ?? 0), 0);
    return this.highestPriority;
  }

  /** A goal's priority was changed: the highest is counted again when next asked for. */
  goalPriorityChanged(): void {
    this.highestPriority = undefined;
  }

  /**
   * Adds a dated entry to one of this family's histories, which `settle` puts in date order (same
   * day: in the order recorded). One stable sort at the end gives what a sort after every entry
   * would, without sorting a long history once per entry.
   */
  addDated<Entry extends { date: string }>(history: Entry[], entry: Entry): void {
    history.push(entry);
    this.histories.add(history);
  }

  /** Puts the histories this step added to in date order. */
  settle(): void {
    for (const history of this.histories) history.sort(byDate);
    this.histories.clear();
  }
}

/**
 * What every workspace shares: handing out drafts. A draft is a copy put in place of the family;
 * it stays this step's draft for as long as the workspace holds that very copy (a family put
 * anew or removed gets a new draft when next asked for).
 */
export abstract class DraftingWorkspace implements Workspace {
  private readonly drafts = new Map<string, FamilyDraft>();

  abstract family(familyId: string): Family | undefined;
  abstract familyOf(entityId: string): Family | undefined;
  abstract put(family: Family): void;
  abstract remove(familyId: string): void;
  abstract idTaken(id: string): boolean;
  abstract newId(prefix: string): string;
  /** The families this step touched, before and after (drafts as they are). */
  protected abstract touchedFamilies(): FamilyChange[];
  /** Indexes an id that an operation added to a family's draft, as `put` indexes a family's ids. */
  protected abstract indexAdded(familyId: string, id: string): void;

  draft(familyId: string): FamilyDraft | undefined {
    const current = this.family(familyId);
    if (!current) return undefined;
    const existing = this.drafts.get(familyId);
    if (existing?.family === current) return existing;
    const draft = new FamilyDraft(this.copyOf(current), {
      added: (id) => this.indexAdded(familyId, id),
      taken: (id) => this.idTaken(id),
      fresh: (prefix) => this.newId(prefix),
    });
    this.put(draft.family);
    this.drafts.set(familyId, draft);
    return draft;
  }

  /** A copy of a family for its draft: a deep copy, which a workspace that read the family's JSON text may make by parsing that again. */
  protected copyOf(family: Family): Family {
    return structuredClone(family);
  }

  /** The step's changes: taken once, after its operations (the drafts are settled first). */
  changes(): FamilyChange[] {
    for (const draft of this.drafts.values()) draft.settle();
    return this.touchedFamilies();
  }
}

/**
 * The ids a new version of a family adds and drops. Only lists that are new arrays are compared,
 * and lists that keep their ids in order allocate nothing: a step's draft is a copy of the whole
 * family with the same ids.
 */
export function idChanges(previous: Family | undefined, next: Family): { added: string[]; removed: string[] } {
  if (!previous) return { added: idsOf(next), removed: [] };
  const added: string[] = [];
  const removed: string[] = [];
  const compare = (before: readonly string[], after: readonly string[]) => {
    const beforeIds = new Set(before);
    const afterIds = new Set(after);
    for (const id of afterIds) if (!beforeIds.has(id)) added.push(id);
    for (const id of beforeIds) if (!afterIds.has(id)) removed.push(id);
  };
  for (const list of ENTITY_LISTS) {
    const before: ReadonlyArray<{ id: string }> = previous[list];
    const after: ReadonlyArray<{ id: string }> = next[list];
    if (before === after || (before.length === after.length && before.every((entity, i) => entity.id === after[i]?.id))) continue;
    compare(before.map((entity) => entity.id), after.map((entity) => entity.id));
  }
  // Agreements sit inside meetings, and are added, given ids and removed there.
  const agreementsBefore = storedAgreementIds(previous);
  const agreementsAfter = storedAgreementIds(next);
  if (agreementsBefore.length !== agreementsAfter.length || agreementsBefore.some((id, i) => id !== agreementsAfter[i])) compare(agreementsBefore, agreementsAfter);
  return { added, removed };
}

/** A workspace over a whole state held in memory; `result()` is a new state, the input is untouched. */
export class StateWorkspace extends DraftingWorkspace {
  private readonly families: Family[];
  private readonly positionById = new Map<string, number>();
  private entityIndex?: Map<string, string>;
  private readonly counter = new IdCounter();
  private readonly touched = new Map<string, FamilyChange>();

  constructor(state: State) {
    super();
    this.families = [...state.families];
    this.families.forEach((f, i) => this.positionById.set(f.id, i));
  }

  private index(): Map<string, string> {
    if (!this.entityIndex) {
      this.entityIndex = new Map();
      for (const family of this.families)
        for (const id of idsOf(family)) {
          this.entityIndex.set(id, family.id);
          this.counter.see(id);
        }
    }
    return this.entityIndex;
  }

  family(familyId: string): Family | undefined {
    const position = this.positionById.get(familyId);
    return position === undefined ? undefined : this.families[position];
  }

  familyOf(entityId: string): Family | undefined {
    const familyId = this.index().get(entityId);
    return familyId === undefined ? undefined : this.family(familyId);
  }

  private record(familyId: string, after: Family | null): void {
    const existing = this.touched.get(familyId);
    const before = existing ? existing.before : (this.family(familyId) ?? null);
    this.touched.set(familyId, { familyId, before, after });
  }

  put(family: Family): void {
    const index = this.index();
    this.record(family.id, family);
    const { added, removed } = idChanges(this.family(family.id), family);
    for (const id of removed) index.delete(id);
    for (const id of added) {
      index.set(id, family.id);
      this.counter.see(id);
    }
    const position = this.positionById.get(family.id);
    if (position === undefined) {
      this.positionById.set(family.id, this.families.length);
      this.families.push(family);
    } else {
      this.families[position] = family;
    }
  }

  remove(familyId: string): void {
    const position = this.positionById.get(familyId);
    if (position === undefined) return;
    this.record(familyId, null);
    const index = this.index();
    for (const id of idsOf(this.families[position] as Family)) index.delete(id);
    this.families.splice(position, 1);
    this.positionById.clear();
    this.families.forEach((f, i) => this.positionById.set(f.id, i));
  }

  protected indexAdded(familyId: string, id: string): void {
    this.index().set(id, familyId);
    this.counter.see(id);
  }

  idTaken(id: string): boolean {
    return this.index().has(id);
  }

  newId(prefix: string): string {
    this.index();
    return this.counter.next(prefix, (id) => this.idTaken(id));
  }

  protected touchedFamilies(): FamilyChange[] {
    return [...this.touched.values()];
  }

  result(state: State): State {
    return { ...state, families: this.families };
  }
}
