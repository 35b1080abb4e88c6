import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { HD_MANHICA, listLines, newContext, signIn, watchProblems, type Problems } from '../src/browser';
import { formatSummary, NetworkRecorder } from '../src/network';
import { openSpec, type Spec } from '../src/spec';
import type { Stack } from '../src/stack';

// Log in to the assembled O3 SPA in Portuguese, the way a clinician starts the day: at the server's own
// facility (core's default_location, each demo user's defaultLocation), with no location to pick; the
// location picker starts there and remembers the last choice. The home page opens on the dashboard of the
// user's role (the site configuration's defaultDashboardPerRole): the clinician's follow-up lists, the
// data clerk's Registo, the pharmacy, the reports, the administrator's system status.

const LOGIN_LOCATIONS = 17;
/** Another Login Location of the district, above HD Manhiça in the list. */
const CS_MARAGRA = { uuid: 'eb4131e7-5c6d-56d2-b72b-a0601d306f07', name: 'CS Maragra' };
/** The home page redirects to the role's dashboard, one of ours, named in the URL. */
const HOMES: Record<string, { path: string; heading: string }> = {
  Clinician: { path: 'seguimento', heading: 'Seguimento' },
  'Data Clerk': { path: 'registo', heading: 'Registo de utentes' },
  'M&E Officer': { path: 'relatorios', heading: 'Relatórios' },
  Pharmacist: { path: 'farmacia', heading: 'Farmácia' },
  Administrator: { path: 'estado-do-sistema', heading: 'Estado do sistema' },
};
const homeUrl = (role: string) => new RegExp(`/openmrs/spa/home/${HOMES[role].path}$`);
const SCREENSHOTS = process.env.POC_E2E_SCREENSHOTS ?? os.tmpdir();

let spec: Spec;
let stack: Stack;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  spec = await openSpec();
  stack = spec.stack;
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await spec?.close();
});

async function newPage(storageState?: Awaited<ReturnType<BrowserContext['storageState']>>): Promise<Page> {
  const context = await newContext(stack.browser, storageState);
  contexts.push(context);
  return context.newPage();
}

test('a clinician logs in in Portuguese and starts at HD Manhiça, the facility of the server', async () => {
  const started = Date.now();
  const page = await newPage();
  const problems: Problems = watchProblems(page);
  const network = await NetworkRecorder.attach(page);

  await page.goto(`${stack.spaUrl}login`, { waitUntil: 'networkidle' });
  const loginPage = network.summary();
  const loginPageMs = Date.now() - started;
  network.reset();
  await logIn(page, 'clinico', 'Clinico123');

  await page.waitForURL(homeUrl('Clinician'));
  await network.idle();
  const afterLogin = network.summary();
  await page.getByRole('banner').getByText(HD_MANHICA.name).waitFor();
  await expectHome(page, 'Clinician');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'poc-emr-e2e-home.png') });

  const session = await page.request.get(`${stack.origin}/openmrs/ws/rest/v1/session`);
  expect(session.status()).toBe(200);
  const body = await session.json();
  expect(body).toMatchObject({
    authenticated: true,
    user: { username: 'clinico' },
    sessionLocation: { uuid: HD_MANHICA.uuid, display: HD_MANHICA.name },
  });
  const loginMs = Date.now() - started;

  // First load of the home page: a new tab of a browser with an empty cache that has the session cookie.
  const home = await newPage(await page.context().storageState());
  watchProblems(home, problems);
  const homeNetwork = await NetworkRecorder.attach(home);
  const homeStarted = Date.now();
  await home.goto(`${stack.spaUrl}home`);
  await homeNetwork.idle();
  const homeMs = Date.now() - homeStarted;
  await home.getByRole('banner').getByText(HD_MANHICA.name).waitFor();
  await expectHome(home, 'Clinician');

  console.log(
    [
      `Login page (cold cache) in ${loginPageMs} ms; logged in at the facility in ${loginMs} ms; home page (cold cache) in ${homeMs} ms`,
      formatSummary('Login page, first load', loginPage),
      formatSummary('From "Entrar no Sistema" to the home page (warm cache)', afterLogin),
      formatSummary('Home page, first load', homeNetwork.summary()),
      `Backend calls that failed: ${listLines(problems.failedCalls)}`,
      `Errors logged by the apps: ${listLines([...problems.uncaught, ...problems.consoleErrors])}`,
    ].join('\n'),
  );
  expect(problems.failedCalls).toEqual([]);
  expect(problems.uncaught).toEqual([]);
});

test("the location picker starts at HD Manhiça and a data clerk's choice is where her next login starts", async () => {
  const page = await newPage();
  const problems = watchProblems(page);
  await page.goto(`${stack.spaUrl}login`);
  await logIn(page, 'digitador', 'Digitador123');
  await page.waitForURL(homeUrl('Data Clerk'));

  // The top bar's location opens the picker (the login app's "update" flow).
  await page.getByRole('button', { name: 'Mudar de local' }).click();
  await page.waitForURL(/\/openmrs\/spa\/login\/location\?/);
  await page.getByText('Selecione seu local na lista abaixo').waitFor();
  // The user's defaultLocation is put first once the picker has fetched it.
  await page.waitForFunction(
    (uuid) => document.querySelector<HTMLInputElement>('input[type="radio"]')?.value === uuid,
    HD_MANHICA.uuid,
  );
  const radios = page.getByRole('radio');
  expect(await radios.count()).toBe(LOGIN_LOCATIONS);
  expect(await radios.first().isChecked()).toBe(true);
  const remember = page.getByRole('checkbox', { name: 'Lembrar o meu local para futuras entradas no sistema' });
  expect(await remember.isChecked()).toBe(true);
  await page.getByText(CS_MARAGRA.name, { exact: true }).click();
  const saved = page.waitForResponse(
    (r) => r.request().method() === 'POST' && /\/ws\/rest\/v1\/user\/[0-9a-f-]{36}$/.test(r.url()),
  );
  await page.getByRole('button', { name: 'Confirmar' }).click();
  expect((await saved).status()).toBe(200);
  await page.waitForURL(homeUrl('Data Clerk'));
  await page.getByRole('banner').getByText(CS_MARAGRA.name).waitFor();
  expect(await defaultLocationOf('digitador')).toBe(CS_MARAGRA.uuid);

  // Her next login, on a browser started afresh: no location to pick, straight to CS Maragra.
  const next = await newPage();
  watchProblems(next, problems);
  await next.goto(`${stack.spaUrl}login`);
  await logIn(next, 'digitador', 'Digitador123');
  await next.waitForURL(homeUrl('Data Clerk'));
  await next.getByRole('banner').getByText(CS_MARAGRA.name).waitFor();
  const session = await (await next.request.get(`${stack.origin}/openmrs/ws/rest/v1/session`)).json();
  expect(session.sessionLocation).toMatchObject({ uuid: CS_MARAGRA.uuid });
  expect(problems.failedCalls).toEqual([]);
  expect(problems.uncaught).toEqual([]);
});

test('each demo role lands on its own home', async () => {
  for (const role of Object.keys(HOMES)) {
    const context = await newContext(stack.browser);
    contexts.push(context);
    await signIn(context, stack.origin, role);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${stack.spaUrl}home`);
    await page.waitForURL(homeUrl(role));
    await expectHome(page, role);
    expect([role, problems.uncaught]).toEqual([role, []]);
  }
});

test("the administrator's home is the system status, read from the running backend and SPA; the demo's admin lands there too", async () => {
  const context = await newContext(stack.browser);
  contexts.push(context);
  await signIn(context, stack.origin, 'Administrator');
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${stack.spaUrl}home`);
  await page.waitForURL(homeUrl('Administrator'));
  const versions = page.getByRole('region', { name: 'Versões' });
  await versions.getByText('OpenMRS (núcleo)').waitFor();
  await versions.getByText('@poc-emr/esm-system-status-app').waitFor();
  await page.getByRole('region', { name: 'Base de dados — HD Manhiça' }).getByText('Utentes').waitFor();
  await page.getByText('Não configurada: este servidor não envia os seus dados para outro servidor.').waitFor();
  expect(problems.failedCalls).toEqual([]);
  expect(problems.uncaught).toEqual([]);

  // admin (System Developer, OpenMRS's superuser) has no role of ours: its own entry in the mapping.
  const admin = await newContext(stack.browser);
  contexts.push(admin);
  await signIn(admin, stack.origin, { username: 'admin', password: 'Admin123' });
  const adminPage = await admin.newPage();
  await adminPage.goto(`${stack.spaUrl}home`);
  await adminPage.waitForURL(homeUrl('Administrator'));
  await adminPage
    .getByRole('heading', { name: /^(Estado do sistema|System status)$/ })
    .first()
    .waitFor();
});

test('a data clerk is offered the registration form on the home page', async () => {
  const context = await newContext(stack.browser);
  contexts.push(context);
  await signIn(context, stack.origin, 'Data Clerk');
  const page = await context.newPage();
  const problems = watchProblems(page);

  await page.goto(`${stack.spaUrl}home`);
  await page.waitForURL(homeUrl('Data Clerk'));
  await expectRegistrationDashboard(page);
  await page.getByRole('link', { name: 'Registar novo utente' }).click();

  await page.waitForURL(/\/openmrs\/spa\/registo\/novo$/);
  await page.getByRole('heading', { name: 'Registar utente' }).waitFor();
  expect(problems.failedCalls).toEqual([]);
  expect(problems.uncaught).toEqual([]);
});

/** The login form, user name then password. */
async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Nome do Utilizador').fill(username);
  await page.getByRole('button', { name: 'Continuar' }).click();
  await page.getByRole('textbox', { name: 'Senha' }).fill(password);
  await page.getByRole('button', { name: 'Entrar no Sistema' }).click();
}

/** The user's defaultLocation user property, as the database holds it. */
async function defaultLocationOf(username: string): Promise<string | undefined> {
  const [row] = await spec.rows(
    `SELECT p.property_value AS value FROM user_property p JOIN users u ON u.user_id = p.user_id
      WHERE u.username = ? AND p.property = 'defaultLocation'`,
    [username],
  );
  return row?.value as string | undefined;
}

/** The role's dashboard, in Portuguese (not the home app's "dashboard not found"). */
async function expectHome(page: Page, role: string): Promise<void> {
  await page.getByRole('heading', { name: HOMES[role].heading, exact: true }).first().waitFor();
  expect(await page.getByText('O painel que procura não existe.').count()).toBe(0);
}

/** Our Registo dashboard, in Portuguese, for the session's facility. */
async function expectRegistrationDashboard(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Registo de utentes' }).waitFor();
  await page.getByRole('main').getByText(HD_MANHICA.name, { exact: true }).waitFor();
  await page.getByRole('searchbox', { name: 'Pesquisar utente' }).waitFor();
  expect(await page.getByText('404').count()).toBe(0);
}
