import {
  artStart,
  exits,
  pregnancyStatusDuring,
  resumoMensal as rm,
  sql,
  txCurr,
  txMl,
  txNew,
  txPvlsDenominator,
  txPvlsNumerator,
  txRtt,
} from '../src';
import { Timeline } from './timeline';

// The rules where the EPTS module's cohorts differ from a first reading of the indicators: one
// hand-built patient per case, the quarter July–September 2026 (or October 2026 for the Resumo Mensal).

let t: Timeline;

beforeAll(async () => {
  t = await Timeline.create();
});
afterAll(() => t?.close());

const Q3 = () => ({ terms: t.terms, startDate: '2026-07-01', endDate: '2026-09-30' });
const october = () => ({ terms: t.terms, startDate: '2026-10-01', endDate: '2026-10-31' });

/** Each patient's TX_ML outcome in Q3, null when not counted. */
async function outcomes(patientIds: number[]): Promise<(string | null)[]> {
  const rows = await t.rows(
    sql`SELECT c.patient_id, c.outcome FROM (${txMl(Q3())}) c WHERE c.patient_id IN (${patientIds})`,
  );
  const byPatient = new Map(rows.map((r) => [Number(r.patient_id), r.outcome as string]));
  return patientIds.map((id) => byPatient.get(id) ?? null);
}

const stateOfStay = (patientId: number, date: string, answer: string) =>
  t.encounter(patientId, 'encounterType.fichaClinicaAdult', date, [
    { concept: 'concept.stateOfStayArt', value: answer },
  ]);

test('TX_ML: a transfer out counts in the period its drugs run out, not the one it was written in', async () => {
  // Written in June, drugs until 31 July: transferred in Q3 (and still in TX_CURR on 30 June).
  const writtenBefore = await t.patient();
  await t.fila(writtenBefore, '2026-05-01 07:25:00', '2026-07-31');
  await stateOfStay(writtenBefore, '2026-06-20', 'concept.transferredOut');
  // A Master Card pickup lasts 30 days: picked up 15 June, out of drugs on 16 July.
  const reception = await t.patient();
  await t.receptionPickup(reception, '2026-06-15');
  await t.enrol(reception, 'program.tarvTreatment', '2026-01-15', {
    states: [
      ['programWorkflowState.tarv.active', '2026-01-15'],
      ['programWorkflowState.tarv.transferredOut', '2026-06-16'],
    ],
  });
  // Written in July, drugs gone since 2 April: no transfer in Q3, and too long late to be IIT in it.
  const ranOutLongBefore = await t.patient();
  await t.fila(ranOutLongBefore, '2026-03-01', '2026-04-01');
  await stateOfStay(ranOutLongBefore, '2026-07-10', 'concept.transferredOut');
  // Written in July, drugs gone since 10 June: not a transfer in Q3 but an interruption (9 June + 28 days).
  const ranOutJustBefore = await t.patient();
  await t.fila(ranOutJustBefore, '2026-05-10', '2026-06-09');
  await stateOfStay(ranOutJustBefore, '2026-07-10', 'concept.transferredOut');
  // Written in September, drugs until December: neither out of care nor counted yet.
  const stillSupplied = await t.patient();
  await t.fila(stillSupplied, '2026-09-01', '2026-12-01');
  await stateOfStay(stillSupplied, '2026-09-15', 'concept.transferredOut');

  const all = [writtenBefore, reception, ranOutLongBefore, ranOutJustBefore, stillSupplied];
  expect(await outcomes(all)).toEqual(['transferred', 'transferred', null, 'iit<3', null]);
  expect(await t.members(txCurr({ terms: t.terms, endDate: '2026-06-30' }), all)).toEqual([
    writtenBefore,
    reception,
    ranOutJustBefore,
  ]);
  expect(await t.members(txCurr(Q3()), all)).toEqual([stillSupplied]);
});

test('TX_ML: an exit before the period that a later FILA undid, then an interruption, is IIT', async () => {
  const diedThenCame = await t.patient();
  await t.fila(diedThenCame, '2025-01-10', '2025-02-09');
  await t.die(diedThenCame, '2025-03-01');
  await t.fila(diedThenCame, '2026-07-05', '2026-08-04'); // back; late from 1 September
  const transferredThenCame = await t.patient();
  await t.fila(transferredThenCame, '2026-01-10', '2026-02-09');
  await stateOfStay(transferredThenCame, '2026-02-01', 'concept.transferredOut');
  await t.fila(transferredThenCame, '2026-07-05', '2026-08-04');
  const transferredAway = await t.patient(); // the same transfer, never back: left care before Q3
  await t.fila(transferredAway, '2026-01-10', '2026-02-09');
  await stateOfStay(transferredAway, '2026-02-01', 'concept.transferredOut');
  const diedBefore = await t.patient(); // died in May, not in Q3's TX_ML
  await t.fila(diedBefore, '2026-04-01', '2026-05-01');
  await t.die(diedBefore, '2026-05-15');

  expect(await outcomes([diedThenCame, transferredThenCame, transferredAway, diedBefore])).toEqual([
    'iit6+',
    'iit6+',
    null,
    null,
  ]);
});

test('TX_ML: a death outranks a transfer; a death or suspension after leaving care is not counted', async () => {
  const diedAfterTransfer = await t.patient();
  await t.fila(diedAfterTransfer, '2026-06-01', '2026-07-01');
  await stateOfStay(diedAfterTransfer, '2026-06-10', 'concept.transferredOut');
  await t.die(diedAfterTransfer, '2026-08-01');
  const suspendedAfterLeaving = await t.patient(); // transferred out in March (drugs gone), suspended in August
  await t.fila(suspendedAfterLeaving, '2026-02-01', '2026-03-01');
  await stateOfStay(suspendedAfterLeaving, '2026-03-10', 'concept.transferredOut');
  await stateOfStay(suspendedAfterLeaving, '2026-08-10', 'concept.suspended');
  expect(await outcomes([diedAfterTransfer, suspendedAfterLeaving])).toEqual(['died', null]);
});

test('TX_RTT leaves out only those transferred in during the period, not those transferred in years ago', async () => {
  const transferredInLongAgo = await t.patient();
  await t.enrol(transferredInLongAgo, 'program.tarvTreatment', '2022-03-01', {
    states: [['programWorkflowState.tarv.transferredIn', '2022-03-01']],
  });
  await t.fila(transferredInLongAgo, '2026-01-01', '2026-02-01');
  await t.fila(transferredInLongAgo, '2026-07-05', '2026-10-05');
  const transferredInNow = await t.patient(); // came in July from another facility, seen here before
  await t.fila(transferredInNow, '2026-01-01', '2026-02-01');
  await t.encounter(transferredInNow, 'encounterType.fichaResumo', '2026-07-05', [
    { concept: 'concept.transferredFrom', value: 'concept.yes' },
    { concept: 'concept.transferredFromType', value: 'concept.art' },
    { concept: 'concept.transferInDate', value: '2026-07-05' },
  ]);
  await t.fila(transferredInNow, '2026-07-05', '2026-10-05');
  const backAfterTransferOut = await t.patient(); // left by transfer in February, back in July: TRF_IN, not RTT
  await t.fila(backAfterTransferOut, '2026-01-01', '2026-02-01');
  await stateOfStay(backAfterTransferOut, '2026-01-20', 'concept.transferredOut');
  await t.fila(backAfterTransferOut, '2026-07-05', '2026-10-05');

  const all = [transferredInLongAgo, transferredInNow, backAfterTransferOut];
  expect(await t.members(txRtt(Q3()), all)).toEqual([transferredInLongAgo]);
  expect(await t.members(txCurr(Q3()), all)).toEqual(all);
});

test('TX_PVLS counts 90 days on ART from the earliest start, a Ficha Resumo start included', async () => {
  const resumoStart = await t.patient(); // Ficha Resumo: ART from 1 March; first FILA 1 June (after the cut-over)
  await t.encounter(resumoStart, 'encounterType.fichaResumo', '2026-06-01', [
    { concept: 'concept.artStartDate', value: '2026-03-01' },
  ]);
  await t.fila(resumoStart, '2026-06-01', '2026-09-01');
  await t.encounter(resumoStart, 'encounterType.fsr', '2026-07-15', [{ concept: 'concept.viralLoad', value: 50 }]);
  const pickupOnly = await t.patient(); // the same result 44 days after the only start: too soon
  await t.fila(pickupOnly, '2026-06-01', '2026-09-01');
  await t.encounter(pickupOnly, 'encounterType.fsr', '2026-07-15', [{ concept: 'concept.viralLoad', value: 50 }]);

  const all = [resumoStart, pickupOnly];
  expect(await t.members(txPvlsDenominator(Q3()), all)).toEqual([resumoStart]);
  // TX_NEW, TX_CURR and the others date both starts by the pickup (1 June, after the cut-over).
  const starts = await t.rows(
    sql`SELECT a.art_start FROM ${artStart(Q3())} a WHERE a.patient_id IN (${all}) ORDER BY a.patient_id`,
  );
  expect(starts.map((r) => r.art_start)).toEqual(['2026-06-01', '2026-06-01']);
});

test('TX_PVLS: every qualitative answer EPTS reads as suppressed is suppressed', async () => {
  const answers = [
    'concept.viralLoad.belowDetectable',
    'concept.viralLoad.undetectable',
    'concept.viralLoad.below839',
    'concept.viralLoad.below10',
    'concept.viralLoad.below20',
    'concept.viralLoad.below40',
    'concept.viralLoad.below400',
    'concept.viralLoad.belowValue',
  ];
  const patients: number[] = [];
  for (const answer of answers) {
    const p = await t.patient();
    await t.fila(p, '2025-01-10', '2026-12-01');
    await t.encounter(p, 'encounterType.laboratory', '2026-08-01', [
      { concept: 'concept.viralLoadQualitative', value: answer },
    ]);
    patients.push(p);
  }
  const high = await t.patient(); // a numeric result the same day as a suppressed qualitative one: not suppressed
  await t.fila(high, '2025-01-10', '2026-12-01');
  await t.encounter(high, 'encounterType.laboratory', '2026-08-01', [
    { concept: 'concept.viralLoadQualitative', value: 'concept.viralLoad.below400' },
    { concept: 'concept.viralLoad', value: 1500 },
  ]);
  expect(await t.members(txPvlsDenominator(Q3()), [...patients, high])).toEqual([...patients, high]);
  expect(await t.members(txPvlsNumerator(Q3()), [...patients, high])).toEqual(patients);
});

test('B12/B13 do not read Busca Activa; TX_CURR does', async () => {
  const tracedTransfer = await t.patient();
  await t.fila(tracedTransfer, '2026-08-10', '2026-09-10');
  await t.encounter(tracedTransfer, 'encounterType.buscaActiva', '2026-09-20', [
    { concept: 'concept.buscaActiva.missedVisitReason', value: 'concept.transferredOut' },
  ]);
  const tracedDeath = await t.patient();
  await t.fila(tracedDeath, '2026-08-01', '2026-10-15');
  await t.encounter(tracedDeath, 'encounterType.buscaActiva', '2026-10-20', [
    { concept: 'concept.buscaActiva.notFoundReason', value: 'concept.died' },
  ]);
  const recordedDeath = await t.patient(); // the same death on the person record: out of both
  await t.fila(recordedDeath, '2026-08-01', '2026-10-15');
  await t.die(recordedDeath, '2026-10-20');

  const all = [tracedTransfer, tracedDeath, recordedDeath];
  expect(await t.members(rm.b13(october()), all)).toEqual([tracedTransfer, tracedDeath]);
  expect(await t.members(rm.b8(october()), all)).toEqual([recordedDeath]);
  expect(await t.members(txCurr({ terms: t.terms, endDate: '2026-10-01' }), all)).toEqual([tracedDeath, recordedDeath]);
  expect(await t.members(txCurr({ terms: t.terms, endDate: '2026-10-31' }), all)).toEqual([]);
});

test('the last day of a period counts whole: a pickup at midnight and at 07:25 on it; the grace ends on the day', async () => {
  const midnight = await t.patient();
  await t.fila(midnight, '2026-09-30 00:00:00', '2026-10-30');
  const morning = await t.patient();
  await t.fila(morning, '2026-09-30 07:25:00', '2026-10-30');
  const nextDay = await t.patient();
  await t.fila(nextDay, '2026-10-01 00:00:00', '2026-10-31');
  const started = [midnight, morning, nextDay];
  expect(await t.members(txNew(Q3()), started)).toEqual([midnight, morning]);
  expect(await t.members(txCurr(Q3()), started)).toEqual([midnight, morning]);

  // Scheduled 2 September: + 28 days is 30 September, the last day of Q3 — still counted; a day earlier, not.
  const graceEndsOnTheDay = await t.patient();
  await t.fila(graceEndsOnTheDay, '2026-08-02', '2026-09-02');
  const graceEndedTheDayBefore = await t.patient();
  await t.fila(graceEndedTheDayBefore, '2026-08-01', '2026-09-01');
  const late = [graceEndsOnTheDay, graceEndedTheDayBefore];
  expect(await t.members(txCurr(Q3()), late)).toEqual([graceEndsOnTheDay]);
  expect(await outcomes(late)).toEqual([null, 'iit<3']);

  // Scheduled 2 September: + 59 days is 31 October — in B13 of October; scheduled 1 September, not.
  expect(await t.members(rm.b13(october()), late)).toEqual([graceEndsOnTheDay]);
  expect(await t.members(rm.b7(october()), late)).toEqual([graceEndedTheDayBefore]);
});

test('the exits of a patient are one row with the latest of each kind', async () => {
  const p = await t.patient();
  await t.fila(p, '2026-01-10', '2026-02-09');
  await stateOfStay(p, '2026-03-01', 'concept.suspended');
  await stateOfStay(p, '2026-04-01', 'concept.transferredOut');
  const rows = await t.rows(
    sql`SELECT x.suspended, x.transferred, x.died, x.runs_out FROM ${exits({ terms: t.terms, endDate: '2026-09-30' })} x
        WHERE x.patient_id = ${p}`,
  );
  expect(rows.map((r) => ({ ...r }))).toEqual([
    { suspended: '2026-03-01 00:00:00', transferred: '2026-04-01 00:00:00', died: null, runs_out: '2026-02-10' },
  ]);
});

test('TX_NEW: pregnant or breastfeeding by what was recorded during the quarter, the start day included', async () => {
  const pregnantAtStart = await t.patient();
  await t.fila(pregnantAtStart, '2026-08-03 00:00:00', '2026-09-02');
  await t.encounter(pregnantAtStart, 'encounterType.fichaClinicaAdult', '2026-08-03 08:00:00', [
    { concept: 'concept.pregnant', value: 'concept.yes' },
  ]);
  const deliveredLater = await t.patient(); // pregnant at the start, delivery recorded in September: breastfeeding
  await t.fila(deliveredLater, '2026-07-10', '2026-08-09');
  await t.encounter(deliveredLater, 'encounterType.fichaClinicaAdult', '2026-07-10', [
    { concept: 'concept.pregnant', value: 'concept.yes' },
  ]);
  await t.encounter(deliveredLater, 'encounterType.fichaClinicaAdult', '2026-09-15', [
    { concept: 'concept.priorDeliveryDate', value: '2026-09-01' },
  ]);
  const pregnantBefore = await t.patient(); // evidence from before the quarter only
  await t.encounter(pregnantBefore, 'encounterType.fichaClinicaAdult', '2026-06-01', [
    { concept: 'concept.pregnant', value: 'concept.yes' },
  ]);
  await t.fila(pregnantBefore, '2026-07-20', '2026-08-19');

  const all = [pregnantAtStart, deliveredLater, pregnantBefore];
  const rows = await t.rows(
    sql`SELECT c.patient_id, ${pregnancyStatusDuring(Q3())} AS status FROM (${txNew(Q3())}) c
        JOIN person p ON p.person_id = c.patient_id WHERE c.patient_id IN (${all}) ORDER BY c.patient_id`,
  );
  expect(rows.map((r) => [Number(r.patient_id), r.status])).toEqual([
    [pregnantAtStart, 'pregnant'],
    [deliveredLater, 'breastfeeding'],
    [pregnantBefore, null],
  ]);
});
