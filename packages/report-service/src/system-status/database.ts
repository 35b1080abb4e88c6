import type { Connection, RowDataPacket } from 'mysql2/promise';
import { newestChangeSql } from '@poc-emr/ops/src/replication/status';

// The OpenMRS database as the read-only account sees it: MariaDB's version, the database's size on disk
// (information_schema, InnoDB's estimate), its patients and encounters, and the newest data entry — the
// same "newest change" `ops replication status` shows for a facility's copy.

export interface DatabaseFacts {
  serverVersion: string;
  sizeBytes: number;
  patients: number;
  encounters: number;
  /** The newest registration, encounter or observation (its date_created, in facility time). */
  lastEntry: string | null;
}

export async function databaseFacts(conn: Connection, database: string): Promise<DatabaseFacts> {
  const [[row]] = await conn.query<RowDataPacket[]>(
    `SELECT VERSION() AS serverVersion,
       (SELECT COALESCE(SUM(DATA_LENGTH + INDEX_LENGTH), 0) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?) AS sizeBytes,
       (SELECT COUNT(*) FROM patient WHERE voided = 0) AS patients,
       (SELECT COUNT(*) FROM encounter WHERE voided = 0) AS encounters`,
    [database],
  );
  const [[newest]] = await conn.query<RowDataPacket[]>(newestChangeSql(database));
  return {
    serverVersion: String(row.serverVersion),
    sizeBytes: Number(row.sizeBytes),
    patients: Number(row.patients),
    encounters: Number(row.encounters),
    lastEntry: newest.at && !String(newest.at).startsWith('1000') ? String(newest.at) : null,
  };
}
