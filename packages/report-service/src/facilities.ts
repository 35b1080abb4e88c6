import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { resolveTermIds } from '@poc-emr/metadata';
import { describeFacility } from '@poc-emr/report-engine';
import type { FacilityDatabase } from './config';

// The facility databases the service reports on, through the read-only account of the configuration.

export interface Facility {
  /** The key clients use: the database name. */
  database: string;
  code: string | null;
  name: string;
  locationUuid: string | null;
  source: FacilityDatabase;
}

export function connectTo(source: FacilityDatabase): Promise<Connection> {
  return mysql.createConnection({
    ...source.credentials,
    database: source.database,
    dateStrings: true,
    supportBigNumbers: true,
    charset: 'utf8mb4_general_ci',
    connectTimeout: 10_000,
  });
}

export async function withConnection<T>(source: FacilityDatabase, work: (conn: Connection) => Promise<T>): Promise<T> {
  const conn = await connectTo(source);
  try {
    return await work(conn);
  } finally {
    await conn.end().catch(() => conn.destroy());
  }
}

export class Facilities {
  private described: Facility[] = [];

  constructor(private readonly sources: readonly FacilityDatabase[]) {}

  /** Reads each database's facility (name, Health Facility Code); one that cannot be read is named by its database. */
  async describe(): Promise<Facility[]> {
    this.described = await Promise.all(
      this.sources.map(async (source) => {
        try {
          const facility = await withConnection(source, (conn) => describeFacility(conn, source.database));
          return {
            database: source.database,
            code: facility?.code ?? null,
            name: facility?.name ?? source.database,
            locationUuid: facility?.locationUuid ?? null,
            source,
          };
        } catch {
          return { database: source.database, code: null, name: source.database, locationUuid: null, source };
        }
      }),
    );
    return this.described;
  }

  list(): Facility[] {
    return this.described;
  }

  get(database: string): Facility | undefined {
    return this.described.find((f) => f.database === database);
  }

  /**
   * The facility a session location belongs to: the location itself or the nearest of its parents
   * carries the facility's Health Facility Code (as the NID prefix is found). Undefined if none.
   */
  async ofLocation(locationUuid: string): Promise<Facility | undefined> {
    for (const facility of this.described) {
      if (facility.locationUuid === locationUuid) return facility;
      if (!facility.code) continue;
      const code = await withConnection(facility.source, (conn) => codeOfLocation(conn, locationUuid));
      if (code === facility.code) return facility;
    }
    return undefined;
  }
}

async function codeOfLocation(conn: Connection, uuid: string): Promise<string | null> {
  const term = 'locationAttributeType.healthFacilityCode';
  const type = (await resolveTermIds(conn, conn.config.database!, [term])).get(term);
  let [location] = (
    await conn.query<RowDataPacket[]>('SELECT location_id, parent_location FROM location WHERE uuid = ?', [uuid])
  )[0];
  for (let depth = 0; location && depth < 8; depth++) {
    const [[code]] = await conn.query<RowDataPacket[]>(
      'SELECT value_reference FROM location_attribute WHERE location_id = ? AND voided = 0 AND attribute_type_id = ? LIMIT 1',
      [location.location_id, type],
    );
    if (code) return code.value_reference;
    if (!location.parent_location) return null;
    [location] = (
      await conn.query<RowDataPacket[]>('SELECT location_id, parent_location FROM location WHERE location_id = ?', [
        location.parent_location,
      ])
    )[0];
  }
  return null;
}
