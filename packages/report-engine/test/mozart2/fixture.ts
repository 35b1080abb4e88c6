import crypto from 'node:crypto';
import { connect, dropDatabase } from '@poc-emr/db';
import { day, generateFacility } from '@poc-emr/data-generator';
import { MOZART_TABLES, TABLES } from '../../src/mozart2';

// Facilities and central databases for the MozART 2 suites: real generated OpenMRS data on MariaDB.

export const AS_OF = day('2026-11-20');

export function uniqueName(prefix: string): string {
  return `${prefix}_${crypto.randomBytes(4).toString('hex')}`;
}

/** A generated facility (~300 patients, ~90k rows). */
export async function facility(prefix: string, seed = 1, patients = 300): Promise<string> {
  const database = uniqueName(prefix);
  await generateFacility({ database, facilityCode: '1100407', patients, seed, asOf: AS_OF });
  return database;
}

export async function drop(...names: Array<string | undefined>): Promise<void> {
  for (const name of names) if (name) await dropDatabase(name);
}

export async function query<T = Record<string, unknown>>(
  database: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const conn = await connect({ database });
  try {
    const [rows] = await conn.query(sql, params);
    return rows as T[];
  } finally {
    await conn.end();
  }
}

/** CHECKSUM TABLE of every MozART table (ids included): equal means nothing was written. */
export async function checksums(central: string): Promise<Record<string, string>> {
  const rows = await query<{ Table: string; Checksum: string }>(
    central,
    `CHECKSUM TABLE ${MOZART_TABLES.map((t) => `\`${t}\``).join(', ')}`,
  );
  return Object.fromEntries(rows.map((r) => [r.Table.split('.')[1], String(r.Checksum)]));
}

/** A table's rows without the surrogate id, sorted: comparable across central databases. */
export async function tableRows(central: string, table: keyof typeof TABLES): Promise<string[]> {
  const cols = [...TABLES[table].columns.map((c) => c.name), 'source_database'];
  const rows = await query(central, `SELECT ${cols.map((c) => `\`${c}\``).join(', ')} FROM \`${table}\``);
  return rows.map((r) => JSON.stringify(cols.map((c) => (r[c] === null ? null : String(r[c]))))).sort();
}

/** Every value of every MozART table, as one string: to prove something is absent. */
export async function dumpCentral(central: string): Promise<string> {
  const parts: string[] = [];
  for (const t of [...MOZART_TABLES, 'extract_run'])
    parts.push(JSON.stringify(await query(central, `SELECT * FROM \`${t}\``)));
  return parts.join('\n');
}
