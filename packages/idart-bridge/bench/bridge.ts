// npm run bench:bridge [-- --patients 2000 --pickups 3000 --days 30]: a facility's month of iDART pickups
// owed after a week offline, then sent by the bridge to the dev backend on the project's MariaDB:
// catch-up time and dispensations bridged per second. Prints the figures for docs/benchmarks.md.
import os from 'node:os';
import { benchMachine, dropDatabase } from '@poc-emr/db';
import { generateFacility, today } from '@poc-emr/data-generator';
import { createServer, readDemoUsers, seedDemoUsers } from '@poc-emr/dev-backend';
import { addDays } from '@poc-emr/fila';
import { ensureReaderAccount } from '@poc-emr/report-service';
import fs from 'node:fs';
import pg from 'pg';
import { Bridge } from '../src/bridge';
import { configFromEnv, DEFAULT_DRUG_MAPPING } from '../src/config';
import { parseDrugMapping } from '../src/drugs';
import { feedFromDatabase } from '../src/feed';
import { generatePickups } from '../src/idart/activity';
import { ensureCatalogue } from '../src/idart/catalogue';
import { createTestIdartDatabase, dropIdartDatabase } from '../src/postgres/database';
import { pgStatus, startPostgres } from '../src/postgres/server';
import { reconcile } from '../src/reconcile';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const patients = option('patients', 2000);
  const count = option('pickups', 3000);
  const days = option('days', 30);
  await startPostgres();
  const database = `bench_bridge_${process.pid}`;
  const day = new Date(Date.now() + 2 * 3600_000).toISOString().slice(0, 10);
  const since = addDays(day, -days);
  console.log(`Generating OpenMRS facility (${patients} patients)…`);
  await generateFacility({ database, facilityCode: '1100407', patients, seed: 9, asOf: today() });
  await seedDemoUsers(database);
  const account = readDemoUsers().find((u) => u.role === 'iDART Bridge')!;
  const backend = await createServer({ database });
  const idart = await createTestIdartDatabase('bench_idart');
  const pool = new pg.Pool({ connectionString: idart.url, max: 4 });
  try {
    const catalogue = await ensureCatalogue(pool);
    const reader = await ensureReaderAccount(database);
    let t = Date.now();
    await feedFromDatabase(reader, pool, catalogue, parseDrugMapping(fs.readFileSync(DEFAULT_DRUG_MAPPING, 'utf8')));
    const feedSeconds = (Date.now() - t) / 1000;
    const nids = (await pool.query('SELECT patientid FROM patient WHERE uuidopenmrs IS NOT NULL')).rows.map(
      (r) => r.patientid,
    );
    console.log(
      `iDART: ${nids.length} patients on ART fed from OpenMRS in ${feedSeconds.toFixed(1)} s; recording ${count} pickups over ${days} days…`,
    );
    await generatePickups(pool, catalogue, { nids, from: since, days, count, seed: 3 });
    const bridge = new Bridge(
      configFromEnv({
        OPENMRS_URL: backend.url,
        // the distro's service account (role iDART Bridge), privileges checked on every request
        OPENMRS_USERNAME: account.username,
        OPENMRS_PASSWORD: account.password,
        IDART_DATABASE_URL: idart.url,
        BRIDGE_LOCATION_UUID: '88d8abfb-572b-541f-908f-a54d685cb021',
        BRIDGE_SINCE: since,
        BRIDGE_BATCH_SIZE: '50',
      }),
      pool,
    );
    await bridge.outbox.migrate();
    t = Date.now();
    const scan = await bridge.outbox.scan(since);
    const scanSeconds = (Date.now() - t) / 1000;
    t = Date.now();
    let sent = 0;
    for (;;) {
      const r = await bridge.cycle();
      sent += r.sent;
      if (r.sent + r.deferred + r.errors === 0) break;
    }
    const catchUp = (Date.now() - t) / 1000;
    t = Date.now();
    const again = await bridge.cycle();
    const idleCycle = (Date.now() - t) / 1000;
    t = Date.now();
    const check = await reconcile(pool, bridge.openmrs, { since, facility: '88d8abfb-572b-541f-908f-a54d685cb021' });
    const reconcileSeconds = (Date.now() - t) / 1000;
    console.log(`\nScan of ${scan.added} new dispensations: ${scanSeconds.toFixed(2)} s`);
    console.log(`Catch-up: ${sent} FILAs in ${catchUp.toFixed(1)} s = ${(sent / catchUp).toFixed(1)} dispensations/s`);
    console.log(
      `Idle cycle (nothing new, ${count} in the outbox): ${idleCycle.toFixed(2)} s (${JSON.stringify(again.scanned)})`,
    );
    console.log(
      `Reconciliation: ${check.dispensations} dispensations of ${check.patients} patients in ${reconcileSeconds.toFixed(1)} s, ` +
        `${check.missing.length} missing, ${check.unexpected.length} unexpected`,
    );
    const pgVersion = (await pgStatus()).version;
    console.log(`${await benchMachine()}, PostgreSQL ${pgVersion}, load average ${os.loadavg()[0].toFixed(1)}`);
  } finally {
    await pool.end().catch(() => undefined);
    await backend.close();
    await dropIdartDatabase(idart.name);
    await dropDatabase(database);
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
