// Finding things by what a coordinator remembers: an id (f3, g12, m4, c5) from a letter, a log
// line or a colleague, or a word from a name or a goal. Pure; the workbench's `:` jump and `/`
// filter both use it.
import type { Family, State } from './schema.js';

export type FoundKind = 'family' | 'member' | 'goal' | 'meeting' | 'agreement' | 'contact' | 'intervention' | 'consent';

/** Where an id leads: the object's kind, and the family and (for an agreement) meeting it is in. */
export interface Found {
  kind: FoundKind;
  id: string;
  familyId: string;
  meetingId?: string;
}

/** How an id is typed: "G12 " is g12. */
export const normalizeId = (typed: string) => typed.trim().toLowerCase();

/** The object a family holds with this id, if any. */
function inFamily(family: Family, id: string): Found | undefined {
  const at = (kind: FoundKind, extra: Partial<Found> = {}): Found => ({ kind, id, familyId: family.id, ...extra });
  if (family.id === id) return at('family');
  if (family.members.some((m) => m.id === id)) return at('member');
  if (family.goals.some((g) => g.id === id)) return at('goal');
  for (const meeting of family.meetings) {
    if (meeting.id === id) return at('meeting');
    // An agreement (m4.1; older ones have no id) is found in its meeting.
    if (meeting.agreements.some((a) => a.id === id)) return at('agreement', { meetingId: meeting.id });
  }
  if (family.contacts.some((c) => c.id === id)) return at('contact');
  if (family.interventions.some((i) => i.id === id)) return at('intervention');
  if (family.consents.some((c) => c.id === id)) return at('consent');
  return undefined;
}

/** The object with this id (typed in any case, with spaces around), or undefined. */
export function findById(state: State, typed: string): Found | undefined {
  const id = normalizeId(typed);
  if (!id) return undefined;
  for (const family of state.families) {
    const found = inFamily(family, id);
    if (found) return found;
  }
  return undefined;
}

/**
 * Whether a family matches what was typed after `/`: its name, coordinator or id, a member's name
 * or id, a goal's title or id, or the id of a meeting, contact or intervention. Case is ignored,
 * Danish letters included ("oscar" finds the family where Oscar lives).
 */
export function familyMatches(family: Family, typed: string): boolean {
  const needle = typed.trim().toLocaleLowerCase('da');
  if (!needle) return true;
  const has = (text: string | undefined) => text !== undefined && text.toLocaleLowerCase('da').includes(needle);
  return (
    has(family.name) ||
    has(family.id) ||
    has(family.coordinator) ||
    family.members.some((m) => has(m.name) || has(m.id)) ||
    family.goals.some((g) => has(g.title) || has(g.id)) ||
    inFamily(family, normalizeId(typed)) !== undefined
  );
}
