import crypto from 'node:crypto';

// Cell conventions shared by every domain: booleans, integers, numbers, uuids and lists.

const TRUE = new Set(['true', '1', 'yes']);
const FALSE = new Set(['false', '0', 'no']);

export function parseBoolean(value: string): boolean | undefined {
  const v = value.toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return undefined;
}

export function parseInteger(value: string): number | undefined {
  return /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : undefined;
}

export function parseNumber(value: string): number | undefined {
  return /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(value) ? Number(value) : undefined;
}

/** RFC 4122 form, or CIEL's 36-character form (`1065AAAA…`) that EPTS databases also hold. */
const UUID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+A+)$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value) && value.length === 36;
}

/** Semicolon-separated lists (answers, members, privileges, inherited roles). */
export function splitList(value: string | null): string[] {
  if (!value) return [];
  return value
    .split(';')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** Namespace of the uuids this loader derives for child rows (names, answers, tag maps…). */
const NAMESPACE = Buffer.from('6f1d4c3a8e2b4f7d9a0c5b1e2d3f4a5b', 'hex');

/** UUIDv5 of `<parent uuid>/<role>`: a reload finds the same child row again. */
export function childUuid(parentUuid: string, role: string): string {
  const hash = crypto.createHash('sha1').update(NAMESPACE).update(`${parentUuid.toLowerCase()}/${role}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
