// Dates, times and decimals as people read them, in one place for the workbench and the CLI's
// tables: Danish "8. dec." / "08.12.2026", English "8 Dec" / "8 Dec 2026", never MM-DD (which a
// Dane reads as day-month); the year only when it is not this year's; times on the 24-hour clock; a decimal
// comma in Danish. Month names come from date-fns's locales. JSON output and files keep ISO.
import { format, type Month } from 'date-fns';
import { da } from 'date-fns/locale/da';
import { enGB } from 'date-fns/locale/en-GB';
import { wallClock } from './dates.js';
import type { Lang } from './vocabulary.js';

const LOCALES = { da, en: enGB } as const;

/** Noon on a calendar date in local time: no time zone or DST change can move it to another day. */
const calendarDay = (isoDate: string) => new Date(`${isoDate}T12:00:00`);

/**
 * "8. dec." / "8 Dec" in `today`'s year; another year's date with its year, as "08.12.2027" /
 * "8 Dec 2027". Built from the locale's month names, not `format`: a table of a municipality's
 * day calls it per row.
 */
export function dayText(isoDate: string, lang: Lang, today: string): string {
  if (isoDate.slice(0, 4) !== today.slice(0, 4)) return numericDate(isoDate, lang);
  const month = LOCALES[lang].localize.month((Number(isoDate.slice(5, 7)) - 1) as Month, { width: 'abbreviated' });
  const day = Number(isoDate.slice(8, 10));
  return lang === 'da' ? `${day}. ${month}` : `${day} ${month}`;
}

/** An instant as its day and 24-hour time in `timeZone`: "8. dec. 09:00" / "8 Dec 09:00". */
export function dayTimeText(instant: string, timeZone: string, lang: Lang, today: string): string {
  const { date, time } = wallClock(instant, timeZone);
  return `${dayText(date, lang, today)} ${time}`;
}

/** A date with its year, short: "08.12.2026" / "8 Dec 2026" (English day-month-year in numbers is read both ways). */
export function numericDate(isoDate: string, lang: Lang): string {
  if (lang === 'da') return `${isoDate.slice(8, 10)}.${isoDate.slice(5, 7)}.${isoDate.slice(0, 4)}`;
  return `${Number(isoDate.slice(8, 10))} ${LOCALES.en.localize.month((Number(isoDate.slice(5, 7)) - 1) as Month, { width: 'abbreviated' })} ${isoDate.slice(0, 4)}`;
}

/** "tirsdag 24. november 2026" / "Tuesday 24 November 2026". */
export function longDate(isoDate: string, lang: Lang): string {
  return format(calendarDay(isoDate), lang === 'da' ? 'EEEE d. MMMM yyyy' : 'EEEE d MMMM yyyy', { locale: LOCALES[lang] });
}

/** "12.500 kr.": thousands marked with a point, as kroner are written (no ICU needed for it). */
export const kroner = (value: number) => `${String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} kr.`;

/** A number with a decimal comma in Danish ("15,5"); `digits` fixes the decimals shown. */
export function decimalText(value: number, lang: Lang, digits?: number): string {
  const text = digits === undefined ? String(value) : value.toFixed(digits);
  return lang === 'da' ? text.replace('.', ',') : text;
}
