import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, dropDatabase } from '@poc-emr/db';
import type { RowDataPacket } from 'mysql2/promise';
import { generateFacility, today } from '@poc-emr/data-generator';
import { createServer, readDemoUsers, seedDemoUsers, type RunningServer } from '@poc-emr/dev-backend';
import { createStandIn, metadataOf, type StandIn, type StandInMetadata } from '@poc-emr/dhis2-stand-in';
import { configFromEnv, createReportService, ensureReaderAccount, PREFIX, type ReportService } from '../src';

// The service as the distro runs it, on loopback: a generated facility (HD Manhiça), the dev backend for
// the sessions, a DHIS2 stand-in knowing the example mappings' uids, the read-only account.

export const MAPPINGS = path.resolve(__dirname, '..', '..', 'report-engine', 'mappings');
export const HD_MANHICA = '88d8abfb-572b-541f-908f-a54d685cb021';

export interface Stack {
  database: string;
  backend: RunningServer;
  standIn: StandIn;
  service: ReportService;
  base: string;
  dataDir: string;
  /** A session cookie of the demo user of `role`, signed in at `location` (HD Manhiça). */
  login(role: string, location?: string): Promise<string>;
  /** A request to the service: JSON in, status and JSON (or raw body) out. */
  call(
    method: string,
    url: string,
    options?: { cookie?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Answer>;
  /** The uuid of one of the facility's patients on ART (the first by id unless told to skip some). */
  patientUuid(offset?: number): Promise<string>;
  /** Another service on the same facility and data folder, configured by `env` on top of the stack's. */
  restart(env?: NodeJS.ProcessEnv): Promise<void>;
  close(): Promise<void>;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  raw: Buffer;
}

export async function startStack(
  options: { patients?: number; metadata?: (m: StandInMetadata) => StandInMetadata; env?: NodeJS.ProcessEnv } = {},
): Promise<Stack> {
  const database = `rs_${crypto.randomBytes(5).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-service-'));
  await generateFacility({
    database,
    facilityCode: '1100407',
    patients: options.patients ?? 150,
    seed: 5,
    asOf: today(),
  });
  await seedDemoUsers(database);
  const backend = await createServer({ database });
  const mappings = ['mer', 'resumo-mensal'].map((r) =>
    JSON.parse(fs.readFileSync(path.join(MAPPINGS, `${r}.example.json`), 'utf8')),
  );
  const metadata = metadataOf(mappings);
  const standIn = createStandIn({ metadata: options.metadata ? options.metadata(metadata) : metadata });
  const dhis2 = await standIn.app.listen({ port: 0, host: '127.0.0.1' });
  const baseEnv: NodeJS.ProcessEnv = {
    PORT: '0',
    OPENMRS_URL: `http://127.0.0.1:${backend.port}/openmrs`,
    REPORT_DATABASES: await ensureReaderAccount(database),
    REPORT_DATA_DIR: dataDir,
    DHIS2_URL: dhis2,
    DHIS2_USERNAME: 'admin',
    DHIS2_PASSWORD: 'district',
    DHIS2_MAPPINGS: MAPPINGS,
    DHIS2_RETRIES: '2',
    DHIS2_RETRY_DELAY_MS: '10',
    ...options.env,
  };
  let service = await createReportService(configFromEnv(baseEnv));
  let base = await service.app.listen({ port: 0, host: '127.0.0.1' });
  const stack: Stack = {
    database,
    backend,
    standIn,
    get service() {
      return service;
    },
    get base() {
      return base;
    },
    dataDir,
    async login(role, location = HD_MANHICA) {
      const user = readDemoUsers().find((u) => u.role === role);
      if (!user) throw new Error(`No demo user with role ${role}`);
      const answer = await fetch(`http://127.0.0.1:${backend.port}/openmrs/ws/rest/v1/session`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ sessionLocation: location }),
      });
      if (!answer.ok) throw new Error(`Signing in as ${user.username}: ${answer.status}`);
      return answer.headers.get('set-cookie')!.split(';')[0];
    },
    async call(method, url, { cookie, body, headers = {} } = {}) {
      const answer = await fetch(`${base}${PREFIX}${url}`, {
        method,
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const raw = Buffer.from(await answer.arrayBuffer());
      let parsed: unknown = raw;
      if ((answer.headers.get('content-type') ?? '').startsWith('application/json'))
        parsed = JSON.parse(raw.toString('utf8'));
      return { status: answer.status, headers: answer.headers, body: parsed, raw };
    },
    async patientUuid(offset = 0) {
      const conn = await connect({ database });
      try {
        const [[row]] = await conn.query<RowDataPacket[]>(
          `SELECT p.uuid FROM person p JOIN patient pt ON pt.patient_id = p.person_id AND pt.voided = 0
           WHERE EXISTS (SELECT 1 FROM encounter e WHERE e.patient_id = p.person_id AND e.voided = 0)
           ORDER BY p.person_id LIMIT 1 OFFSET ?`,
          [offset],
        );
        return row.uuid;
      } finally {
        await conn.end();
      }
    },
    async restart(env = {}) {
      await service.close();
      service = await createReportService(configFromEnv({ ...baseEnv, ...env }));
      base = await service.app.listen({ port: 0, host: '127.0.0.1' });
    },
    async close() {
      await service.close();
      await standIn.app.close();
      await backend.close();
      await dropDatabase(database);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}

/** Waits until the run has finished (done, failed or cancelled); answers it. */
export async function finished(stack: Stack, cookie: string, id: string): Promise<Answer['body']> {
  await stack.service.jobs.settled();
  return (await stack.call('GET', `/runs/${id}`, { cookie })).body;
}
