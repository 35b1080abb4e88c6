import type { Page } from 'playwright-core';
import { fillDate, HD_MANHICA } from '../src/browser';
import { gzipBytes, NetworkRecorder, type RequestRecord } from '../src/network';
import { fillPerson, save } from '../src/registration';
import { fullName, useSpec, type Row } from '../src/spec';

// Our registration app (packages/esm-registration-app) against the dev backend, in Portuguese: a data clerk
// registers a patient, is stopped by an NID already in use, is warned of a probable duplicate, edits the
// record, and finds patients by NID (typed, scanned, partial) and by name fragments.

const NID_TYPE = 'e2b966d0-1d5f-11e0-b929-000c29ad1d07';
const NEW_PATIENT = { given: 'Ermelinda', middle: 'Zacarias', family: 'Cumbane', birthdate: '1988-07-21' };

const spec = useSpec();
const pageAs = (role: string) => spec.pageAs(role);
const rows = (sql: string, params?: unknown[]) => spec.rows(sql, params);

/** A patient of the generated facility, with their NID and preferred name. */
async function existingPatient(offset: number): Promise<Row> {
  const [patient] = await rows(
    `SELECT p.uuid, p.gender, YEAR(p.birthdate) AS birth_year, DATE_FORMAT(p.birthdate, '%Y-%m-%d') AS birthdate,
            n.given_name, n.middle_name, n.family_name, i.identifier AS nid
     FROM person p JOIN patient pa ON pa.patient_id = p.person_id
     JOIN person_name n ON n.person_id = p.person_id AND n.voided = 0 AND n.preferred = 1
     JOIN patient_identifier i ON i.patient_id = p.person_id AND i.voided = 0
     JOIN patient_identifier_type t ON t.patient_identifier_type_id = i.identifier_type AND t.uuid = ?
     WHERE p.voided = 0 AND p.dead = 0 ORDER BY p.person_id LIMIT 1 OFFSET ?`,
    [NID_TYPE, offset],
  );
  return patient;
}

async function openForm(page: Page): Promise<void> {
  await page.goto(`${spec.stack.spaUrl}registo/novo`);
  await page.getByRole('heading', { name: 'Registar utente' }).waitFor();
}

const apiCalls = (list: RequestRecord[]) => list.filter((r) => /\/openmrs\/(ws|module)\//.test(r.url));

function describeCalls(label: string, calls: RequestRecord[]): string {
  const bytes = (r: RequestRecord) => r.encodedBytes + r.requestBytes;
  const total = calls.reduce((sum, r) => sum + bytes(r), 0);
  return [
    `${label}: ${calls.length} API calls, ${(total / 1024).toFixed(1)} KiB on the wire (request bodies + responses)`,
    ...calls.map((r) => `  ${r.method} ${new URL(r.url).pathname} ${bytes(r)} B`),
  ].join('\n');
}

describe('registering a new patient', () => {
  let uuid: string;

  test('the form checks each field, then saves the patient with a generated NID, address, confidant and HIV test', async () => {
    const page = await pageAs('Data Clerk');
    const network = await NetworkRecorder.attach(page);
    // From the navigation bar's "add patient" action, ours in place of the O3 registration app's.
    await page.goto(`${spec.stack.spaUrl}home`);
    await page.locator('[data-testid="registerPatientAction"]').click();
    await page.waitForURL(/\/registo\/novo$/);
    await page.getByRole('heading', { name: 'Registar utente' }).waitFor();
    await page.getByRole('group', { name: 'Data do teste positivo' }).waitFor();
    await network.idle();
    const appFiles = network.list().filter((r) => r.url.includes('/esm-registration-app-') && /\.js$/.test(r.url));
    const appGzip = appFiles.reduce((sum, r) => sum + gzipBytes(r.url), 0);
    const opening = apiCalls(network.list());

    // Nothing filled: every required field says so, and nothing is sent to be created.
    network.reset();
    await save(page);
    await page.getByText('Corrija os campos assinalados a vermelho').waitFor();
    expect(await page.getByText('Obrigatório').count()).toBeGreaterThanOrEqual(4);
    expect(network.list().filter((r) => r.method === 'POST')).toEqual([]);

    // A typed NID in the wrong format shows the format the identifier type expects.
    await page.locator('label[for=nid-manual]').click();
    await page.getByLabel('NID', { exact: true }).fill('1100407/2024/1');
    await save(page);
    await page.getByText('Formato esperado: CCPPDDUUSS/AAAA/NNNNN').waitFor();
    await page.locator('label[for=nid-generate]').click();
    await page.getByText('O NID é gerado quando o utente é gravado').waitFor();

    network.reset();
    await fillPerson(page, { ...NEW_PATIENT, sex: 'F' });
    await page.getByLabel('Segundo nome (opcional)', { exact: true }).fill(NEW_PATIENT.middle);
    await page.getByLabel('Número de telefone', { exact: true }).fill('+258 84 765 4321');
    await page.getByLabel('Ponto de referência', { exact: true }).fill('Atrás do mercado de Maluana');
    await page.getByRole('searchbox', { name: 'Pesquisar endereço' }).pressSequentially('Maluana');
    await page
      .getByRole('button', { name: /Manhiça, Maluana/ })
      .first()
      .click();
    await page.getByLabel('Nome do confidente', { exact: true }).fill('Rosa Cumbane');
    await page.getByLabel('Parentesco', { exact: true }).selectOption('Irmão/Irmã');
    await page.getByLabel('Telefone do confidente', { exact: true }).fill('821112233');
    await fillDate(page, 'hivTestDate', '2025-11-03');
    await page.getByLabel('Tipo de teste', { exact: true }).selectOption('Teste rápido');
    await save(page);

    await page.waitForURL(/\/patient\/[0-9a-f-]{36}\/chart/);
    uuid = /\/patient\/([0-9a-f-]{36})\//.exec(page.url())![1];
    await page.getByText('Utente registado').waitFor();
    // Up to the patient's creation: what follows is the chart's.
    const all = network.list();
    const created = all.findIndex((r) => r.method === 'POST' && new URL(r.url).pathname.endsWith('/rest/v1/patient'));
    const filling = apiCalls(all.slice(0, created + 1));

    const [person] = await rows(
      `SELECT p.gender, DATE_FORMAT(p.birthdate, '%Y-%m-%d') AS birthdate, p.birthdate_estimated,
              n.given_name, n.middle_name, n.family_name,
              a.country, a.state_province, a.county_district, a.address2, a.address6
       FROM person p JOIN person_name n ON n.person_id = p.person_id AND n.voided = 0
       JOIN person_address a ON a.person_id = p.person_id AND a.voided = 0
       WHERE p.uuid = ?`,
      [uuid],
    );
    expect(person).toMatchObject({
      gender: 'F',
      birthdate: NEW_PATIENT.birthdate,
      birthdate_estimated: 0,
      given_name: NEW_PATIENT.given,
      middle_name: NEW_PATIENT.middle,
      family_name: NEW_PATIENT.family,
      country: 'Moçambique',
      state_province: 'Maputo Província',
      county_district: 'Manhiça',
    });
    expect(`${person.address2} ${person.address6}`).toContain('Maluana');

    const [identifier] = await rows(
      `SELECT i.identifier, i.preferred, l.uuid AS location FROM patient_identifier i
       JOIN person p ON p.person_id = i.patient_id
       JOIN patient_identifier_type t ON t.patient_identifier_type_id = i.identifier_type AND t.uuid = ?
       JOIN location l ON l.location_id = i.location_id WHERE p.uuid = ? AND i.voided = 0`,
      [NID_TYPE, uuid],
    );
    expect(String(identifier.identifier)).toMatch(new RegExp(`^0${HD_MANHICA.code}01/\\d{4}/\\d{5}$`));
    expect(identifier).toMatchObject({ preferred: 1, location: HD_MANHICA.uuid });

    const attributes = await rows(
      `SELECT t.name, a.value FROM person_attribute a JOIN person p ON p.person_id = a.person_id
       JOIN person_attribute_type t ON t.person_attribute_type_id = a.person_attribute_type_id
       WHERE p.uuid = ? AND a.voided = 0 ORDER BY t.name`,
      [uuid],
    );
    // The phone typed with spaces is stored as the pattern accepts it.
    expect(Object.fromEntries(attributes.map((a) => [a.name, a.value]))).toEqual({
      'Data do Teste de HIV': '2025-11-03',
      'Nome do Confidente': 'Rosa Cumbane',
      'Numero de Telefone': '+258847654321',
      'Parentesco do Confidente': 'Irmão/Irmã',
      'Ponto de Referência': 'Atrás do mercado de Maluana',
      'Telefone do Confidente': '821112233',
      'Tipo de Teste de HIV': 'Teste rápido',
    });

    console.log(
      [
        `Registration app JavaScript at first use: ${appFiles.length} files, ${(appGzip / 1024).toFixed(1)} KiB gzip`,
        describeCalls("The home page, then the form (the SPA shell's calls included)", opening),
        describeCalls('Filling it in and saving', filling),
      ].join('\n'),
    );
    expect(appGzip).toBeLessThanOrEqual(150 * 1024);
  });

  test('editing them changes the stored record, with the same validation', async () => {
    expect(uuid).toBeDefined();
    const page = await pageAs('Data Clerk');
    // The chart's patient actions lead to our form.
    await page.goto(`${spec.stack.spaUrl}patient/${uuid}/chart`);
    await page.getByRole('button', { name: 'Ações' }).click();
    await page.getByRole('menuitem', { name: 'Editar dados do utente' }).click();
    await page.waitForURL(new RegExp(`/registo/${uuid}/editar$`));
    await page.getByRole('heading', { name: 'Editar dados do utente' }).waitFor();
    await expect(page.getByLabel('Apelido', { exact: true }).inputValue()).resolves.toBe(NEW_PATIENT.family);

    await page.getByLabel('Número de telefone', { exact: true }).fill('12345');
    await save(page);
    await page.getByText('Um número moçambicano, p. ex. 841234567 ou +258841234567').waitFor();
    await page.getByLabel('Número de telefone', { exact: true }).fill('861234567');
    await page.getByLabel('Apelido', { exact: true }).fill('Cumbane Macuácua');
    await save(page);
    await page.getByText('Dados do utente gravados').waitFor();
    await page.waitForURL(new RegExp(`/patient/${uuid}/chart`));

    const names = await rows(
      `SELECT n.family_name FROM person_name n JOIN person p ON p.person_id = n.person_id
       WHERE p.uuid = ? AND n.voided = 0`,
      [uuid],
    );
    expect(names).toEqual([{ family_name: 'Cumbane Macuácua' }]);
    const phones = await rows(
      `SELECT a.value FROM person_attribute a JOIN person p ON p.person_id = a.person_id
       JOIN person_attribute_type t ON t.person_attribute_type_id = a.person_attribute_type_id
       WHERE p.uuid = ? AND a.voided = 0 AND t.name = 'Numero de Telefone'`,
      [uuid],
    );
    expect(phones).toEqual([{ value: '861234567' }]);
  });
});

test('an NID already in use blocks the save and offers the patient who holds it', async () => {
  const holder = await existingPatient(3);
  const page = await pageAs('Data Clerk');
  await openForm(page);
  await fillPerson(page, { given: 'Teodósio', family: 'Mabjaia', sex: 'M', birthdate: '1979-02-02' });
  await page.locator('label[for=nid-manual]').click();
  await page.getByLabel('NID', { exact: true }).fill(String(holder.nid));
  await save(page);

  const panel = page.getByRole('alert').filter({ hasText: 'Este identificador já pertence a um utente' });
  await panel.waitFor();
  const shown = await panel.innerText();
  expect(shown).toContain(String(holder.nid));
  expect(shown).toContain(String(holder.given_name));
  expect(shown).toContain(String(holder.family_name));
  expect(await page.getByRole('button', { name: 'Nenhum destes: registar novo utente' }).count()).toBe(0);
  const [{ patients }] = await rows(`SELECT COUNT(*) AS patients FROM person_name WHERE family_name = 'Mabjaia'`);
  expect(Number(patients)).toBe(0);

  await panel.getByRole('link', { name: 'Abrir este utente' }).click();
  await page.waitForURL(new RegExp(`/patient/${holder.uuid}/chart`));
});

test('a probable duplicate is shown before creating, and the clerk may still register someone else', async () => {
  const namesake = await existingPatient(7);
  const page = await pageAs('Data Clerk');
  await openForm(page);
  // The same person as typed by another clerk: same names, sex and birth year, another day.
  const birthdate =
    `${namesake.birth_year}-01-01` === namesake.birthdate
      ? `${namesake.birth_year}-12-31`
      : `${namesake.birth_year}-01-01`;
  const person = { given: String(namesake.given_name), family: String(namesake.family_name), birthdate };
  await fillPerson(page, { ...person, sex: namesake.gender as 'F' | 'M' });
  await save(page);

  await page.getByText('Possivelmente já registado').waitFor();
  const panel = page.getByRole('alert').filter({ hasText: 'Possivelmente já registado' });
  await panel.getByText(String(namesake.nid)).waitFor();
  await panel.getByText('Nome semelhante').first().waitFor();
  await panel.getByText('Mesmo ano de nascimento').first().waitFor();
  const count = async () =>
    Number(
      (
        await rows(
          `SELECT COUNT(*) AS n FROM person_name n JOIN patient pa ON pa.patient_id = n.person_id
           WHERE n.given_name = ? AND n.family_name = ? AND n.voided = 0`,
          [person.given, person.family],
        )
      )[0].n,
    );
  const before = await count();

  await page.getByRole('button', { name: 'Nenhum destes: registar novo utente' }).click();
  await page.waitForURL(/\/patient\/[0-9a-f-]{36}\/chart/);
  expect(await count()).toBe(before + 1);
});

test('a save whose answer is lost keeps the form, and saving again does not create a second patient', async () => {
  const page = await pageAs('Data Clerk');
  await openForm(page);
  const person = { given: 'Benvinda', family: 'Tivane', sex: 'F' as const, birthdate: '1995-05-05' };
  await fillPerson(page, person);
  // The server creates the patient, but the link drops before its answer arrives.
  const createPatient = /\/ws\/rest\/v1\/patient$/;
  await page.route(createPatient, async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    await route.fetch();
    await route.abort('internetdisconnected');
  });
  await save(page);
  await page.getByText('Sem resposta do servidor').waitFor();
  await expect(page.getByLabel('Apelido', { exact: true }).inputValue()).resolves.toBe(person.family);
  const stored = () =>
    rows(
      `SELECT p.uuid, i.identifier FROM person p JOIN person_name n ON n.person_id = p.person_id AND n.voided = 0
       JOIN patient_identifier i ON i.patient_id = p.person_id AND i.voided = 0
       WHERE n.given_name = ? AND n.family_name = ?`,
      [person.given, person.family],
    );
  const [created] = await stored();
  expect(created).toBeDefined();

  await page.unroute(createPatient);
  await save(page);
  await page.waitForURL(new RegExp(`/patient/${created.uuid}/chart`));
  expect(await stored()).toEqual([created]);
});

describe('the search of the registration dashboard', () => {
  let patient: Row;
  let page: Page;

  beforeAll(async () => {
    patient = await existingPatient(11);
    page = await pageAs('Data Clerk');
  });

  /** Types into the dashboard's search as a clerk or a scanner would; answers the rows of the table. */
  async function search(text: string): Promise<string[]> {
    await page.goto(`${spec.stack.spaUrl}home`);
    const box = page.getByRole('searchbox', { name: 'Pesquisar utente' });
    await box.fill(text);
    await page.getByText(/utente\(s\) encontrado\(s\)/).waitFor();
    return page.getByRole('table').locator('tbody tr').allInnerTexts();
  }

  test('finds a patient by the whole NID, by scanner input without separators and by part of the NID', async () => {
    const nid = String(patient.nid);
    const name = fullName(patient);
    expect((await search(nid)).join('\n')).toContain(name);
    expect((await search(nid.replace(/\//g, ''))).join('\n')).toContain(name);
    const sequence = nid.split('/').slice(1).join('/');
    const partial = await search(sequence);
    expect(partial.some((row) => row.includes(nid))).toBe(true);
  });

  test('finds a patient by fragments of their names, shows NID, sex, age and district, and opens the chart', async () => {
    const fragment = `${String(patient.given_name).slice(0, 4)} ${String(patient.family_name).slice(0, 4)}`;
    const found = await search(fragment);
    const row = found.find((r) => r.includes(String(patient.nid)));
    expect(row).toBeDefined();
    expect(row).toContain(patient.gender === 'F' ? 'Feminino' : 'Masculino');
    expect(row).toContain('Manhiça');

    await page
      .getByRole('table')
      .getByRole('link', { name: new RegExp(String(patient.family_name)) })
      .first()
      .click();
    await page.waitForURL(/\/patient\/[0-9a-f-]{36}\/chart/);
  });

  test('says when nobody matches', async () => {
    await page.goto(`${spec.stack.spaUrl}home`);
    await page.getByRole('searchbox', { name: 'Pesquisar utente' }).fill('Xzqwyk');
    await page.getByText('Nenhum utente encontrado para "Xzqwyk"').waitFor();
  });
});
