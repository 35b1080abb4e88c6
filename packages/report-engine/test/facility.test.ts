import { connect, dropDatabase } from '@poc-emr/db';
import { createTestDatabase } from '@poc-emr/db/src/testing';
import { day, generateFacility, iso, simulateFacility, type PatientHistory } from '@poc-emr/data-generator';
import type { Connection } from 'mysql2/promise';
import { MaterialisingSession, onArt as onArtBlock, resolveReportTerms, sql, txCurr, type Terms } from '../src';
import { onArt } from './truth';

// A whole generated facility: the SQL's TX_CURR (28 days) and MISAU's active-on-ART (59 days) at several
// dates equal, patient for patient, the rule applied in TypeScript to the generator's own histories.

const PLAN = { facilityCode: '1100407', patients: 1500, seed: 'truth', asOf: day('2026-10-31') };
let database: string;
let conn: Connection;
let terms: Terms;
let histories: PatientHistory[];

beforeAll(async () => {
  database = await createTestDatabase('truth');
  await generateFacility({ ...PLAN, database, replace: true });
  histories = [...simulateFacility(PLAN)];
  conn = await connect({ database });
  terms = await resolveReportTerms(conn, database);
}, 120_000);
afterAll(async () => {
  await conn?.end();
  await dropDatabase(database);
});

/** NIDs of the patients the SQL counts at `endDate`. */
async function counted(endDate: string, graceDays: number): Promise<string[]> {
  const ctx = { terms, endDate };
  const cohort = graceDays === 28 ? txCurr(ctx) : sql`SELECT * FROM ${onArtBlock(ctx, graceDays, 'misau')} o`;
  const session = new MaterialisingSession(conn);
  try {
    const rows = await session.rows(sql`
      SELECT DISTINCT pi.identifier FROM (${cohort}) c
      JOIN patient_identifier pi ON pi.patient_id = c.patient_id AND pi.voided = 0
        AND pi.identifier_type = ${terms.id('identifierType.nid')}`);
    return rows.map((r) => r.identifier as string).sort();
  } finally {
    await session.close();
  }
}

const truth = (endDate: string, graceDays: number) =>
  histories
    .filter((p) => onArt(p, day(endDate), graceDays))
    .map((p) => p.nid)
    .sort();

test.each([
  ['2023-06-30', 28],
  ['2023-12-31', 28],
  ['2024-12-20', 28],
  ['2025-09-30', 28],
  ['2026-10-31', 28],
  ['2025-09-30', 59],
  ['2026-10-31', 59],
])('on ART at %s with %i days of grace: the SQL counts exactly the patients the rule gives', async (endDate, grace) => {
  const expected = truth(endDate, grace);
  expect(expected.length).toBeGreaterThan(100);
  expect(await counted(endDate, grace)).toEqual(expected);
});

test('the sample has teeth: exits of every kind, late patients, deaths cancelled by a pickup', () => {
  const end = PLAN.asOf;
  const kinds = new Set(histories.flatMap((p) => (p.exit ? [p.exit.kind] : [])));
  expect([...kinds].sort()).toEqual(['abandoned', 'died', 'suspended', 'transferredOut']);
  expect(histories.some((p) => p.pickupAfterDeath)).toBe(true);
  const late = histories.filter((p) => onArt(p, end, 59) && !onArt(p, end, 28));
  expect(late.length).toBeGreaterThan(0);
  expect(iso(end)).toBe('2026-10-31');
});
