export { configFromEnv, type ServiceConfig } from './config';
export { PRIVILEGES } from './privileges';
export { createReportService, PREFIX, type ReportService } from './server';
export { ensureReaderAccount } from './reader-account';
export { EXAMPLE_MAPPINGS, exampleMappingFiles, startLocalReportService } from './local';
