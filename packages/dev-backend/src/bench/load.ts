#!/usr/bin/env tsx
/**
 * npm run bench:load [-- --database bench_large --users 1,8,32,64 --seconds 30]: N clinicians at once, each
 * going round a journey — search a patient, open the chart, save a vitals encounter — against the dev
 * backend over a generated facility. Prints, for each number of users, requests and journeys per second,
 * p50/p95/p99/max per step, errors, and the fewest and most journeys one user completed (no one starved).
 */
import { parseArgs } from 'node:util';
import { benchMachine, databaseExists, start } from '@poc-emr/db';
import { openDatabase } from '../database';
import { seedDemoUsers } from '../demo/users';
import { createServer } from '../server';
import { describe, HD_MANHICA, logIn, O3_SEARCH_REP } from './session';

/** distro/configuration/encountertypes: Sinais Vitais. */
const VITALS_ENCOUNTER = '67a71486-1a54-468f-ac3e-7091a9a79584';
const WEIGHT = '5089AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

type Patient = {
  uuid: string;
  family: string;
};

type Step = 'search' | 'chart' | 'save';

/** The chart's first requests (a subset of what esm-patient-chart-app sends when it opens). */
const chartRequests = (patient: string, concept: string) => [
  `patient/${patient}?v=full`,
  `visit?patient=${patient}&includeInactive=false&v=custom:(uuid,display,startDatetime,stopDatetime,visitType:(uuid,display),location:(uuid,display))`,
  `encounter?patient=${patient}&limit=10&v=custom:(uuid,encounterDatetime,encounterType:(uuid,display),obs:(uuid,concept:(uuid,display),value))`,
  `obs?patient=${patient}&concept=${concept}&limit=10&v=custom:(uuid,obsDatetime,value)`,
];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string', default: 'bench_large' },
      users: { type: 'string', default: '1,8,32,64' },
      seconds: { type: 'string', default: '30' },
    },
  });
  const database = values.database!;
  const levels = values.users!.split(',').map(Number);
  const seconds = Number(values.seconds);
  await start();
  if (!(await databaseExists(database))) {
    throw new Error(`No database ${database}: build a facility first (npm run bench:generate)`);
  }
  await seedDemoUsers(database);
  const db = openDatabase(database, 1);
  const patients = await db.rows<Patient>(
    `SELECT p.uuid, n.family_name AS family FROM patient pa JOIN person p ON p.person_id = pa.patient_id
     JOIN person_name n ON n.person_id = pa.patient_id AND n.voided = 0 AND n.preferred = 1
     WHERE pa.voided = 0 AND p.dead = 0 ORDER BY RAND(7) LIMIT 500`,
  );
  const [weight] = await db.rows<{ uuid: string }>(
    `SELECT c.uuid FROM concept c JOIN concept_numeric n ON n.concept_id = c.concept_id
     WHERE c.retired = 0 AND n.allow_decimal = 1 AND COALESCE(n.hi_absolute, 999) >= 60 AND COALESCE(n.low_absolute, 0) <= 60
     ORDER BY c.uuid = ? DESC, c.concept_id LIMIT 1`,
    [WEIGHT],
  );
  const [{ total }] = await db.rows('SELECT COUNT(*) AS total FROM patient WHERE voided = 0');
  await db.close();

  const server = await createServer({ database });
  console.log(`Clinicians' journeys on ${database} (${String(total)} patients), ${seconds} s per level`);
  console.log('  a journey: patient search, 4 chart requests, POST a vitals encounter with one obs');
  try {
    for (const users of levels) {
      const cookies = await Promise.all(Array.from({ length: users }, () => logIn(server.url, 'Clinician')));
      const times: Record<Step, number[]> = { search: [], chart: [], save: [] };
      const errors: string[] = [];
      const journeys: number[] = Array(users).fill(0);
      const deadline = performance.now() + seconds * 1000;
      const started = performance.now();

      const timed = async (step: Step, cookie: string, path: string, body?: unknown) => {
        const t0 = performance.now();
        try {
          const response = await fetch(`${server.url}/ws/rest/v1/${path}`, {
            method: body === undefined ? 'GET' : 'POST',
            headers: { Cookie: cookie, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          await response.arrayBuffer();
          if (!response.ok) errors.push(`${response.status} ${step}`);
        } catch (error) {
          errors.push(`${(error as Error).message} ${step}`);
        }
        times[step].push(performance.now() - t0);
      };

      await Promise.all(
        cookies.map(async (cookie, user) => {
          for (let i = user; performance.now() < deadline; i += users) {
            const patient = patients[i % patients.length];
            await timed(
              'search',
              cookie,
              `patient?q=${encodeURIComponent(patient.family)}&v=${O3_SEARCH_REP}&includeDead=false&limit=10&totalCount=true`,
            );
            for (const path of chartRequests(patient.uuid, weight.uuid)) await timed('chart', cookie, path);
            await timed('save', cookie, 'encounter', {
              patient: patient.uuid,
              encounterType: VITALS_ENCOUNTER,
              location: HD_MANHICA,
              encounterDatetime: new Date(Date.now() - 60_000).toISOString().replace('Z', '+0000'),
              obs: [{ concept: weight.uuid, value: 60 + (i % 20) }],
            });
            journeys[user]++;
          }
        }),
      );
      const elapsed = (performance.now() - started) / 1000;
      const all = [...times.search, ...times.chart, ...times.save];
      const done = journeys.reduce((a, b) => a + b, 0);
      console.log(
        `${String(users).padStart(3)} users: ${(all.length / elapsed).toFixed(0)} requests/s, ${(done / elapsed).toFixed(1)} journeys/s, errors ${errors.length}${errors.length ? ` (${[...new Set(errors)].slice(0, 3).join('; ')})` : ''}, journeys per user ${Math.min(...journeys)}–${Math.max(...journeys)}`,
      );
      console.log(`     all requests ${describe(all, true)}`);
      for (const step of ['search', 'chart', 'save'] as Step[]) {
        console.log(`     ${step.padEnd(12)} ${describe(times[step], true)}`);
      }
    }
  } finally {
    await server.close();
  }
  console.log(await benchMachine());
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
