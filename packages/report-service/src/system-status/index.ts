import fs from 'node:fs';
import path from 'node:path';
import { withConnection, type Facility } from '../facilities';
import type { Context } from '../server';
import { backupStatus, type Backups } from './backups';
import { databaseFacts, type DatabaseFacts } from './database';
import { plainError, worst, type Level } from './levels';
import { openmrsFacts, type OpenmrsFacts } from './openmrs';
import { replicationStatus, type Replication } from './replication';
import { bridgeHealth, type BridgeHealth } from './services';

// GET /system-status: what a facility's IT officer checks first, each part read from where it lives — the
// distro's version, the backend's, MariaDB and the OpenMRS database, the backups `ops` records, hybrid
// mode, this service and the iDART bridge — with a level each and one for the whole.

export type { Level } from './levels';

export interface FacilityStatus {
  database: string;
  name: string;
  level: Level;
  facts: DatabaseFacts | null;
  error: string | null;
  backups: Backups;
  replication: Replication | null;
}

export interface SystemStatus {
  level: Level;
  checkedAt: string;
  distro: { name: string; version: string };
  openmrs: OpenmrsFacts;
  facilities: FacilityStatus[];
  reportService: { level: Level; version: string; startedAt: string; runsUnderWay: number };
  idartBridge: BridgeHealth;
}

// The distro's version is its package's: the report service's image carries distro/package.json.
const versionOf = (dir: string) =>
  (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
const DISTRO_VERSION = versionOf(path.resolve(__dirname, '../../../../distro'));
const SERVICE_VERSION = versionOf(path.resolve(__dirname, '../..'));
const STARTED = new Date().toISOString();

export async function systemStatus(
  context: Context,
  credentials: { cookie?: string; authorization?: string },
): Promise<SystemStatus> {
  const { config, store } = context;
  const [openmrs, facilities, idartBridge] = await Promise.all([
    openmrsFacts(config.openmrsUrl, credentials),
    Promise.all(context.facilities.list().map((f) => facilityStatus(context, f))),
    bridgeHealth(config.status.idartBridgeUrl),
  ]);
  const runsUnderWay = store.list((r) => r.status === 'running' || r.status === 'queued').length;
  const reportService = { level: 'ok' as Level, version: SERVICE_VERSION, startedAt: STARTED, runsUnderWay };
  return {
    level: worst(openmrs.level, ...facilities.map((f) => f.level), reportService.level, idartBridge.level),
    checkedAt: new Date().toISOString(),
    distro: { name: 'poc-emr', version: DISTRO_VERSION },
    openmrs,
    facilities,
    reportService,
    idartBridge,
  };
}

async function facilityStatus(context: Context, facility: Facility): Promise<FacilityStatus> {
  const backups = backupStatus(
    context.config.status.backupDir,
    facility.database,
    context.config.status.backupMaxAgeHours,
  );
  try {
    const [facts, replication] = await withConnection(
      facility.source,
      async (conn) => [await databaseFacts(conn, facility.database), await replicationStatus(conn)] as const,
    );
    return {
      database: facility.database,
      name: facility.name,
      level: worst('ok', backups.level, replication.level),
      facts,
      error: null,
      backups,
      replication,
    };
  } catch (error) {
    return {
      database: facility.database,
      name: facility.name,
      level: 'error',
      facts: null,
      error: plainError(error),
      backups,
      replication: null,
    };
  }
}
