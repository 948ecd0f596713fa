// The seam between operations and storage. Operations read and replace whole families through a
// Workspace; the JSON backend implements it over an in-memory state, a database backend can
// implement it with queries, and both record the same before/after pairs for the audit log and undo.
import type { Family, State } from './schema.js';

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
  /** Adds or replaces a family. Families handed out are never mutated: put a changed copy. */
  put(family: Family): void;
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
    ...family.contacts.map((c) => c.id),
    ...family.interventions.map((i) => i.id),
    ...family.consents.map((c) => c.id),
  ];
}

const ENTITY_LISTS = ['members', 'goals', 'meetings', 'contacts', 'interventions', 'consents'] as const;

/**
 * The ids a new version of a family adds and drops. Only lists that are new arrays are compared:
 * an operation copies just the list it changes, and most keep its ids (progress recorded, a
 * contact answered), so a batch of a thousand edits looks at little and allocates nothing.
 */
export function idChanges(previous: Family | undefined, next: Family): { added: string[]; removed: string[] } {
  if (!previous) return { added: idsOf(next), removed: [] };
  const added: string[] = [];
  const removed: string[] = [];
  for (const list of ENTITY_LISTS) {
    const before: ReadonlyArray<{ id: string }> = previous[list];
    const after: ReadonlyArray<{ id: string }> = next[list];
    if (before === after || (before.length === after.length && before.every((entity, i) => entity.id === after[i]?.id))) continue;
    const beforeIds = new Set(before.map((entity) => entity.id));
    const afterIds = new Set(after.map((entity) => entity.id));
    for (const id of afterIds) if (!beforeIds.has(id)) added.push(id);
    for (const id of beforeIds) if (!afterIds.has(id)) removed.push(id);
  }
  return { added, removed };
}

const NUMBERED_ID = /^([a-z]+)(\d+)$/;

/** Keeps the highest number seen per prefix so new ids are short and ascending. */
export class IdCounter {
  private readonly highest = new Map<string, number>();

  see(id: string): void {
    const match = NUMBERED_ID.exec(id);
    if (!match) return;
    const prefix = match[1] as string;
    const n = Number(match[2]);
    if (n > (this.highest.get(prefix) ?? 0)) this.highest.set(prefix, n);
  }

  next(prefix: string, taken: (id: string) => boolean): string {
    let n = (this.highest.get(prefix) ?? 0) + 1;
    while (taken(`${prefix}${n}`)) n++;
    this.highest.set(prefix, n);
    return `${prefix}${n}`;
  }
}

/** A workspace over a whole state held in memory; `result()` is a new state, the input is untouched. */
export class StateWorkspace implements Workspace {
  private readonly families: Family[];
  private readonly positionById = new Map<string, number>();
  private entityIndex?: Map<string, string>;
  private readonly counter = new IdCounter();
  private readonly touched = new Map<string, FamilyChange>();

  constructor(state: State) {
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

  idTaken(id: string): boolean {
    return this.index().has(id);
  }

  newId(prefix: string): string {
    this.index();
    return this.counter.next(prefix, (id) => this.idTaken(id));
  }

  changes(): FamilyChange[] {
    return [...this.touched.values()];
  }

  result(state: State): State {
    return { ...state, families: this.families };
  }
}
