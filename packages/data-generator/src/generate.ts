import type { Connection } from 'mysql2/promise';
import { connect, createDatabase, databaseExists, dropDatabase, start } from '@poc-emr/db';
import { loadMetadata, readTerms } from '@poc-emr/metadata';
import { BulkLoader } from './bulk';
import { type Day, datetime, day } from './dates';
import { FAMILY, FEMALE_GIVEN, MALE_GIVEN } from './names';
import { COLUMNS, type FacilityContext, type IdCounters, PatientWriter, type Table } from './records';
import { resolveGeneratorTerms } from './resolve';
import { Random } from './random';
import { simulateFacility } from './simulate';
import { rowUuid } from './tsv';

export const SIZES = { tiny: 300, demo: 2000, large: 50000 } as const;

export interface GenerateOptions {
  database: string;
  /** 7-digit health facility code of a location in distro/configuration. */
  facilityCode: string;
  patients: number;
  seed: number | string;
  asOf: Day;
  /** Drop and recreate the database if it exists. */
  replace?: boolean;
  onProgress?: (done: number, total: number, rows: number) => void;
}

export interface GenerateResult {
  database: string;
  patients: number;
  rows: Record<Table, number>;
  totalRows: number;
  seconds: number;
  dataSeconds: number;
  peakRssMb: number;
}

const PROVIDERS = 6;

/**
 * Creates a facility database (OpenMRS schema + metadata) and fills it with synthetic histories.
 * The database is created by this call and dropped again if anything fails: nothing half-written remains.
 */
export async function generateFacility(options: GenerateOptions): Promise<GenerateResult> {
  if (!Number.isInteger(options.patients) || options.patients < 1) {
    throw new Error(`The number of patients must be a positive integer, got ${options.patients}`);
  }
  const started = Date.now();
  let peakRss = process.memoryUsage().rss;
  await start();
  if (await databaseExists(options.database)) {
    if (!options.replace) throw new Error(`Database ${options.database} already exists (use --replace to rebuild it)`);
    await dropDatabase(options.database);
  }
  await createDatabase(options.database);
  let loader: BulkLoader | undefined;
  const conn = await connect({ database: options.database });
  try {
    await loadMetadata(options.database);
    const ctx = await facilityContext(conn, options);
    const ids = await nextIds(conn);
    await createProviders(conn, ctx, ids, options.seed);
    const dataStarted = Date.now();
    loader = await BulkLoader.open(options.database);
    const writer = new PatientWriter(loader, ids, ctx);
    let done = 0;
    options.onProgress?.(0, options.patients, 0);
    for (const patient of simulateFacility({
      seed: options.seed,
      patients: options.patients,
      facilityCode: options.facilityCode,
      asOf: options.asOf,
    })) {
      writer.write(patient);
      if (++done % 200 === 0) {
        await loader.drain();
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        options.onProgress?.(done, options.patients, sum(loader.rowCounts()));
      }
    }
    await loader.finish();
    const rows = loader.rowCounts();
    options.onProgress?.(done, options.patients, sum(rows));
    return {
      database: options.database,
      patients: done,
      rows,
      totalRows: sum(rows),
      seconds: (Date.now() - started) / 1000,
      dataSeconds: (Date.now() - dataStarted) / 1000,
      peakRssMb: Math.round(Math.max(peakRss, process.memoryUsage().rss) / 2 ** 20),
    };
  } catch (error) {
    await loader?.abort();
    await conn.end().catch(() => undefined);
    await dropDatabase(options.database);
    throw error;
  } finally {
    await conn.end().catch(() => undefined);
  }
}

function sum(rows: Record<string, number>): number {
  return Object.values(rows).reduce((a, b) => a + b, 0);
}

async function facilityContext(conn: Connection, options: GenerateOptions): Promise<FacilityContext> {
  const [[codeType]] = (await conn.query(
    'SELECT location_attribute_type_id AS id FROM location_attribute_type WHERE uuid = ?',
    [readTerms().get('locationAttributeType.healthFacilityCode')?.uuid ?? ''],
  )) as unknown as [Array<{ id: number }>];
  if (!codeType) throw new Error('The metadata lacks the location attribute type "Health Facility Code"');
  const [locations] = (await conn.query(
    `SELECT l.location_id AS id, l.state_province AS province, l.county_district AS district
       FROM location l JOIN location_attribute a ON a.location_id = l.location_id AND a.voided = 0
      WHERE a.attribute_type_id = ? AND a.value_reference = ? AND l.retired = 0`,
    [codeType.id, options.facilityCode],
  )) as unknown as [Array<{ id: number; province: string; district: string }>];
  if (locations.length !== 1) {
    throw new Error(
      locations.length
        ? `Health facility code ${options.facilityCode} is used by ${locations.length} locations`
        : `No health facility with code ${options.facilityCode} in distro/configuration/locations`,
    );
  }
  const terms = await resolveGeneratorTerms(conn, options.database);
  const salt = hashSalt(`${options.seed}:${options.facilityCode}`);
  return {
    locationId: locations[0].id,
    province: locations[0].province,
    district: locations[0].district,
    providerIds: [],
    terms,
    salt,
  };
}

async function nextIds(conn: Connection): Promise<IdCounters> {
  const ids = {} as IdCounters;
  for (const table of Object.keys(COLUMNS) as Table[]) {
    const key = COLUMNS[table][0];
    const [[row]] = (await conn.query(`SELECT COALESCE(MAX(${key}), 0) + 1 AS next FROM \`${table}\``)) as unknown as [
      Array<{ next: number }>,
    ];
    ids[table] = Number(row.next);
  }
  ids.person_id = ids.person;
  return ids;
}

/** The clinicians and pharmacists whose names appear on encounters. */
async function createProviders(
  conn: Connection,
  ctx: FacilityContext,
  ids: IdCounters,
  seed: number | string,
): Promise<void> {
  const rng = new Random(`${seed}:providers`);
  const created = datetime(day('2012-01-01'), 60);
  const [[next]] = (await conn.query('SELECT COALESCE(MAX(provider_id), 0) + 1 AS id FROM provider')) as unknown as [
    Array<{ id: number }>,
  ];
  for (let i = 0; i < PROVIDERS; i++) {
    const personId = ids.person_id++;
    const female = rng.chance(0.6);
    const given = rng.pick(female ? FEMALE_GIVEN : MALE_GIVEN);
    const family = rng.pick(FAMILY);
    await conn.query('INSERT INTO person (person_id, gender, creator, date_created, uuid) VALUES (?, ?, 1, ?, ?)', [
      personId,
      female ? 'F' : 'M',
      created,
      rowUuid(ctx.salt * 64 + 40, personId),
    ]);
    await conn.query(
      'INSERT INTO person_name (person_name_id, preferred, person_id, given_name, family_name, creator, date_created, uuid) VALUES (?, 1, ?, ?, ?, 1, ?, ?)',
      [ids.person_name, personId, given, family, created, rowUuid(ctx.salt * 64 + 41, ids.person_name)],
    );
    ids.person_name++;
    const providerId = Number(next.id) + i;
    await conn.query(
      'INSERT INTO provider (provider_id, person_id, identifier, creator, date_created, uuid) VALUES (?, ?, ?, 1, ?, ?)',
      [
        providerId,
        personId,
        `PRV-${String(providerId).padStart(4, '0')}`,
        created,
        rowUuid(ctx.salt * 64 + 42, providerId),
      ],
    );
    ctx.providerIds.push(providerId);
  }
  ids.person = ids.person_id;
}

function hashSalt(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % 1_000_000;
}
