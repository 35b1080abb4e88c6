import fs from 'node:fs';
import path from 'node:path';

// The OpenMRS core seed rows (privileges, roles, concept classes and datatypes…), read from the
// schema package's core-data.sql so that the configuration may refer to them without a copy here.

export type CoreRow = Record<string, string | number | null>;

export const CORE_DATA_FILE = path.join(
  path.dirname(require.resolve('@poc-emr/db/package.json')),
  'schema',
  'core-data.sql',
);

const INSERT = /INSERT INTO `(\w+)` \(([^)]*)\) VALUES\s*/g;

/** Rows of every `INSERT INTO t (cols) VALUES (…), (…);` statement, by table. */
export function parseInserts(sql: string): Map<string, CoreRow[]> {
  const tables = new Map<string, CoreRow[]>();
  for (const match of sql.matchAll(INSERT)) {
    const [, table, columnList] = match;
    const columns = columnList.split(',').map((c) => c.trim().replace(/`/g, ''));
    const rows = tables.get(table) ?? [];
    tables.set(table, rows);
    let i = match.index + match[0].length;
    for (;;) {
      i = skipSpace(sql, i);
      if (sql[i] !== '(') break;
      const values: Array<string | number | null> = [];
      i++;
      for (;;) {
        i = skipSpace(sql, i);
        const [value, next] = readLiteral(sql, i);
        values.push(value);
        i = skipSpace(sql, next);
        if (sql[i] === ',') i++;
        else if (sql[i] === ')') break;
        else throw new Error(`core-data.sql: unexpected "${sql.slice(i, i + 20)}" in ${table} values`);
      }
      rows.push(Object.fromEntries(columns.map((c, k) => [c, values[k]])));
      i = skipSpace(sql, i + 1);
      if (sql[i] !== ',') break;
      i++;
    }
  }
  return tables;
}

function skipSpace(sql: string, i: number): number {
  while (/\s/.test(sql[i] ?? '')) i++;
  return i;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '0': '\0' };

function readLiteral(sql: string, i: number): [string | number | null, number] {
  if (sql[i] === "'") {
    let s = '';
    i++;
    for (;;) {
      const c = sql[i];
      if (c === undefined) throw new Error('core-data.sql: unterminated string');
      if (c === '\\') {
        s += ESCAPES[sql[i + 1]] ?? sql[i + 1];
        i += 2;
      } else if (c === "'" && sql[i + 1] === "'") {
        s += "'";
        i += 2;
      } else if (c === "'") {
        return [s, i + 1];
      } else {
        s += c;
        i++;
      }
    }
  }
  const token = /^[^,)\s]+/.exec(sql.slice(i, i + 64))?.[0] ?? '';
  if (token.toUpperCase() === 'NULL') return [null, i + token.length];
  if (token === '' || Number.isNaN(Number(token))) throw new Error(`core-data.sql: unsupported literal "${token}"`);
  return [Number(token), i + token.length];
}

let cached: Map<string, CoreRow[]> | undefined;

export function coreData(): Map<string, CoreRow[]> {
  cached ??= parseInserts(fs.readFileSync(CORE_DATA_FILE, 'utf8'));
  return cached;
}

export function coreRows(table: string): CoreRow[] {
  return coreData().get(table) ?? [];
}
