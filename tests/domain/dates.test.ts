import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isIsoDate, isIsoDateTimeWithOffset, offsetAt, parseLocalDateTime, todayIn, useLocalClockFor, wallClock, zonedDateTime } from '../../src/domain/dates.js';

describe('calendar dates', () => {
  it('accepts only real dates as YYYY-MM-DD', () => {
    expect(isIsoDate('2026-11-24')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-11-31', '26-11-24', '2026-1-4', '2026-11-24T00:00', ''])
      expect(isIsoDate(bad), bad).toBe(false);
  });

  it('counts whole days across month, year and DST changes', () => {
    expect(daysBetween('2026-11-24', '2026-11-24')).toBe(0);
    expect(daysBetween('2026-11-20', '2026-11-24')).toBe(4);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2); // across the spring DST change in Europe
    expect(addDays('2026-10-24', 10)).toBe('2026-11-03');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('reads instants with offsets', () => {
    expect(isIsoDateTimeWithOffset('2026-11-24T09:00+01:00')).toBe(true);
    expect(isIsoDateTimeWithOffset('2026-11-24T09:00:00Z')).toBe(true);
    expect(isIsoDateTimeWithOffset('2026-11-24T09:00:00')).toBe(false); // no offset: ambiguous
    expect(isIsoDateTimeWithOffset('2026-11-31T09:00Z')).toBe(false);
  });
});

describe('wall clock in a time zone', () => {
  it('gives the local date and time of an instant', () => {
    expect(wallClock('2026-11-24T23:30:00Z', 'Europe/Copenhagen')).toEqual({ date: '2026-11-25', time: '00:30' });
    expect(wallClock('2026-11-24T23:30:00Z', 'UTC')).toEqual({ date: '2026-11-24', time: '23:30' });
    expect(todayIn('Europe/Copenhagen', new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
  });

  it('knows the offset on both sides of a DST change', () => {
    expect(offsetAt('Europe/Copenhagen', new Date('2026-03-29T00:59:00Z'))).toBe('+01:00');
    expect(offsetAt('Europe/Copenhagen', new Date('2026-03-29T01:00:00Z'))).toBe('+02:00');
    expect(zonedDateTime('2026-11-24', '09:00', 'Europe/Copenhagen')).toBe('2026-11-24T09:00:00+01:00');
    expect(zonedDateTime('2026-07-01', '09:00', 'Europe/Copenhagen')).toBe('2026-07-01T09:00:00+02:00');
    // On the day clocks go back, 09:00 is already in winter time.
    expect(zonedDateTime('2026-10-25', '09:00', 'Europe/Copenhagen')).toBe('2026-10-25T09:00:00+01:00');
    expect(zonedDateTime('2026-10-25', '01:30', 'America/New_York')).toMatch(/^2026-10-25T01:30:00-0[45]:00$/);
  });

  it('reads a typed wall-clock time, and refuses one the clocks skip rather than show another', () => {
    expect(parseLocalDateTime('2026-03-29 01:59', 'Europe/Copenhagen')).toBe('2026-03-29T01:59:00+01:00');
    expect(parseLocalDateTime('2026-03-29 03:00', 'Europe/Copenhagen')).toBe('2026-03-29T03:00:00+02:00');
    // 02:00–02:59 does not exist in Copenhagen that night.
    for (const skipped of ['2026-03-29 02:00', '2026-03-29T02:30', '2026-03-29 02:59']) expect(parseLocalDateTime(skipped, 'Europe/Copenhagen'), skipped).toBeUndefined();
    expect(parseLocalDateTime('2026-03-08 02:30', 'America/New_York')).toBeUndefined();
    // The hour that comes twice in autumn is a real time (the first of the two).
    expect(parseLocalDateTime('2026-10-25 02:30', 'Europe/Copenhagen')).toMatch(/^2026-10-25T02:30:00\+0[12]:00$/);
    for (const bad of ['2026-02-29 09:00', '2026-11-24 24:00', '2026-11-24 9:00', '']) expect(parseLocalDateTime(bad, 'Europe/Copenhagen'), bad).toBeUndefined();
  });
});

describe("the local clock (Date's getters for the process's own zone)", () => {
  const zones = ['Europe/Copenhagen', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'];
  const instants: Date[] = [];
  // Every hour around 2026's European and American DST changes, plus a spread over decades.
  for (const start of ['2026-03-08T00:00Z', '2026-03-28T00:00Z', '2026-10-24T00:00Z', '2026-11-01T00:00Z', '2026-04-04T00:00Z'])
    for (let hour = 0; hour < 48; hour++) instants.push(new Date(Date.parse(start) + hour * 3_600_000 + 59 * 60_000));
  for (let year = 1975; year <= 2045; year += 7) instants.push(new Date(`${year}-07-01T12:34:00Z`), new Date(`${year}-12-31T23:59:00Z`));

  it('gives the same wall clock as Intl for every instant, in zones with DST, half hours and half-hour DST', () => {
    const previousTz = process.env.TZ;
    try {
      for (const zone of zones) {
        const viaIntl = instants.map((instant) => wallClock(instant, zone));
        process.env.TZ = zone; // Node re-reads the zone for Date when TZ is assigned
        useLocalClockFor(zone);
        expect(instants.map((instant) => wallClock(instant, zone)), zone).toEqual(viaIntl);
      }
    } finally {
      useLocalClockFor(undefined);
      if (previousTz === undefined) delete process.env.TZ;
      else process.env.TZ = previousTz;
    }
  });
});
