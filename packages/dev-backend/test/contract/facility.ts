import crypto from 'node:crypto';
import { dropDatabase } from '@poc-emr/db/src/testing';
import { day, generateFacility } from '@poc-emr/data-generator';
import { createServer, seedDemoUsers, type RunningServer } from '../../src';

// A tiny generated facility (HD Manhiça, 1100407) behind a dev backend, for suites that need
// existing patients. Local only: a real OpenMRS holds whatever patients it holds.

export const FACILITY_CODE = '1100407';

export interface Facility {
  database: string;
  server: RunningServer;
  close(): Promise<void>;
}

export async function startFacility(patients = 50): Promise<Facility> {
  const database = `devp_${crypto.randomBytes(5).toString('hex')}`;
  await generateFacility({ database, facilityCode: FACILITY_CODE, patients, seed: 1, asOf: day('2026-06-30') });
  await seedDemoUsers(database);
  const server = await createServer({ database });
  return {
    database,
    server,
    close: async () => {
      await server.close();
      await dropDatabase(database);
    },
  };
}
