#!/usr/bin/env tsx
import { configFromEnv } from './config';
import { createReportService } from './server';

// The report service, configured by environment variables (docs/install.md).
async function main(): Promise<void> {
  const config = configFromEnv();
  const service = await createReportService(config);
  service.scheduler.start();
  const address = await service.app.listen({ host: config.host, port: config.port });
  console.log(`Report service on ${address} for ${config.facilities.map((f) => f.display).join(', ')}`);
  const stop = () => void service.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
