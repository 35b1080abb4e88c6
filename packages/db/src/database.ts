import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { readCredentials, type Credentials } from './server';

/** Schema files, applied in this order to an empty database. */
export const SCHEMA_FILES = [
  'openmrs-core.sql',
  'idgen.sql',
  'addresshierarchy.sql',
  'cohort.sql',
  'core-data.sql',
].map((f) => path.join(__dirname, '..', 'schema', f));

const DATABASE_NAME = /^[a-z][a-z0-9_]{0,63}$/;
/** MariaDB's own schemas: no tool of ours may create, fill or drop them. */
const SYSTEM_SCHEMAS = new Set(['mysql', 'sys', 'information_schema', 'performance_schema']);

/**
 * What the databases our tools create carry as their comment (MariaDB's SCHEMA_COMMENT): the mark that
 * lets a tool drop or rebuild a database, which it refuses for any other.
 */
export const DATABASE_MARK = 'poc-emr';

export function assertDatabaseName(name: string): void {
  if (!DATABASE_NAME.test(name)) {
    throw new Error(`Invalid database name "${name}": use lower-case letters, digits and _ (max 64, letter first)`);
  }
  if (SYSTEM_SCHEMAS.has(name)) throw new Error(`${name} is a MariaDB system schema: choose another database name`);
}

/** The comment a database was created with: `poc-emr: …` for ours; null when there is no such database. */
export async function databaseMark(name: string): Promise<string | null> {
  const conn = await connect();
  try {
    const [rows] = (await conn.query(
      'SELECT SCHEMA_COMMENT AS mark FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
      [name],
    )) as unknown as [Array<{ mark: string }>];
    return rows.length ? rows[0].mark : null;
  } finally {
    await conn.end();
  }
}

/** Sets what a database of ours is (e.g. "generated facility 1100407, 300 patients"). */
export async function markDatabase(name: string, what: string): Promise<void> {
  assertDatabaseName(name);
  const conn = await connect();
  try {
    await conn.query(`ALTER DATABASE \`${name}\` COMMENT ?`, [`${DATABASE_MARK}: ${what}`.slice(0, 1024)]);
  } finally {
    await conn.end();
  }
}

export interface ConnectOptions {
  database?: string;
  credentials?: Credentials;
  multipleStatements?: boolean;
}

export async function connect(options: ConnectOptions = {}): Promise<mysql.Connection> {
  const c = options.credentials ?? readCredentials();
  return mysql.createConnection({
    ...c,
    database: options.database,
    multipleStatements: options.multipleStatements ?? false,
    dateStrings: true,
    supportBigNumbers: true,
    charset: 'utf8mb4_general_ci',
    timezone: '+02:00',
  });
}

export function pool(database: string, connectionLimit = 4, credentials?: Credentials): mysql.Pool {
  return mysql.createPool({
    ...(credentials ?? readCredentials()),
    database,
    connectionLimit,
    dateStrings: true,
    supportBigNumbers: true,
    charset: 'utf8mb4_general_ci',
    timezone: '+02:00',
  });
}

export async function databaseExists(name: string): Promise<boolean> {
  const conn = await connect();
  try {
    const [rows] = (await conn.query('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [name])) as [
      unknown[],
      unknown,
    ];
    return rows.length > 0;
  } finally {
    await conn.end();
  }
}

/**
 * Creates an empty database holding the OpenMRS 2.7.x schema and core data, marked as ours with `what`.
 * Fails if it exists.
 */
export async function createDatabase(name: string, what = 'OpenMRS database'): Promise<void> {
  assertDatabaseName(name);
  const conn = await connect({ multipleStatements: true });
  try {
    await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci COMMENT ?`, [
      `${DATABASE_MARK}: ${what}`.slice(0, 1024),
    ]);
    try {
      await conn.query(`USE \`${name}\``);
      for (const file of SCHEMA_FILES) await conn.query(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      // DDL is not transactional: never leave a half-built database behind.
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      throw error;
    }
  } finally {
    await conn.end();
  }
}

/**
 * Ends other connections of ours at once, from the server's side: their running statements fail and roll
 * back, so what they held (locks, a LOAD DATA) is released — closing the socket alone may leave a
 * statement waiting for the client.
 */
export async function killConnections(threadIds: readonly (number | undefined)[]): Promise<void> {
  const conn = await connect();
  try {
    for (const id of threadIds) if (id) await conn.query('KILL CONNECTION ?', [id]).catch(() => undefined);
  } finally {
    await conn.end();
  }
}

/** Drops a database our tools created; refuses any other (a restored facility, a system schema). */
export async function dropDatabase(name: string): Promise<void> {
  assertDatabaseName(name);
  const mark = await databaseMark(name);
  if (mark === null) return;
  if (!mark.startsWith(DATABASE_MARK)) {
    throw new Error(
      `Database ${name} was not created by poc-emr's tools: refusing to drop it (drop it with MariaDB's own client if it is really to go)`,
    );
  }
  const conn = await connect();
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await conn.end();
  }
}
