import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { pgUrl, readPgCredentials } from './server';

// iDART databases on the project's PostgreSQL (development, tests, the demo): created with our DDL of the
// iDART tables and marked, so that the project's tools only ever drop what they made.

export const IDART_SCHEMA = path.resolve(__dirname, '..', '..', 'schema', 'idart.sql');
const MARK = 'poc-emr: iDART database';
const NAME = /^[a-z][a-z0-9_]{0,62}$/;

async function admin<T>(work: (client: pg.Client) => Promise<T>, database = 'postgres'): Promise<T> {
  const client = new pg.Client({ ...readPgCredentials(), database });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new iDART database with the iDART tables; answers its postgresql:// URL. */
export async function createIdartDatabase(name: string): Promise<string> {
  if (!NAME.test(name)) throw new Error(`Not a database name: "${name}"`);
  await admin(async (c) => {
    await c.query(`CREATE DATABASE ${name} ENCODING 'UTF8'`);
    await c.query(`COMMENT ON DATABASE ${name} IS '${MARK}'`);
  });
  try {
    await admin((c) => c.query(fs.readFileSync(IDART_SCHEMA, 'utf8')), name);
  } catch (error) {
    await dropIdartDatabase(name);
    throw error;
  }
  return pgUrl(name);
}

/** A fresh iDART database for one test suite; drop it in afterAll. */
export async function createTestIdartDatabase(prefix = 'idart'): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${crypto.randomBytes(5).toString('hex')}`;
  return { name, url: await createIdartDatabase(name) };
}

/** Drops an iDART database the project created (sessions on it are ended first); refuses any other. */
export async function dropIdartDatabase(name: string): Promise<void> {
  if (!NAME.test(name)) throw new Error(`Not a database name: "${name}"`);
  await admin(async (c) => {
    const found = await c.query(
      `SELECT shobj_description(oid, 'pg_database') AS mark FROM pg_database WHERE datname = $1`,
      [name],
    );
    if (found.rowCount === 0) return;
    if (found.rows[0].mark !== MARK)
      throw new Error(`Database ${name} was not created by poc-emr's tools: refusing to drop it`);
    await c.query(`DROP DATABASE ${name} WITH (FORCE)`);
  });
}
