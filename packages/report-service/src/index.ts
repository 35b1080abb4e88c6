export { configFromEnv, type ServiceConfig } from './config';
export { PRIVILEGES } from './auth';
export { createReportService, PREFIX, type ReportService } from './server';
export { ensureReaderAccount } from './reader-account';
export { EXAMPLE_MAPPINGS, exampleMappingFiles, startLocalReportService } from './local';
