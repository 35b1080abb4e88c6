import { resumoMensal as rm, txCurr, type PeriodContext } from '../src';
import { Timeline } from './timeline';

// MISAU Resumo Mensal (docs/indicators.md) for October 2026; "previous month" ends 2026-09-30.

let t: Timeline;

beforeAll(async () => {
  t = await Timeline.create();
});
afterAll(() => t?.close());

const october = (): PeriodContext => ({ terms: t.terms, startDate: '2026-10-01', endDate: '2026-10-31' });

test('B12/B13 allow 59 days after the scheduled pickup where TX_CURR allows 28', async () => {
  const late40 = await t.patient(); // scheduled 2026-09-21: 40 days late on 2026-10-31
  await t.fila(late40, '2026-08-21', '2026-09-21');
  const late60 = await t.patient(); // scheduled 2026-09-01: 60 days late
  await t.fila(late60, '2026-08-01', '2026-09-01');
  const all = [late40, late60];
  expect(await t.members(rm.b13(october()), all)).toEqual([late40]);
  expect(await t.members(rm.b12(october()), all)).toEqual([late40, late60]);
  expect(await t.members(txCurr(october()), all)).toEqual([]);
});

test('B1, B10, B11: starts in the month and before it, transfers in excluded; B2 the transfers in', async () => {
  const started = await t.patient();
  await t.fila(started, '2026-10-05', '2026-11-05');
  const before = await t.patient();
  await t.fila(before, '2025-02-01', '2026-11-01');
  const transfer = await t.patient();
  await t.fila(transfer, '2026-10-07', '2026-11-07');
  await t.enrol(transfer, 'program.tarvTreatment', '2026-10-07', {
    states: [['programWorkflowState.tarv.transferredIn', '2026-10-07']],
  });
  const all = [started, before, transfer];
  expect(await t.members(rm.b1(october()), all)).toEqual([started]);
  expect(await t.members(rm.b10(october()), all)).toEqual([before]);
  expect(await t.members(rm.b11(october()), all)).toEqual([started, before]);
  expect(await t.members(rm.b2(october()), all)).toEqual([transfer]);
});

test('B3 restarts, B5/B6/B8 exits in the month, B7 abandonment, B9 their union', async () => {
  const restart = await t.patient(); // abandoned by the end of September, picks up in October
  await t.fila(restart, '2026-03-01', '2026-04-01');
  await t.fila(restart, '2026-10-10', '2026-11-10');
  const transferredOut = await t.patient();
  await t.fila(transferredOut, '2026-09-01', '2026-10-01');
  await t.encounter(transferredOut, 'encounterType.fichaClinicaAdult', '2026-10-05', [
    { concept: 'concept.stateOfStayArt', value: 'concept.transferredOut' },
  ]);
  const suspended = await t.patient();
  await t.fila(suspended, '2026-09-15', '2026-10-15');
  await t.encounter(suspended, 'encounterType.fichaResumo', '2026-10-20', [
    { concept: 'concept.stateOfStayArt', value: 'concept.suspended' },
  ]);
  const died = await t.patient();
  await t.fila(died, '2026-09-15', '2026-10-15');
  await t.die(died, '2026-10-25');
  const abandoned = await t.patient(); // active on 2026-09-30 (scheduled 2026-08-20 + 59), not by 2026-10-31
  await t.fila(abandoned, '2026-07-20', '2026-08-20');
  const active = await t.patient();
  await t.fila(active, '2026-10-01', '2026-12-01');

  const all = [restart, transferredOut, suspended, died, abandoned, active];
  expect(await t.members(rm.b3(october()), all)).toEqual([restart]);
  expect(await t.members(rm.b5(october()), all)).toEqual([transferredOut]);
  expect(await t.members(rm.b6(october()), all)).toEqual([suspended]);
  expect(await t.members(rm.b8(october()), all)).toEqual([died]);
  expect(await t.members(rm.b7(october()), all)).toEqual([abandoned]);
  expect(await t.members(rm.b9(october()), all)).toEqual([transferredOut, suspended, died, abandoned]);
  expect(await t.members(rm.b13(october()), all)).toEqual([restart, active]);
});

test('A1–A3 pre-ART enrolments, transfers in excluded; C1 TB screening of the new ones', async () => {
  const old = await t.patient();
  await t.enrol(old, 'program.tarvCare', '2025-05-01');
  const fresh = await t.patient();
  await t.enrol(fresh, 'program.tarvCare', '2026-10-12');
  await t.encounter(fresh, 'encounterType.fichaClinicaAdult', '2026-10-12', [
    { concept: 'concept.tbSymptoms', value: 'concept.no' },
  ]);
  const transferredByState = await t.patient();
  await t.enrol(transferredByState, 'program.tarvCare', '2026-10-03', {
    states: [['programWorkflowState.care.transferredIn', '2026-10-03']],
  });
  const transferredByResumo = await t.patient();
  await t.enrol(transferredByResumo, 'program.tarvCare', '2026-10-04');
  await t.encounter(transferredByResumo, 'encounterType.fichaResumo', '2026-10-04', [
    { concept: 'concept.transferredFrom', value: 'concept.yes' },
    { concept: 'concept.transferredFromType', value: 'concept.preArt' },
  ]);
  const all = [old, fresh, transferredByState, transferredByResumo];
  expect(await t.members(rm.a1(october()), all)).toEqual([old]);
  expect(await t.members(rm.a2(october()), all)).toEqual([fresh]);
  expect(await t.members(rm.a3(october()), all)).toEqual([old, fresh]);
  expect(await t.members(rm.c1(october()), all)).toEqual([fresh]);
});

test('E1–E3 viral loads of B13 in the month; F1–F3 consultations', async () => {
  const p = await t.patient();
  await t.fila(p, '2026-10-01', '2026-12-01');
  await t.encounter(p, 'encounterType.fichaClinicaAdult', '2026-10-01', [
    { concept: 'concept.labRequest', value: 'concept.viralLoad' },
  ]);
  await t.encounter(p, 'encounterType.fsr', '2026-10-20', [{ concept: 'concept.viralLoad', value: 400 }]);
  const high = await t.patient();
  await t.fila(high, '2026-10-01', '2026-12-01');
  await t.encounter(high, 'encounterType.laboratory', '2026-10-21', [{ concept: 'concept.viralLoad', value: 5000 }]);
  const lastYear = await t.patient();
  await t.encounter(lastYear, 'encounterType.fichaClinicaAdult', '2025-11-01');
  const all = [p, high, lastYear];
  expect(await t.members(rm.e1(october()), all)).toEqual([p]);
  expect(await t.members(rm.e2(october()), all)).toEqual([p, high]);
  expect(await t.members(rm.e3(october()), all)).toEqual([p]);
  expect(await t.members(rm.f1(october()), all)).toEqual([p]);
  expect(await t.members(rm.f3(october()), all)).toEqual([p, lastYear]);
});
