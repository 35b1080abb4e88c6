#!/usr/bin/env tsx
/**
 * npm run bench:registration [-- --database bench_large --samples 200]: the duplicate check the
 * registration form runs before a create (checkDuplicates, the same code and the same REST calls),
 * through the dev backend over the large facility of `npm run bench:generate`. For sampled patients it
 * re-registers them as a clerk might: same names, the opening of each name spelt another way, birth year
 * off by two; prints p50/p95 per check and how often the existing patient was found.
 */
import { parseArgs } from 'node:util';
import { benchMachine, databaseExists, pool, start } from '@poc-emr/db';
import { createServer, describeLatency as describe, logIn, seedDemoUsers } from '@poc-emr/dev-backend';
import { checkDuplicates, type Applicant, type ExistingPatient } from '../src/domain/duplicates';

const OPTIONS = { birthYearTolerance: 2, minNameSimilarity: 0.8, maxResults: 10 };

interface Sample {
  uuid: string;
  given: string;
  family: string;
  gender: string;
  birthdate: string;
  district: string | null;
}

/** Another spelling of a name's opening sound, as clerks write it (Chongo → Xongo, Cossa → Kossa). */
function respell(name: string): string {
  const swaps: [RegExp, string][] = [
    [/^Ch/, 'X'],
    [/^X/, 'Ch'],
    [/^Tx/, 'Ch'],
    [/^C(?=[aou])/, 'K'],
    [/^K(?=[aou])/, 'C'],
    [/^Qu(?=[ei])/, 'K'],
    [/^S/, 'Z'],
    [/^Z/, 'S'],
    [/^Gu(?=[ao])/, 'Gw'],
    [/^H(?=[aeiou])/, ''],
  ];
  const swap = swaps.find(([pattern]) => pattern.test(name));
  if (!swap) return name;
  const respelt = name.replace(swap[0], swap[1]);
  return respelt.charAt(0).toUpperCase() + respelt.slice(1);
}

const VARIANTS: Record<string, (s: Sample) => Applicant> = {
  'same names and birthdate': (s) => applicant(s, s.given, s.family, s.birthdate),
  'names respelt': (s) => applicant(s, respell(s.given), respell(s.family), s.birthdate),
  'birth year off by 2': (s) =>
    applicant(s, s.given, s.family, `${Number(s.birthdate.slice(0, 4)) + 2}${s.birthdate.slice(4)}`),
};

function applicant(s: Sample, givenName: string, familyName: string, birthdate: string): Applicant {
  return { givenName, familyName, sex: s.gender, birthdate, district: s.district ?? undefined, identifiers: [] };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { database: { type: 'string', default: 'bench_large' }, samples: { type: 'string', default: '200' } },
  });
  const database = values.database!;
  await start();
  if (!(await databaseExists(database))) {
    throw new Error(`No database ${database}: build the large facility first with npm run bench:generate`);
  }
  await seedDemoUsers(database);
  const db = pool(database, 2);
  const [picked] = (await db.query(
    `SELECT pe.uuid, n.given_name AS given, n.family_name AS family, pe.gender,
            DATE_FORMAT(pe.birthdate, '%Y-%m-%d') AS birthdate, a.county_district AS district
     FROM patient p JOIN person pe ON pe.person_id = p.patient_id
     JOIN person_name n ON n.person_id = p.patient_id AND n.voided = 0 AND n.preferred = 1
     LEFT JOIN person_address a ON a.person_id = p.patient_id AND a.voided = 0 AND a.preferred = 1
     WHERE p.voided = 0 AND pe.birthdate IS NOT NULL ORDER BY RAND(7) LIMIT ?`,
    [Number(values.samples)],
  )) as unknown as [Sample[]];
  const [[{ patients }]] = (await db.query('SELECT COUNT(*) AS patients FROM patient WHERE voided = 0')) as unknown as [
    { patients: number }[],
  ];
  await db.end();

  const server = await createServer({ database });
  const cookie = await logIn(server.url, 'Data Clerk');
  let calls = 0;
  const fetchResults = async (path: string): Promise<ExistingPatient[]> => {
    calls++;
    const response = await fetch(`${server.url}/ws/rest/v1${path}`, { headers: { Cookie: cookie } });
    if (!response.ok) throw new Error(`${response.status} for ${path}`);
    return ((await response.json()) as { results: ExistingPatient[] }).results;
  };

  console.log(`Duplicate check on ${database}: ${String(patients)} patients, ${picked.length} sampled patients`);
  for (const s of picked.slice(0, 20))
    await checkDuplicates(VARIANTS['same names and birthdate'](s), fetchResults, OPTIONS);
  const all: number[] = [];
  for (const [kind, variant] of Object.entries(VARIANTS)) {
    const times: number[] = [];
    let found = 0;
    let listed = 0;
    calls = 0;
    for (const s of picked) {
      const started = performance.now();
      const { probable } = await checkDuplicates(variant(s), fetchResults, OPTIONS);
      times.push(performance.now() - started);
      if (probable.some((p) => p.patient.uuid === s.uuid)) found++;
      listed += probable.length;
    }
    all.push(...times);
    console.log(
      `  ${kind.padEnd(26)} ${describe(times)}  found ${found}/${picked.length}  mean listed ${(listed / picked.length).toFixed(1)}  requests/check ${(calls / picked.length).toFixed(1)}`,
    );
  }
  console.log(`  ${'all'.padEnd(26)} ${describe(all)}`);
  await server.close();
  console.log(await benchMachine());
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
