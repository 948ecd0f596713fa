// A team on one store (PostgreSQL): who the people are, and who read which family. File stores
// are one person's: they have no team and log no reads.
import type { FamilyStore } from './Store.js';
import type { TeamRole } from './pgTeamSchema.js';

export { TEAM_ROLES, type TeamRole } from './pgTeamSchema.js';

export interface TeamMember {
  /** The PostgreSQL login. */
  login: string;
  /** The person's name as families name people (their `coordinator`, an authority's holder). */
  name: string;
  role: TeamRole;
  /** A caseworker's sectors (what they are there for; their authority is recorded per family). */
  sectors: string[];
}

/** Reading a family's personal data, as logged: the command or screen that read it. */
export type ReadKind = 'family' | 'plan' | 'export' | 'workbench';

export interface FamilyRead {
  /** An ISO instant. */
  at: string;
  login: string;
  /** The login's name in the team when it read (none for the store's owner). */
  person?: string;
  familyId: string;
  what: ReadKind;
}

/** A store with logins: its team, managed by a lead or the owner, and its log of reads. */
export interface TeamStore extends FamilyStore {
  /** The login's place in the team; undefined for one outside it (the store's owner). */
  member(): Promise<TeamMember | undefined>;
  teamMembers(): Promise<TeamMember[]>;
  addTeamMember(member: TeamMember): Promise<void>;
  /** False when the login was not in the team. */
  removeTeamMember(login: string): Promise<boolean>;
  /** The family that holds an id (a member, a goal...), as far as the login may see: ids only, so the auditor too. */
  familyOf(id: string): Promise<string | undefined>;
  /** The logged reads of these families, oldest first (the auditor's; refused to others). */
  reads(familyIds: readonly string[]): Promise<FamilyRead[]>;
  /** Deletes the reads logged before `before` (the owner's): how many. */
  pruneReads(before: Date): Promise<number>;
}

export function isTeamStore(store: FamilyStore): store is TeamStore {
  return typeof (store as Partial<TeamStore>).teamMembers === 'function';
}

/** How long reads are kept by default (doctor --prune): six months. */
export const READS_KEPT_MONTHS = 6;
