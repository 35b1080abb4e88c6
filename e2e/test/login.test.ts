import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { HD_MANHICA, listLines, newContext, signIn, watchProblems, type Problems } from '../src/browser';
import { formatSummary, NetworkRecorder } from '../src/network';
import { startStack, type Stack } from '../src/stack';

// Log in to the assembled O3 SPA in Portuguese and pick the facility, the way a clinician starts the day;
// the home page opens on the dashboard of the user's role (the site configuration's
// defaultDashboardPerRole): the clinician's follow-up lists, the data clerk's Registo, the pharmacy,
// the reports.

const LOGIN_LOCATIONS = 17;
/** The home page redirects to the role's dashboard, one of ours, named in the URL. */
const HOMES: Record<string, { path: string; heading: string }> = {
  Clinician: { path: 'seguimento', heading: 'Seguimento' },
  'Data Clerk': { path: 'registo', heading: 'Registo de utentes' },
  'M&E Officer': { path: 'relatorios', heading: 'Relatórios' },
  Pharmacist: { path: 'farmacia', heading: 'Farmácia' },
};
const homeUrl = (role: string) => new RegExp(`/openmrs/spa/home/${HOMES[role].path}$`);
const SCREENSHOTS = process.env.POC_E2E_SCREENSHOTS ?? os.tmpdir();

let stack: Stack;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await stack?.close();
});

async function newPage(storageState?: Awaited<ReturnType<BrowserContext['storageState']>>): Promise<Page> {
  const context = await newContext(stack.browser, storageState);
  contexts.push(context);
  return context.newPage();
}

test('a clinician logs in in Portuguese and picks HD Manhiça', async () => {
  const started = Date.now();
  const page = await newPage();
  const problems: Problems = watchProblems(page);
  const network = await NetworkRecorder.attach(page);

  await page.goto(`${stack.spaUrl}login`, { waitUntil: 'networkidle' });
  const loginPage = network.summary();
  const loginPageMs = Date.now() - started;
  await page.getByLabel('Nome do Utilizador').fill('clinico');
  await page.getByRole('button', { name: 'Continuar' }).click();
  await page.getByRole('textbox', { name: 'Senha' }).fill('Clinico123');
  await page.getByRole('button', { name: 'Entrar no Sistema' }).click();

  await page.waitForURL(/\/openmrs\/spa\/login\/location$/);
  await page.getByText('Selecione seu local na lista abaixo').waitFor();
  await page.getByText(HD_MANHICA.name, { exact: true }).waitFor();
  expect(await page.getByRole('radio').count()).toBe(LOGIN_LOCATIONS);
  await page.getByText(HD_MANHICA.name, { exact: true }).click();
  network.reset();
  await page.getByRole('button', { name: 'Confirmar' }).click();

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
      `Login page (cold cache) in ${loginPageMs} ms; logged in with the facility picked in ${loginMs} ms; home page (cold cache) in ${homeMs} ms`,
      formatSummary('Login page, first load', loginPage),
      formatSummary('From "Confirmar" to the home page (warm cache)', afterLogin),
      formatSummary('Home page, first load', homeNetwork.summary()),
      `Backend calls that failed: ${listLines(problems.failedCalls)}`,
      `Errors logged by the apps: ${listLines([...problems.uncaught, ...problems.consoleErrors])}`,
    ].join('\n'),
  );
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
