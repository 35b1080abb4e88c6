/** Calendar arithmetic on whole days (days since 1970-01-01, UTC): fast, and free of time-zone drift. */
export type Day = number;

const MS_PER_DAY = 86_400_000;

export function day(iso: string): Day {
  const ms = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`Not a date: "${iso}" (expected YYYY-MM-DD)`);
  return ms / MS_PER_DAY;
}

const isoCache = new Map<Day, string>();

/** YYYY-MM-DD */
export function iso(d: Day): string {
  let s = isoCache.get(d);
  if (s === undefined) {
    s = new Date(d * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache.set(d, s);
  }
  return s;
}

/** A DATETIME literal for a clinic time on day d; minutes after 07:00. */
export function datetime(d: Day, minutesAfterSeven = 0): string {
  const minutes = 7 * 60 + minutesAfterSeven;
  const hh = String(Math.floor(minutes / 60) % 24).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${iso(d)} ${hh}:${mm}:00`;
}

export function year(d: Day): number {
  return new Date(d * MS_PER_DAY).getUTCFullYear();
}

/** Whole years between two days (age on a date). */
export function yearsBetween(from: Day, to: Day): number {
  const a = new Date(from * MS_PER_DAY);
  const b = new Date(to * MS_PER_DAY);
  let years = b.getUTCFullYear() - a.getUTCFullYear();
  if (b.getUTCMonth() < a.getUTCMonth() || (b.getUTCMonth() === a.getUTCMonth() && b.getUTCDate() < a.getUTCDate())) {
    years--;
  }
  return years;
}

export function addMonths(d: Day, months: number): Day {
  const date = new Date(d * MS_PER_DAY);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.getTime() / MS_PER_DAY;
}

export function today(): Day {
  return Math.floor(Date.now() / MS_PER_DAY);
}
