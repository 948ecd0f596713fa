import { format, type Month } from 'date-fns';
import { da } from 'date-fns/locale/da';
import { enGB } from 'date-fns/locale/en-GB';
import { describe, expect, it } from 'vitest';
import { dayText, dayTimeText, decimalText, documentDate, documentDateTime, longDate, numericDate } from '../../src/domain/dateFormat.js';

describe('dates as people read them', () => {
  it('writes a day of this year without the year, day before month: never MM-DD', () => {
    expect(dayText('2026-12-08', 'da', '2026-11-24')).toBe('8. dec.');
    expect(dayText('2026-05-08', 'da', '2026-11-24')).toBe('8. maj');
    expect(dayText('2026-12-08', 'en', '2026-11-24')).toBe('8 Dec');
  });

  it("writes another year's day with its year", () => {
    expect(dayText('2027-01-06', 'da', '2026-11-24')).toBe('06.01.2027');
    expect(dayText('2025-12-08', 'en', '2026-11-24')).toBe('8 Dec 2025');
    expect(numericDate('2026-12-08', 'da')).toBe('08.12.2026');
    expect(numericDate('2026-12-08', 'en')).toBe('8 Dec 2026');
  });

  it("writes an instant as its day and 24-hour time in the reader's zone", () => {
    expect(dayTimeText('2026-12-08T13:30:00Z', 'Europe/Copenhagen', 'da', '2026-11-24')).toBe('8. dec. 14:30');
    expect(dayTimeText('2026-12-31T23:30:00Z', 'Europe/Copenhagen', 'en', '2026-11-24')).toBe('1 Jan 2027 00:30');
  });

  it('writes long dates and decimals in each language', () => {
    expect(longDate('2026-11-24', 'da')).toBe('tirsdag 24. november 2026');
    expect(longDate('2026-11-24', 'en')).toBe('Tuesday 24 November 2026');
    expect(decimalText(15.5, 'da')).toBe('15,5');
    expect(decimalText(15.5, 'en')).toBe('15.5');
    expect(decimalText(4, 'da', 1)).toBe('4,0');
  });
});

describe("the names are date-fns's", () => {
  // dateFormat.ts writes out the names of date-fns's da and en-GB locales rather than load them
  // at every start (issue 19): every day of four years, a leap year among them, in both languages.
  const locales = { da, en: enGB } as const;
  const days = Array.from({ length: 4 * 366 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10)).filter((d) => d < '2030-01-01');

  it.each(['da', 'en'] as const)('%s: long dates, days and numeric dates as date-fns writes them', (lang) => {
    const locale = locales[lang];
    for (const iso of days) {
      const noon = new Date(`${iso}T12:00:00`);
      expect(longDate(iso, lang)).toBe(format(noon, lang === 'da' ? 'EEEE d. MMMM yyyy' : 'EEEE d MMMM yyyy', { locale }));
      const month = locale.localize.month(noon.getMonth() as Month, { width: 'abbreviated' });
      expect(dayText(iso, lang, '2027-06-01')).toBe(iso.startsWith('2027') ? (lang === 'da' ? `${noon.getDate()}. ${month}` : `${noon.getDate()} ${month}`) : numericDate(iso, lang));
      if (lang === 'en') expect(numericDate(iso, lang)).toBe(`${noon.getDate()} ${month} ${iso.slice(0, 4)}`);
    }
  });

  it('refuses a date that is not one, as date-fns does', () => {
    expect(() => longDate('2026-13-45', 'da')).toThrow(RangeError);
    expect(() => format(new Date('2026-13-45T12:00:00'), 'EEEE', { locale: da })).toThrow(RangeError);
  });
});

// The printed documents wrote their dates with Intl.DateTimeFormat, whose start cost `famcoord plan`
// and `minutes` a third of their time (issue 19): the same texts, written out, checked against ICU.
describe("the documents' dates are ICU's", () => {
  const icu = (locale: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options);

  it("writes every day of four years, and a year below 1000, as ICU's long date", () => {
    for (const [lang, locale] of [['da', 'da-DK'], ['en', 'en-GB']] as const) {
      const long = icu(locale, { dateStyle: 'long', timeZone: 'UTC' });
      for (let day = Date.UTC(2025, 0, 1); day < Date.UTC(2029, 0, 1); day += 86_400_000) {
        const iso = new Date(day).toISOString().slice(0, 10);
        expect(documentDate(iso, lang), iso).toBe(long.format(new Date(`${iso}T00:00:00Z`)));
      }
      expect(documentDate('0099-01-05', lang)).toBe(long.format(new Date('0099-01-05T00:00:00Z')));
    }
  });

  it("writes an instant as ICU's full date and short time in the reader's zone, across the changes of summer time", () => {
    const instants: string[] = [];
    for (let hour = Date.UTC(2026, 2, 28); hour < Date.UTC(2026, 2, 30); hour += 25 * 60_000) instants.push(new Date(hour).toISOString());
    for (let hour = Date.UTC(2026, 9, 24); hour < Date.UTC(2026, 9, 26); hour += 35 * 60_000) instants.push(new Date(hour).toISOString());
    instants.push('2026-11-24T13:30:00+01:00', '2026-12-31T23:05:00Z');
    for (const timeZone of ['Europe/Copenhagen', 'America/New_York', 'UTC'])
      for (const [lang, locale] of [['da', 'da-DK'], ['en', 'en-GB']] as const) {
        const full = icu(locale, { dateStyle: 'full', timeStyle: 'short', timeZone });
        for (const instant of instants) expect(documentDateTime(instant, timeZone, lang), `${instant} ${timeZone}`).toBe(full.format(new Date(instant)));
      }
  });
});
