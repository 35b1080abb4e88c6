import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { configFromEnv, createReportService, ensureReaderAccount, PRIVILEGES } from '../src';
import { closedPeriods } from '../src/schedule';
import { finished, startStack, type Stack } from './stack';

// Every endpoint against OpenMRS's own sessions and the distro's roles: anonymous 401, a role without
// the privilege 403, a role with it let through — for each endpoint the service has.

let stack: Stack;
let runId: string;
let patientUuid = ':uuid';
const cookies: Record<string, string> = {};

beforeAll(async () => {
  stack = await startStack({ patients: 60 });
  for (const role of ['M&E Officer', 'Clinician', 'Data Clerk', 'Pharmacist', 'Administrator'])
    cookies[role] = await stack.login(role);
  const started = await stack.call('POST', '/runs', {
    cookie: cookies['M&E Officer'],
    body: { report: 'resumo-mensal', period: closedPeriods('Monthly', 1, new Date())[0], facility: stack.database },
  });
  runId = (await finished(stack, cookies['M&E Officer'], started.body.id)).id;
  patientUuid = await stack.patientUuid();
});
afterAll(() => stack?.close());

/** Each endpoint: a request that its privilege lets through, and who has that privilege. */
const endpoints = (runId: string) => [
  { method: 'GET', url: '/reports', privilege: PRIVILEGES.runReports },
  { method: 'GET', url: '/runs', privilege: PRIVILEGES.runReports },
  {
    method: 'POST',
    url: '/runs',
    privilege: PRIVILEGES.runReports,
    body: { report: 'nope', period: '2026-10', facility: 'x' },
  },
  { method: 'GET', url: `/runs/${runId}`, privilege: PRIVILEGES.runReports },
  { method: 'POST', url: `/runs/${runId}/cancel`, privilege: PRIVILEGES.runReports },
  { method: 'GET', url: `/runs/${runId}/result`, privilege: PRIVILEGES.runReports },
  { method: 'GET', url: `/runs/${runId}/patients?indicator=B13`, privilege: PRIVILEGES.exportData },
  { method: 'GET', url: `/runs/${runId}/download/csv`, privilege: PRIVILEGES.runReports },
  { method: 'POST', url: `/runs/${runId}/dhis2`, privilege: PRIVILEGES.sendToSisma, body: { dryRun: true } },
  { method: 'GET', url: '/completeness?report=resumo-mensal', privilege: PRIVILEGES.runReports },
  { method: 'GET', url: '/lists', privilege: PRIVILEGES.followUpLists },
  { method: 'GET', url: '/lists/late-for-pickup', privilege: PRIVILEGES.followUpLists },
  { method: 'GET', url: '/lists/expected-for-pickup', privilege: PRIVILEGES.followUpLists },
  { method: 'GET', url: `/patients/${patientUuid}/hiv-summary`, privilege: PRIVILEGES.viewHivSummary },
  { method: 'GET', url: '/system-status', privilege: PRIVILEGES.viewSystemStatus },
];

// The administrator (System Developer by inheritance, and every privilege of ours) is let through everywhere.
const ROLES_WITH = {
  [PRIVILEGES.runReports]: ['M&E Officer', 'Administrator'],
  [PRIVILEGES.exportData]: ['M&E Officer', 'Administrator'],
  [PRIVILEGES.sendToSisma]: ['M&E Officer', 'Administrator'],
  [PRIVILEGES.followUpLists]: ['Clinician', 'Pharmacist', 'Administrator'],
  [PRIVILEGES.viewHivSummary]: ['Clinician', 'Data Clerk', 'Administrator'],
  [PRIVILEGES.viewSystemStatus]: ['Administrator'],
};

test('the table below covers every endpoint the service has, each with the privilege it declares', () => {
  const declared = stack.service.routes
    .filter((r) => r.privilege !== 'public')
    .map((r) => `${r.method} ${r.url.replace('/openmrs/ws/poc-emr', '')} ${r.privilege}`)
    .sort();
  // The lists are one route: each list the pharmacist and the clinician read is tried.
  const tested = endpoints(':id')
    .map(
      (e) =>
        `${e.method} ${e.url
          .split('?')[0]
          .replace('/download/csv', '/download/:format')
          .replace(/\/lists\/[a-z-]+$/, '/lists/:id')
          .replace(/\/patients\/[^/]+\//, '/patients/:uuid/')} ${e.privilege}`,
    )
    .filter((e, i, all) => all.indexOf(e) === i)
    .sort();
  expect(tested).toEqual(declared);
  expect(stack.service.routes.filter((r) => r.privilege === 'public').map((r) => r.url)).toEqual([
    '/openmrs/ws/poc-emr/health',
  ]);
});

test.each(endpoints(':id').map((e, i) => [`${e.method} ${e.url.split('?')[0]}`, i] as const))(
  '%s: anonymous 401, a role without the privilege 403, one with it let through',
  async (_name, i) => {
    const endpoint = endpoints(runId)[i];
    const call = (cookie?: string) => stack.call(endpoint.method, endpoint.url, { cookie, body: endpoint.body });
    expect((await call()).status).toBe(401);
    expect((await call('JSESSIONID=forged-session')).status).toBe(401);
    const allowed = ROLES_WITH[endpoint.privilege];
    for (const role of Object.keys(cookies)) {
      const answer = await call(cookies[role]);
      if (allowed.includes(role))
        expect({ role, refused: [401, 403].includes(answer.status) }).toEqual({ role, refused: false });
      else
        expect({ role, answer: answer.body.error }).toEqual({
          role,
          answer: { code: 'forbidden', message: expect.stringContaining(endpoint.privilege) },
        });
    }
  },
);

test('the superuser (System Developer) has every privilege; Basic credentials work as the session does', async () => {
  const admin = `Basic ${Buffer.from('admin:Admin123').toString('base64')}`;
  expect((await stack.call('GET', '/reports', { headers: { authorization: admin } })).status).toBe(200);
  const wrong = `Basic ${Buffer.from('admin:wrong').toString('base64')}`;
  expect((await stack.call('GET', '/reports', { headers: { authorization: wrong } })).status).toBe(401);
});

test('patients in a download need the export privilege too', async () => {
  const clerkless = await stack.call('GET', `/runs/${runId}/download/line-lists`, { cookie: cookies['Data Clerk'] });
  expect(clerkless.status).toBe(403);
  expect(
    (await stack.call('GET', `/runs/${runId}/download/line-lists`, { cookie: cookies['M&E Officer'] })).status,
  ).toBe(200);
});

test('the health check is public; an OpenMRS that does not answer is 503, not a login prompt', async () => {
  expect((await stack.call('GET', '/health')).body).toMatchObject({ status: 'ok', facilities: 1 });
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const service = await createReportService(
    configFromEnv({
      OPENMRS_URL: `http://127.0.0.1:${port}/openmrs`,
      REPORT_DATABASES: await ensureReaderAccount(stack.database),
      REPORT_DATA_DIR: stack.dataDir,
    }),
  );
  try {
    const base = await service.app.listen({ port: 0, host: '127.0.0.1' });
    const response = await fetch(`${base}/openmrs/ws/poc-emr/reports`, { headers: { cookie: cookies['M&E Officer'] } });
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('openmrs-unavailable');
  } finally {
    await service.close();
  }
});
