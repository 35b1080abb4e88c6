import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { HD_MANHICA } from '../src/browser';
import { fullName, useSpec, type Row } from '../src/spec';

// One clinician's consultation in the published O3 chart apps (12.3.4), in Portuguese, against the dev
// backend: start a visit, record vitals, add an allergy and a condition, write a visit note with a
// diagnosis, order a drug through the order basket, end the visit — then the rows each step wrote; and
// the patient lists the banner shows (the cohort module's API).
// No backend call may fail except those a real OpenMRS with our distro fails too (src/browser.ts).

const SCREENSHOTS = process.env.POC_E2E_SCREENSHOTS ?? os.tmpdir();
const TARV = 'efe2481f-9e75-4515-8d5a-86bfde2b5ad3';
const CONSULTA_EXTERNA = '6f36ed07-cd2d-46a0-a7f6-81bc4a5878f4';
const ENCOUNTER_TYPES = {
  vitals: '67a71486-1a54-468f-ac3e-7091a9a79584',
  note: 'd7151f82-c1f3-4152-a605-2f9ea7414a79',
  prescription: '39da3525-afe4-45ff-8977-c53b7b359158',
};
/** EPTS concept ids of what the steps record. */
const VITALS: Record<number, number> = {
  5088: 36.8,
  5085: 118,
  5086: 76,
  5087: 72,
  5242: 16,
  5092: 98,
  5089: 52.3,
  5090: 161,
  1343: 25,
};
const NEVIRAPINE = 631;
const RASH = 512;
const HYPERTENSION = 903;
const MALARIA = 123;
const NOTE = 'Febre há 3 dias; teste rápido de malária positivo.';

const PATIENT_LIST = 'Grupo de Apoio à Adesão';

const spec = useSpec();
let page: Page;
let patient: Row;
/** Statuses of the banner's requests for the patient's lists. */
const listAnswers: number[] = [];

beforeAll(async () => {
  // An adult on ART, alive, with no visit open today.
  [patient] = await spec.rows(
    `SELECT p.uuid, p.person_id, n.given_name, n.middle_name, n.family_name FROM person p
     JOIN person_name n ON n.person_id = p.person_id AND n.voided = 0 AND n.preferred = 1
     JOIN patient_program pp ON pp.patient_id = p.person_id AND pp.voided = 0 AND pp.date_completed IS NULL
     JOIN program pr ON pr.program_id = pp.program_id AND pr.uuid = ?
     WHERE p.voided = 0 AND p.dead = 0 AND p.birthdate < CURDATE() - INTERVAL 20 YEAR
       AND NOT EXISTS (SELECT 1 FROM visit v WHERE v.patient_id = p.person_id AND v.date_stopped IS NULL)
     ORDER BY p.person_id LIMIT 1`,
    [TARV],
  );
  // A patient list (cohort module) the patient is in, as the patient-list app would have made it.
  await spec.rows(
    `INSERT INTO cohort (name, creator, date_created, startDate, definition_handler, is_group_cohort, uuid)
     VALUES (?, 1, NOW(), CURDATE(), 'org.openmrs.module.cohort.definition.handler.DefaultCohortDefinitionHandler', 0, UUID())`,
    [PATIENT_LIST],
  );
  await spec.rows(
    `INSERT INTO cohort_member (cohort_id, patient_id, start_date, creator, date_created, uuid)
     SELECT cohort_id, ?, CURDATE(), 1, NOW(), UUID() FROM cohort WHERE name = ?`,
    [patient.person_id, PATIENT_LIST],
  );
  page = await spec.pageAs('Clinician');
  page.on('response', (response) => {
    if (response.url().includes('/ws/rest/v1/cohortm/cohortmember?patient=')) listAnswers.push(response.status());
  });
  await page.goto(`${spec.stack.spaUrl}patient/${String(patient.uuid)}/chart/Patient Summary`);
  await page.getByText(fullName(patient)).first().waitFor();
});

const shot = (name: string) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `poc-emr-e2e-consultation-${name}.png`) });

/** A Carbon combo box: type, then pick the option. */
async function choose(id: string, text: string, option: RegExp): Promise<void> {
  await page.locator(`#${id}`).fill(text);
  await page.getByRole('option', { name: option }).first().click();
}

async function openDashboard(name: string): Promise<void> {
  await page.getByRole('link', { name, exact: true }).click();
}

/** The patient's open visit, with its type and location. */
async function openVisit(): Promise<Row | undefined> {
  const [visit] = await spec.rows(
    `SELECT v.visit_id, vt.uuid AS type, l.uuid AS location, u.username FROM visit v
     JOIN visit_type vt ON vt.visit_type_id = v.visit_type_id JOIN location l ON l.location_id = v.location_id
     JOIN users u ON u.user_id = v.creator WHERE v.patient_id = ? AND v.voided = 0 AND v.date_stopped IS NULL`,
    [patient.person_id],
  );
  return visit;
}

/** The patient's encounters of a type in the open visit. */
async function encountersInVisit(type: string, visitId: unknown): Promise<Row[]> {
  return spec.rows(
    `SELECT e.encounter_id, e.visit_id, f.uuid AS form, l.uuid AS location FROM encounter e
     JOIN encounter_type et ON et.encounter_type_id = e.encounter_type
     LEFT JOIN form f ON f.form_id = e.form_id LEFT JOIN location l ON l.location_id = e.location_id
     WHERE e.patient_id = ? AND e.voided = 0 AND et.uuid = ? AND e.visit_id = ?`,
    [patient.person_id, type, visitId],
  );
}

test("the banner's contact details list the patient lists the patient is in (cohort module)", async () => {
  await page.getByRole('button', { name: 'Mostrar mais' }).first().click();
  await page.getByText('Lista de Utentes (1)').waitFor();
  await page.getByRole('link', { name: PATIENT_LIST }).waitFor();
  expect(listAnswers.length).toBeGreaterThan(0);
  expect(listAnswers.every((status) => status === 200)).toBe(true);
  await page.getByRole('button', { name: 'Mostrar menos' }).first().click();
});

test('the clinician starts a visit of Consulta Externa at HD Manhiça', async () => {
  await page.getByRole('button', { name: 'Ações' }).click();
  await page.getByRole('menuitem', { name: 'Iniciar visita' }).click();
  await page.getByPlaceholder('Pesquise um tipo de visita').fill('Consulta');
  await page.getByText('Consulta Externa', { exact: true }).click();
  await page.getByRole('button', { name: 'Iniciar visita' }).last().click();
  await page.getByText('Visita activa').first().waitFor();
  expect(await openVisit()).toMatchObject({ type: CONSULTA_EXTERNA, location: HD_MANHICA.uuid, username: 'clinico' });
});

test('vitals and biometrics are saved in the open visit, with EPTS concepts, ranges and interpretations', async () => {
  await page.getByText('Registar sinais vitais', { exact: true }).first().click();
  const fill = (id: string, value: string) => page.locator(`input[id$="-${id}"]`).fill(value);
  await fill('temperature', '36.8');
  await fill('systolicBloodPressure', '118');
  await fill('diastolicBloodPressure', '76');
  await fill('pulse', '72');
  await fill('respiratoryRate', '16');
  await fill('oxygenSaturation', '98');
  await fill('weight', '52.3');
  await fill('height', '161');
  await fill('midUpperArmCircumference', '25');
  await page.getByRole('button', { name: 'Gravar e fechar' }).click();
  await page.getByText('118 / 76').first().waitFor();
  await shot('vitals');

  const visit = await openVisit();
  const [encounter] = await encountersInVisit(ENCOUNTER_TYPES.vitals, visit!.visit_id);
  expect(encounter).toMatchObject({ location: HD_MANHICA.uuid });
  const obs = await spec.rows(
    `SELECT o.concept_id, o.value_numeric, o.interpretation, r.hi_absolute FROM obs o
     LEFT JOIN obs_reference_range r ON r.obs_id = o.obs_id WHERE o.encounter_id = ? AND o.voided = 0`,
    [encounter.encounter_id],
  );
  const values = Object.fromEntries(obs.map((o) => [Number(o.concept_id), Number(o.value_numeric)]));
  expect(values).toMatchObject(VITALS);
  // Blood pressure, pulse, temperature, respiratory rate and SpO2 have normal ranges in distro/configuration.
  const normal = obs.filter((o) => [5085, 5086, 5087, 5088, 5242, 5092].includes(Number(o.concept_id)));
  expect(normal.map((o) => o.interpretation)).toEqual(normal.map(() => 'NORMAL'));
  expect(obs.every((o) => o.hi_absolute !== null)).toBe(true);
});

test('an allergy to nevirapine with a rash, mild', async () => {
  await openDashboard('Alergias');
  await page.getByText('Registo intolerâncias alérgicas').click();
  await page.locator('#allergen').fill('Nevirap');
  await page
    .getByRole('option', { name: /NEVIRAPINA/ })
    .first()
    .click();
  await page.getByText('ERUPÇÃO CUTÂNEA', { exact: true }).click();
  await page.getByText('Leve', { exact: true }).click();
  await page.getByRole('button', { name: 'Gravar e fechar' }).click();
  await page.getByRole('table').getByText('NEVIRAPINA').waitFor();
  await shot('allergy');

  const allergies = await spec.rows(
    `SELECT a.allergen_type, a.coded_allergen, s.uuid AS severity, r.reaction_concept_id FROM allergy a
     JOIN concept s ON s.concept_id = a.severity_concept_id LEFT JOIN allergy_reaction r ON r.allergy_id = a.allergy_id
     WHERE a.patient_id = ? AND a.voided = 0`,
    [patient.person_id],
  );
  expect(allergies).toEqual([
    {
      allergen_type: 'DRUG',
      coded_allergen: NEVIRAPINE,
      severity: '1498AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      reaction_concept_id: RASH,
    },
  ]);
});

test('a condition: hypertension, active', async () => {
  await openDashboard('Condições');
  await page.getByText('Registo condições').click();
  await page.locator('#conditionsSearch').fill('hiperten');
  await page.getByText('HIPERTENSÃO ARTERIAL', { exact: true }).click();
  await page.locator('label[for=active]').click();
  await page.getByRole('button', { name: 'Gravar e fechar' }).click();
  await page.getByRole('table').getByText('HIPERTENSÃO ARTERIAL').waitFor();

  const conditions = await spec.rows(
    'SELECT condition_coded, clinical_status, creator FROM conditions WHERE patient_id = ? AND voided = 0',
    [patient.person_id],
  );
  expect(conditions).toMatchObject([{ condition_coded: HYPERTENSION, clinical_status: 'ACTIVE' }]);
});

test('a visit note with malaria as the primary diagnosis, in the open visit, on the consultation note form', async () => {
  await page
    .getByRole('button', { name: /Nota da visita|Visit note/ })
    .first()
    .click();
  await page.getByPlaceholder('Escolha uns diagnósticos primários').fill('malar');
  await page.getByText('MALARIA', { exact: true }).first().click();
  await page.getByPlaceholder('Escreva qualquer nota aqui').fill(NOTE);
  await page.getByRole('button', { name: 'Gravar e fechar' }).click();
  await page.getByText('Notas da visita gravada').waitFor();

  const visit = await openVisit();
  const [encounter] = await encountersInVisit(ENCOUNTER_TYPES.note, visit!.visit_id);
  expect(encounter.form).toBe('c85ed214-90ed-3720-b6f9-aec0283ca16e');
  const notes = await spec.rows(
    `SELECT o.value_text FROM obs o JOIN concept c ON c.concept_id = o.concept_id
     WHERE o.encounter_id = ? AND c.uuid = '162169AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' AND o.voided = 0`,
    [encounter.encounter_id],
  );
  expect(notes).toEqual([{ value_text: NOTE }]);
  const diagnoses = await spec.rows(
    'SELECT diagnosis_coded, dx_rank, certainty, patient_id FROM encounter_diagnosis WHERE encounter_id = ? AND voided = 0',
    [encounter.encounter_id],
  );
  expect(diagnoses).toMatchObject([{ diagnosis_coded: MALARIA, dx_rank: 1, patient_id: patient.person_id }]);
});

test('a drug order through the order basket, signed: cotrimoxazole 480 mg, 2 tablets daily for 30 days', async () => {
  await openDashboard('Medicamentos');
  await page.getByText('Registo medicamentos activos').click();
  await page.getByRole('searchbox').last().fill('CTZ 480');
  await page.getByText('Formulário de prescrição').first().click();
  await page.locator('#doseSelection').fill('2');
  await choose('dosingUnits', 'comp', /^COMPRIMIDOS/);
  await choose('editRoute', 'oral', /^ORAL/);
  await choose('editFrequency', 'uma vez', /^Uma vez por dia/);
  await page.locator('#durationInput').fill('30');
  await choose('durationUnitPlaceholder', 'dia', /^DIAS/);
  await page.locator('#quantityDispensed').fill('60');
  await choose('dispensingUnits', 'comp', /^COMPRIMIDOS/);
  await page.locator('#prescriptionRefills').fill('0');
  await page.locator('#indication').fill('Profilaxia com cotrimoxazol');
  await page.getByRole('button', { name: 'Gravar prescrição' }).click();
  await page
    .getByRole('button', { name: /Carrinho de pedidos|Order basket/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Assinar e fechar' }).click();
  await page
    .getByRole('table')
    .getByText(/Ctz 480 mg comprimido/i)
    .waitFor();
  await shot('order');

  const visit = await openVisit();
  const [encounter] = await encountersInVisit(ENCOUNTER_TYPES.prescription, visit!.visit_id);
  const [order] = await spec.rows(
    `SELECT o.order_action, o.order_reason_non_coded, o.urgency, d.name AS drug, o2.dose, du.uuid AS dose_units,
            r.uuid AS route, fc.uuid AS frequency, o2.duration, dur.uuid AS duration_units, o2.quantity,
            pu.username AS orderer
     FROM orders o JOIN drug_order o2 ON o2.order_id = o.order_id JOIN drug d ON d.drug_id = o2.drug_inventory_id
     JOIN concept du ON du.concept_id = o2.dose_units JOIN concept r ON r.concept_id = o2.route
     JOIN order_frequency f ON f.order_frequency_id = o2.frequency JOIN concept fc ON fc.concept_id = f.concept_id
     JOIN concept dur ON dur.concept_id = o2.duration_units
     JOIN provider p ON p.provider_id = o.orderer JOIN users pu ON pu.person_id = p.person_id
     WHERE o.encounter_id = ? AND o.voided = 0`,
    [encounter.encounter_id],
  );
  expect(order).toEqual({
    order_action: 'NEW',
    order_reason_non_coded: 'Profilaxia com cotrimoxazol',
    urgency: 'ROUTINE',
    drug: 'CTZ 480 mg comprimido',
    dose: 2,
    dose_units: '16cbff04-b3fc-4eae-8b7a-9b8b974fb211',
    route: '160240AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    frequency: '9d7127f9-10e8-11e5-9009-0242ac110012',
    duration: 30,
    duration_units: 'e1d822e2-1d5f-11e0-b929-000c29ad1d07',
    quantity: 60,
    orderer: 'clinico',
  });
});

test('the clinician ends the visit; every encounter of the consultation is in it', async () => {
  const { visit_id: visitId } = (await openVisit())!;
  await page.getByRole('button', { name: 'Ações' }).click();
  await page.getByRole('menuitem', { name: 'Terminar a visita activa' }).click();
  await page.getByRole('button', { name: 'Terminar Visita' }).click();
  await page.getByText('Visita terminada').first().waitFor();
  expect(await openVisit()).toBeUndefined();
  const types = await spec.rows(
    `SELECT et.uuid AS type FROM encounter e JOIN encounter_type et ON et.encounter_type_id = e.encounter_type
     WHERE e.visit_id = ? AND e.voided = 0 ORDER BY e.encounter_id`,
    [visitId],
  );
  expect(types.map((t) => t.type)).toEqual([
    ENCOUNTER_TYPES.vitals,
    ENCOUNTER_TYPES.note,
    ENCOUNTER_TYPES.prescription,
  ]);
  const [stopped] = await spec.rows('SELECT date_stopped FROM visit WHERE visit_id = ?', [visitId]);
  expect(stopped.date_stopped).not.toBeNull();
});
