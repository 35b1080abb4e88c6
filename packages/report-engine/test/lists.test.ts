import { PATIENT_LISTS, runPatientList, type PatientListRow } from '../src';
import type { Obs } from './timeline';
import { Timeline } from './timeline';

// The follow-up lists at 2026-10-31, each rule with hand-built timelines: who is on it and why not.

const DATE = '2026-10-31';
let t: Timeline;

beforeAll(async () => {
  t = await Timeline.create();
});
afterAll(() => t?.close());

async function list(id: string): Promise<Map<number, PatientListRow>> {
  const rows = await runPatientList(t.conn, t.database, PATIENT_LISTS[id], DATE);
  return new Map(rows.map((r) => [r.patientId, r]));
}

/** On ART since 2024 and on time at the date (last FILA 2026-10-15, next pickup 2026-11-15). */
async function onArt(): Promise<number> {
  const p = await t.patient();
  await t.fila(p, '2024-01-10', '2024-02-10');
  await t.fila(p, '2026-10-15', '2026-11-15');
  return p;
}

/** Started ART in 2024; last FILA's next pickup on `nextPickup`. */
async function scheduled(nextPickup: string): Promise<number> {
  const p = await t.patient();
  await t.fila(p, '2024-01-10', '2024-02-10');
  await t.fila(p, '2026-06-01', nextPickup);
  return p;
}

const vl = (copies: number): Obs[] => [{ concept: 'concept.viralLoad', value: copies }];
const consultation = (p: number, date: string, obs: Obs[] = []) =>
  t.encounter(p, 'encounterType.fichaClinicaAdult', date, obs);

test('late for pickup: in care, past the day the drugs ran out, in bands of days late', async () => {
  const onTime = await onArt();
  const dueToday = await scheduled('2026-10-31');
  const [late1, late7, late8, late28, late29, late59, late60] = await Promise.all(
    ['2026-10-30', '2026-10-24', '2026-10-23', '2026-10-03', '2026-10-02', '2026-09-02', '2026-09-01'].map(scheduled),
  );
  const reception = await t.patient();
  await t.receptionPickup(reception, '2026-09-10'); // + 30 days: 2026-10-10, 21 days late
  const died = await scheduled('2026-09-01');
  await t.die(died, '2026-09-15');
  const transferred = await scheduled('2026-09-01');
  await t.enrol(transferred, 'program.tarvTreatment', '2024-01-10', {
    states: [['programWorkflowState.tarv.transferredOut', '2026-09-05']],
  });
  const neverStarted = await t.patient();
  await consultation(neverStarted, '2026-01-10');

  const late = await list('late-for-pickup');
  const band = (p: number) => [late.get(p)?.band, late.get(p)?.daysLate];
  expect(band(late1)).toEqual(['1-7', 1]);
  expect(band(late7)).toEqual(['1-7', 7]);
  expect(band(late8)).toEqual(['8-28', 8]);
  expect(band(late28)).toEqual(['8-28', 28]);
  expect(band(late29)).toEqual(['29-59', 29]);
  expect(band(late59)).toEqual(['29-59', 59]);
  expect(band(late60)).toEqual(['60+', 60]);
  expect(band(reception)).toEqual(['8-28', 21]);
  expect(late.get(late60)?.dueDate).toBe('2026-09-01');
  for (const p of [onTime, dueToday, died, transferred, neverStarted]) expect(late.has(p)).toBe(false);
});

test('expected for pickup: in care and scheduled on the date itself, by FILA or Master Card', async () => {
  const dueToday = await scheduled('2026-10-31');
  const [yesterday, tomorrow] = await Promise.all(['2026-10-30', '2026-11-01'].map(scheduled));
  const reception = await t.patient();
  await t.receptionPickup(reception, '2026-10-01'); // + 30 days: 2026-10-31
  const laterReception = await scheduled('2026-10-31');
  await t.receptionPickup(laterReception, '2026-10-15'); // + 30 days: 2026-11-14, the later date wins
  const cameEarly = await scheduled('2026-10-31');
  await t.fila(cameEarly, '2026-10-29', '2026-11-28'); // the latest FILA's next pickup counts
  const died = await scheduled('2026-10-31');
  await t.die(died, '2026-10-20');
  const suspended = await scheduled('2026-10-31');
  await t.enrol(suspended, 'program.tarvTreatment', '2024-01-10', {
    states: [['programWorkflowState.tarv.suspended', '2026-10-10']],
  });
  const afterDate = await t.patient();
  await t.fila(afterDate, '2026-11-02', '2026-10-31'); // written after the date: not known at it

  const expected = await list('expected-for-pickup');
  expect(expected.get(dueToday)).toMatchObject({ dueDate: '2026-10-31', nextPickup: '2026-10-31', daysLate: 0 });
  expect(expected.get(reception)?.dueDate).toBe('2026-10-31');
  for (const p of [yesterday, tomorrow, laterReception, cameEarly, died, suspended, afterDate]) {
    expect(expected.has(p)).toBe(false);
  }
  const late = await list('late-for-pickup');
  expect(late.get(yesterday)?.band).toBe('1-7');
  expect(late.has(dueToday)).toBe(false);
});

test('due a viral load: 6 months into ART without one, 12 after a suppressed one, 3 after a high one; not pregnant', async () => {
  const noVl = await onArt(); // ART 2024-01-10: due 2024-07-10
  const newOnArt = await t.patient();
  await t.fila(newOnArt, '2026-06-01', '2026-07-01');
  await t.fila(newOnArt, '2026-10-15', '2026-11-15'); // due 2026-12-01
  const suppressedRecent = await onArt();
  await t.encounter(suppressedRecent, 'encounterType.fsr', '2026-03-01', vl(200));
  const suppressedOld = await onArt();
  await t.encounter(suppressedOld, 'encounterType.laboratory', '2025-09-30', vl(200));
  const highRecent = await onArt();
  await t.encounter(highRecent, 'encounterType.fsr', '2026-09-15', vl(5000));
  const highOld = await onArt();
  await t.encounter(highOld, 'encounterType.fsr', '2026-06-01', vl(5000));
  const pregnant = await onArt();
  await consultation(pregnant, '2026-08-01', [{ concept: 'concept.pregnant', value: 'concept.yes' }]);
  const interrupted = await scheduled('2026-09-01'); // 60 days late: not on ART by the PEPFAR rule

  const due = await list('viral-load-due');
  expect(due.get(noVl)?.dueDate).toBe('2024-07-10');
  expect(due.get(suppressedOld)?.dueDate).toBe('2026-09-30');
  expect(due.get(highOld)).toMatchObject({
    dueDate: '2026-09-01',
    lastViralLoad: '5000',
    lastViralLoadDate: '2026-06-01',
  });
  for (const p of [newOnArt, suppressedRecent, highRecent, pregnant, interrupted]) expect(due.has(p)).toBe(false);
});

test('high viral load: the last result 1000 copies or more, in care, repeat due 3 months after it', async () => {
  const high = await onArt();
  await t.encounter(high, 'encounterType.fsr', '2026-09-15', vl(1000));
  const repeatedSuppressed = await onArt();
  await t.encounter(repeatedSuppressed, 'encounterType.fsr', '2026-03-01', vl(8000));
  await t.encounter(repeatedSuppressed, 'encounterType.fsr', '2026-07-01', vl(300));
  const below = await onArt();
  await t.encounter(below, 'encounterType.fsr', '2026-09-15', vl(999));
  const lateHigh = await scheduled('2026-09-01');
  await t.encounter(lateHigh, 'encounterType.laboratory', '2026-05-01', vl(45000));
  const diedHigh = await onArt();
  await t.encounter(diedHigh, 'encounterType.fsr', '2026-09-15', vl(20000));
  await t.die(diedHigh, '2026-10-20');

  const high1000 = await list('high-viral-load');
  expect(high1000.get(high)?.dueDate).toBe('2026-12-15');
  expect(high1000.get(lateHigh)).toMatchObject({ dueDate: '2026-08-01', daysLate: 60, lastViralLoad: '45000' });
  for (const p of [repeatedSuppressed, below, diedHigh]) expect(high1000.has(p)).toBe(false);
});

test('eligible for TPT: on ART, no course under way or completed, no active TB, no TB symptoms in 14 days', async () => {
  const never = await onArt();
  const inhRecent = await onArt();
  await consultation(inhRecent, '2026-06-01', [{ concept: 'concept.isoniazidStartDate', value: '2026-06-01' }]);
  const inhLongAgo = await onArt();
  await consultation(inhLongAgo, '2025-01-10', [{ concept: 'concept.isoniazidStartDate', value: '2025-01-10' }]);
  const filt = (p: number, date: string, regimen: string, type: string) =>
    t.encounter(p, 'encounterType.tpt', date, [
      { concept: 'concept.tptRegimen', value: regimen },
      { concept: 'concept.tptPatientType', value: type },
    ]);
  const threeHpRecent = await onArt();
  await filt(threeHpRecent, '2026-08-01', 'concept.tptRegimen.3hp', 'concept.artPlan.start'); // 91 days ago
  const threeHpOld = await onArt();
  await filt(threeHpOld, '2026-05-01', 'concept.tptRegimen.3hp', 'concept.artPlan.start'); // 183 days ago
  const completed = await onArt();
  await filt(completed, '2025-06-01', 'concept.tptRegimen.3hp', 'concept.completed');
  const inhEnded = await onArt();
  await consultation(inhEnded, '2025-08-01', [{ concept: 'concept.isoniazidEndDate', value: '2025-08-01' }]);
  const tbTreatment = await onArt();
  await consultation(tbTreatment, '2026-06-01', [{ concept: 'concept.tbTreatmentStartDate', value: '2026-06-01' }]);
  const tbTreatmentOld = await onArt();
  await consultation(tbTreatmentOld, '2025-01-01', [{ concept: 'concept.tbTreatmentStartDate', value: '2025-01-01' }]);
  const activeTb = await onArt();
  await consultation(activeTb, '2026-07-01', [{ concept: 'concept.activeTb', value: 'concept.yes' }]);
  const tbProgramme = await onArt();
  await t.enrol(tbProgramme, 'program.tb', '2026-09-01');
  const symptoms = await onArt();
  await consultation(symptoms, '2026-10-25', [{ concept: 'concept.tbSymptoms', value: 'concept.yes' }]);
  const symptomsLongAgo = await onArt();
  await consultation(symptomsLongAgo, '2026-10-01', [{ concept: 'concept.tbSymptoms', value: 'concept.yes' }]);
  const interrupted = await scheduled('2026-09-01');

  const eligible = await list('tpt-eligible');
  for (const p of [never, inhLongAgo, threeHpOld, tbTreatmentOld, symptomsLongAgo]) expect(eligible.has(p)).toBe(true);
  for (const p of [inhRecent, threeHpRecent, completed, inhEnded, tbTreatment, activeTb, tbProgramme, symptoms]) {
    expect(eligible.has(p)).toBe(false);
  }
  expect(eligible.has(interrupted)).toBe(false);
});

test('no TB screening at the last consultation: neither symptoms nor a screening recorded on it, not on TB treatment', async () => {
  const screened = await onArt();
  await consultation(screened, '2026-10-10', [{ concept: 'concept.tbSymptoms', value: 'concept.no' }]);
  const notScreened = await onArt();
  await consultation(notScreened, '2026-10-10', [{ concept: 'concept.weight', value: 61 }]);
  const onlyBefore = await onArt();
  await consultation(onlyBefore, '2026-06-10', [{ concept: 'concept.tbSymptoms', value: 'concept.no' }]);
  await consultation(onlyBefore, '2026-10-10');
  const screenedLast = await onArt();
  await consultation(screenedLast, '2026-06-10');
  await consultation(screenedLast, '2026-10-10', [{ concept: 'concept.tbScreening', value: 'concept.yes' }]);
  const noConsultation = await onArt();
  const onTreatment = await onArt();
  await consultation(onTreatment, '2026-08-01', [{ concept: 'concept.tbTreatmentStartDate', value: '2026-08-01' }]);
  await consultation(onTreatment, '2026-10-10');
  const afterDate = await onArt();
  await consultation(afterDate, '2026-10-10', [{ concept: 'concept.tbSymptoms', value: 'concept.no' }]);
  await consultation(afterDate, '2026-11-02');

  const missing = await list('no-tb-screening');
  expect(missing.get(notScreened)?.dueDate).toBe('2026-10-10');
  expect(missing.has(onlyBefore)).toBe(true);
  for (const p of [screened, screenedLast, noConsultation, onTreatment, afterDate]) expect(missing.has(p)).toBe(false);
});

test('a follow-up row: NID, name, phone, reference point, confidant, pickups, next consultation, last viral load', async () => {
  const p = await scheduled('2026-10-21');
  await t.encounter(p, 'encounterType.fsr', '2026-04-02', vl(1234.4));
  await consultation(p, '2026-06-01', [{ concept: 'concept.nextConsultationDate', value: '2026-09-01' }]);
  const attribute = (term: string, value: string) =>
    t.conn.query(
      `INSERT INTO person_attribute (person_id, value, person_attribute_type_id, creator, date_created, uuid)
       VALUES (?, ?, ?, 1, NOW(), UUID())`,
      [p, value, t.id(term)],
    );
  await attribute('personAttributeType.phone', '841234567');
  await attribute('personAttributeType.referencePoint', 'Perto da escola primária');
  await attribute('personAttributeType.confidantName', 'Maria Cossa');
  await attribute('personAttributeType.confidantPhone', '821112223');
  await t.conn.query(
    `INSERT INTO person_name (person_id, given_name, family_name, preferred, creator, date_created, uuid)
     VALUES (?, 'Joana', 'Machava', 1, 1, NOW(), UUID())`,
    [p],
  );
  await t.conn.query(
    `INSERT INTO patient_identifier (patient_id, identifier, identifier_type, preferred, location_id, creator, date_created, uuid)
     VALUES (?, '1100407/24/00077', ?, 1, 1, 1, NOW(), UUID())`,
    [p, t.id('identifierType.nid')],
  );
  const [row] = (await runPatientList(t.conn, t.database, PATIENT_LISTS['late-for-pickup'], DATE)).filter(
    (r) => r.patientId === p,
  );
  expect(row).toMatchObject({
    nid: '1100407/24/00077',
    name: 'Joana Machava',
    phone: '841234567',
    referencePoint: 'Perto da escola primária',
    confidantName: 'Maria Cossa',
    confidantPhone: '821112223',
    lastPickup: '2026-06-01',
    nextPickup: '2026-10-21',
    daysLate: 10,
    band: '8-28',
    nextConsultation: '2026-09-01',
    lastViralLoad: '1234',
    lastViralLoadDate: '2026-04-02',
  });
  expect(row.patientUuid).toMatch(/^[0-9a-f-]{36}$/);
});

test('a malformed date is refused before anything runs', async () => {
  await expect(runPatientList(t.conn, t.database, PATIENT_LISTS['tpt-eligible'], '2026-02-30')).rejects.toThrow(
    /Not a date/,
  );
});
