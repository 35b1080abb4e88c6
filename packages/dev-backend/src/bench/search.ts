#!/usr/bin/env tsx
/**
 * npm run bench:search [-- --database bench_large --samples 200 --users 4]: latency of the O3 patient
 * search (the navigation bar's floating search: the exact URL esm-patient-search-app sends) through the
 * dev backend over the large facility that `npm run bench:generate` builds. Prints p50/p95 per kind of
 * query for one user, then for several users at once.
 */
import { parseArgs } from 'node:util';
import { benchMachine, databaseExists, start } from '@poc-emr/db';
import { openDatabase } from '../database';
import { seedDemoUsers } from '../demo/users';
import { createServer } from '../server';
import { describe, logIn, O3_SEARCH_REP } from './session';

interface Sample {
  given: string;
  family: string;
  nid: string;
}

/** What a clerk or clinician types: a whole name, a surname, the first letters while typing, a NID. */
const QUERIES: Record<string, (s: Sample) => string> = {
  'given + family name': (s) => `${s.given} ${s.family}`,
  'family name only': (s) => s.family,
  'first 3 letters': (s) => s.given.slice(0, 3),
  'whole NID': (s) => s.nid,
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string', default: 'bench_large' },
      samples: { type: 'string', default: '200' },
      users: { type: 'string', default: '4' },
    },
  });
  const database = values.database!;
  const samples = Number(values.samples);
  const users = Number(values.users);
  await start();
  if (!(await databaseExists(database))) {
    throw new Error(`No database ${database}: build the large facility first with npm run bench:generate`);
  }
  await seedDemoUsers(database);
  const db = openDatabase(database, 2);
  const picked = (await db.rows(
    `SELECT n.given_name AS given, n.family_name AS family, i.identifier AS nid FROM patient p
     JOIN person_name n ON n.person_id = p.patient_id AND n.voided = 0 AND n.preferred = 1
     JOIN patient_identifier i ON i.patient_id = p.patient_id AND i.voided = 0 AND i.preferred = 1
     WHERE p.voided = 0 ORDER BY RAND(42) LIMIT ?`,
    [samples],
  )) as unknown as Sample[];
  const [{ patients }] = await db.rows('SELECT COUNT(*) AS patients FROM patient WHERE voided = 0');
  await db.close();

  const server = await createServer({ database });
  const cookie = await logIn(server.url, 'Clinician');

  const search = async (q: string): Promise<{ ms: number; total: number }> => {
    const url = `${server.url}/ws/rest/v1/patient?q=${encodeURIComponent(q)}&v=${O3_SEARCH_REP}&includeDead=false&limit=10&totalCount=true`;
    const started = performance.now();
    const response = await fetch(url, { headers: { Cookie: cookie } });
    const body = (await response.json()) as { totalCount?: number };
    const ms = performance.now() - started;
    if (!response.ok) throw new Error(`${response.status} for q=${q}`);
    return { ms, total: body.totalCount ?? 0 };
  };

  console.log(`Patient search on ${database}: ${String(patients)} patients, ${picked.length} sampled patients`);
  console.log('One user, one query at a time (after 20 warm-up queries):');
  for (const s of picked.slice(0, 20)) await search(s.family);
  const all: number[] = [];
  for (const [kind, query] of Object.entries(QUERIES)) {
    const times: number[] = [];
    let matches = 0;
    for (const s of picked) {
      const { ms, total } = await search(query(s));
      times.push(ms);
      matches += total;
    }
    all.push(...times);
    console.log(`  ${kind.padEnd(20)} ${describe(times)}  mean matches ${(matches / picked.length).toFixed(1)}`);
  }
  console.log(`  ${'all'.padEnd(20)} ${describe(all)}`);

  const mixed = picked.flatMap((s) => Object.values(QUERIES).map((query) => query(s)));
  const times: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: users }, async (_, worker) => {
      for (let i = worker; i < mixed.length; i += users) times.push((await search(mixed[i])).ms);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${users} users at once, the same ${mixed.length} queries: ${describe(times)}  (${(mixed.length / seconds).toFixed(0)} searches/s)`,
  );
  await server.close();
  console.log(await benchMachine());
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
