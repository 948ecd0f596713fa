// Calendar dates as YYYY-MM-DD strings. Date-only arithmetic is done on day numbers in UTC so that
// daylight-saving changes and the process time zone can never shift a due date by a day.

const MS_PER_DAY = 86_400_000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** YYYY-MM-DD in ASCII digits, tested without a match to allocate. */
const ISO_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** True when `text` is a real calendar date written as YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(text: string): boolean {
  // A test and character codes, not a match's groups: this runs for every date of every family a
  // change checks (a family has hundreds), and each match was an array and three strings. No loop
  // either: V8 soon optimised one (digit by digit), which cost a one-line change ~4 MB of memory.
  if (!ISO_DATE_SHAPE.test(text)) return false;
  const year = (text.charCodeAt(0) - 48) * 1000 + (text.charCodeAt(1) - 48) * 100 + (text.charCodeAt(2) - 48) * 10 + (text.charCodeAt(3) - 48);
  const month = (text.charCodeAt(5) - 48) * 10 + (text.charCodeAt(6) - 48);
  const day = (text.charCodeAt(8) - 48) * 10 + (text.charCodeAt(9) - 48);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number));
}

// Today's view asks for the day numbers of the same few hundred dates thousands of times (today's
// among them, for every goal, contact and agreement): each is worked out once. A process that
// meets more dates than a lifetime of due dates starts again.
const dayNumbers = new Map<string, number>();
const DAY_NUMBERS_KEPT = 50_000;

function dayNumber(isoDate: string): number {
  let day = dayNumbers.get(isoDate);
  if (day === undefined) {
    // Slices, not split(): this runs for every goal and contact on every `today`.
    day = Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) / MS_PER_DAY;
    if (dayNumbers.size >= DAY_NUMBERS_KEPT) dayNumbers.clear();
    dayNumbers.set(isoDate, day);
  }
  return day;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Orders dated entries oldest first (a stable sort keeps same-day entries in recorded order). */
export const byDate = (a: { date: string }, b: { date: string }) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

export function addDays(isoDate: string, days: number): string {
  return new Date((dayNumber(isoDate) + days) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The same day `months` months later (earlier when negative), or that month's last day if it is shorter. */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

const ISO_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for an ISO 8601 date and time with an explicit offset (Z or ±HH:MM), e.g. 2026-11-24T09:00+01:00. */
export function isIsoDateTimeWithOffset(text: string): boolean {
  return ISO_DATE_TIME.test(text) && isIsoDate(text.slice(0, 10)) && !Number.isNaN(Date.parse(text));
}

/**
 * The zone this process's Date local time is in, once whoever learned its name has said so
 * (src/cli/timeZone.ts). wallClock reads that zone with Date's local getters, because an
 * Intl.DateTimeFormat costs ~15 ms to start (ICU loading calendar data) in every process that
 * shows a time, a third of `famcoord today`. Any other zone goes through Intl.
 */
let localClockZone: string | undefined;

/** Declares that Date's local time in this process is `timeZone`'s (undefined: not known). */
export function useLocalClockFor(timeZone: string | undefined): void {
  localClockZone = timeZone;
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

const formatterCache = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatterCache.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatterCache.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock date (YYYY-MM-DD) and time (HH:MM) of an instant in a time zone. */
export function wallClock(instant: string | Date, timeZone: string): { date: string; time: string } {
  if (timeZone === localClockZone) {
    const local = new Date(instant);
    return {
      date: `${String(local.getFullYear()).padStart(4, '0')}-${twoDigits(local.getMonth() + 1)}-${twoDigits(local.getDate())}`,
      time: `${twoDigits(local.getHours())}:${twoDigits(local.getMinutes())}`,
    };
  }
  const parts = partsFormatter(timeZone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** Today's date in a time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return wallClock(now, timeZone).date;
}

/** The UTC offset (e.g. "+01:00") of a time zone at a given instant. */
export function offsetAt(timeZone: string, instant: Date): string {
  const { date, time } = wallClock(instant, timeZone);
  const wallMs = Date.parse(`${date}T${time}:00Z`);
  const instantMs = Math.floor(instant.getTime() / 60_000) * 60_000;
  const minutes = Math.round((wallMs - instantMs) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * An ISO instant with offset for a wall-clock date and time in a time zone, e.g.
 * ("2026-11-24", "09:00", "Europe/Copenhagen") → "2026-11-24T09:00:00+01:00".
 */
export function zonedDateTime(date: string, time: string, timeZone: string): string {
  // Guess with the offset at UTC noon of that day, then correct once for a DST change earlier that day.
  let offset = offsetAt(timeZone, new Date(`${date}T12:00:00Z`));
  const candidate = new Date(`${date}T${time}:00${offset}`);
  offset = offsetAt(timeZone, candidate);
  return `${date}T${time}:00${offset}`;
}

/**
 * "YYYY-MM-DD HH:MM" (or with a T) read as wall-clock time in a time zone, as an instant with its
 * offset there. Undefined when the text is not of that form or not a real date and time, and for
 * a time the clocks skip there (02:30 on the night summer time starts): no instant shows it, and
 * any we chose would show another time than the one typed.
 */
export function parseLocalDateTime(text: string, timeZone: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [, date, hours, minutes] = match as unknown as [string, string, string, string];
  if (!isIsoDate(date) || Number(hours) > 23 || Number(minutes) > 59) return undefined;
  const start = zonedDateTime(date, `${hours}:${minutes}`, timeZone);
  const shown = wallClock(start, timeZone);
  return shown.date === date && shown.time === `${hours}:${minutes}` ? start : undefined;
}
