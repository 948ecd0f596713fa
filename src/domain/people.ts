// People as the team names them (a coordinator, a transfer's receiver, an authority's holder): one
// way to tell whether two names are the same person, and who acts when no one is named.
import type { Family } from './schema.js';

/** The form a coordinator's name is compared in: trimmed, lower case, single spaces. */
export function coordinatorKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('da');
}

/** Whether two people's names name the same person (as a caseload is compared: case and spacing aside). */
export function samePerson(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && coordinatorKey(a) === coordinatorKey(b);
}

/**
 * Who acts, when a rule needs a person: the person the step is done as, or (one person's file
 * store, where no one is named) the family's coordinator.
 */
export function actingPerson(family: Family, person: string | undefined): string | undefined {
  return person ?? family.coordinator;
}
