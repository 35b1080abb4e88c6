import path from 'node:path';
import mysql from 'mysql2/promise';
import { readCredentials, type Credentials } from '@poc-emr/db';
import { createTestDatabase, dropDatabase } from '@poc-emr/db/src/testing';
import { day, generateFacility } from '@poc-emr/data-generator';
import { backup } from '../src/backup';
import { restore } from '../src/restore';
import type { Receiver } from '../src/replication/central';
import { channelName } from '../src/replication/config';
import { replicatorAccount } from '../src/replication/facility';
import { seqIn } from '../src/replication/gtid';
import { checksums, query, register, type Acknowledged, type Backend, type Instance } from './clinic';
import type { Link } from './link';

// What the hybrid-mode tests share: waiting for replication, the servers' accounts, facility servers
// holding a generated facility, and the proof that a copy equals its facility.

export const REPLICATOR = { user: 'replicator', password: 'Repl-test-only-9f3k' };
export const F1 = '1100407'; // HD Manhiça
export const F2 = '1100408'; // CS Malavela

/** A facility at work: its server, the link its receiving server reaches it through, its backend. */
export interface Facility {
  code: string;
  server: Instance;
  link: Link;
  backend?: Backend;
  /** Registrations its backend acknowledged. */
  acknowledged: Acknowledged[];
}

export async function registerSome(f: Facility, n: number): Promise<void> {
  for (let i = 0; i < n; i++) f.acknowledged.push(await register(f.backend!.url, `Utente ${f.code}`));
}

export const url = (c: Credentials, database = '') =>
  `mysql://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@${c.host}:${c.port}/${database}`;

export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The replication account on a facility server (`database`) or a district server (none). */
export async function grantReplicator(credentials: Credentials, database?: string): Promise<void> {
  const conn = await mysql.createConnection(credentials);
  try {
    for (const statement of replicatorAccount(REPLICATOR.user, REPLICATOR.password, database))
      await conn.query(statement);
  } finally {
    await conn.end();
  }
}

/**
 * A generated facility (on the project's server, then dropped there) restored as `openmrs` on its own
 * server, with its replication account; `generated` collects the databases to drop should it fail.
 */
export async function generatedFacility(
  server: Credentials,
  code: string,
  patients: number,
  dir: string,
  recipient: string,
  identity: string,
): Promise<void> {
  const database = await createTestDatabase(`repl${code}`);
  await dropDatabase(database);
  try {
    await generateFacility({ database, facilityCode: code, patients, seed: code, asOf: day('2026-10-31') });
    const manifest = await backup({ credentials: readCredentials(), database }, dir, recipient);
    await restore(path.join(dir, manifest.file), identity, { credentials: server, database: 'openmrs' });
  } finally {
    await dropDatabase(database).catch(() => undefined);
  }
  await grantReplicator(server, 'openmrs');
}

/** Every transaction the facility server has written is applied on the receiving server. */
export async function caughtUp(facility: Credentials, code: string, receiver: Receiver, timeoutMs = 60_000) {
  const domain = Number(code);
  const [{ pos }] = await query<{ pos: string }>(facility, 'mysql', 'SELECT @@gtid_binlog_pos AS pos');
  try {
    await until(
      `facility ${code} reached seq ${seqIn(pos, domain)} on ${receiver.credentials.port}`,
      async () => {
        const [row] = await receiver.query<{ pos: string }>('SELECT @@gtid_slave_pos AS pos');
        return seqIn(row.pos, domain) >= seqIn(pos, domain);
      },
      timeoutMs,
    );
  } catch (error) {
    // What the receiving server's channels say, for the failure's message.
    const rows = await receiver.query<Record<string, unknown>>('SHOW ALL SLAVES STATUS');
    const [{ applied }] = await receiver.query<{ applied: string }>('SELECT @@gtid_slave_pos AS applied');
    const channels = rows.map((r) =>
      ['Connection_name', 'Slave_IO_Running', 'Slave_SQL_Running', 'Last_IO_Error', 'Last_SQL_Error', 'Gtid_IO_Pos']
        .map((k) => `${k}=${String(r[k])}`)
        .join(' '),
    );
    throw new Error(`${(error as Error).message}; applied ${applied}; ${channels.join(' | ')}`);
  }
}

/** The receiving server's copy equals the facility's database and holds every acknowledged registration. */
export async function expectSameData(
  facility: Credentials,
  code: string,
  receiving: Credentials,
  acknowledged: Acknowledged[],
): Promise<void> {
  const copy = channelName(code);
  expect(await checksums(receiving, copy)).toEqual(await checksums(facility, 'openmrs'));
  const uuids = acknowledged.map((a) => a.uuid);
  const found = await query<{ n: number }>(
    receiving,
    copy,
    'SELECT COUNT(*) AS n FROM patient p JOIN person s ON s.person_id = p.patient_id WHERE s.uuid IN (?)',
    [uuids],
  );
  expect(Number(found[0].n)).toBe(uuids.length);
}
