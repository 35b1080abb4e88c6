import fs from 'node:fs';
import path from 'node:path';
import { dataRoot } from '@poc-emr/db';
import { configFromEnv } from './config';
import { ensureReaderAccount } from './reader-account';
import { createReportService, type ReportService } from './server';

// The service on this machine, beside the dev backend (the demo and the e2e specs): the project's
// MariaDB through the read-only account, a data folder under .data, SIS-MA if a URL is given.

/** The report engine's example mappings (placeholder uids): what the demo's SIS-MA stand-in knows. */
export const EXAMPLE_MAPPINGS = path.join(
  path.dirname(require.resolve('@poc-emr/report-engine/package.json')),
  'mappings',
);

export const exampleMappingFiles = () =>
  fs
    .readdirSync(EXAMPLE_MAPPINGS)
    .filter((f) => f.endsWith('.example.json'))
    .map((f) => path.join(EXAMPLE_MAPPINGS, f));

export interface LocalServiceOptions {
  database: string;
  /** http://127.0.0.1:8090/openmrs */
  openmrsUrl: string;
  port?: number;
  dataDir?: string;
  /** A DHIS2 (the stand-in) taking admin / district. */
  dhis2Url?: string;
  schedule?: string;
  /** The iDART bridge whose health the system status shows. */
  idartBridgeUrl?: string;
  /** The folder `ops backup` writes, watched by the system status. */
  backupDir?: string;
}

export async function startLocalReportService(
  options: LocalServiceOptions,
): Promise<{ service: ReportService; url: string }> {
  const service = await createReportService(
    configFromEnv({
      PORT: String(options.port ?? 0),
      OPENMRS_URL: options.openmrsUrl,
      REPORT_DATABASES: await ensureReaderAccount(options.database),
      REPORT_DATA_DIR: options.dataDir ?? path.join(dataRoot(), 'report-service', options.database),
      REPORT_SCHEDULE: options.schedule ?? '',
      ...(options.idartBridgeUrl ? { IDART_BRIDGE_URL: options.idartBridgeUrl } : {}),
      ...(options.backupDir ? { BACKUP_DIR: options.backupDir } : {}),
      ...(options.dhis2Url
        ? {
            DHIS2_URL: options.dhis2Url,
            DHIS2_USERNAME: 'admin',
            DHIS2_PASSWORD: 'district',
            DHIS2_MAPPINGS: EXAMPLE_MAPPINGS,
          }
        : {}),
    }),
  );
  service.scheduler.start();
  const url = await service.app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  return { service, url };
}
