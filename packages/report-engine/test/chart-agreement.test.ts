import { connect, dropDatabase } from '@poc-emr/db';
import { createTestDatabase } from '@poc-emr/db/src/testing';
import { day, generateFacility } from '@poc-emr/data-generator';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import {
  MaterialisingSession,
  patientHivSummary,
  quarterStart,
  resolveReportTerms,
  resumoMensal,
  txCurr,
  txMl,
  type HivSummary,
  type PeriodContext,
  type Sql,
} from '../src';

// The chart and the reports never disagree: over every patient of a generated facility, the HIV
// summary (evaluated for the patient alone) says "active" exactly for the patients the facility's TX_CURR
// and B13 count at the same date, and names the TX_ML outcome the facility's TX_ML gives — at a quarter's
// end and in the middle of one.

const PLAN = { facilityCode: '1100407', patients: 300, seed: 'chart', asOf: day('2026-10-31') };
let database: string;
let conn: Connection;

beforeAll(async () => {
  database = await createTestDatabase('chart');
  await generateFacility({ ...PLAN, database, replace: true });
  conn = await connect({ database });
}, 120_000);
afterAll(async () => {
  await conn?.end();
  await dropDatabase(database);
});

/** The facility's cohort as a map patient_id → row. */
async function cohort(fragment: Sql): Promise<Map<number, RowDataPacket>> {
  const session = new MaterialisingSession(conn);
  try {
    const rows = await session.rows<RowDataPacket>(fragment);
    return new Map(rows.map((r) => [Number(r.patient_id), r]));
  } finally {
    await session.close();
  }
}

/** The TX_ML outcome as the summary's PEPFAR status names it. */
const STATUS_OF_OUTCOME: Record<string, string> = {
  died: 'died',
  transferred: 'transferred-out',
  stopped: 'suspended',
  'iit<3': 'iit',
  'iit3-5': 'iit',
  'iit6+': 'iit',
};

test.each(['2026-09-30', '2026-08-20'])(
  'at %s every patient: summary status = TX_CURR, B13 and TX_ML membership',
  async (date) => {
    const terms = await resolveReportTerms(conn, database);
    const ctx: PeriodContext = { terms, startDate: quarterStart(date), endDate: date };
    const month: PeriodContext = { terms, startDate: `${date.slice(0, 8)}01`, endDate: date };
    const curr = await cohort(txCurr(ctx));
    const b13 = await cohort(resumoMensal.b13(month));
    const ml = await cohort(txMl(ctx));
    const [patients] = await conn.query<RowDataPacket[]>(
      'SELECT p.person_id, p.uuid FROM person p JOIN patient pt ON pt.patient_id = p.person_id WHERE pt.voided = 0',
    );
    const seen = new Map<string, number>();
    const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
    for (const { person_id, uuid } of patients) {
      const id = Number(person_id);
      const summary = (await patientHivSummary(conn, database, uuid, date)) as HivSummary;
      const facility = {
        txCurr: curr.has(id),
        mmd: curr.get(id)?.mmd ?? null,
        b13: b13.has(id),
        txMl: ml.get(id)?.outcome ?? null,
      };
      const chart = { ...summary.reports, quarterStart: undefined };
      expect({ id, ...chart }).toEqual({ id, quarterStart: undefined, ...facility });
      expect({ id, pepfarActive: summary.status.pepfar.status === 'active' }).toEqual({
        id,
        pepfarActive: facility.txCurr,
      });
      expect({ id, misauActive: summary.status.misau.status === 'active' }).toEqual({ id, misauActive: facility.b13 });
      if (facility.txMl) {
        expect({ id, status: summary.status.pepfar.status }).toEqual({ id, status: STATUS_OF_OUTCOME[facility.txMl] });
      }
      count(`pepfar:${summary.status.pepfar.status}`);
      count(`misau:${summary.status.misau.status}`);
      if (facility.txMl) count(`txMl:${facility.txMl}`);
    }
    // The facility has patients of every kind the test is about.
    for (const key of ['pepfar:active', 'pepfar:iit', 'misau:active', 'misau:abandoned', 'pepfar:not-started']) {
      expect([key, (seen.get(key) ?? 0) > 0]).toEqual([key, true]);
    }
    expect([...seen.keys()].some((k) => k.startsWith('txMl:'))).toBe(true);
    expect(seen.get('pepfar:died') ?? 0).toBeGreaterThan(0);
  },
  180_000,
);
