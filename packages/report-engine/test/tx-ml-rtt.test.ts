import { raw, sql, txMl, txRtt } from '../src';
import { Timeline } from './timeline';

// TX_ML and TX_RTT (docs/indicators.md) for the quarter July–September 2026, one hand-built patient per rule.

let t: Timeline;

beforeAll(async () => {
  t = await Timeline.create();
});
afterAll(() => t?.close());

const Q = { startDate: '2026-07-01', endDate: '2026-09-30' };

async function outcomes(patientIds: number[], column: 'outcome' | 'interruption', indicator = txMl) {
  const rows = await t.rows(
    sql`SELECT c.patient_id, ${raw(`c.${column}`)} AS v
        FROM (${indicator({ terms: t.terms, ...Q })}) c WHERE c.patient_id IN (${patientIds})`,
  );
  const byPatient = new Map(rows.map((r) => [Number(r.patient_id), r.v as string]));
  return patientIds.map((id) => byPatient.get(id) ?? null);
}

test('TX_ML: deaths, transfers out and suspensions in the quarter, IIT by time on treatment', async () => {
  const died = await t.patient();
  await t.fila(died, '2026-05-01', '2026-07-31');
  await t.die(died, '2026-08-10');

  const diedBefore = await t.patient();
  await t.fila(diedBefore, '2026-03-01', '2026-05-31');
  await t.die(diedBefore, '2026-06-20');

  const transferred = await t.patient();
  await t.fila(transferred, '2026-05-01', '2026-07-31');
  await t.encounter(transferred, 'encounterType.fichaClinicaAdult', '2026-07-10', [
    { concept: 'concept.stateOfStayArt', value: 'concept.transferredOut' },
  ]);

  const stopped = await t.patient();
  await t.fila(stopped, '2026-05-01', '2026-07-31');
  await t.enrol(stopped, 'program.tarvTreatment', '2026-05-01', {
    states: [
      ['programWorkflowState.tarv.active', '2026-05-01'],
      ['programWorkflowState.tarv.suspended', '2026-08-01'],
    ],
  });

  // Missed pickups: 28 days late during the quarter; on treatment < 3, 3–5 and 6+ months by then.
  const newlyStarted = await t.patient();
  await t.fila(newlyStarted, '2026-05-20', '2026-06-19');
  const threeMonths = await t.patient();
  await t.fila(threeMonths, '2026-04-01', '2026-05-01');
  await t.fila(threeMonths, '2026-06-01', '2026-07-01');
  const longTerm = await t.patient();
  await t.fila(longTerm, '2024-01-10', '2024-02-09');
  await t.fila(longTerm, '2026-07-10', '2026-08-09');

  const onTime = await t.patient();
  await t.fila(onTime, '2026-09-01', '2026-10-01');
  const lateBefore = await t.patient(); // already 28 days late before the quarter: counted in the previous one
  await t.fila(lateBefore, '2026-04-01', '2026-05-01');

  expect(
    await outcomes(
      [died, diedBefore, transferred, stopped, newlyStarted, threeMonths, longTerm, onTime, lateBefore],
      'outcome',
    ),
  ).toEqual(['died', null, 'transferred', 'stopped', 'iit<3', 'iit3-5', 'iit6+', null, null]);
});

test('TX_RTT: back in the quarter after an interruption at the end of the previous one, by time away', async () => {
  const back = await t.patient(); // missed 2026-04-10, back 2026-07-15: 96 days
  await t.fila(back, '2025-12-01', '2026-04-10');
  await t.fila(back, '2026-07-15', '2026-10-15');
  const longAway = await t.patient(); // missed 2025-12-01, back after 7 months
  await t.fila(longAway, '2025-10-01', '2025-12-01');
  await t.receptionPickup(longAway, '2026-07-02');
  await t.fila(longAway, '2026-08-01', '2026-10-20');
  const shortAway = await t.patient(); // missed 2026-05-15, back 2026-07-20: 66 days
  await t.fila(shortAway, '2026-04-15', '2026-05-15');
  await t.fila(shortAway, '2026-07-20', '2026-10-20');

  const neverLate = await t.patient();
  await t.fila(neverLate, '2026-06-01', '2026-07-01');
  await t.fila(neverLate, '2026-07-01', '2026-10-01');
  const notBackYet = await t.patient(); // late, returns but late again by the end
  await t.fila(notBackYet, '2026-01-01', '2026-02-01');
  await t.fila(notBackYet, '2026-07-05', '2026-08-05');
  const transferredIn = await t.patient();
  await t.fila(transferredIn, '2026-01-01', '2026-02-01');
  await t.fila(transferredIn, '2026-07-05', '2026-10-05');
  await t.enrol(transferredIn, 'program.tarvTreatment', '2026-07-05', {
    states: [['programWorkflowState.tarv.transferredIn', '2026-07-05']],
  });
  const transferredOut = await t.patient();
  await t.fila(transferredOut, '2026-01-01', '2026-02-01');
  await t.encounter(transferredOut, 'encounterType.fichaResumo', '2026-03-01', [
    { concept: 'concept.stateOfStayArt', value: 'concept.transferredOut' },
  ]);
  await t.fila(transferredOut, '2026-07-05', '2026-10-05');

  expect(
    await outcomes(
      [back, longAway, shortAway, neverLate, notBackYet, transferredIn, transferredOut],
      'interruption',
      txRtt,
    ),
  ).toEqual(['3-5', '6+', '<3', null, null, null, null]);
});
