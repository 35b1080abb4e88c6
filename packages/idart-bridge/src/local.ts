import fs from 'node:fs';
import pg from 'pg';
import { addDays } from '@poc-emr/fila';
import { ensureReaderAccount } from '@poc-emr/report-service';
import { Sessions } from '@poc-emr/openmrs-auth';
import { Bridge } from './bridge';
import { configFromEnv, DEFAULT_DRUG_MAPPING } from './config';
import { parseDrugMapping } from './drugs';
import { feedFromDatabase } from './feed';
import { generatePickups, recordPickup, upsertPatient } from './idart/activity';
import { ensureCatalogue } from './idart/catalogue';
import { createIdartDatabase, dropIdartDatabase } from './postgres/database';
import { pgUrl, startPostgres } from './postgres/server';
import { createBridgeServer } from './server';

// The bridge on one machine (the demo): the project's PostgreSQL with an iDART database beside the demo
// facility, fed with its patients on ART and a week of pickups — one of them for a NID OpenMRS does not
// know, so that Farmácia's error queue has something to show — and the bridge sending them as FILAs.

export interface LocalBridgeOptions {
  /** The OpenMRS facility database (MariaDB). */
  database: string;
  openmrsUrl: string;
  /** The iDART database; made again (with new activity) when `fresh`. */
  idartDatabase: string;
  fresh: boolean;
  locationUuid: string;
  /** The bridge's OpenMRS account (the demo's user of role iDART Bridge). */
  account: { username: string; password: string };
  port?: number;
}

export const UNKNOWN_NID = '0111040701/2099/99999';

export async function startLocalBridge(options: LocalBridgeOptions): Promise<{ url: string; close(): Promise<void> }> {
  await startPostgres();
  const since = addDays(new Date(Date.now() + 2 * 3600_000).toISOString().slice(0, 10), -7);
  if (options.fresh) await dropIdartDatabase(options.idartDatabase);
  const created = await createIdartDatabase(options.idartDatabase).then(
    () => true,
    (error: Error) => {
      if (/already exists/.test(error.message)) return false;
      throw error;
    },
  );
  const pool = new pg.Pool({ connectionString: pgUrl(options.idartDatabase), max: 4 });
  const catalogue = await ensureCatalogue(pool);
  const drugs = parseDrugMapping(fs.readFileSync(DEFAULT_DRUG_MAPPING, 'utf8'));
  await feedFromDatabase(await ensureReaderAccount(options.database), pool, catalogue, drugs);
  if (created) {
    const nids = (await pool.query('SELECT patientid FROM patient WHERE uuidopenmrs IS NOT NULL LIMIT 40')).rows.map(
      (r) => String(r.patientid),
    );
    await generatePickups(pool, catalogue, { nids, from: since, days: 7, count: 20, seed: 1 });
    await upsertPatient(pool, catalogue, { nid: UNKNOWN_NID, firstNames: 'Sem', lastName: 'Registo', sex: 'F' });
    await recordPickup(pool, catalogue, { nid: UNKNOWN_NID, day: since, regimen: 'TDF+3TC+DTG', weeks: 4 });
  }
  const config = configFromEnv({
    OPENMRS_URL: options.openmrsUrl,
    OPENMRS_USERNAME: options.account.username,
    OPENMRS_PASSWORD: options.account.password,
    IDART_DATABASE_URL: pgUrl(options.idartDatabase),
    BRIDGE_LOCATION_UUID: options.locationUuid,
    BRIDGE_SINCE: since,
    BRIDGE_SCAN_SECONDS: '10',
  });
  const bridge = new Bridge(config, pool);
  await bridge.outbox.migrate();
  bridge.start();
  const { app } = await createBridgeServer(bridge, new Sessions(options.openmrsUrl, config.sessionCacheMs));
  const url = await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  return {
    url,
    close: async () => {
      await app.close();
      await bridge.close();
    },
  };
}
