// The machine's time zone by name, found where ICU finds it (TZ, /etc/localtime) without starting
// Intl; and whatever it says, wall clocks in it agree with Date's local time.
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { localTimeZone } from '../../src/cli/timeZone.js';
import { useLocalClockFor, wallClock } from '../../src/domain/dates.js';

const previousTz = process.env.TZ;
afterEach(() => {
  useLocalClockFor(undefined);
  if (previousTz === undefined) delete process.env.TZ;
  else process.env.TZ = previousTz;
});

function withTz(tz: string | undefined): string {
  if (tz === undefined) delete process.env.TZ;
  else process.env.TZ = tz;
  return localTimeZone();
}

const SUMMER_EVENING = new Date('2026-07-01T19:30:00Z');
const dateLocal = (d: Date) => ({ date: `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`, time: `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}` });

describe('the local time zone', () => {
  it.skipIf(!existsSync('/usr/share/zoneinfo/Europe/Copenhagen'))('is named by TZ, with or without its leading colon, or by a path into zoneinfo', () => {
    expect(withTz('Europe/Copenhagen')).toBe('Europe/Copenhagen');
    expect(withTz(':Europe/Copenhagen')).toBe('Europe/Copenhagen');
    expect(withTz('/usr/share/zoneinfo/Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(withTz('')).toBe('UTC');
  });

  it('falls back to Intl for a TZ that names no zone, and never returns an empty name', () => {
    for (const tz of ['Foo/Bar', 'CET-1CEST,M3.5.0,M10.5.0/3', '../../etc/passwd']) expect(withTz(tz), tz).toMatch(/\S/);
  });

  it('gives wall clocks that agree with Date in every case', () => {
    for (const tz of [undefined, 'Europe/Copenhagen', ':America/New_York', '/usr/share/zoneinfo/Asia/Tokyo', '', 'Asia/Kolkata'])
      expect(wallClock(SUMMER_EVENING, withTz(tz)), String(tz)).toEqual(dateLocal(SUMMER_EVENING));
  });
});
