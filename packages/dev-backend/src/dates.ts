// OpenMRS stores DATETIME without zone; the facility clock is Africa/Maputo (+02:00, no DST), and
// the MariaDB connection runs at +02:00, so rows come back as local "yyyy-MM-dd HH:mm:ss" strings.

const LOCAL = /^(\d{4}-\d{2}-\d{2})(?: (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?)?$/;

/** `yyyy-MM-dd'T'HH:mm:ss.SSSZ`, the REST date format. */
export function restDate(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const m = LOCAL.exec(String(value));
  if (!m) return String(value);
  const millis = (m[3] ?? '').padEnd(3, '0').slice(0, 3);
  return `${m[1]}T${m[2] ?? '00:00:00'}.${millis}+0200`;
}

/** ISO 8601 with a colon in the offset, as FHIR wants it. */
export function fhirInstant(value: unknown): string | undefined {
  const rest = restDate(value);
  return rest ? `${rest.slice(0, -2)}:${rest.slice(-2)}` : undefined;
}

/** Now, as a DATETIME literal in facility time. */
export function now(): string {
  return localDateTime(new Date());
}

export function localDateTime(date: Date): string {
  return new Date(date.getTime() + 2 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Parses the date formats OpenMRS accepts in request bodies (ConversionUtil's SimpleDateFormat
 * patterns, which also take one-digit months and days: O3 registration sends "1991-3-14");
 * undefined when it is not a date. Out-of-range fields are refused rather than rolled over.
 */
export function parseRestDate(text: string): string | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{2}:\d{2}:\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (!m) return undefined;
  const [, year, month, day, time, millis, zone] = m;
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const calendar = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(calendar.getTime()) || calendar.toISOString().slice(0, 10) !== date) return undefined;
  if (!time) return `${date} 00:00:00`;
  if (!zone) return /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(time) ? `${date} ${time}` : undefined;
  const offset = zone === 'Z' ? '+00:00' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const instant = new Date(`${date}T${time}${millis ?? ''}${offset}`);
  return Number.isNaN(instant.getTime()) ? undefined : localDateTime(instant);
}
