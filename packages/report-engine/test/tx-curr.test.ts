import { sql, txCurr } from '../src';
import { Timeline } from './timeline';

// TX_CURR (docs/indicators.md), one hand-built patient per rule; each assertion is exact membership
// of that patient at a given end date.

let t: Timeline;

beforeAll(async () => {
  t = await Timeline.create();
});
afterAll(() => t?.close());

async function counted(patientId: number, endDate: string): Promise<boolean> {
  const rows = await t.rows(
    sql`SELECT c.patient_id FROM (${txCurr({ terms: t.terms, endDate })}) c WHERE c.patient_id = ${patientId}`,
  );
  return rows.length === 1;
}

const fila = (patientId: number, date: string, nextPickup?: string) => t.fila(patientId, date, nextPickup);
const receptionPickup = (patientId: number, date: string) => t.receptionPickup(patientId, date);

test('counted until the next pickup plus 28 days has passed', async () => {
  const p = await t.patient();
  await fila(p, '2026-05-10 09:00:00', '2026-06-09');
  expect(await counted(p, '2026-05-10')).toBe(true);
  expect(await counted(p, '2026-07-07')).toBe(true);
  expect(await counted(p, '2026-07-08')).toBe(false);
  expect(await counted(p, '2026-05-09')).toBe(false);
});

test('a Master Card pickup lasts 30 days; the later of it and the FILA schedule counts', async () => {
  const reception = await t.patient();
  await receptionPickup(reception, '2026-05-20');
  expect(await counted(reception, '2026-07-17')).toBe(true);
  expect(await counted(reception, '2026-07-18')).toBe(false);

  const both = await t.patient();
  await fila(both, '2026-03-01', '2026-04-01');
  await receptionPickup(both, '2026-05-25');
  expect(await counted(both, '2026-07-22')).toBe(true);
  expect(await counted(both, '2026-07-23')).toBe(false);
});

test('only the latest FILA schedules the next pickup', async () => {
  const p = await t.patient();
  await fila(p, '2026-01-10', '2026-09-10');
  await fila(p, '2026-02-10');
  expect(await counted(p, '2026-02-28')).toBe(false);
  expect(await counted(p, '2026-02-09')).toBe(true);
});

test('a suspension takes the patient out, a later pickup brings them back', async () => {
  const p = await t.patient();
  await fila(p, '2026-01-05', '2026-04-05');
  await t.enrol(p, 'program.tarvTreatment', '2026-01-05', {
    states: [
      ['programWorkflowState.tarv.active', '2026-01-05'],
      ['programWorkflowState.tarv.suspended', '2026-02-01'],
    ],
  });
  expect(await counted(p, '2026-01-31')).toBe(true);
  expect(await counted(p, '2026-02-01')).toBe(false);
  await fila(p, '2026-03-01', '2026-04-01');
  expect(await counted(p, '2026-03-15')).toBe(true);
});

test('a death counts unless a FILA or a consultation came after it', async () => {
  const dead = await t.patient();
  await fila(dead, '2026-01-05', '2026-04-05');
  await t.die(dead, '2026-02-10');
  expect(await counted(dead, '2026-02-09')).toBe(true);
  expect(await counted(dead, '2026-02-10')).toBe(false);

  const wronglyDead = await t.patient();
  await fila(wronglyDead, '2026-01-05', '2026-04-05');
  await t.encounter(wronglyDead, 'encounterType.fichaClinicaAdult', '2026-03-01');
  await t.encounter(wronglyDead, 'encounterType.fichaResumo', '2026-02-10', [
    { concept: 'concept.stateOfStayArt', value: 'concept.died' },
  ]);
  expect(await counted(wronglyDead, '2026-02-20')).toBe(false);
  expect(await counted(wronglyDead, '2026-03-01')).toBe(true);
});

test('a transfer out counts only once the dispensed drugs have run out', async () => {
  const p = await t.patient();
  await fila(p, '2026-01-05', '2026-04-05');
  await t.encounter(p, 'encounterType.buscaActiva', '2026-02-01', [
    { concept: 'concept.buscaActiva.missedVisitReason', value: 'concept.transferredOut' },
  ]);
  expect(await counted(p, '2026-04-05')).toBe(true);
  expect(await counted(p, '2026-04-06')).toBe(false);

  // Only the latest tracing visit counts: a later one without a transfer cancels it.
  const traced = await t.patient();
  await fila(traced, '2026-01-05', '2026-04-05');
  await t.encounter(traced, 'encounterType.buscaActiva', '2026-02-01', [
    { concept: 'concept.buscaActiva.missedVisitReason', value: 'concept.transferredOut' },
  ]);
  await t.encounter(traced, 'encounterType.buscaActiva', '2026-02-15');
  expect(await counted(traced, '2026-04-20')).toBe(true);
});

test('no ART start, no count: a clinical start after the cut-over with only a Ficha Clínica schedule', async () => {
  const p = await t.patient();
  await t.encounter(p, 'encounterType.fichaClinicaAdult', '2026-05-01', [
    { concept: 'concept.artPlan', value: 'concept.artPlan.start' },
  ]);
  expect(await counted(p, '2026-05-15')).toBe(false);
});
