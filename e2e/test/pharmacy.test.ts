import type { Page } from 'playwright-core';
import { FILA_METADATA } from '@poc-emr/fila';
import { engineReading } from '@poc-emr/fila/test/engine-reads';
import { readDate } from '../src/browser';
import { fullName, useSpec, type Row } from '../src/spec';

// The pharmacist's Farmácia (packages/esm-pharmacy-app), in Portuguese: find a patient on ART by NID,
// dispense three months of their regimen, then the FILA's rows as EPTS reads them and the report engine:
// the patient in TX_CURR with the 3–5 months MMD band instead of the monthly one; then the home's lists.

const spec = useSpec();
let page: Page;
let patient: Row;
let before: Awaited<ReturnType<typeof engineReading>>;
/** The browser's day: the pickup's (the machine's zone, as at the pharmacy). */
let today: string;

const NID_TYPE = 'e2b966d0-1d5f-11e0-b929-000c29ad1d07';

beforeAll(async () => {
  page = await spec.pageAs('Pharmacist');
  today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  before = await engineReading(spec.stack.database, today);
  const monthly = [...before.txCurr].filter(([, band]) => band === '<3').map(([id]) => id);
  [patient] = await spec.rows(
    `SELECT p.person_id, i.identifier AS nid, n.given_name, n.middle_name, n.family_name FROM person p
     JOIN patient_identifier i ON i.patient_id = p.person_id AND i.voided = 0
     JOIN patient_identifier_type t ON t.patient_identifier_type_id = i.identifier_type AND t.uuid = ?
     JOIN person_name n ON n.person_id = p.person_id AND n.voided = 0 AND n.preferred = 1
     WHERE p.person_id IN (?) ORDER BY p.person_id LIMIT 1`,
    [NID_TYPE, monthly],
  );
  await page.goto(`${spec.stack.spaUrl}home/farmacia`);
});

test('the pharmacist dispenses three months; the FILA rows are those EPTS reads; TX_CURR moves to 3–5 months', async () => {
  // A scanner types the NID and presses Enter.
  const search = page.getByRole('searchbox', { name: 'NID' });
  await search.fill(String(patient.nid));
  await search.press('Enter');
  await page.getByRole('heading', { name: fullName(patient) }).waitFor();
  const form = page.getByRole('form', { name: 'Dispensar ARV' });
  await form.waitFor();
  await expect(page.getByText(/^Regime .+, linha \d$/).textContent()).resolves.toBeTruthy();
  const regimen = await form.getByLabel('Regime').inputValue();
  await form.getByText('Trimestral (DT)').click();
  // The next pickup in the framework's date picker (ISO here), shown dd/mm/aaaa.
  const nextPickup = await readDate(page, 'fila-next-pickup');
  const shown = nextPickup.split('-').reverse().join('/');
  await form.getByRole('button', { name: 'Gravar FILA' }).click();
  await page.getByText(`FILA gravada; próximo levantamento ${shown}.`).waitFor();
  const history = page.getByRole('region', { name: 'Histórico de levantamentos' });
  await history.getByRole('cell', { name: shown }).waitFor();

  // One FILA, today, in a visit, by the pharmacist, with the obs EPTS reads.
  const filas = await spec.rows(
    `SELECT e.encounter_id, e.uuid, e.visit_id, DATE_FORMAT(e.encounter_datetime, '%Y-%m-%d') AS day,
            (SELECT COUNT(*) FROM encounter_provider ep WHERE ep.encounter_id = e.encounter_id AND ep.voided = 0) AS providers
     FROM encounter e JOIN encounter_type et ON et.encounter_type_id = e.encounter_type AND et.uuid = ?
     WHERE e.patient_id = ? AND e.voided = 0 AND e.date_created >= CURDATE()`,
    [FILA_METADATA.encounterType, patient.person_id],
  );
  expect(filas).toEqual([expect.objectContaining({ day: today, providers: 1 })]);
  expect(filas[0].visit_id).not.toBeNull();
  const obs = await spec.rows(
    `SELECT c.uuid AS concept, o.obs_group_id IS NOT NULL AS grouped, vc.uuid AS coded, o.value_numeric AS num,
            o.value_text AS text, DATE_FORMAT(o.value_datetime, '%Y-%m-%d') AS date, d.uuid AS drug
     FROM obs o JOIN concept c ON c.concept_id = o.concept_id LEFT JOIN concept vc ON vc.concept_id = o.value_coded
     LEFT JOIN drug d ON d.drug_id = o.value_drug
     WHERE o.encounter_id = ? AND o.voided = 0 ORDER BY o.obs_id`,
    [filas[0].encounter_id],
  );
  const C = FILA_METADATA.concepts;
  const top = (concept: string) => obs.filter((o) => o.concept === concept && !Number(o.grouped));
  expect(top(C.regimen)).toEqual([expect.objectContaining({ coded: regimen })]);
  expect(top(C.nextPickup)).toEqual([expect.objectContaining({ date: nextPickup })]);
  expect(top(C.dispenseMode)).toEqual([expect.objectContaining({ coded: FILA_METADATA.dispenseModes.quarterly })]);
  expect(top(C.quantity)).toEqual([expect.objectContaining({ num: expect.any(Number) })]);
  expect(top(C.posology)).toEqual([expect.objectContaining({ text: expect.stringMatching(/^Tomar /) })]);
  const groups = top(C.drugGroup);
  expect(groups.length).toBeGreaterThanOrEqual(1);
  expect(obs.filter((o) => o.concept === C.drugFormulation && Number(o.grouped))).toHaveLength(groups.length);

  // The report engine: on ART today, now with three months in hand; MozART 2 has the pickup.
  const after = await engineReading(spec.stack.database, today);
  expect(before.txCurr.get(Number(patient.person_id))).toBe('<3');
  expect(after.txCurr.get(Number(patient.person_id))).toBe('3-5');
  expect(after.medication.get(String(filas[0].uuid))).toMatchObject({
    regimen,
    pickup: today,
    nextPickup,
  });
});

test('a FILA dispensed by mistake is voided with its reason and the reports stop counting it', async () => {
  const history = page.getByRole('region', { name: 'Histórico de levantamentos' });
  const rowsBefore = await history.getByRole('row').count();
  await history.getByRole('button', { name: 'Anular' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Motivo (obrigatório)').fill('Regime errado');
  await dialog.getByRole('button', { name: 'Anular' }).click();
  await page.getByText('Levantamento anulado').waitFor();
  await history
    .getByRole('row')
    .nth(rowsBefore - 1)
    .waitFor({ state: 'detached' });
  const [voided] = await spec.rows(
    `SELECT e.void_reason, (SELECT COUNT(*) FROM obs o WHERE o.encounter_id = e.encounter_id AND o.voided = 0) AS live
     FROM encounter e JOIN encounter_type et ON et.encounter_type_id = e.encounter_type AND et.uuid = ?
     WHERE e.patient_id = ? AND e.voided = 1 AND e.date_created >= CURDATE()`,
    [FILA_METADATA.encounterType, patient.person_id],
  );
  expect(voided).toEqual({ void_reason: 'Regime errado', live: 0 });
  expect((await engineReading(spec.stack.database, today)).txCurr.get(Number(patient.person_id))).toBe('<3');
});

test("the home lists today's expected pickups and the late ones; a late patient opens their dispensing", async () => {
  await page.getByRole('button', { name: 'Voltar às listas de levantamentos' }).click();
  await page.getByRole('region', { name: 'Levantamentos previstos para hoje' }).waitFor();
  const late = page.getByRole('region', { name: 'Faltosos e abandonos ao levantamento' });
  await late.getByRole('heading', { name: /\(\d+\)$/ }).waitFor();
  const first = late.getByRole('row').nth(1);
  const name = String(await first.getByRole('button').textContent());
  const days = Number(await first.getByRole('cell').last().textContent());
  expect(days).toBeGreaterThanOrEqual(1);
  await first.getByRole('button').click();
  await page.getByRole('heading', { name }).waitFor();
  await page.getByRole('form', { name: 'Dispensar ARV' }).waitFor();
  await page.getByRole('region', { name: 'Histórico de levantamentos de TPT (FILT)' }).waitFor();
});
