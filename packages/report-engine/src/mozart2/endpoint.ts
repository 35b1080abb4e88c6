import mysql from 'mysql2/promise';
import { databaseLocation, type Credentials } from '@poc-emr/db';

/** A database on a server: from mysql://user:pass@host:port/db, or a bare name on the local server. */
export interface Endpoint {
  credentials: Credentials;
  database: string;
  /** For messages: never includes the password. */
  label: string;
}

export function resolveEndpoint(spec: string): Endpoint {
  const { credentials, database } = databaseLocation(spec);
  const label = spec.includes('://') ? `${database} on ${credentials.host}:${credentials.port}` : database;
  return { credentials, database, label };
}

function hostKey(c: Credentials): string {
  const host = ['localhost', '127.0.0.1', '::1'].includes(c.host) ? 'loopback' : c.host;
  return `${host}:${c.port}:${c.user}`;
}

/** Same server and account: the central connection can read the source directly (INSERT … SELECT). */
export function sameServer(a: Endpoint, b: Endpoint): boolean {
  return hostKey(a.credentials) === hostKey(b.credentials);
}

/** A connection with our usual settings; without `database` it is not bound to one. */
export async function open(
  credentials: Credentials,
  database?: string,
  label = database ?? credentials.host,
): Promise<mysql.Connection> {
  try {
    return await mysql.createConnection({
      ...credentials,
      database,
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      charset: 'utf8mb4_general_ci',
      timezone: '+02:00',
      connectTimeout: 10_000,
    });
  } catch (error) {
    const e = error as { code?: string; message: string };
    throw new Error(`Cannot connect to database ${label}: ${e.code ?? ''} ${e.message}`.replace(/\s+/g, ' ').trim());
  }
}
