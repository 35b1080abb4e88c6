import type { Page } from 'playwright-core';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { connect } from '@poc-emr/db';
import {
  addDays,
  dayBefore,
  MaterialisingSession,
  patientHivSummary,
  quarterStart,
  resolveReportTerms,
  txCurr,
  txMl,
  txPvlsDenominator,
  txPvlsNumerator,
  type HivSummary,
  type Sql,
} from '@poc-emr/report-engine';
import { fullName, useSpec, type Row } from '../src/spec';

// The HIV data path end to end, in Portuguese: a clinician opens a patient on ART whose viral load is
// overdue, sees it on the HIV summary, fills a Ficha Clínica requesting the viral load with a
// dispensation type, then records the result on the FSR; on another patient, records a transfer out
// in the TARV programme. The report engine, run over the same database, then counts both as the forms
// say: TX_PVLS (suppressed), TX_CURR's multi-month dispensing, TX_ML (transferred).

const spec = useSpec({ patients: 150 });
const TARV = 'efe2481f-9e75-4515-8d5a-86bfde2b5ad3';
const TRANSFERRED_OUT = '9f2f86e9-303c-4b98-a6ae-37e8806a6f47';
const TYPES = { fichaClinica: 'e278f956-1d5f-11e0-b929-000c29ad1d07', fsr: 'b5b7d21f-efd1-407e-81ce-ba9d93c524f8' };
const CONCEPTS = {
  dispensationType: 'cadc1c2a-cd22-43dc-8404-4ce4c8a7242d',
  quarterly: 'f53848d5-3521-4cc8-ac72-d63adef281a1',
  semiannual: '3069be5c-cd02-4ddb-aa1f-bdd71d3dd6be',
  labRequest: '92653c45-9eb2-486d-90c0-3e00569e99c0',
  viralLoad: 'e1d6247e-1d5f-11e0-b929-000c29ad1d07',
  vlReason: 'a97ab290-5b66-4755-bd49-d82f944cd093',
  routine: '971cf484-2751-40ce-9f89-d23f544d06e2',
};
const COPIES = 150;

/** Today on the facility's clock, as the browser (Maputo) sees it. */
const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Africa/Maputo' });
/** The last day of today's quarter: the first of the month after its third month, less a day. */
const quarterEnd = dayBefore(`${addDays(quarterStart(today), 92).slice(0, 8)}01`);

let conn: Connection;
let page: Page;
/** A man on ART, counted in TX_CURR, whose viral load is overdue and not yet requested. */
let vlPatient: Row & { summary: HivSummary };
/** A patient enrolled in TARV, counted in TX_CURR now and at the last quarter's end, whose drugs run out this quarter. */
let transferPatient: Row & { summary: HivSummary };

beforeAll(async () => {
  conn = await connect({ database: spec.stack.database });
  const adults = await spec.rows(
    `SELECT p.uuid, p.person_id, p.gender, n.given_name, n.middle_name, n.family_name,
       EXISTS (SELECT 1 FROM patient_program pp JOIN program pr ON pr.program_id = pp.program_id AND pr.uuid = ?
               WHERE pp.patient_id = p.person_id AND pp.voided = 0 AND pp.date_completed IS NULL) AS enrolled
     FROM person p JOIN patient pt ON pt.patient_id = p.person_id AND pt.voided = 0
     JOIN person_name n ON n.person_id = p.person_id AND n.voided = 0 AND n.preferred = 1
     WHERE p.voided = 0 AND p.dead = 0 AND p.birthdate < CURDATE() - INTERVAL 20 YEAR ORDER BY p.person_id`,
    [TARV],
  );
  const summaryAt = async (uuid: unknown, date: string) =>
    (await patientHivSummary(conn, spec.stack.database, String(uuid), date)) as HivSummary;
  for (const adult of adults) {
    const summary = await summaryAt(adult.uuid, today);
    if (summary.status.pepfar.status !== 'active' || !summary.reports.txCurr) continue;
    const overdue = summary.alerts.find((a) => a.code === 'viral-load-due' && a.detail === null && a.date! < today);
    if (!vlPatient && adult.gender === 'M' && overdue) {
      vlPatient = { ...adult, summary };
    } else if (
      !transferPatient &&
      Number(adult.enrolled) === 1 &&
      addDays(summary.pickups.scheduled!, 1) <= quarterEnd &&
      (await summaryAt(adult.uuid, dayBefore(quarterStart(today)))).reports.txCurr
    ) {
      transferPatient = { ...adult, summary };
    }
    if (vlPatient && transferPatient) break;
  }
  expect([Boolean(vlPatient), Boolean(transferPatient)]).toEqual([true, true]);
  page = await spec.pageAs('Clinician');
});

afterAll(() => conn?.end());

/** A react-aria date field (the form engine's and the framework's date pickers): its segments, typed. */
async function typeDate(fieldId: string, isoDate: string): Promise<void> {
  const [y, m, d] = isoDate.split('-');
  await page.locator(`#${fieldId} [data-type="day"]`).click();
  await page.keyboard.type(`${d}${m}${y}`);
}

/** A radio answer of the form engine, by its question's label. */
async function answer(question: RegExp, option: string): Promise<void> {
  await page.getByRole('group', { name: question }).getByText(option, { exact: true }).click();
}

async function openForm(name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click();
  await page.getByRole('button', { name: 'Gravar' }).waitFor();
}

/** Saves the open form: the encounter is created and the workspace closes. */
async function saveForm(): Promise<void> {
  const [created] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && /\/ws\/rest\/v1\/encounter\b/.test(r.url())),
    page.getByRole('button', { name: 'Gravar' }).click(),
  ]);
  expect(created.status()).toBe(201);
  await page.getByRole('button', { name: 'Gravar' }).waitFor({ state: 'detached' });
}

/** The obs of the patient's latest encounter of `type`, by concept uuid. */
async function latestEncounterObs(patientId: unknown, type: string): Promise<Record<string, Row>> {
  const obs = await spec.rows(
    `SELECT c.uuid AS concept, a.uuid AS coded, o.value_numeric, o.obs_datetime FROM obs o
     JOIN concept c ON c.concept_id = o.concept_id LEFT JOIN concept a ON a.concept_id = o.value_coded
     WHERE o.voided = 0 AND o.encounter_id = (SELECT e.encounter_id FROM encounter e
       JOIN encounter_type t ON t.encounter_type_id = e.encounter_type AND t.uuid = ?
       WHERE e.patient_id = ? AND e.voided = 0 ORDER BY e.encounter_id DESC LIMIT 1)`,
    [type, patientId],
  );
  return Object.fromEntries(obs.map((o) => [String(o.concept), o]));
}

const summaryCard = () => page.getByRole('region', { name: 'Resumo de HIV' }).first();

test('the clinician opens the chart: the HIV summary, its status by both rules and the overdue viral load', async () => {
  await page.goto(`${spec.stack.spaUrl}patient/${String(vlPatient.uuid)}/chart/Patient Summary`);
  await page.getByText(fullName(vlPatient)).first().waitFor();
  const card = summaryCard();
  await card.getByText('PEPFAR: Activo').waitFor();
  await expectText(card, 'MISAU: Activo');
  await expectText(card, 'Carga viral devida');
  await expectText(card, /Em atraso desde \d{2} de/);
});

test('a Ficha Clínica requests the viral load and records the dispensation type', async () => {
  const dispensation = vlPatient.summary.reports.mmd === '3-5' ? 'Semestral (DS)' : 'Trimestral (DT)';
  await page.getByRole('link', { name: 'HIV / TARV', exact: true }).click();
  await openForm('Ficha Clínica – Adulto');
  await page.locator('#weight').fill('64');
  await answer(/Tem sintomas de TB/, 'Não');
  await answer(/Gestão do TARV/, 'Manter');
  await answer(/Tipo de dispensa/, dispensation);
  await page.getByText('Carga viral', { exact: true }).click();
  await answer(/Motivo do pedido de carga viral/, 'Rotina');
  await typeDate('nextConsultation', addDays(today, 90));
  await saveForm();

  const obs = await latestEncounterObs(vlPatient.person_id, TYPES.fichaClinica);
  expect(obs[CONCEPTS.dispensationType].coded).toBe(
    dispensation === 'Trimestral (DT)' ? CONCEPTS.quarterly : CONCEPTS.semiannual,
  );
  expect(obs[CONCEPTS.labRequest].coded).toBe(CONCEPTS.viralLoad);
  expect(obs[CONCEPTS.vlReason].coded).toBe(CONCEPTS.routine);
  // The summary follows: the request is seen, the dispensation model is the form's.
  const card = summaryCard();
  await card.getByText(/pedida a \d{2} de .*, aguarda o resultado/).waitFor();
  await expectText(card, dispensation.startsWith('Trimestral') ? 'Trimestral (3–5 meses)' : 'Semestral (6+ meses)');
});

test('the result comes back: recorded on the FSR, the summary shows it suppressed and the alert is gone', async () => {
  await openForm('FSR – Carga Viral');
  await answer(/Motivo do pedido de carga viral/, 'Rotina');
  await typeDate('collected', today);
  await page.locator('#vlCopies').fill(String(COPIES));
  await saveForm();

  const obs = await latestEncounterObs(vlPatient.person_id, TYPES.fsr);
  expect(Number(obs[CONCEPTS.viralLoad].value_numeric)).toBe(COPIES);
  const card = summaryCard();
  await card
    .getByText(new RegExp(`${COPIES} cópias/mL · .* · suprimida`))
    .first()
    .waitFor();
  expect(await card.getByText('Carga viral devida').count()).toBe(0);
});

test('on another patient, a transfer out in the TARV programme, with its date and what it does to the reports', async () => {
  await page.goto(`${spec.stack.spaUrl}patient/${String(transferPatient.uuid)}/chart/hiv-tarv`);
  await page.getByRole('button', { name: 'Mudar o estado' }).click();
  await page.getByText('Transferido para', { exact: true }).click();
  await page.getByText(/Sai do TX_CURR e do B13 quando acabarem os medicamentos/).waitFor();
  await typeDate('tarv-state-date', today);
  await page.getByRole('button', { name: 'Gravar' }).click();
  await page.getByText('Programa TARV gravado').waitFor();

  const states = await spec.rows(
    `SELECT DATE_FORMAT(ps.start_date, '%Y-%m-%d') AS start_date FROM patient_state ps
     JOIN patient_program pp ON pp.patient_program_id = ps.patient_program_id AND pp.patient_id = ?
     JOIN program_workflow_state s ON s.program_workflow_state_id = ps.state AND s.uuid = ?
     WHERE ps.voided = 0 AND ps.end_date IS NULL`,
    [transferPatient.person_id, TRANSFERRED_OUT],
  );
  expect(states).toEqual([{ start_date: today }]);
  await page
    .getByText(/Para outra US a \d{2} de .*, medicamentos até/)
    .first()
    .waitFor();
});

test('the report engine over the same database counts both patients as the forms say', async () => {
  const terms = await resolveReportTerms(conn, spec.stack.database);
  const cohort = async (fragment: Sql) => {
    const session = new MaterialisingSession(conn);
    try {
      const rows = await session.rows<RowDataPacket>(fragment);
      return new Map(rows.map((r) => [Number(r.patient_id), r]));
    } finally {
      await session.close();
    }
  };
  const quarter = (endDate: string) => ({ terms, startDate: quarterStart(endDate), endDate });
  const vlId = Number(vlPatient.person_id);

  // TX_PVLS: the FSR's result is the last viral load, suppressed, routine.
  expect((await cohort(txPvlsDenominator(quarter(today)))).get(vlId)).toMatchObject({
    suppressed: 1,
    indication: 'routine',
  });
  expect((await cohort(txPvlsNumerator(quarter(today)))).has(vlId)).toBe(true);
  // TX_CURR: the Ficha Clínica's dispensation type, after the last FILA, decides the MMD band.
  const mmd = vlPatient.summary.reports.mmd === '3-5' ? '6+' : '3-5';
  expect((await cohort(txCurr(quarter(today)))).get(vlId)?.mmd).toBe(mmd);

  // TX_ML: the transfer out counts once the drugs of the last pickup have run out (this quarter).
  const transferId = Number(transferPatient.person_id);
  const runsOut = addDays(transferPatient.summary.pickups.scheduled!, 1);
  const counted = runsOut > today ? runsOut : today;
  if (runsOut > today) expect((await cohort(txMl(quarter(today)))).has(transferId)).toBe(false);
  expect((await cohort(txMl(quarter(counted)))).get(transferId)?.outcome).toBe('transferred');
  expect((await cohort(txCurr(quarter(counted)))).has(transferId)).toBe(false);
});

async function expectText(scope: ReturnType<Page['getByRole']>, text: string | RegExp): Promise<void> {
  await scope.getByText(text).first().waitFor();
}
