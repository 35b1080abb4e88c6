// npm run demo: the system on one machine — MariaDB, the demo facility, the dev backend and the O3 SPA
// behind the local gateway. The first run builds everything; later runs reuse it and start in seconds.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataRoot, databaseExists, dropDatabase, SCHEMA_FILES, start } from '@poc-emr/db';
import { generateFacility, progressBar, SIZES, today } from '@poc-emr/data-generator';
import { DEFAULT_CONFIG_DIR } from '@poc-emr/metadata';
import { createServer, readDemoUsers, seedDemoUsers } from '@poc-emr/dev-backend';
import { startStandIn } from '@poc-emr/dhis2-stand-in';
import { buildSpa, DEFAULT_SPA_DIR, startNginxGateway } from '@poc-emr/gateway';
import { exampleMappingFiles, startLocalReportService } from '@poc-emr/report-service';
import { startLocalBridge } from '@poc-emr/idart-bridge/src/local';
import { demoBackup } from './demo-backup';

const DATABASE = 'facility_1100407';
const GATEWAY_PORT = Number(process.env.POC_GATEWAY_PORT ?? 8080);
const BACKEND_PORT = Number(process.env.POC_BACKEND_PORT ?? 8090);
const SISMA_PORT = Number(process.env.POC_SISMA_PORT ?? 8091);
const REPORTS_PORT = Number(process.env.POC_REPORTS_PORT ?? 8095);
const IDART_PORT = Number(process.env.POC_IDART_PORT ?? 8096);
const HD_MANHICA = '88d8abfb-572b-541f-908f-a54d685cb021';
const BACKUP_DIR = path.join(dataRoot(), 'demo-backups');

/** Where the schema and configuration the demo facility was generated with are remembered. */
const STAMP = path.resolve(__dirname, '..', '.data', `${DATABASE}.stamp`);

/** The OpenMRS schema files and distro/configuration: when either changes, the demo data is remade. */
function fingerprint(): string {
  const hash = crypto.createHash('sha256');
  const files = [
    ...SCHEMA_FILES,
    ...fs
      .readdirSync(DEFAULT_CONFIG_DIR, { recursive: true, encoding: 'utf8' })
      .sort()
      .map((f) => path.join(DEFAULT_CONFIG_DIR, f))
      .filter((f) => fs.statSync(f).isFile()),
  ];
  for (const file of files) hash.update(file).update(fs.readFileSync(file));
  return hash.digest('hex');
}

async function main(): Promise<void> {
  await start();
  const stamp = fingerprint();
  const current = fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === stamp;
  const fresh = !current || !(await databaseExists(DATABASE));
  if (fresh) {
    if (await databaseExists(DATABASE)) {
      console.log(`The schema or distro/configuration changed since ${DATABASE} was generated: generating it again`);
      await dropDatabase(DATABASE);
    }
    await generateFacility({
      database: DATABASE,
      facilityCode: '1100407',
      patients: SIZES.demo,
      seed: 1,
      asOf: today(),
      onProgress: progressBar(DATABASE),
    });
    fs.writeFileSync(STAMP, stamp);
  }
  await seedDemoUsers(DATABASE);
  buildSpa(DEFAULT_SPA_DIR);
  const backend = await createServer({ database: DATABASE, port: BACKEND_PORT });
  // SIS-MA is a stand-in knowing the example mappings' placeholder uids.
  const sisma = await startStandIn(exampleMappingFiles(), SISMA_PORT);
  // iDART on PostgreSQL beside the facility, kept in step by the bridge (its iDART is made again with
  // the facility).
  const idart = await startLocalBridge({
    database: DATABASE,
    openmrsUrl: `http://127.0.0.1:${BACKEND_PORT}/openmrs`,
    idartDatabase: 'demo_idart',
    fresh,
    locationUuid: HD_MANHICA,
    account: readDemoUsers().find((u) => u.role === 'iDART Bridge')!,
    port: IDART_PORT,
  });
  // The schedule has last month's Resumo Mensal and last quarter's MER ready when the M&E officer opens
  // Relatórios; the administrator's system status watches the bridge and the demo's backups.
  const reports = await startLocalReportService({
    database: DATABASE,
    openmrsUrl: `http://127.0.0.1:${BACKEND_PORT}/openmrs`,
    port: REPORTS_PORT,
    dhis2Url: sisma.url,
    schedule: 'resumo-mensal monthly 1 02:00; mer quarterly 5 03:00',
    idartBridgeUrl: idart.url,
    backupDir: BACKUP_DIR,
  });
  // The distro's nginx gateway (HTTPS on GATEWAY_PORT, its plain-HTTP redirect on a free port); its
  // self-signed certificate is kept in .data/gateway/demo-tls, so a browser accepts it once.
  const gateway = await startNginxGateway({
    spaDir: DEFAULT_SPA_DIR,
    backend: `http://127.0.0.1:${BACKEND_PORT}`,
    reportService: reports.url,
    idartBridge: idart.url,
    httpsPort: GATEWAY_PORT,
    dir: path.join(dataRoot(), 'gateway', 'demo'),
    tlsDir: path.join(dataRoot(), 'gateway', 'demo-tls'),
  });

  console.log(`\nPOC EMR demo: ${gateway.origin}/openmrs/spa/  (HD Manhiça, ${DATABASE})`);
  console.log('The certificate is self-signed (made for this machine): accept it once in the browser.');
  console.log('Logins (username / password — role):');
  for (const u of readDemoUsers()) console.log(`  ${u.username.padEnd(14)} ${u.password.padEnd(14)} ${u.role}`);
  console.log('  admin          Admin123       System Developer');
  console.log(`Report service ${reports.url}, SIS-MA stand-in ${sisma.url}/api (admin / district).`);
  console.log(`iDART bridge ${idart.url} (iDART: PostgreSQL database demo_idart, npm run idart-db -- url demo_idart).`);
  console.log(
    'Ctrl-C stops the gateway, the services and the backend (MariaDB and PostgreSQL keep running: npm run db -- stop, npm run idart-db -- stop).',
  );
  // After the start, not before it: the first backup takes a minute and the demo is usable meanwhile.
  demoBackup(DATABASE, BACKUP_DIR).then(console.log, (error: Error) =>
    console.log(`No demo backup (the system status shows backups red): ${error.message}`),
  );
  const stop = () => {
    void Promise.all([
      gateway.close(),
      reports.service.close(),
      sisma.standIn.app.close(),
      idart.close(),
      backend.close(),
    ]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
