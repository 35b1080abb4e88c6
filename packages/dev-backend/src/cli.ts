import { parseArgs } from 'node:util';
import { createServer } from './server';

// npx tsx packages/dev-backend/src/cli.ts --database facility_1100407 --port 8090

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      port: { type: 'string', default: '8090' },
      'session-timeout-minutes': { type: 'string', default: '30' },
    },
  });
  if (!values.database) throw new Error('--database <name> is required, e.g. --database facility_1100407');
  const server = await createServer({
    database: values.database,
    port: Number(values.port),
    sessionTimeoutMs: Number(values['session-timeout-minutes']) * 60_000,
  });
  console.log(
    `OpenMRS REST at ${server.url}/ws/rest/v1, FHIR at ${server.url}/ws/fhir2/R4 (database ${values.database})`,
  );
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
