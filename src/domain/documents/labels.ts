// The words of the printed documents (familiens plan, referat) in Danish and English. A small table
// of its own: the workbench's vocabulary (src/tui/i18n.ts) lives above the domain layer. Typed, so a
// word missing in one language fails to compile.
import { documentDate, documentDateTime } from '../dateFormat.js';
import type { Attendee } from '../schema.js';
import { MEETING_TYPE_LABELS, SECTOR_LABELS, type MeetingType } from '../vocabulary.js';

export type Lang = 'da' | 'en';

const da = {
  planTitle: 'Familiens plan',
  minutesTitle: 'Referat',
  printed: 'Udskrevet',
  family: 'Familie',
  coordinator: 'Familiekoordinator',
  members: 'Familien',
  name: 'Navn',
  role: 'Rolle',
  goals: 'Familiens mål',
  noGoals: 'Familien har ikke formuleret mål endnu.',
  whoseGoal: 'Hvis mål',
  wholeFamily: 'Hele familien',
  sector: 'Sektor',
  due: 'Frist',
  status: 'Status',
  progress: 'Fremskridt',
  noProgress: 'Ingen vurderinger endnu.',
  date: 'Dato',
  score: 'Vurdering (0–10)',
  note: 'Bemærkning',
  whoDoesWhat: 'Hvem gør hvad hvornår',
  nothingAgreed: 'Der er ingen åbne aftaler lige nu.',
  who: 'Hvem',
  what: 'Hvad',
  byWhen: 'Senest',
  from: 'Fra',
  ongoing: 'løbende',
  late: 'overskredet',
  until: 'til',
  replyReceived: 'svar modtaget',
  contactTo: 'Henvendelse',
  intervention: 'Indsats',
  nextMeetings: 'Næste møder',
  noMeetings: 'Der er ikke planlagt flere møder.',
  when: 'Hvornår',
  type: 'Type',
  place: 'Sted',
  attendees: 'Deltagere',
  duration: 'Varighed',
  minutesUnit: 'min.',
  minutesText: 'Referat',
  noMinutes: 'Der er ikke skrevet referat endnu.',
  agreements: 'Aftaler',
  noAgreements: 'Der blev ikke indgået aftaler.',
  calendarFamily: 'Familie',
  source: 'Fra planen',
  responsible: 'Ansvarlig',
  ownWords: 'Med familiens egne ord',
  yes: 'ja',
  servingAgreements: 'Aftaler, der skal hjælpe målet på vej',
} as const;

const en: Record<keyof typeof da, string> = {
  planTitle: 'Family plan',
  minutesTitle: 'Minutes',
  printed: 'Printed',
  family: 'Family',
  coordinator: 'Family coordinator',
  members: 'The family',
  name: 'Name',
  role: 'Role',
  goals: "The family's goals",
  noGoals: 'The family has not set goals yet.',
  whoseGoal: 'Whose goal',
  wholeFamily: 'The whole family',
  sector: 'Sector',
  due: 'Due',
  status: 'Status',
  progress: 'Progress',
  noProgress: 'No scores yet.',
  date: 'Date',
  score: 'Score (0–10)',
  note: 'Note',
  whoDoesWhat: 'Who does what by when',
  nothingAgreed: 'There are no open agreements right now.',
  who: 'Who',
  what: 'What',
  byWhen: 'By when',
  from: 'From',
  ongoing: 'ongoing',
  late: 'passed',
  until: 'until',
  replyReceived: 'reply received',
  contactTo: 'Request',
  intervention: 'Intervention',
  nextMeetings: 'Next meetings',
  noMeetings: 'No more meetings are planned.',
  when: 'When',
  type: 'Type',
  place: 'Place',
  attendees: 'Attendees',
  duration: 'Duration',
  minutesUnit: 'min',
  minutesText: 'Minutes',
  noMinutes: 'No minutes have been written yet.',
  agreements: 'Agreements',
  noAgreements: 'No agreements were made.',
  calendarFamily: 'Family',
  source: 'From the plan',
  responsible: 'Responsible',
  ownWords: "In the family's own words",
  yes: 'yes',
  servingAgreements: 'Agreements that serve the goal',
};

export type Words = Record<keyof typeof da, string>;
export const WORDS: Record<Lang, Words> = { da, en };

/** The documents say statuses and roles as the workbench does: the vocabulary's own labels. */
export { GOAL_STATUS_LABELS as GOAL_STATUS_WORDS, MEMBER_ROLE_LABELS as MEMBER_ROLE_WORDS } from '../vocabulary.js';

/** A calendar date in words: "24. november 2026" / "24 November 2026". */
export const longDate = (isoDate: string, lang: Lang): string => documentDate(isoDate, lang);

/** An instant as the reader's wall clock: "tirsdag den 24. november 2026 kl. 13.30". */
export const longDateTime = (instant: string, lang: Lang, timeZone: string): string => documentDateTime(instant, timeZone, lang);

/** "Susanne Bro (sundhedsplejerske, Sundhed)": an attendee with their role and sector, as far as known. */
export function attendeeText(attendee: Attendee, lang: Lang): string {
  const about = [attendee.role, attendee.sector && SECTOR_LABELS[attendee.sector][lang]].filter(Boolean);
  return about.length ? `${attendee.name} (${about.join(', ')})` : attendee.name;
}

/** A meeting type in the document's language (the English labels keep the Danish term: "Big meeting (stormøde)"). */
export const meetingTypeWord = (type: MeetingType, lang: Lang) => MEETING_TYPE_LABELS[type][lang];
