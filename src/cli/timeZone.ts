// The machine's own time zone, by name. Asking Intl for it costs ~15 ms of ICU start-up in every
// process, so the name is read where ICU itself finds it: TZ, else the /etc/localtime link (Linux,
// macOS). Then Date's local time is that zone's, and dates.ts may read it with Date's getters. When
// neither names a zone that exists (a POSIX TZ rule, a copied /etc/localtime, Windows), Intl is
// asked and every wall clock goes through Intl, as before.
import { existsSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { useLocalClockFor } from '../domain/dates.js';

const ZONEINFO = '/usr/share/zoneinfo';
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;
const IN_ZONEINFO = /\/zoneinfo\/(.+)$/;

/** A zone name from TZ's value or the link's target, when it names a zone this machine has. */
function zoneNamed(spec: string | undefined): string | undefined {
  if (spec === undefined) return undefined;
  const text = spec.startsWith(':') ? spec.slice(1) : spec;
  const name = text.startsWith('/') ? IN_ZONEINFO.exec(text)?.[1] : text;
  return name !== undefined && ZONE_NAME.test(name) && existsSync(join(ZONEINFO, name)) ? name : undefined;
}

function linkedZone(): string | undefined {
  try {
    return zoneNamed(readlinkSync('/etc/localtime'));
  } catch {
    return undefined;
  }
}

/** This process's time zone (its own TZ: Date's local time follows the process's environment). */
export function localTimeZone(): string {
  const { TZ } = process.env;
  // An empty TZ means UTC to the C library and to Date.
  const named = TZ === '' ? 'UTC' : TZ !== undefined ? zoneNamed(TZ) : linkedZone();
  useLocalClockFor(named);
  return named ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
}
