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

/** Parses the date formats OpenMRS accepts in request bodies; undefined when it is not a date. */
export function parseRestDate(text: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${text} 00:00:00`;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!m) return undefined;
  if (!m[4]) return `${m[1]} ${m[2]}`;
  const offset = m[4] === 'Z' ? '+00:00' : m[4].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const date = new Date(`${m[1]}T${m[2]}${m[3] ?? ''}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : localDateTime(date);
}
