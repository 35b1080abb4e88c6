// npm run demo: the system on one machine — MariaDB, the demo facility, the dev backend and the O3 SPA
// behind the local gateway. The first run builds everything; later runs reuse it and start in seconds.
import { databaseExists, start } from '@poc-emr/db';
import { generateFacility, progressBar, SIZES, today } from '@poc-emr/data-generator';
import { createServer, readDemoUsers, seedDemoUsers } from '@poc-emr/dev-backend';
import { buildSpa, createGateway, DEFAULT_SPA_DIR } from '@poc-emr/gateway';

const DATABASE = 'facility_1100407';
const GATEWAY_PORT = Number(process.env.POC_GATEWAY_PORT ?? 8080);
const BACKEND_PORT = Number(process.env.POC_BACKEND_PORT ?? 8090);

async function main(): Promise<void> {
  await start();
  if (!(await databaseExists(DATABASE))) {
    await generateFacility({
      database: DATABASE,
      facilityCode: '1100407',
      patients: SIZES.demo,
      seed: 1,
      asOf: today(),
      onProgress: progressBar(DATABASE),
    });
  }
  await seedDemoUsers(DATABASE);
  buildSpa(DEFAULT_SPA_DIR);
  const backend = await createServer({ database: DATABASE, port: BACKEND_PORT });
  const gateway = createGateway({ spaDir: DEFAULT_SPA_DIR, backend: `http://127.0.0.1:${BACKEND_PORT}` });
  await new Promise<void>((resolve) => gateway.listen(GATEWAY_PORT, '127.0.0.1', resolve));

  console.log(`\nPOC EMR demo: http://127.0.0.1:${GATEWAY_PORT}/openmrs/spa/  (HD Manhiça, ${DATABASE})`);
  console.log('Logins (username / password — role):');
  for (const u of readDemoUsers()) console.log(`  ${u.username.padEnd(14)} ${u.password.padEnd(14)} ${u.role}`);
  console.log('  admin          Admin123       System Developer');
  console.log('Ctrl-C stops the gateway and the backend (MariaDB keeps running: npm run db -- stop).');
  const stop = () => {
    gateway.close();
    void backend.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
