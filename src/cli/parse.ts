// Parsers for the compact flag forms people type ("Mette Jensen:adult", "09:00", "jobcenter").
// They translate; the operation schemas validate. An unknown word is passed through unchanged so
// that validation reports it with the list of allowed values.
import { parseLocalDateTime } from '../domain/dates.js';
import { observationFromText } from '../domain/input.js';
import { ownValue } from '../domain/own.js';
import { parseCaseEvent, parseMeetingType, parseSector, type MemberRole } from '../domain/vocabulary.js';
import { UsageError } from './errors.js';

export const sectorFlag = (value: string | undefined) => (value === undefined ? undefined : (parseSector(value) ?? value));
export const caseEventFlag = (value: string | undefined) => (value === undefined ? undefined : (parseCaseEvent(value) ?? value));

/**
 * --kind and --value of an observation: the kind and the status words in any of their spellings
 * (quality-of-life, kontanthjælp, svære...), numbers as numbers. Validation checks the value.
 */
/** An observation's kind and value as typed after --kind and --value. */
export const observationFlags = observationFromText;

export const meetingTypeFlag = (value: string | undefined) =>
  value === undefined ? undefined : (parseMeetingType(value) ?? value);

/** Splits "left:right" at the last colon; the right part is optional. */
function splitLast(value: string, separator: string): [string, string | undefined] {
  const at = value.lastIndexOf(separator);
  return at < 0 ? [value.trim(), undefined] : [value.slice(0, at).trim(), value.slice(at + 1).trim()];
}

/** "Mette Jensen:adult" → a member; the role is adult or child (voksen/barn also work). */
export function parseMember(value: string): { name: string; role: MemberRole } {
  const [name, role = ''] = splitLast(value, ':');
  const roles: Partial<Record<string, MemberRole>> = { voksen: 'adult', barn: 'child', adult: 'adult', child: 'child' };
  const resolved = ownValue(roles, role.toLowerCase());
  if (!resolved) throw new UsageError((lang) => (lang === 'da' ? '--member skal være NAVN:voksen eller NAVN:barn, f.eks. --member "Mette Jensen:voksen"' : '--member must be NAME:adult or NAME:child, e.g. --member "Mette Jensen:adult"'));
  return { name, role: resolved };
}

/**
 * "Lone Berg:jobcenter:mentor" → an attendee with a sector and a role; "Lone Berg:jobcenter" →
 * with a sector; "Mette Jensen::mor" → with a role only; "Lone Berg" → a name only.
 */
export function parseAttendee(value: string): { name: string; sector?: string; role?: string } {
  const parts = value.split(':');
  const [rest, role] = parts.length >= 3 ? splitLast(value, ':') : [value, undefined];
  const [name, sector] = splitLast(rest, ':');
  return { name, ...(sector && { sector: sectorFlag(sector) }), ...(role && { role }) };
}

/** "who|what|YYYY-MM-DD" (the date optional) → an agreement. */
export function parseAgreement(value: string): { who: string; what: string; due?: string } {
  const [who = '', what = '', due] = value.split('|').map((s) => s.trim());
  if (!who || !what)
    throw new UsageError((lang) => (lang === 'da' ? '--agreement skal være "HVEM|HVAD|ÅÅÅÅ-MM-DD", f.eks. --agreement "Mette|Ringer til PPR|2026-12-01"' : '--agreement must be "WHO|WHAT|YYYY-MM-DD", e.g. --agreement "Mette|Ringer til PPR|2026-12-01"'));
  return { who, what, ...(due && { due }) };
}

/**
 * A meeting's start: a full ISO date-time with offset is kept; "YYYY-MM-DD HH:MM" (or with T) is
 * read in the local time zone and given its offset there.
 */
export function parseStart(value: string | undefined, timeZone: string): string | undefined {
  if (value === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$/.test(value.trim())) {
    const start = parseLocalDateTime(value, timeZone);
    if (!start) throw new UsageError((lang) => (lang === 'da' ? '--start skal være en dato og et klokkeslæt, der findes, som "ÅÅÅÅ-MM-DD TT:MM", f.eks. --start "2026-11-24 09:00" (ikke et klokkeslæt, uret springer over, når sommertiden begynder)' : '--start must be a date and time that exist, as "YYYY-MM-DD HH:MM", e.g. --start "2026-11-24 09:00" (not a time the clocks skip when summer time begins)'));
    return start;
  }
  return value.trim();
}
