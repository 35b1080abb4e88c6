import { sql, txNew } from '../src';
import { Timeline } from './timeline';

// TX_NEW (docs/indicators.md): started ART in the period, transfers in excluded.

let t: Timeline;

beforeAll(async () => {
  t = await Timeline.create();
});
afterAll(() => t?.close());

const Q3 = { startDate: '2026-07-01', endDate: '2026-09-30' };

async function isNew(patientId: number, period = Q3): Promise<boolean> {
  const rows = await t.rows(
    sql`SELECT n.patient_id FROM (${txNew({ terms: t.terms, ...period })}) n WHERE n.patient_id = ${patientId}`,
  );
  return rows.length === 1;
}

test('a first pickup within the period is a new start; before or after it is not', async () => {
  const p = await t.patient();
  await t.encounter(p, 'encounterType.fila', '2026-07-01 08:00:00');
  expect(await isNew(p)).toBe(true);
  expect(await isNew(p, { startDate: '2026-04-01', endDate: '2026-06-30' })).toBe(false);
  expect(await isNew(p, { startDate: '2026-10-01', endDate: '2026-12-31' })).toBe(false);

  const earlier = await t.patient();
  await t.encounter(earlier, 'encounterType.fichaResumo', '2026-08-01', [
    { concept: 'concept.artStartDate', value: '2020-06-30' },
  ]);
  await t.encounter(earlier, 'encounterType.fila', '2026-08-01');
  expect(await isNew(earlier)).toBe(false);
});

test('transfers in are not new: enrolment opened as "transferred from", or a Ficha Resumo transfer from ART', async () => {
  const byState = await t.patient();
  await t.encounter(byState, 'encounterType.fila', '2026-08-03');
  await t.enrol(byState, 'program.tarvTreatment', '2026-08-03', {
    states: [
      ['programWorkflowState.tarv.transferredIn', '2026-08-03'],
      ['programWorkflowState.tarv.active', '2026-08-04'],
    ],
  });
  expect(await isNew(byState)).toBe(false);

  const byResumo = await t.patient();
  await t.encounter(byResumo, 'encounterType.fila', '2026-08-10');
  await t.encounter(byResumo, 'encounterType.fichaResumo', '2026-08-10', [
    { concept: 'concept.transferredFrom', value: 'concept.yes' },
    { concept: 'concept.transferredFromType', value: 'concept.art' },
    { concept: 'concept.transferInDate', value: '2026-08-10' },
  ]);
  expect(await isNew(byResumo)).toBe(false);

  // A transfer dated after the end date does not count yet; neither does active-then-transferred.
  const later = await t.patient();
  await t.encounter(later, 'encounterType.fila', '2026-09-01');
  await t.encounter(later, 'encounterType.fichaResumo', '2026-09-01', [
    { concept: 'concept.transferredFrom', value: 'concept.yes' },
    { concept: 'concept.transferredFromType', value: 'concept.art' },
    { concept: 'concept.transferInDate', value: '2026-10-05' },
  ]);
  await t.enrol(later, 'program.tarvTreatment', '2026-09-01', {
    states: [
      ['programWorkflowState.tarv.active', '2026-09-01'],
      ['programWorkflowState.tarv.transferredIn', '2026-09-02'],
    ],
  });
  expect(await isNew(later)).toBe(true);
});
