import type { Connection } from 'mysql2/promise';
import { connect, dropDatabase } from '@poc-emr/db';
import { day } from '../src/dates';
import { generateFacility, type GenerateResult } from '../src/generate';
import { simulateFacility } from '../src/simulate';
import { COLUMNS, type Table } from '../src/records';

const asOf = day('2026-06-30');
const DATA_TABLES = Object.keys(COLUMNS) as Table[];
const suffix = `${process.pid}`;

async function checksums(database: string): Promise<Record<string, string>> {
  const conn = await connect({ database });
  try {
    const [rows] = (await conn.query(`CHECKSUM TABLE ${DATA_TABLES.map((t) => `\`${t}\``).join(', ')}`)) as unknown as [
      Array<{ Table: string; Checksum: string }>,
    ];
    return Object.fromEntries(rows.map((r) => [r.Table.split('.')[1], String(r.Checksum)]));
  } finally {
    await conn.end();
  }
}

describe('generateFacility: determinism', () => {
  const names = [`gen_a_${suffix}`, `gen_b_${suffix}`, `gen_c_${suffix}`];
  afterAll(async () => {
    for (const n of names) await dropDatabase(n);
  });

  it('gives the same rows for the same seed and different rows for another', async () => {
    const base = { facilityCode: '1100407', patients: 120, asOf };
    await generateFacility({ ...base, database: names[0], seed: 'same' });
    await generateFacility({ ...base, database: names[1], seed: 'same' });
    await generateFacility({ ...base, database: names[2], seed: 'other' });
    const [a, b, c] = await Promise.all(names.map(checksums));
    expect(a).toEqual(b);
    expect(a.obs).not.toEqual(c.obs);
    expect(a.person).not.toEqual(c.person);
  });

  it('refuses to overwrite an existing database unless asked, and leaves it intact', async () => {
    const before = await checksums(names[0]);
    await expect(
      generateFacility({ database: names[0], facilityCode: '1100407', patients: 10, seed: 'x', asOf }),
    ).rejects.toThrow(/already exists/);
    expect(await checksums(names[0])).toEqual(before);
  });

  it('rejects an unknown facility code and drops the database it created', async () => {
    const name = `gen_bad_${suffix}`;
    await expect(
      generateFacility({ database: name, facilityCode: '9999999', patients: 10, seed: 1, asOf }),
    ).rejects.toThrow(/No health facility with code 9999999/);
    const conn = await connect();
    const [rows] = (await conn.query('SHOW DATABASES LIKE ?', [name])) as unknown as [unknown[]];
    await conn.end();
    expect(rows).toHaveLength(0);
  });
});

describe('generateFacility: a plausible facility', () => {
  const database = `gen_plausible_${suffix}`;
  let result: GenerateResult;
  let conn: Connection;

  beforeAll(async () => {
    result = await generateFacility({ database, facilityCode: '1100407', patients: 1500, seed: 2026, asOf });
    conn = await connect({ database });
  });
  afterAll(async () => {
    await conn.end();
    await dropDatabase(database);
  });

  async function scalar(sql: string, params: unknown[] = []): Promise<number> {
    const [[row]] = (await conn.query(sql, params)) as unknown as [Array<Record<string, unknown>>];
    return Number(Object.values(row)[0]);
  }

  const FILA = "(SELECT encounter_type_id FROM encounter_type WHERE uuid = 'e279133c-1d5f-11e0-b929-000c29ad1d07')";
  const NEXT_PICKUP = "(SELECT concept_id FROM concept WHERE uuid = 'e1e2efd8-1d5f-11e0-b929-000c29ad1d07')";

  it('reports the rows it wrote, and they are in the tables', async () => {
    expect(result.patients).toBe(1500);
    for (const table of ['obs', 'encounter', 'patient_identifier'] as const) {
      expect(await scalar(`SELECT COUNT(*) FROM \`${table}\``)).toBe(result.rows[table]);
    }
    expect(result.rows.obs).toBeGreaterThan(result.rows.encounter * 3);
  });

  it("is the server's own facility: core's default_location global property names it", async () => {
    const [[gp]] = (await conn.query(
      "SELECT property_value AS value FROM global_property WHERE property = 'default_location'",
    )) as unknown as [Array<{ value: string }>];
    expect(gp.value).toBe('HD Manhiça');
  });

  it('numbers patients with unique NIDs in the national format', async () => {
    const nid =
      "(SELECT patient_identifier_type_id FROM patient_identifier_type WHERE uuid = 'e2b966d0-1d5f-11e0-b929-000c29ad1d07')";
    expect(await scalar(`SELECT COUNT(*) FROM patient_identifier WHERE identifier_type = ${nid}`)).toBe(1500);
    expect(
      await scalar(`SELECT COUNT(DISTINCT identifier) FROM patient_identifier WHERE identifier_type = ${nid}`),
    ).toBe(1500);
    expect(
      await scalar(
        `SELECT COUNT(*) FROM patient_identifier WHERE identifier_type = ${nid} AND identifier NOT REGEXP '^[0-9]{10}/[0-9]{4}/[0-9]{5}$'`,
      ),
    ).toBe(0);
  });

  it('has a plausible share of patients active on ART (next pickup + 28 days not passed)', async () => {
    const everOnArt = await scalar(
      `SELECT COUNT(DISTINCT e.patient_id) FROM encounter e WHERE e.encounter_type = ${FILA} AND e.voided = 0`,
    );
    const active = await scalar(
      `SELECT COUNT(*) FROM (
         SELECT e.patient_id, MAX(o.value_datetime) next_pickup FROM encounter e
           JOIN obs o ON o.encounter_id = e.encounter_id AND o.concept_id = ${NEXT_PICKUP} AND o.voided = 0
          WHERE e.encounter_type = ${FILA} AND e.voided = 0 GROUP BY e.patient_id) t
        WHERE next_pickup >= DATE_SUB('2026-06-30', INTERVAL 28 DAY)`,
    );
    expect(active / everOnArt).toBeGreaterThan(0.4);
    expect(active / everOnArt).toBeLessThan(0.85);
  });

  it('has a plausible viral-load suppression among the latest results', async () => {
    const vl = "(SELECT concept_id FROM concept WHERE uuid = 'e1d6247e-1d5f-11e0-b929-000c29ad1d07')";
    const qual = "(SELECT concept_id FROM concept WHERE uuid = 'e1da2704-1d5f-11e0-b929-000c29ad1d07')";
    const [rows] = (await conn.query(
      `SELECT o.person_id, o.concept_id, o.value_numeric FROM obs o
        JOIN (SELECT person_id, MAX(obs_datetime) d FROM obs WHERE concept_id IN (${vl}, ${qual}) AND voided = 0 GROUP BY person_id) l
          ON l.person_id = o.person_id AND l.d = o.obs_datetime
       WHERE o.concept_id IN (${vl}, ${qual}) AND o.voided = 0`,
    )) as unknown as [Array<{ person_id: number; value_numeric: number | null }>];
    expect(rows.length).toBeGreaterThan(300);
    const suppressed = rows.filter((r) => r.value_numeric === null || r.value_numeric < 1000).length;
    expect(suppressed / rows.length).toBeGreaterThan(0.75);
    expect(suppressed / rows.length).toBeLessThan(0.97);
  });

  it('has between 2 and 13 pickups a year for patients active all year', async () => {
    const [rows] = (await conn.query(
      `SELECT e.patient_id, COUNT(*) n FROM encounter e
        WHERE e.encounter_type = ${FILA} AND e.voided = 0 AND e.encounter_datetime > '2025-06-30'
          AND e.patient_id IN (SELECT patient_id FROM encounter WHERE encounter_type = ${FILA} AND voided = 0 AND encounter_datetime < '2025-06-30')
          AND e.patient_id IN (SELECT e2.patient_id FROM encounter e2 WHERE e2.encounter_type = ${FILA} AND e2.voided = 0 AND e2.encounter_datetime > '2026-03-30')
        GROUP BY e.patient_id`,
    )) as unknown as [Array<{ n: number }>];
    expect(rows.length).toBeGreaterThan(100);
    const mean = rows.reduce((s, r) => s + Number(r.n), 0) / rows.length;
    expect(mean).toBeGreaterThanOrEqual(2);
    expect(mean).toBeLessThanOrEqual(13);
  });

  it('contains the edge cases: voided rows, a pickup after a recorded death, both sides of the cut-over', async () => {
    expect(await scalar('SELECT COUNT(*) FROM patient WHERE voided = 1')).toBeGreaterThan(0);
    expect(
      await scalar(`SELECT COUNT(*) FROM encounter WHERE voided = 1 AND encounter_type = ${FILA}`),
    ).toBeGreaterThan(0);
    expect(await scalar('SELECT COUNT(*) FROM obs WHERE voided = 1 AND previous_version IS NULL')).toBeGreaterThan(0);
    const histories = [...simulateFacility({ seed: 2026, patients: 1500, facilityCode: '1100407', asOf })];
    const afterDeath = histories.filter(
      (h) => h.pickupAfterDeath && !h.voided && h.pickups.at(-1)!.source === 'fila',
    ).length;
    expect(
      await scalar(
        `SELECT COUNT(DISTINCT p.person_id) FROM person p JOIN encounter e ON e.patient_id = p.person_id AND e.encounter_type = ${FILA} AND e.voided = 0
          WHERE p.dead = 1 AND p.voided = 0 AND e.encounter_datetime > p.death_date`,
      ),
    ).toBe(afterDeath);
    const firstPickups = `SELECT patient_id, MIN(encounter_datetime) d FROM encounter WHERE encounter_type = ${FILA} AND voided = 0 GROUP BY patient_id`;
    expect(await scalar(`SELECT COUNT(*) FROM (${firstPickups}) f WHERE d < '2023-12-21'`)).toBeGreaterThan(0);
    expect(await scalar(`SELECT COUNT(*) FROM (${firstPickups}) f WHERE d >= '2023-12-21'`)).toBeGreaterThan(0);
  });
});
