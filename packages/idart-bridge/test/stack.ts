import { dropDatabase, pool as mariadbPool } from '@poc-emr/db';
import { generateFacility, today } from '@poc-emr/data-generator';
import { createServer, readDemoUsers, seedDemoUsers, type RunningServer } from '@poc-emr/dev-backend';
import { ensureReaderAccount } from '@poc-emr/report-service';
import { addDays } from '@poc-emr/fila';
import pg from 'pg';
import crypto from 'node:crypto';
import { Bridge } from '../src/bridge';
import { configFromEnv, DEFAULT_DRUG_MAPPING } from '../src/config';
import { parseDrugMapping } from '../src/drugs';
import { feedFromDatabase } from '../src/feed';
import fs from 'node:fs';
import { ensureCatalogue, type Catalogue } from '../src/idart/catalogue';
import { createTestIdartDatabase, dropIdartDatabase } from '../src/postgres/database';

// A facility as the bridge meets it: OpenMRS (a generated facility on the dev backend, on the real
// MariaDB) and iDART (our DDL on the real PostgreSQL) with its catalogue and the patients on ART the
// bridge's own feed brought from OpenMRS.

export const HD_MANHICA = '88d8abfb-572b-541f-908f-a54d685cb021';
const BRIDGE_USER = readDemoUsers().find((u) => u.role === 'iDART Bridge')!;

export interface BridgeStack {
  database: string;
  backend: RunningServer;
  idart: { name: string; url: string; pool: pg.Pool };
  catalogue: Catalogue;
  /** NIDs of patients active in TARV, in iDART with their OpenMRS uuid. */
  nids: string[];
  /** The first day the bridge sends (a week ago). */
  since: string;
  today: string;
  env(overrides?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  bridge(overrides?: NodeJS.ProcessEnv): Bridge;
  /** Rows of the OpenMRS database. */
  rows(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function startBridgeStack(options: { patients?: number } = {}): Promise<BridgeStack> {
  const database = `br_${crypto.randomBytes(5).toString('hex')}`;
  await generateFacility({
    database,
    facilityCode: '1100407',
    patients: options.patients ?? 60,
    seed: 3,
    asOf: today(),
  });
  await seedDemoUsers(database);
  const backend = await createServer({ database });
  const idart = await createTestIdartDatabase('idart');
  const pool = new pg.Pool({ connectionString: idart.url, max: 4 });
  const catalogue = await ensureCatalogue(pool);
  const reader = await ensureReaderAccount(database);
  const bridges: Bridge[] = [];
  const day = new Date(Date.now() + 2 * 3600_000).toISOString().slice(0, 10);
  await feedFromDatabase(reader, pool, catalogue, parseDrugMapping(fs.readFileSync(DEFAULT_DRUG_MAPPING, 'utf8')));
  const nids = (await pool.query(`SELECT patientid FROM patient WHERE uuidopenmrs IS NOT NULL ORDER BY id`)).rows.map(
    (r) => r.patientid as string,
  );
  const db = mariadbPool(database, 2);
  const stack: BridgeStack = {
    database,
    backend,
    idart: { ...idart, pool },
    catalogue,
    nids,
    since: addDays(day, -7),
    today: day,
    env: (overrides = {}) => ({
      OPENMRS_URL: backend.url,
      // The distro's service account (role iDART Bridge): the privileges it has are enough.
      OPENMRS_USERNAME: BRIDGE_USER.username,
      OPENMRS_PASSWORD: BRIDGE_USER.password,
      OPENMRS_DATABASE_URL: reader,
      IDART_DATABASE_URL: idart.url,
      BRIDGE_LOCATION_UUID: HD_MANHICA,
      BRIDGE_SINCE: addDays(day, -7),
      BRIDGE_RETRY_BASE_MS: '10',
      BRIDGE_RETRY_MAX_MS: '200',
      BRIDGE_TIMEOUT_SECONDS: '5',
      BRIDGE_SCAN_SECONDS: '0.2',
      ...overrides,
    }),
    bridge: (overrides = {}) => {
      const bridge = new Bridge(configFromEnv(stack.env(overrides)));
      bridges.push(bridge);
      return bridge;
    },
    rows: async (sql, params = []) => (await db.query(sql, params))[0] as Record<string, unknown>[],
    close: async () => {
      for (const b of bridges) await b.close().catch(() => undefined);
      await pool.end();
      await db.end();
      await backend.close();
      await dropIdartDatabase(idart.name);
      await dropDatabase(database);
    },
  };
  return stack;
}
