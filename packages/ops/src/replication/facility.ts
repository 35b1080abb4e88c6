import mysql from 'mysql2/promise';
import type { Credentials } from '@poc-emr/db';
import { STATE } from './config';
import { parsePosition } from './gtid';

// The facility's side: the account the receiving servers replicate and seed with, and the re-join of a
// replacement server restored from a backup.

/**
 * Statements creating the replication account on the facility server (TLS required). On a district
 * server (`database` undefined) it reads every facility copy and the list of them, for the central server.
 */
export function replicatorAccount(user: string, password: string, database?: string): string[] {
  const account = `${mysql.escape(user)}@'%'`;
  const read = `GRANT SELECT, SHOW VIEW, TRIGGER, EVENT, LOCK TABLES ON`;
  return [
    `CREATE USER IF NOT EXISTS ${account} IDENTIFIED BY ${mysql.escape(password)} REQUIRE SSL`,
    // Streaming the binary log; RELOAD and BINLOG MONITOR let a seed dump record its exact position.
    `GRANT REPLICATION SLAVE, BINLOG MONITOR, RELOAD ON *.* TO ${account}`,
    ...(database
      ? [`${read} \`${database}\`.* TO ${account}`]
      : [`${read} \`facility\\_%\`.* TO ${account}`, `GRANT SELECT ON \`${STATE}\`.* TO ${account}`]),
  ];
}

/**
 * On a replacement facility server just restored from a backup taken at `position` (its manifest's): the
 * binary log continues from that position, so the receiving servers resume where the backup was taken
 * and the facility's next transactions get the numbers that follow. Refused on a server that has already
 * written transactions of its own since: only a fresh replacement may re-join this way.
 */
export async function rejoin(credentials: Credentials, position: string): Promise<string> {
  if (!parsePosition(position).length) {
    throw new Error('The backup has no replication position (taken without binary log): re-seed the receivers instead');
  }
  const conn = await mysql.createConnection({ ...credentials });
  try {
    const [[server]] = (await conn.query(
      'SELECT @@log_bin AS binlog, @@gtid_domain_id AS domain, @@gtid_binlog_pos AS pos',
    )) as unknown as [[{ binlog: number; domain: number; pos: string }]];
    if (Number(server.binlog) !== 1) throw new Error('This server has no binary log: configure it as a facility first');
    const own = parsePosition(server.pos).filter((g) => g.domain === Number(server.domain));
    if (own.length) {
      throw new Error(
        `This server has already written transactions of its own (${server.pos}): re-join only a fresh replacement, before OpenMRS starts on it`,
      );
    }
    await conn.query('RESET MASTER');
    await conn.query('SET GLOBAL gtid_binlog_state = ?', [position]);
    return position;
  } finally {
    await conn.end();
  }
}
