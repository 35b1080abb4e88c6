import { HD_MANHICA, newContext, readDate, signIn, watchProblems, type Problems } from '../src/browser';
import { FieldPage, fieldJourneys, LINKS, navigate, table } from '../src/field';
import { fillPerson, save } from '../src/registration';
import { useSpec } from '../src/spec';

// Field conditions: the journeys of a facility's day behind a district's link (100 KB/s each way, 300 ms
// latency, as Chromium's DevTools emulate it), with an empty cache and a warm one, each of which must
// complete; then the link cut during a save, which must lose nothing typed and create no second patient.
// Times and bytes are printed, never asserted: `npm run bench:field` runs the rural link (10 KB/s) too
// and prints the tables of docs/benchmarks.md.

const spec = useSpec();

test('every journey completes through a 100 KB/s link, with an empty cache and a warm one', async () => {
  const measures = await fieldJourneys(spec, LINKS.district);
  console.log(table(LINKS.district, measures));
  expect(measures.filter((m) => m.failed).map((m) => `${m.journey} ${m.cache}: ${m.failed}`)).toEqual([]);
  const journeys = ['login page', 'login → Registo', 'registration form', 'chart with HIV summary', 'dispensing form'];
  expect(measures.map((m) => `${m.journey} ${m.cache}`).sort()).toEqual(
    journeys.flatMap((j) => [`${j} cold`, `${j} warm`]).sort(),
  );
  // An empty cache downloads the code (the app shell on the login page, the chart's apps); a warm one
  // downloads none of it again (versioned and hashed files are immutable, the certificate trusted).
  const code = (journey: string, cache: string) =>
    measures.find((m) => m.journey === journey && m.cache === cache)!.codeDownloads;
  expect(code('login page', 'cold').length).toBeGreaterThan(0);
  expect(code('chart with HIV summary', 'cold').length).toBeGreaterThan(0);
  for (const journey of journeys) expect({ journey, code: code(journey, 'warm') }).toEqual({ journey, code: [] });
});

test('a link cut during a registration keeps everything typed and saving again creates one patient', async () => {
  const context = await newContext(spec.stack.browser);
  await signIn(context, spec.stack.origin, 'Data Clerk');
  const field = await FieldPage.open(context, LINKS.district);
  const page = field.page;
  watchProblems(page, spec.problems);
  await page.goto(`${spec.stack.spaUrl}registo/novo`);
  await page.getByRole('heading', { name: 'Registar utente' }).waitFor();
  // The form's code is all there: what a cut does to code still on its way is the service worker's concern.
  await field.network.idle(1000);
  const person = { given: 'Felismina', family: 'Mucavele', sex: 'F' as const, birthdate: '1991-03-14' };
  await fillPerson(page, person);
  const stored = () =>
    spec.rows(
      `SELECT p.uuid, i.identifier FROM person p JOIN person_name n ON n.person_id = p.person_id AND n.voided = 0
       JOIN patient_identifier i ON i.patient_id = p.person_id AND i.voided = 0
       WHERE n.given_name = ? AND n.family_name = ?`,
      [person.given, person.family],
    );
  const kept = async () => {
    await page.getByText('Sem resposta do servidor').waitFor();
    await expect(page.getByLabel('Nome', { exact: true }).inputValue()).resolves.toBe(person.given);
    await expect(page.getByLabel('Apelido', { exact: true }).inputValue()).resolves.toBe(person.family);
    await expect(readDate(page, 'birthdate')).resolves.toBe(person.birthdate);
  };

  // The link is down when the clerk presses "Gravar": nothing reaches the server.
  await field.cut();
  await save(page);
  await kept();
  expect(await stored()).toEqual([]);

  // The link is back; the server creates the patient, and the link drops before its answer arrives.
  await field.connect();
  const createPatient = /\/ws\/rest\/v1\/patient$/;
  await page.route(createPatient, async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    await route.fetch();
    await field.cut();
    await route.abort('internetdisconnected');
  });
  await save(page);
  await kept();
  const [created] = await stored();
  expect(created).toBeDefined();

  // Back again: saving once more opens the patient created, and there is still only that one.
  await page.unroute(createPatient);
  await field.connect();
  await save(page);
  await page.waitForURL(new RegExp(`/patient/${String(created.uuid)}/chart`));
  expect(await stored()).toEqual([created]);
  await context.close();
});

test('the login page says in Portuguese that it is loading, with progress, until the login form is there', async () => {
  const context = await newContext(spec.stack.browser);
  const field = await FieldPage.open(context, LINKS.district);
  const page = field.page;
  watchProblems(page, spec.problems);
  await page.goto(`${spec.stack.spaUrl}login`, { waitUntil: 'commit' });
  await page.getByText('A carregar o sistema…').waitFor();
  await page.waitForFunction(() =>
    /^\d+ s · \d+ KB recebidos$/.test(document.getElementById('poc-loading-progress')?.textContent ?? ''),
  );
  expect(await page.getByLabel('Nome do Utilizador').count()).toBe(0);

  await page.getByLabel('Nome do Utilizador').waitFor();
  expect(await page.locator('#poc-loading').count()).toBe(0);
  await context.close();
});

test('after a first visit the SPA starts with the link down, and pages whose code it loaded still open', async () => {
  const context = await newContext(spec.stack.browser);
  await signIn(context, spec.stack.origin, 'Data Clerk');
  const page = await context.newPage();
  watchProblems(page, spec.problems);
  // The first visit: the Registo home and the registration form, online.
  await page.goto(`${spec.stack.spaUrl}home`);
  await page.getByRole('heading', { name: 'Registo de utentes' }).waitFor();
  await navigate(page, `${spec.stack.spaUrl}registo/novo`);
  await page.getByRole('heading', { name: 'Registar utente' }).waitFor();
  // The worker installs during the visit and keeps what the page names: the shell, the apps' code, the session.
  const kept = () =>
    page.evaluate(async () => {
      const names = await caches.keys();
      const requests = (await Promise.all(names.map(async (n) => (await caches.open(n)).keys()))).flat();
      return requests.map((request) => new URL(request.url).pathname);
    });
  const wanted = [/\/openmrs\.[0-9a-f]+\.js$/, /\/esm-registration-app-[^/]+\/.+\.js$/, /\/ws\/rest\/v1\/session$/];
  const missing = async () => {
    const paths = await kept();
    return wanted.filter((w) => !paths.some((p) => w.test(p))).map(String);
  };
  for (const until = Date.now() + 60_000; (await missing()).length > 0 && Date.now() < until;) {
    await page.waitForTimeout(500);
  }
  expect(await missing()).toEqual([]);

  // The link is down, for the pages and the worker alike.
  await context.setOffline(true);
  const problems: Problems = { failedCalls: [], uncaught: [], consoleErrors: [] };
  const offline = await context.newPage();
  watchProblems(offline, problems);
  await offline.goto(`${spec.stack.spaUrl}home`);
  await offline.getByRole('heading', { name: 'Registo de utentes' }).waitFor();
  await navigate(offline, `${spec.stack.spaUrl}registo/novo`);
  await offline.getByRole('heading', { name: 'Registar utente' }).waitFor();
  // It came from the worker's cache: what the worker asks the network for fails.
  const probe = `${spec.stack.spaUrl}routes.registry.json?probe=${Date.now()}`;
  expect(
    await offline.evaluate(
      (url) =>
        fetch(url).then(
          () => 'reached',
          () => 'failed',
        ),
      probe,
    ),
  ).toBe('failed');
  expect(await offline.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
  // No app died for want of its code (single-spa's "died in status LOADING_SOURCE_CODE").
  expect(
    [...problems.uncaught, ...problems.consoleErrors].filter((e) => /died in status|ChunkLoadError/.test(e)),
  ).toEqual([]);
  await context.close();
});

test('a chart whose code could not be fetched while the link was down opens when it is back, without a reload', async () => {
  const context = await newContext(spec.stack.browser);
  await signIn(context, spec.stack.origin, 'Clinician');
  const page = await context.newPage();
  const problems: Problems = { failedCalls: [], uncaught: [], consoleErrors: [] };
  watchProblems(page, problems);
  await page.goto(`${spec.stack.spaUrl}home`);
  await page.getByRole('banner').getByText(HD_MANHICA.name).waitFor();
  const [patient] = await spec.rows(
    `SELECT p.uuid, n.given_name, n.family_name FROM patient x JOIN person p ON p.person_id = x.patient_id
     JOIN person_name n ON n.person_id = p.person_id AND n.voided = 0 WHERE x.voided = 0 ORDER BY x.patient_id LIMIT 1`,
  );

  // The chart's code was never downloaded, and the link is down: its app cannot load.
  await context.setOffline(true);
  await navigate(page, `${spec.stack.spaUrl}patient/${String(patient.uuid)}/chart/Patient Summary`);
  const died = () =>
    problems.uncaught.some((e) => /esm-patient-chart-app-page-0' died in status LOADING_SOURCE_CODE/.test(e));
  for (const until = Date.now() + 30_000; !died() && Date.now() < until;) await page.waitForTimeout(250);
  expect(died()).toBe(true);

  // The link is back: the same page loads the chart (single-spa retries at the route change made for it).
  await context.setOffline(false);
  await page
    .getByRole('banner')
    .getByText(`${String(patient.given_name)} ${String(patient.family_name)}`)
    .first()
    .waitFor();
  await context.close();
});
