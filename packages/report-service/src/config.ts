import fs from 'node:fs';
import path from 'node:path';
import { parseDatabaseUrl, type Credentials } from '@poc-emr/db';
import { mappingProblems, REPORTS, type Dhis2Mapping } from '@poc-emr/report-engine';
import { parseSchedule, type ScheduleEntry } from './schedule';

// The service is configured by environment variables (docs/install.md lists them); anything wrong stops
// it at start with every problem named, never at the first request.

export interface FacilityDatabase {
  /** mysql://user:***@host:port/db — safe to show. */
  display: string;
  database: string;
  credentials: Credentials;
}

export type Dhis2Auth = { username: string; password: string } | { token: string };

export interface Dhis2Config {
  /** Base URL without /api, e.g. https://sisma.misau.gov.mz */
  url: string;
  auth: Dhis2Auth;
  /** Mapping per report id, validated against the report's cells. */
  mappings: Record<string, Dhis2Mapping>;
  format: 'json' | 'adx';
  timeoutMs: number;
  /** Tries after the first, with doubling waits from retryDelayMs. */
  retries: number;
  retryDelayMs: number;
}

export interface ServiceConfig {
  host: string;
  port: number;
  /** The OpenMRS the sessions belong to, e.g. http://backend:8080/openmrs */
  openmrsUrl: string;
  facilities: FacilityDatabase[];
  dataDir: string;
  sessionCacheMs: number;
  dhis2?: Dhis2Config;
  schedule: ScheduleEntry[];
  /** Report runs at once across facilities (each on its own connection). */
  concurrency: number;
  /** What the administrator's system status reads beside the database. */
  status: StatusConfig;
}

export interface StatusConfig {
  /** The folder `ops backup` writes to (mounted read-only); none: backups are not watched. */
  backupDir?: string;
  /** A last good backup older than this is a warning (the daily cron plus a margin). */
  backupMaxAgeHours: number;
  /** The iDART bridge (…:8096); none (`off`) where the pharmacy does not dispense in iDART. */
  idartBridgeUrl?: string;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const problems: string[] = [];
  const required = (name: string) => {
    const value = env[name]?.trim();
    if (!value) problems.push(`${name} is required`);
    return value ?? '';
  };
  const integer = (name: string, fallback: number, min: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < min) problems.push(`${name} must be an integer ≥ ${min}`);
    return value;
  };
  const facilities = required('REPORT_DATABASES')
    .split(/[\s,]+/)
    .filter(Boolean)
    .flatMap((url) => {
      try {
        const { credentials, database } = parseDatabaseUrl(url);
        if (!database) throw new Error(`${mask(url)} names no database`);
        return [{ display: mask(url), database, credentials }];
      } catch (error) {
        problems.push(`REPORT_DATABASES: ${mask((error as Error).message)}`);
        return [];
      }
    });
  const openmrsUrl = required('OPENMRS_URL').replace(/\/+$/, '');
  let schedule: ScheduleEntry[] = [];
  try {
    schedule = parseSchedule(env.REPORT_SCHEDULE ?? '');
  } catch (error) {
    problems.push(`REPORT_SCHEDULE: ${(error as Error).message}`);
  }
  const config: ServiceConfig = {
    host: env.HOST ?? '127.0.0.1',
    port: integer('PORT', 8095, 0),
    openmrsUrl,
    facilities,
    dataDir: path.resolve(env.REPORT_DATA_DIR ?? 'report-data'),
    sessionCacheMs: integer('SESSION_CACHE_SECONDS', 30, 0) * 1000,
    schedule,
    concurrency: integer('REPORT_CONCURRENCY', 1, 1),
    status: {
      backupDir: env.BACKUP_DIR?.trim() ? path.resolve(env.BACKUP_DIR.trim()) : undefined,
      backupMaxAgeHours: integer('BACKUP_MAX_AGE_HOURS', 26, 1),
      // off (the distro's default) or none: no bridge on this server.
      idartBridgeUrl:
        env.IDART_BRIDGE_URL?.trim() && env.IDART_BRIDGE_URL.trim() !== 'off'
          ? env.IDART_BRIDGE_URL.trim().replace(/\/+$/, '')
          : undefined,
    },
    // DHIS2_URL=off (the distro's default) or none: reports are run, not sent.
    dhis2: env.DHIS2_URL && env.DHIS2_URL !== 'off' ? dhis2Config(env, problems) : undefined,
  };
  if (problems.length) throw new Error(`The report service is not configured:\n  ${problems.join('\n  ')}`);
  return config;
}

function dhis2Config(env: NodeJS.ProcessEnv, problems: string[]): Dhis2Config {
  // A personal access token: DHIS2_TOKEN, or DHIS2_PASSWORD when DHIS2_USERNAME is "token".
  const token = env.DHIS2_TOKEN ?? (env.DHIS2_USERNAME === 'token' ? env.DHIS2_PASSWORD : undefined);
  const auth: Dhis2Auth | undefined = token
    ? { token }
    : env.DHIS2_USERNAME && env.DHIS2_PASSWORD
      ? { username: env.DHIS2_USERNAME, password: env.DHIS2_PASSWORD }
      : undefined;
  if (!auth) problems.push('DHIS2_URL needs DHIS2_USERNAME and DHIS2_PASSWORD (or DHIS2_TOKEN)');
  const format = env.DHIS2_FORMAT ?? 'json';
  if (format !== 'json' && format !== 'adx') problems.push('DHIS2_FORMAT must be json or adx');
  return {
    url: env.DHIS2_URL!.replace(/\/+$/, ''),
    auth: auth ?? { token: '' },
    mappings: readMappings(env.DHIS2_MAPPINGS ?? '', problems),
    format: format as Dhis2Config['format'],
    timeoutMs: Number(env.DHIS2_TIMEOUT_SECONDS ?? 120) * 1000,
    retries: Number(env.DHIS2_RETRIES ?? 3),
    retryDelayMs: Number(env.DHIS2_RETRY_DELAY_MS ?? 2000),
  };
}

/** Every `<report id>.json` of the mappings folder, each checked against its report. */
function readMappings(dir: string, problems: string[]): Record<string, Dhis2Mapping> {
  if (!dir || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    problems.push(`DHIS2_MAPPINGS must be a folder of <report>.json mapping files (got "${dir}")`);
    return {};
  }
  const mappings: Record<string, Dhis2Mapping> = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const report = REPORTS[path.basename(file, '.json').replace(/\.example$/, '')];
    if (!report) continue;
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
      continue;
    }
    const invalid = mappingProblems(json, report);
    if (invalid.length) problems.push(...invalid.map((p) => `${file}: ${p}`));
    else mappings[report.id] = json as Dhis2Mapping;
  }
  return mappings;
}

function mask(text: string): string {
  return text.replace(/(\/\/[^:/@]+:)[^@]*@/g, '$1***@');
}
