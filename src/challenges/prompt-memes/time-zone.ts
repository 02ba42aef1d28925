/**
 * A collection's dates in its own time zone: a maintainer types "2026-12-01
 * 09:00" meaning 9 in the morning in Europe/Paris, and the archive keeps the
 * instant (UTC). Node's Intl knows every IANA zone; the offset of a local
 * time is found by formatting a guess back in the zone (twice, so a guess
 * across a daylight-saving change settles).
 */

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock parts of an instant in a zone, as if they were UTC (milliseconds). */
function wallClockMs(instant: Date, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

/** "2026-12-01T09:00" in `zone` → the instant, or undefined for text that is no date and time. */
export function localToInstant(local: string, zone: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(local.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi] = match.map(Number);
  const wanted = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(wanted);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return undefined;
  let guess = wanted;
  for (let i = 0; i < 2; i++) guess += wanted - wallClockMs(new Date(guess), zone);
  return new Date(guess);
}

/** The instant as the form shows it in `zone`: "2026-12-01T09:00". */
export function instantToLocal(iso: string, zone: string): string {
  return new Date(wallClockMs(new Date(iso), zone)).toISOString().slice(0, 16);
}

/** The instant as a person reads it: "1 December 2026, 09:00 (Europe/Paris)". */
export function showInstant(iso: string, zone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
  return `${text} (${zone})`;
}
