import { connect, dropDatabase } from '@poc-emr/db';
import { createTestDatabase } from '@poc-emr/db/src/testing';
import { day, generateFacility, iso, simulateFacility, type PatientHistory } from '@poc-emr/data-generator';
import type { Connection } from 'mysql2/promise';
import {
  MaterialisingSession,
  onArt as onArtBlock,
  raw,
  resolveReportTerms,
  sql,
  txCurr,
  txMl,
  txRtt,
  type Sql,
  type Terms,
} from '../src';
import { inTxRtt, onArt, txMlOutcome } from './truth';

// A whole generated facility: the SQL's TX_CURR (28 days), MISAU's active-on-ART (59 days), TX_ML with its
// outcomes and TX_RTT for several periods equal, patient for patient, the rules applied in TypeScript to the
// generator's own histories (test/truth.ts).

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

/** `NID value` of each patient the cohort holds (value: a column of the cohort, or nothing), sorted. */
async function nids(cohort: Sql, column?: string): Promise<string[]> {
  const session = new MaterialisingSession(conn);
  try {
    const rows = await session.rows(sql`
      SELECT DISTINCT pi.identifier, ${raw(column ? `c.${column}` : "''")} AS v
      FROM (${cohort}) c
      JOIN patient_identifier pi ON pi.patient_id = c.patient_id AND pi.voided = 0
        AND pi.identifier_type = ${terms.id('identifierType.nid')}`);
    return rows.map((r) => `${r.identifier as string} ${r.v as string}`.trim()).sort();
  } finally {
    await session.close();
  }
}

/** NIDs of the patients the SQL counts at `endDate`. */
async function counted(endDate: string, graceDays: number): Promise<string[]> {
  const ctx = { terms, endDate };
  return nids(graceDays === 28 ? txCurr(ctx) : sql`SELECT * FROM ${onArtBlock(ctx, graceDays, 'misau')} o`);
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

const QUARTERS = [
  ['2023-10-01', '2023-12-31'],
  ['2024-01-01', '2024-03-31'],
  ['2025-07-01', '2025-09-30'],
  ['2026-07-01', '2026-09-30'],
] as const;

test.each(QUARTERS)(
  'TX_ML %s – %s: the SQL counts the patients and outcomes the rule gives',
  async (startDate, endDate) => {
    const expected = histories
      .map((p) => [p.nid, txMlOutcome(p, day(startDate), day(endDate))])
      .filter(([, outcome]) => outcome !== undefined)
      .map(([nid, outcome]) => `${nid} ${outcome}`)
      .sort();
    expect(expected.length).toBeGreaterThan(20);
    expect(await nids(txMl({ terms, startDate, endDate }), 'outcome')).toEqual(expected);
  },
);

test.each(QUARTERS)('TX_RTT %s – %s: the SQL counts the patients the rule gives', async (startDate, endDate) => {
  const expected = histories
    .filter((p) => inTxRtt(p, day(startDate), day(endDate)))
    .map((p) => p.nid)
    .sort();
  expect(expected.length).toBeGreaterThan(5);
  expect(await nids(txRtt({ terms, startDate, endDate }))).toEqual(expected);
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
