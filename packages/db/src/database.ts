import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { readCredentials, type Credentials } from './server';

/** Schema files, applied in this order to an empty database. */
export const SCHEMA_FILES = ['openmrs-core.sql', 'idgen.sql', 'addresshierarchy.sql', 'core-data.sql'].map((f) =>
  path.join(__dirname, '..', 'schema', f),
);

const DATABASE_NAME = /^[a-z][a-z0-9_]{0,63}$/;

export function assertDatabaseName(name: string): void {
  if (!DATABASE_NAME.test(name)) {
    throw new Error(`Invalid database name "${name}": use lower-case letters, digits and _ (max 64, letter first)`);
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

/** Creates an empty database holding the OpenMRS 2.7.x schema and core data. Fails if it exists. */
export async function createDatabase(name: string): Promise<void> {
  assertDatabaseName(name);
  const conn = await connect({ multipleStatements: true });
  try {
    await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`);
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

export async function dropDatabase(name: string): Promise<void> {
  assertDatabaseName(name);
  const conn = await connect();
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await conn.end();
  }
}
