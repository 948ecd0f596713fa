// Small hand-built states that follow the store contract, for tests that need exact expectations.
import type { Contact, Family, Goal, Intervention, Meeting, Member, State } from '../../src/domain/schema.js';

export const member = (id: string, role: Member['role'], extra: Partial<Member> = {}): Member => ({
  id,
  name: `Person ${id}`,
  role,
  observations: [],
  events: [],
  ...extra,
});

export function family(id: string, overrides: Partial<Family> = {}): Family {
  return {
    id,
    name: `Familien ${id}`,
    members: [
      member(`${id}-a`, 'adult', { name: 'Mette' }),
      member(`${id}-c`, 'child', { name: 'Emil' }),
    ],
    goals: [],
    meetings: [],
    contacts: [],
    interventions: [],
    consents: [],
    ...overrides,
  };
}

export const goal = (id: string, due: string, status: Goal['status'] = 'active', extra: Partial<Goal> = {}): Goal => ({
  id,
  title: `Mål ${id}`,
  sector: 'school',
  due,
  status,
  progress: [],
  ...extra,
});

export const meeting = (id: string, start: string, extra: Partial<Meeting> = {}): Meeting => ({
  id,
  type: 'netværksmøde',
  start,
  durationMin: 60,
  place: 'Rådhuset',
  attendees: [],
  minutes: '',
  agreements: [],
  ...extra,
});

export const contact = (id: string, opened: string, status: Contact['status'] = 'open', extra: Partial<Contact> = {}): Contact => ({
  id,
  sector: 'employment',
  subject: `Spørgsmål ${id}`,
  opened,
  status,
  ...extra,
});

export const intervention = (id: string, memberId: string, from: string, to?: string, extra: Partial<Intervention> = {}): Intervention => ({
  id,
  memberId,
  sector: 'employment',
  kind: 'mentorstøtte',
  from,
  ...(to !== undefined && { to }),
  ...extra,
});

export const state = (...families: Family[]): State => ({ version: 1, families });
