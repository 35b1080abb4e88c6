import fs from 'node:fs';
import path from 'node:path';
import { isDay } from '@poc-emr/fila';
import { parseDatabaseUrl, type Credentials } from '@poc-emr/db';
import { parseDrugMapping, type DrugMapping } from './drugs';

// The bridge is configured by environment variables (docs/install.md lists them); anything wrong stops it
// at start with every problem named (passwords masked), never at the first dispensation.

export interface BridgeConfig {
  host: string;
  port: number;
  /** e.g. http://backend:8080/openmrs */
  openmrsUrl: string;
  /** The OpenMRS account the FILAs are written with. */
  openmrsUsername: string;
  openmrsPassword: string;
  /** Read-only OpenMRS database for the patients on ART and their prescriptions; none: that feed is off. */
  openmrsDatabase?: { credentials: Credentials; database: string; display: string };
  /** postgresql://user:pass@host:port/idart */
  idartUrl: string;
  /** The facility's OpenMRS location: every FILA's location. */
  locationUuid: string;
  /** The provider FILAs are written by (iDART's pharmacist is not an OpenMRS user); none: no provider. */
  providerUuid?: string;
  /** Pickups from this day on are bridged; earlier ones reached OpenMRS by iDART's own means. */
  since: string;
  drugs: DrugMapping;
  /** Seconds between looks at iDART for new or changed dispensations. */
  scanSeconds: number;
  /** Dispensations sent at once. */
  batchSize: number;
  timeoutMs: number;
  /** First retry wait; doubles on each failure up to maxRetryMs (with ±25 % jitter). */
  retryBaseMs: number;
  maxRetryMs: number;
  /** How often an item in the error queue is checked again (its cause may have been fixed in OpenMRS). */
  errorRecheckMs: number;
  sessionCacheMs: number;
}

export const DEFAULT_DRUG_MAPPING = path.resolve(__dirname, '..', '..', '..', 'distro', 'idart-bridge', 'drugs.csv');

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): BridgeConfig {
  const problems: string[] = [];
  const required = (name: string) => {
    const value = env[name]?.trim();
    if (!value) problems.push(`${name} is required`);
    return value ?? '';
  };
  const number = (name: string, fallback: number, min: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isFinite(value) || value < min) problems.push(`${name} must be a number ≥ ${min}`);
    return value;
  };
  const uuid = (name: string, optional = false) => {
    const value = optional ? env[name]?.trim() : required(name);
    if (value && !/^[0-9a-f-]{36}$/i.test(value)) problems.push(`${name} must be a uuid, got "${value}"`);
    return value || undefined;
  };
  const idartUrl = required('IDART_DATABASE_URL');
  if (idartUrl && !/^postgres(ql)?:\/\/[^/]+\/[^/?]+/.test(idartUrl))
    problems.push(`IDART_DATABASE_URL must be postgresql://user:password@host:port/database, got "${mask(idartUrl)}"`);
  let openmrsDatabase: BridgeConfig['openmrsDatabase'];
  if (env.OPENMRS_DATABASE_URL?.trim()) {
    try {
      const { credentials, database } = parseDatabaseUrl(env.OPENMRS_DATABASE_URL.trim());
      if (!database) throw new Error('names no database');
      openmrsDatabase = { credentials, database, display: mask(env.OPENMRS_DATABASE_URL) };
    } catch (error) {
      problems.push(`OPENMRS_DATABASE_URL: ${mask((error as Error).message)}`);
    }
  }
  const since = required('BRIDGE_SINCE');
  if (since && !isDay(since)) problems.push(`BRIDGE_SINCE must be a day (yyyy-mm-dd), got "${since}"`);
  const drugFile = env.BRIDGE_DRUG_MAPPING?.trim() || DEFAULT_DRUG_MAPPING;
  let drugs: DrugMapping = new Map();
  try {
    drugs = parseDrugMapping(fs.readFileSync(drugFile, 'utf8'));
  } catch (error) {
    problems.push(`BRIDGE_DRUG_MAPPING (${drugFile}): ${(error as Error).message}`);
  }
  const config: BridgeConfig = {
    host: env.HOST ?? '127.0.0.1',
    port: number('PORT', 8096, 0),
    openmrsUrl: required('OPENMRS_URL').replace(/\/+$/, ''),
    openmrsUsername: required('OPENMRS_USERNAME'),
    openmrsPassword: required('OPENMRS_PASSWORD'),
    openmrsDatabase,
    idartUrl,
    locationUuid: uuid('BRIDGE_LOCATION_UUID') ?? '',
    providerUuid: uuid('BRIDGE_PROVIDER_UUID', true),
    since,
    drugs,
    scanSeconds: number('BRIDGE_SCAN_SECONDS', 60, 0.01),
    batchSize: number('BRIDGE_BATCH_SIZE', 20, 1),
    timeoutMs: number('BRIDGE_TIMEOUT_SECONDS', 30, 0.01) * 1000,
    retryBaseMs: number('BRIDGE_RETRY_BASE_MS', 5000, 1),
    maxRetryMs: number('BRIDGE_RETRY_MAX_MS', 30 * 60_000, 1),
    errorRecheckMs: number('BRIDGE_ERROR_RECHECK_MINUTES', 60, 0) * 60_000,
    sessionCacheMs: number('SESSION_CACHE_SECONDS', 30, 0) * 1000,
  };
  if (problems.length) throw new Error(`The iDART bridge is not configured:\n  ${problems.join('\n  ')}`);
  return config;
}

export function mask(text: string): string {
  return text.replace(/(\/\/[^:/@]+:)[^@]*@/g, '$1***@');
}
