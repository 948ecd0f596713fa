// Interventions that overlap or collide, and meetings that clash (DOMAIN.md, "Fewer contacts, no
// overlaps"): the departments each plan their own help, so the same job can be done twice for one
// person, or one person be asked to two meetings at once. Pure rules over one family.
import { decidedInterventions } from './decisions.js';
import { overlappingInterventions, periodsOverlap } from './rules.js';
import type { Family, Intervention, Meeting } from './schema.js';

/**
 * Kinds of intervention that do the same job, by purpose. Kinds are matched without regard to
 * case, spacing or a bracketed note ("socialpædagogisk støtte (SKP)" is "socialpædagogisk
 * støtte"). A municipality names its kinds its own way, so the table can be replaced in the
 * famcoord config (README, "Interventions that collide"); this is the default.
 */
export type PurposeTable = Readonly<Record<string, readonly string[]>>;

export const SAME_PURPOSE: PurposeTable = {
  /** Someone who comes by and helps an adult hold the everyday together. */
  hverdagsstøtte: ['mentorstøtte', 'bostøtte', 'socialpædagogisk støtte', 'støttekontaktperson', 'familiebehandling'],
  /** Talking treatment for the mind. */
  'psykisk behandling': ['psykologbehandling', 'psykiatrisk behandling', 'samtaleforløb'],
  /** Help with money and debt. */
  økonomi: ['økonomisk rådgivning', 'gældsrådgivning', 'budgetrådgivning'],
  /** Help with schoolwork. */
  lektiehjælp: ['lektiestøtte', 'lektiehjælp', 'lektiecafé'],
};

export type CollisionKind = 'same-purpose' | 'same-kind' | 'meeting-clash';

/** What each kind of collision means, for people: the `reason` of a collision is English and names codes, for --json and logs. */
export const COLLISION_KIND_LABELS: Record<CollisionKind, { da: string; en: string }> = {
  'same-purpose': { da: 'samme formål fra to sektorer for samme person på samme tid', en: 'the same purpose from two sectors for one person at the same time' },
  'same-kind': { da: 'samme indsats to gange for samme person på samme tid', en: 'the same intervention twice for one person at the same time' },
  'meeting-clash': { da: 'møder der overlapper i tid med fælles deltagere', en: 'meetings that overlap in time with people at both' },
};

export interface Collision {
  kind: CollisionKind;
  /** The two interventions or meetings, in the family's order. */
  ids: [string, string];
  reason: string;
}

/** A kind as the table compares it: lower case, single spaces, no bracketed note at the end. */
export function foldKind(kind: string): string {
  return kind
    .toLowerCase()
    .replace(/\s*\([^)]*\)\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The purpose each folded kind serves, for looking kinds up. */
function purposeIndex(table: PurposeTable): Map<string, string> {
  const index = new Map<string, string>();
  for (const [purpose, kinds] of Object.entries(table)) for (const kind of kinds) index.set(foldKind(kind), purpose);
  return index;
}

/** The default table's index, made when first asked for: commands that never look a kind up (today) do not pay for it. */
let defaultIndex: Map<string, string> | undefined;

/** The purpose a kind of intervention serves in the table, if any. */
export function purposeOf(kind: string, table: PurposeTable = SAME_PURPOSE): string | undefined {
  return (table === SAME_PURPOSE ? (defaultIndex ??= purposeIndex(SAME_PURPOSE)) : purposeIndex(table)).get(foldKind(kind));
}

/**
 * Checks a purpose table from outside (the config): an object of purposes, each a list of kinds.
 * Returns the problem in words, or the table.
 */
export function purposeTableFrom(value: unknown): PurposeTable | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object of purposes, each a list of intervention kinds';
  for (const [purpose, kinds] of Object.entries(value))
    if (!Array.isArray(kinds) || !kinds.every((k) => typeof k === 'string' && k.trim().length > 0))
      return `purpose "${purpose.slice(0, 40)}" must be a list of intervention kinds (text)`;
  return value as PurposeTable;
}

/**
 * Pairs of interventions for the same member from different sectors whose kinds serve the same
 * purpose, and whose periods overlap (both days inclusive; no `to` is ongoing).
 */
export function samePurposeInterventions(family: Family, table: PurposeTable = SAME_PURPOSE): Array<{ pair: [Intervention, Intervention]; purpose: string }> {
  const index = purposeIndex(table);
  const found: Array<{ pair: [Intervention, Intervention]; purpose: string }> = [];
  const list = decidedInterventions(family);
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i] as Intervention;
      const b = list[j] as Intervention;
      if (a.memberId !== b.memberId || a.sector === b.sector || !periodsOverlap(a, b)) continue;
      const purpose = index.get(foldKind(a.kind));
      if (purpose !== undefined && purpose === index.get(foldKind(b.kind))) found.push({ pair: [a, b], purpose });
    }
  return found;
}

/** A meeting's start and end as epoch milliseconds. */
function meetingSpan(meeting: Meeting): { start: number; end: number } {
  const start = Date.parse(meeting.start);
  return { start, end: start + meeting.durationMin * 60_000 };
}

/** An attendee's name as compared between meetings: case and spacing do not make another person. */
export const personKey = (name: string) => name.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Pairs of the family's meetings that overlap in time (one ends after the other starts; meeting
 * back to back is no clash) with a person on both lists of attendees, with those people's names.
 */
export function meetingClashes(family: Family): Array<{ pair: [Meeting, Meeting]; people: string[] }> {
  const found: Array<{ pair: [Meeting, Meeting]; people: string[] }> = [];
  const meetings = family.meetings.map((meeting) => ({ meeting, ...meetingSpan(meeting) })).sort((a, b) => a.start - b.start);
  for (let i = 0; i < meetings.length; i++) {
    const a = meetings[i] as (typeof meetings)[number];
    for (let j = i + 1; j < meetings.length && (meetings[j] as (typeof meetings)[number]).start < a.end; j++) {
      const b = meetings[j] as (typeof meetings)[number];
      const onA = new Set(a.meeting.attendees.map((p) => personKey(p.name)));
      const people = b.meeting.attendees.filter((p) => onA.has(personKey(p.name))).map((p) => p.name);
      if (people.length > 0) found.push({ pair: [a.meeting, b.meeting], people });
    }
  }
  return found;
}

/**
 * Everything that collides in a family: the same kind of help twice (same member, sector and
 * kind), the same purpose from two sectors, and meetings that clash. Reasons name ids, kinds and
 * sectors; a clash names how many people it concerns, not who (the reason reaches logs and screens).
 */
export function familyCollisions(family: Family, table: PurposeTable = SAME_PURPOSE): Collision[] {
  const sameKind = overlappingInterventions(family).map(([a, b]): Collision => ({
    kind: 'same-kind',
    ids: [a.id, b.id],
    reason: `${a.id} and ${b.id}: ${a.kind} twice from ${a.sector} for ${a.memberId} at the same time`,
  }));
  const samePurpose = samePurposeInterventions(family, table).map(({ pair: [a, b], purpose }): Collision => ({
    kind: 'same-purpose',
    ids: [a.id, b.id],
    reason: `${a.id} (${a.kind}, ${a.sector}) and ${b.id} (${b.kind}, ${b.sector}) both serve ${purpose} for ${a.memberId} at the same time`,
  }));
  const clashes = meetingClashes(family).map(({ pair: [a, b], people }): Collision => ({
    kind: 'meeting-clash',
    ids: [a.id, b.id],
    reason: `${a.id} and ${b.id} overlap in time with ${people.length} ${people.length === 1 ? 'person' : 'people'} at both`,
  }));
  return [...sameKind, ...samePurpose, ...clashes];
}

/**
 * What a proposed intervention would overlap once approved (the same kind, the same purpose):
 * shown to the holder of the decision authority before they decide.
 */
export function collisionsIfApproved(family: Family, interventionId: string, table: PurposeTable = SAME_PURPOSE): Collision[] {
  const interventions = family.interventions.map((iv) => (iv.id === interventionId && iv.decision ? { ...iv, decision: { ...iv.decision, status: 'approved' as const } } : iv));
  return familyCollisions({ ...family, interventions }, table).filter((c) => c.kind !== 'meeting-clash' && c.ids.includes(interventionId));
}

/** The ids of the interventions and meetings in any collision. */
export function collidingIds(collisions: readonly Collision[]): Set<string> {
  return new Set(collisions.flatMap((c) => c.ids));
}
