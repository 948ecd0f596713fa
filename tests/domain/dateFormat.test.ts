import { format, type Month } from 'date-fns';
import { da } from 'date-fns/locale/da';
import { enGB } from 'date-fns/locale/en-GB';
import { describe, expect, it } from 'vitest';
import { dayText, dayTimeText, decimalText, longDate, numericDate } from '../../src/domain/dateFormat.js';

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
