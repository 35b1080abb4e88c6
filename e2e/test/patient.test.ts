import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { fillDate, HD_MANHICA } from '../src/browser';
import { fullName, useSpec } from '../src/spec';

// The O3 apps published by OpenMRS, against the dev backend: a data clerk registers a patient with the
// registration form, a clinician finds them by name and by NID and opens their chart (banner, programs).
// Every backend call of these journeys must succeed and no app may throw.

const NID_TYPE = 'e2b966d0-1d5f-11e0-b929-000c29ad1d07';
const SCREENSHOTS = process.env.POC_E2E_SCREENSHOTS ?? os.tmpdir();
const NEW_PATIENT = { given: 'Quitéria', family: 'Nhassengo', birthdate: '1991-03-14' };

const spec = useSpec();
const pageAs = (role: string) => spec.pageAs(role);
const rows = (sql: string, params?: unknown[]) => spec.rows(sql, params);

/** The floating search of the navigation bar, as a clinician uses it; answers the results' text. */
async function searchFor(page: Page, text: string): Promise<string> {
  await page.goto(`${spec.stack.spaUrl}home`);
  await page.locator('[data-testid="searchPatientIcon"]').click();
  await page.locator('[data-testid="patientSearchBar"]').fill(text);
  const results = page.locator('[data-testid="floatingSearchResultsContainer"]');
  await results.getByText(/1 resultado/).waitFor();
  return results.innerText();
}

describe('a patient registered with the O3 form', () => {
  let uuid: string;
  let nid: string;

  test('a data clerk registers them; the NID is generated for HD Manhiça', async () => {
    const page = await pageAs('Data Clerk');
    await page.goto(`${spec.stack.spaUrl}patient-registration`);
    await page.getByRole('heading', { name: 'Criar utente' }).waitFor();
    await page.getByText('Gerado automaticamente').waitFor();

    await page.locator('#givenName').fill(NEW_PATIENT.given);
    await page.locator('#familyName').fill(NEW_PATIENT.family);
    await page.locator('label[for=gender-option-female]').click();
    await fillDate(page, 'birthdate', NEW_PATIENT.birthdate);
    // The address from the address hierarchy's quick search, the house by hand.
    await page.getByPlaceholder('Pesquisar endereço').pressSequentially('Maluana');
    await page.getByText('Moçambique > Maputo Província > Manhiça > Maluana').click();
    await page.locator('#address1').fill('Casa 27, perto da escola');
    await page.locator('[id="phone"]').fill('841234567');
    await page.getByRole('button', { name: 'Registar utente' }).click();

    await page.waitForURL(/\/patient\/[0-9a-f-]{36}\/chart/);
    uuid = /\/patient\/([0-9a-f-]{36})\//.exec(page.url())![1];
    await page.getByText('Registado novo utente').waitFor();

    const [person] = await rows(
      `SELECT p.gender, DATE_FORMAT(p.birthdate, '%Y-%m-%d') AS birthdate, n.given_name, n.family_name,
              a.state_province, a.county_district, a.address2, a.country, a.address1
       FROM person p JOIN patient pa ON pa.patient_id = p.person_id
       JOIN person_name n ON n.person_id = p.person_id AND n.voided = 0
       JOIN person_address a ON a.person_id = p.person_id AND a.voided = 0
       WHERE p.uuid = ?`,
      [uuid],
    );
    expect(person).toMatchObject({
      gender: 'F',
      birthdate: NEW_PATIENT.birthdate,
      given_name: NEW_PATIENT.given,
      family_name: NEW_PATIENT.family,
      state_province: 'Maputo Província',
      county_district: 'Manhiça',
      address2: 'Maluana',
      country: 'Moçambique',
      address1: 'Casa 27, perto da escola',
    });
    const identifiers = await rows(
      `SELECT i.identifier, i.preferred, l.uuid AS location FROM patient_identifier i
       JOIN person p ON p.person_id = i.patient_id
       JOIN patient_identifier_type t ON t.patient_identifier_type_id = i.identifier_type
       JOIN location l ON l.location_id = i.location_id
       WHERE p.uuid = ? AND t.uuid = ? AND i.voided = 0`,
      [uuid, NID_TYPE],
    );
    expect(identifiers).toHaveLength(1);
    nid = String(identifiers[0].identifier);
    expect(nid).toMatch(new RegExp(`^0${HD_MANHICA.code}01/\\d{4}/\\d{5}$`));
    expect(identifiers[0]).toMatchObject({ preferred: 1, location: HD_MANHICA.uuid });
    const phones = await rows(
      `SELECT a.value FROM person_attribute a JOIN person p ON p.person_id = a.person_id WHERE p.uuid = ? AND a.voided = 0`,
      [uuid],
    );
    expect(phones.map((r) => r.value)).toEqual(['841234567']);
  });

  test('a clinician finds them by name and by NID, and opens their chart', async () => {
    expect(nid).toBeDefined();
    const page = await pageAs('Clinician');

    const byName = await searchFor(page, `${NEW_PATIENT.family} ${NEW_PATIENT.given}`);
    expect(byName).toContain(`${NEW_PATIENT.given} ${NEW_PATIENT.family}`);
    expect(byName).toContain(nid);

    const byNid = await searchFor(page, nid);
    expect(byNid).toContain(`${NEW_PATIENT.given} ${NEW_PATIENT.family}`);
    await page.locator('[data-testid="floatingSearchResultsContainer"]').getByText(NEW_PATIENT.family).click();

    await page.waitForURL(new RegExp(`/patient/${uuid}/chart`));
    // The banner: name, sex, NID; its contact details hold the phone given at registration.
    await page.getByText(`${NEW_PATIENT.given} ${NEW_PATIENT.family}`).first().waitFor();
    await page.getByText('Feminino').first().waitFor();
    await page.getByText(nid).first().waitFor();
    await page.getByRole('button', { name: 'Mostrar mais' }).click();
    await page.getByText('841234567').waitFor();
  });
});

test('the chart of a patient on ART shows the banner, their programme enrolments and their visits', async () => {
  const [patient] = await rows(
    `SELECT p.uuid, n.given_name, n.middle_name, n.family_name, i.identifier FROM person p
     JOIN person_name n ON n.person_id = p.person_id AND n.voided = 0 AND n.preferred = 1
     JOIN patient_identifier i ON i.patient_id = p.person_id AND i.voided = 0 AND i.preferred = 1
     JOIN patient_program pp ON pp.patient_id = p.person_id AND pp.voided = 0 AND pp.date_completed IS NULL
     JOIN program pr ON pr.program_id = pp.program_id AND pr.uuid = 'efe2481f-9e75-4515-8d5a-86bfde2b5ad3'
     WHERE p.voided = 0 AND p.dead = 0 ORDER BY p.person_id LIMIT 1`,
  );
  const enrolments = await rows(
    `SELECT pr.name, l.name AS location, pp.date_completed FROM patient_program pp
     JOIN person p ON p.person_id = pp.patient_id JOIN program pr ON pr.program_id = pp.program_id
     JOIN location l ON l.location_id = pp.location_id
     WHERE p.uuid = ? AND pp.voided = 0`,
    [patient.uuid],
  );
  const page = await pageAs('Clinician');

  await page.goto(`${spec.stack.spaUrl}patient/${patient.uuid}/chart/Programs`);
  await page.getByText(fullName(patient)).first().waitFor();
  await page.getByText(String(patient.identifier)).first().waitFor();
  const table = page.getByRole('table');
  await table.getByText('SERVICO TARV - TRATAMENTO').waitFor();
  const rowsShown = await table.locator('tbody tr').allInnerTexts();
  expect(rowsShown).toHaveLength(enrolments.length);
  for (const enrolment of enrolments) {
    const row = rowsShown.find((text) => text.includes(String(enrolment.name)));
    expect(row).toBeDefined();
    expect(row).toContain(String(enrolment.location));
    if (enrolment.date_completed === null) expect(row).toContain('Ativo');
    else expect(row).toContain('Concluído');
  }
  await page.screenshot({ path: path.join(SCREENSHOTS, 'poc-emr-e2e-programs.png') });

  // The visits dashboard lists their visits (FILA pickups, lab…), newest first, ten a page.
  const visits = await rows(
    `SELECT vt.name FROM visit v JOIN visit_type vt ON vt.visit_type_id = v.visit_type_id
     JOIN person p ON p.person_id = v.patient_id WHERE p.uuid = ? AND v.voided = 0
     ORDER BY v.date_started DESC, v.visit_id DESC`,
    [patient.uuid],
  );
  expect(visits.length).toBeGreaterThan(0);
  await page.getByRole('link', { name: 'Visitas' }).click();
  const visitRows = page
    .getByRole('table')
    .locator('tbody tr')
    .filter({ hasText: String(visits[0].name) });
  await visitRows.first().waitFor();
  const shown = await page.getByRole('table').locator('tbody tr').allInnerTexts();
  const types = shown.map((text) => visits.find((v) => text.includes(String(v.name)))?.name).filter(Boolean);
  expect(types).toEqual(visits.slice(0, 10).map((v) => v.name));
});
