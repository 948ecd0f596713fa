// Dates, times and decimals as people read them, in one place for the workbench and the CLI's
// tables: Danish "8. dec." / "08.12.2026", English "8 Dec" / "8 Dec 2026", never MM-DD (which a
// Dane reads as day-month); the year only when it is not this year's; times on the 24-hour clock; a decimal
// comma in Danish. JSON output and files keep ISO.
//
// Month and weekday names are those of date-fns's `da` and `en-GB` locales, written out here
// (tests/domain/dateFormat.test.ts compares every name and every day of four years with
// date-fns): loading the locales built their parsing tables, some 150 regular expressions, and
// date-fns's formatter on every command's start, for the dozen words a table uses (issue 19:
// ~3 M instructions of `today --json`, which prints none of them, and a second garbage collection).
import { wallClock } from './dates.js';
import type { Lang } from './vocabulary.js';

const NAMES = {
  da: {
    monthsShort: ['jan.', 'feb.', 'mar.', 'apr.', 'maj', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'],
    months: ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
    weekdays: ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'],
  },
  en: {
    monthsShort: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    weekdays: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  },
} as const satisfies Record<Lang, { monthsShort: readonly string[]; months: readonly string[]; weekdays: readonly string[] }>;

/** A month's short name ("dec." / "Dec") from an ISO date's month digits. */
const shortMonth = (isoDate: string, lang: Lang) => NAMES[lang].monthsShort[Number(isoDate.slice(5, 7)) - 1];

/** Noon on a calendar date in local time: no time zone or DST change can move it to another day. */
const calendarDay = (isoDate: string) => new Date(`${isoDate}T12:00:00`);

/**
 * "8. dec." / "8 Dec" in `today`'s year; another year's date with its year, as "08.12.2027" /
 * "8 Dec 2027". Read from the text, not through a Date: a table of a municipality's day calls it
 * per row.
 */
export function dayText(isoDate: string, lang: Lang, today: string): string {
  if (isoDate.slice(0, 4) !== today.slice(0, 4)) return numericDate(isoDate, lang);
  const month = shortMonth(isoDate, lang);
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
  return `${Number(isoDate.slice(8, 10))} ${shortMonth(isoDate, 'en')} ${isoDate.slice(0, 4)}`;
}

/** "tirsdag 24. november 2026" / "Tuesday 24 November 2026" (date-fns's `EEEE d. MMMM yyyy` / `EEEE d MMMM yyyy`). */
export function longDate(isoDate: string, lang: Lang): string {
  const date = calendarDay(isoDate);
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid time value'); // as date-fns's format
  const names = NAMES[lang];
  const year = date.getFullYear();
  const yearText = String(year > 0 ? year : 1 - year).padStart(4, '0'); // 1 BC, not year 0, as date-fns's `y`
  return `${names.weekdays[date.getDay()]} ${date.getDate()}${lang === 'da' ? '.' : ''} ${names.months[date.getMonth()]} ${yearText}`;
}

/**
 * A date as the printed documents write it, ICU's long date of da-DK / en-GB: "24. november 2026" /
 * "24 November 2026" (the year as a number, unpadded, as ICU's `y`). Written out like the names
 * above: an Intl.DateTimeFormat costs ~8-15 ms to start, a third of `famcoord plan` (issue 19).
 */
export function documentDate(isoDate: string, lang: Lang): string {
  const month = NAMES[lang].months[Number(isoDate.slice(5, 7)) - 1];
  if (month === undefined) throw new RangeError('Invalid time value'); // as ICU's format
  return `${Number(isoDate.slice(8, 10))}${lang === 'da' ? '.' : ''} ${month} ${Number(isoDate.slice(0, 4))}`;
}

/**
 * An instant at its wall clock in `timeZone`, as ICU's full date and short time of da-DK / en-GB:
 * "tirsdag den 24. november 2026 kl. 13.30" / "Tuesday, 24 November 2026 at 13:30".
 */
export function documentDateTime(instant: string, timeZone: string, lang: Lang): string {
  const { date, time } = wallClock(instant, timeZone);
  const weekday = NAMES[lang].weekdays[new Date(`${date}T00:00:00Z`).getUTCDay()];
  if (lang === 'da') return `${weekday} den ${documentDate(date, lang)} kl. ${time.replace(':', '.')}`;
  return `${weekday}, ${documentDate(date, lang)} at ${time}`;
}

/** "12.500 kr.": thousands marked with a point, as kroner are written (no ICU needed for it). */
export const kroner = (value: number) => `${String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} kr.`;

/** A number with a decimal comma in Danish ("15,5"); `digits` fixes the decimals shown. */
export function decimalText(value: number, lang: Lang, digits?: number): string {
  const text = digits === undefined ? String(value) : value.toFixed(digits);
  return lang === 'da' ? text.replace('.', ',') : text;
}
