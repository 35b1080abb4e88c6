import fs from 'node:fs';
import mysql from 'mysql2/promise';
import type { Credentials } from '@poc-emr/db';
import { STATE } from './config';

// The district server as the central server sees it, through the district's replication account: a
// receiving server that logs what it applies (log_slave_updates), so its binary log carries each of its
// facilities' changes in the facility's own GTID domain.

export interface DistrictServer {
  credentials: Credentials;
  ca?: string;
  insecure?: boolean;
}

/**
 * The facilities the district receives, each with the position its copy there was seeded at. Refused
 * when the server is not a district: a facility, or a receiving server that does not pass changes on.
 */
export async function districtFacilities(district: DistrictServer): Promise<Map<string, string>> {
  const { host, port } = district.credentials;
  const conn = await mysql.createConnection({
    ...district.credentials,
    // The replication account requires TLS; without a CA (inside a VPN) the certificate goes unchecked.
    ssl: district.ca ? { ca: fs.readFileSync(district.ca, 'utf8') } : { rejectUnauthorized: false },
  });
  try {
    const [[server]] = (await conn.query('SELECT @@log_slave_updates AS chained')) as unknown as [
      [{ chained: number }],
    ];
    if (Number(server.chained) !== 1) {
      throw new Error(
        `${host}:${port} is not a district server: it does not pass on what it receives (log_slave_updates is off; ops replication config --role district)`,
      );
    }
    const [rows] = (await conn
      .query(`SELECT code, seeded_position AS position FROM ${STATE}.channel ORDER BY code`)
      .catch((error: { code?: string }) => {
        if (
          ['ER_NO_SUCH_TABLE', 'ER_BAD_DB_ERROR', 'ER_TABLEACCESS_DENIED_ERROR', 'ER_DBACCESS_DENIED_ERROR'].includes(
            error.code ?? '',
          )
        ) {
          throw new Error(
            `${host}:${port} lists no facilities to this account: not a receiving server, or its replication account was not made with ops replication config --role district`,
          );
        }
        throw error;
      })) as unknown as [Array<{ code: string; position: string }>];
    return new Map(rows.map((r) => [r.code, r.position]));
  } finally {
    await conn.end();
  }
}
