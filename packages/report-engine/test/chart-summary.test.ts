import type { RowDataPacket } from 'mysql2/promise';
import { patientHivSummary, withPatientSlice, type HivSummary } from '../src';
import { Timeline, type Obs } from './timeline';

// The HIV summary of hand-built patients at 2026-10-31: each fact from the record it is read from, the
// status by both rules, what the reports count, and the slice left nothing behind.

const DATE = '2026-10-31';
let t: Timeline;

beforeAll(async () => {
  t = await Timeline.create();
});
afterAll(() => t?.close());

async function uuidOf(patientId: number): Promise<string> {
  const [[row]] = await t.conn.query<RowDataPacket[]>('SELECT uuid FROM person WHERE person_id = ?', [patientId]);
  return row.uuid;
}

async function summary(patientId: number, date = DATE): Promise<HivSummary> {
  return (await patientHivSummary(t.conn, t.database, await uuidOf(patientId), date))!;
}

const consultation = (p: number, date: string, obs: Obs[]) =>
  t.encounter(p, 'encounterType.fichaClinicaAdult', date, obs);

test('a woman on ART: every fact of the summary from its record', async () => {
  const p = await t.patient({ sex: 'F', birthdate: '1990-05-01' });
  await t.encounter(p, 'encounterType.fichaResumo', '2025-02-01', [
    { concept: 'concept.artStartDate', value: '2024-12-01' },
    { concept: 'concept.transferredFrom', value: 'concept.yes' },
    { concept: 'concept.transferredFromType', value: 'concept.art' },
    { concept: 'concept.transferInDate', value: '2025-01-05' },
  ]);
  await t.encounter(p, 'encounterType.fila', '2025-01-10', [
    { concept: 'concept.nextPickupDate', value: '2025-02-10' },
    { concept: 'concept.regimen', value: 'concept.regimen.TDF+3TC+EFV' },
  ]);
  await t.encounter(p, 'encounterType.fila', '2026-09-20', [
    { concept: 'concept.nextPickupDate', value: '2026-12-18' },
    { concept: 'concept.regimen', value: 'concept.regimen.TDF+3TC+DTG' },
  ]);
  await consultation(p, '2025-01-10', [
    { concept: 'concept.whoStage', value: 'concept.whoStage.2' },
    { concept: 'concept.cd4Clinical', value: 420 },
  ]);
  await t.encounter(p, 'encounterType.laboratory', '2025-07-12', [{ concept: 'concept.viralLoad', value: 1500 }]);
  await t.encounter(p, 'encounterType.fsr', '2025-10-20', [
    { concept: 'concept.viralLoadQualitative', value: 'concept.viralLoad.undetectable' },
  ]);
  await consultation(p, '2026-10-02', [
    { concept: 'concept.dispensationType', value: 'concept.dispenseMode.quarterly' },
    { concept: 'concept.tbSymptoms', value: 'concept.no' },
    { concept: 'concept.pregnant', value: 'concept.yes' },
    { concept: 'concept.isoniazidStartDate', value: '2026-10-02' },
  ]);
  await t.enrol(p, 'program.tarvTreatment', '2025-01-05', {
    states: [['programWorkflowState.tarv.transferredIn', '2025-01-05']],
  });

  const s = await summary(p);
  // Since the 2023-12-21 cut-over only a pickup starts ART: the Ficha Resumo's date is the earliest, not the start.
  expect(s.artStart).toEqual({ date: '2025-01-10', source: 'fila' });
  expect(s.earliestArtStart).toBe('2024-12-01');
  expect(s.regimen).toEqual({ value: 'TDF+3TC+DTG', date: '2026-09-20' });
  expect(s.dispensationType).toEqual({ value: 'TRIMESTRAL', date: '2026-10-02' });
  expect(s.pickups).toEqual({
    lastPickup: '2026-09-20',
    lastFila: '2026-09-20',
    nextPickup: '2026-12-18',
    lastMasterCardPickup: null,
    scheduled: '2026-12-18',
    daysLate: 0,
  });
  expect(s.viralLoads).toEqual([
    { date: '2025-10-20', copies: null, result: 'INDETECTAVEL', suppressed: true },
    { date: '2025-07-12', copies: 1500, result: null, suppressed: false },
  ]);
  expect(s.cd4).toEqual({ value: 420, date: '2025-01-10', percent: false });
  expect(s.whoStage).toEqual({ value: 'ESTADIO II OMS', date: '2025-01-10' });
  expect(s.tbScreening).toEqual({ date: '2026-10-02', screened: true, symptoms: false });
  expect(s.tpt).toEqual({ started: { value: 'inh', date: '2026-10-02' }, completed: null, eligible: false });
  expect(s.pregnancy).toBe('pregnant');
  expect(s.programme).toMatchObject({ enrolled: '2025-01-05', completed: null, state: { date: '2025-01-05' } });
  expect(s.programme!.state!.name).toBe('TRANSFERIDO DE');
  expect(s.transfers).toEqual({ in: '2025-01-05', out: null });
  expect(s.status).toEqual({
    pepfar: { status: 'active', since: '2025-01-10' },
    misau: { status: 'active', since: '2025-01-10' },
  });
  // The last FILA (88 days to its next pickup) is older than the consultation's DT: quarterly.
  expect(s.reports).toEqual({ quarterStart: '2026-10-01', txCurr: true, mmd: '3-5', b13: true, txMl: null });
  // VL due (12 months after the suppressed result) is not listed: she is pregnant (the PTV schedule).
  expect(s.alerts.map((a) => a.code)).toEqual(['cd4-due']);
  expect(s.alerts[0]).toMatchObject({ kind: 'clinical', date: '2026-10-02', detail: 'pregnant' });
});

test('PEPFAR and MISAU disagree between 29 and 59 days late; exits by TX_ML order', async () => {
  const late40 = await t.patient({ sex: 'M' });
  await t.fila(late40, '2025-06-01', '2025-07-01');
  await t.fila(late40, '2026-08-22', '2026-09-21'); // 40 days late on 2026-10-31
  const s = await summary(late40);
  expect(s.status).toEqual({
    pepfar: { status: 'iit', since: '2026-10-20' },
    misau: { status: 'active', since: '2025-06-01' },
  });
  expect(s.pickups.daysLate).toBe(40);
  expect(s.reports).toMatchObject({ txCurr: false, b13: true, txMl: 'iit6+' });
  expect(s.alerts.find((a) => a.code === 'missed-pickup')).toMatchObject({ date: '2026-09-21', detail: '29-59' });

  const transferred = await t.patient();
  await t.fila(transferred, '2025-01-10', '2025-02-10');
  await t.fila(transferred, '2026-09-01', '2026-10-01');
  await t.enrol(transferred, 'program.tarvTreatment', '2025-01-10', {
    states: [
      ['programWorkflowState.tarv.active', '2025-01-10'],
      ['programWorkflowState.tarv.transferredOut', '2026-09-15'],
    ],
  });
  const x = await summary(transferred);
  expect(x.status.pepfar).toEqual({ status: 'transferred-out', since: '2026-10-02' });
  expect(x.transfers.out).toEqual({ recorded: '2026-09-15', drugsRunOut: '2026-10-02' });
  expect(x.reports.txMl).toBe('transferred');
  expect(x.programme!.state!.name).toBe('TRANSFERIDO PARA');
  // Before the drugs ran out the patient is still on ART, transfer recorded.
  const before = await summary(transferred, '2026-09-30');
  expect(before.status.pepfar.status).toBe('active');
  expect(before.transfers.out).toEqual({ recorded: '2026-09-15', drugsRunOut: '2026-10-02' });
});

test('a patient who never started ART, and one unknown', async () => {
  const p = await t.patient();
  await t.enrol(p, 'program.tarvCare', '2026-01-10');
  const s = await summary(p);
  expect(s.artStart).toBeNull();
  expect(s.status.pepfar).toEqual({ status: 'not-started', since: null });
  expect(s.reports).toMatchObject({ txCurr: false, b13: false, txMl: null });
  expect(await patientHivSummary(t.conn, t.database, '00000000-0000-0000-0000-000000000000', DATE)).toBeNull();
  await expect(patientHivSummary(t.conn, t.database, await uuidOf(p), '2026-02-30')).rejects.toThrow('Not a date');
});

test('the slice hides every other patient while it lasts, and is gone after, even after a failure', async () => {
  const p = await t.patient();
  await t.fila(p, '2026-01-10', '2026-02-10');
  const count = async () => {
    const [[row]] = await t.conn.query<RowDataPacket[]>('SELECT COUNT(DISTINCT patient_id) AS n FROM encounter');
    return Number(row.n);
  };
  const everyone = await count();
  expect(everyone).toBeGreaterThan(1);
  expect(await withPatientSlice(t.conn, p, count)).toBe(1);
  await expect(withPatientSlice(t.conn, p, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  expect(await count()).toBe(everyone);
});
