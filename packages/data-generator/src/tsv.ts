/**
 * Rows for LOAD DATA: tab-separated, \N for NULL (MariaDB's defaults). Strings are written as
 * given: free text must pass through text() first. Keeping the escape out of the hot path matters:
 * a large facility writes over ten million rows.
 */
export type Cell = string | number | null | undefined | boolean;

export function tsvRow(cells: readonly Cell[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    line += v === null || v === undefined ? '\\N' : v === true ? '1' : v === false ? '0' : v;
    line += i === cells.length - 1 ? '\n' : '\t';
  }
  return line;
}

const SPECIAL = /[\t\n\r\\]/;

/** Escapes free text (names, posology) for a TSV cell. */
export function text(v: string): string {
  return SPECIAL.test(v)
    ? v.replace(/[\t\n\r\\]/g, (c) => ({ '\t': '\\t', '\n': '\\n', '\r': '\\r', '\\': '\\\\' })[c]!)
    : v;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(n: number): string {
  return HEX[(n >>> 24) & 255] + HEX[(n >>> 16) & 255] + HEX[(n >>> 8) & 255] + HEX[n & 255];
}

/** Deterministic, random-looking version-4 uuids from (salt, id): unique per salt, cheap, stable across runs. */
export function rowUuid(salt: number, id: number): string {
  const a = mix(salt ^ Math.imul(id, 0x9e3779b1));
  const b = mix(a ^ id);
  const c = mix(b ^ salt);
  const d = mix(c + id);
  const bh = hex32(b);
  const ch = hex32(((c & 0x3fffffff) | 0x80000000) >>> 0);
  return `${hex32(a)}-${bh.slice(0, 4)}-4${bh.slice(5)}-${ch.slice(0, 4)}-${ch.slice(4)}${hex32(d)}`;
}

function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}
