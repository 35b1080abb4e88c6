import type { Connection } from 'mysql2/promise';
import { DATABASE_MARK } from '@poc-emr/db';
import { createTableSql, EXTRACT_RUN_SQL, MOZART_TABLES, q, TABLES } from './schema';

/** Creates the central database and its tables if absent (never alters existing ones). */
export async function ensureCentral(conn: Connection, database: string): Promise<void> {
  // MariaDB (10.5+) keeps a comment on a database: ours marks it so the project's tools may drop it.
  await conn.query(
    `CREATE DATABASE IF NOT EXISTS ${q(database)} CHARACTER SET utf8mb4 /*M!100500 COMMENT '${DATABASE_MARK}: MozART 2 central database' */`,
  );
  await conn.query(`USE ${q(database)}`);
  for (const table of MOZART_TABLES) await conn.query(createTableSql(TABLES[table]));
  await conn.query(EXTRACT_RUN_SQL);
}

/** True when no MozART table holds a row: a full load may then drop and rebuild the indexes. */
export async function centralIsEmpty(conn: Connection): Promise<boolean> {
  for (const table of MOZART_TABLES) {
    const [rows] = (await conn.query(`SELECT 1 FROM ${q(table)} LIMIT 1`)) as unknown as [unknown[]];
    if (rows.length) return false;
  }
  return true;
}

export async function hasSourceRows(conn: Connection, sourceName: string): Promise<boolean> {
  for (const table of MOZART_TABLES) {
    const [rows] = (await conn.query(`SELECT 1 FROM ${q(table)} WHERE source_database = ? LIMIT 1`, [
      sourceName,
    ])) as unknown as [unknown[]];
    if (rows.length) return true;
  }
  return false;
}

export interface LastRun {
  watermark: string;
  keyFingerprint: string | null;
}

export async function lastSuccessfulRun(conn: Connection, sourceName: string): Promise<LastRun | undefined> {
  const [rows] = (await conn.query(
    `SELECT watermark, key_fingerprint FROM extract_run
     WHERE source_database = ? AND status = 'success' ORDER BY run_id DESC LIMIT 1`,
    [sourceName],
  )) as unknown as [Array<{ watermark: string; key_fingerprint: string | null }>];
  return rows[0] ? { watermark: rows[0].watermark, keyFingerprint: rows[0].key_fingerprint } : undefined;
}
