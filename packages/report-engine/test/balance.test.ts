import { connect, dropDatabase } from '@poc-emr/db';
import { createTestDatabase } from '@poc-emr/db/src/testing';
import { day, generateFacility } from '@poc-emr/data-generator';
import type { Connection } from 'mysql2/promise';
import { balanceText, flowBalance, REPORTS, type FlowBalance } from '../src';

// The patient-flow identity on a whole generated facility: TX_CURR = TX_CURR of the previous quarter
// + TX_NEW + TX_RTT + transfers in − TX_ML, and B13 = B12 + B1 + B2 + B3 − B9, patient by patient.
// Every patient who breaks it must be covered by a named rule of the report's flow.

const PLAN = { facilityCode: '1100407', patients: 3000, seed: 'flow', asOf: day('2026-10-31') };
let database: string;
let conn: Connection;

beforeAll(async () => {
  database = await createTestDatabase('flow');
  await generateFacility({ ...PLAN, database, replace: true });
  conn = await connect({ database });
}, 180_000);
afterAll(async () => {
  await conn?.end();
  await dropDatabase(database);
});

const quarters = [
  ['2023-04-01', '2023-06-30'],
  ['2023-10-01', '2023-12-31'],
  ['2024-01-01', '2024-03-31'],
  ['2025-07-01', '2025-09-30'],
  ['2026-04-01', '2026-06-30'],
  ['2026-07-01', '2026-09-30'],
];
const months = ['2023-11', '2023-12', '2024-01', '2025-12', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];

function rulesOf(balances: FlowBalance[]): Set<string> {
  return new Set(balances.flatMap((b) => b.exceptions.map((e) => e.rule)));
}

test('MER: every patient who breaks the quarterly identity is covered by a named rule', async () => {
  const balances: FlowBalance[] = [];
  for (const [startDate, endDate] of quarters) {
    const balance = await flowBalance(conn, database, REPORTS.mer, { startDate, endDate });
    const unexplained = balance.exceptions.filter((e) => e.rule === 'unexplained');
    expect({ period: startDate, unexplained }).toEqual({ period: startDate, unexplained: [] });
    const stock = balance.counts.find((c) => c.code === 'TX_CURR')!.patients;
    expect(stock).toBeGreaterThan(500);
    expect(balance.exceptions.length).toBeLessThan(stock * 0.01);
    balances.push(balance);
  }
  expect(rulesOf(balances)).toContain('returned-and-left');
  expect(balanceText(balances.at(-1)!, REPORTS.mer.flow!)).toMatch(/TX_CURR-1\s+[\d,]+/);
}, 120_000);

test('Resumo Mensal: every patient who breaks B13 = B12 + B1 + B2 + B3 − B9 is covered by a named rule', async () => {
  const balances: FlowBalance[] = [];
  for (const month of months) {
    const [y, m] = month.split('-').map(Number);
    const endDate = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    const balance = await flowBalance(conn, database, REPORTS['resumo-mensal'], { startDate: `${month}-01`, endDate });
    const unexplained = balance.exceptions.filter((e) => e.rule === 'unexplained');
    expect({ month, unexplained }).toEqual({ month, unexplained: [] });
    expect(balance.exceptions.length).toBeLessThan(balance.expected * 0.01);
    balances.push(balance);
  }
  expect(rulesOf(balances)).toContain('back-after-transfer-out');
}, 120_000);
