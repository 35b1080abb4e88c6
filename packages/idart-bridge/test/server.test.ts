import { readDemoUsers } from '@poc-emr/dev-backend';
import { Sessions } from '@poc-emr/openmrs-auth';
import type { Bridge } from '../src/bridge';
import { addDays } from '@poc-emr/fila';
import { expectedDateText, recordPickup, upsertPatient } from '../src/idart/activity';
import { createBridgeServer, BRIDGE_PRIVILEGES, type BridgeServer } from '../src/server';
import { settle } from './proof';
import { HD_MANHICA, startBridgeStack, type BridgeStack } from './stack';

// The error queue (each reason a pharmacist can act on, never dropped, sent once fixed), the status partner
// IT reads, and the HTTP API behind OpenMRS sessions: privileges per endpoint and a bad-input corpus.

let stack: BridgeStack;
let bridge: Bridge;
let server: BridgeServer;
let base: string;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  stack = await startBridgeStack();
  bridge = stack.bridge();
  await bridge.outbox.migrate();
  server = await createBridgeServer(bridge, new Sessions(stack.backend.url, 30_000));
  base = await server.app.listen({ port: 0, host: '127.0.0.1' });
  for (const role of ['Pharmacist', 'Clinician', 'Data Clerk', 'M&E Officer']) {
    const user = readDemoUsers().find((u) => u.role === role)!;
    const answer = await fetch(`${stack.backend.url}/ws/rest/v1/session`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ sessionLocation: HD_MANHICA }),
    });
    cookies[role] = answer.headers.get('set-cookie')!.split(';')[0];
  }
});
afterAll(async () => {
  await server?.app.close();
  await stack?.close();
});

async function call(method: string, url: string, cookie = cookies.Pharmacist, body?: string) {
  const answer = await fetch(`${base}/openmrs/ws/idart${url}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body,
  });
  const text = await answer.text();
  return { status: answer.status, body: text ? JSON.parse(text) : null };
}

const errorsByCode = async () =>
  Object.fromEntries(
    (await call('GET', '/errors')).body.results.map((r: { reasonCode: string; nid: string }) => [r.reasonCode, r]),
  );

test('what cannot be sent goes to the error queue with its reason; once fixed it is sent', async () => {
  const pool = stack.idart.pool;
  // A NID OpenMRS does not know.
  await upsertPatient(pool, stack.catalogue, {
    nid: '0111040701/2099/99999',
    firstNames: 'Sem',
    lastName: 'Registo',
    sex: 'F',
  });
  await recordPickup(pool, stack.catalogue, {
    nid: '0111040701/2099/99999',
    day: stack.today,
    regimen: 'TDF+3TC+DTG',
    weeks: 4,
  });
  // A patient whose TARV enrolment is closed in OpenMRS.
  const outOfTarv = stack.nids[3];
  await stack.rows(
    `UPDATE patient_program pp JOIN patient_identifier i ON i.patient_id = pp.patient_id SET pp.date_completed = NOW()
     WHERE i.identifier = ?`,
    [outOfTarv],
  );
  await recordPickup(pool, stack.catalogue, { nid: outOfTarv, day: stack.today, regimen: 'TDF+3TC+DTG', weeks: 4 });
  // A regimen iDART has not mapped to OpenMRS, and a drug missing from the mapping.
  await pool.query(`INSERT INTO regimeterapeutico (regimeesquema) VALUES ('TDF+3TC+RAL')`);
  const unmapped = await recordPickup(pool, stack.catalogue, {
    nid: stack.nids[4],
    day: stack.today,
    regimen: 'AZT+3TC+NVP',
    weeks: 4,
  });
  await pool.query(
    `UPDATE prescription SET regimeid = (SELECT regimeid FROM regimeterapeutico WHERE regimeesquema = 'TDF+3TC+RAL')
     WHERE id = (SELECT prescription FROM package WHERE id = $1)`,
    [unmapped.id],
  );
  await pool.query(`UPDATE drug SET name = '[LPV/r] Lopinavir 100mg/Ritonavir 25mg (novo)' WHERE name LIKE '[LPV/r]%'`);
  await recordPickup(pool, stack.catalogue, {
    nid: stack.nids[5],
    day: stack.today,
    regimen: 'ABC+3TC+LPV/r',
    weeks: 4,
  });
  // A next pickup iDART wrote in a form that is not a date.
  const garbled = await recordPickup(pool, stack.catalogue, {
    nid: stack.nids[6],
    day: stack.today,
    regimen: 'TDF+3TC+EFV',
    weeks: 4,
  });
  await pool.query(`UPDATE packagedruginfotmp SET dateexpectedstring = '31 fev 2026' WHERE packageid = $1`, [
    garbled.packageId,
  ]);

  await settle(bridge);
  const errors = await errorsByCode();
  expect(Object.keys(errors).sort()).toEqual([
    'drug-unmapped',
    'next-pickup-unreadable',
    'nid-not-found',
    'not-in-tarv',
    'regimen-unmapped',
  ]);
  expect(errors['nid-not-found'].reason).toContain('0111040701/2099/99999');
  expect(errors['not-in-tarv'].nid).toBe(outOfTarv);
  expect(errors['drug-unmapped'].reason).toContain('(novo)');
  const status = (await call('GET', '/status')).body;
  expect(status).toMatchObject({ counts: { error: 5, pending: 0 }, oldestPendingSeconds: null, lastSuccessAt: null });

  // Fixed in OpenMRS (enrolment reopened) and in iDART (the date): the retry sends them, once.
  await stack.rows(
    `UPDATE patient_program pp JOIN patient_identifier i ON i.patient_id = pp.patient_id SET pp.date_completed = NULL
     WHERE i.identifier = ?`,
    [outOfTarv],
  );
  expect((await call('POST', `/errors/${errors['not-in-tarv'].packageId}/retry`)).status).toBe(202);
  await pool.query(`UPDATE packagedruginfotmp SET dateexpectedstring = $1 WHERE packageid = $2`, [
    expectedDateText(addDays(stack.today, 30), 'en'),
    garbled.packageId,
  ]);
  await settle(bridge);
  const after = await errorsByCode();
  expect(Object.keys(after).sort()).toEqual(['drug-unmapped', 'nid-not-found', 'regimen-unmapped']);
  const sent = (await call('GET', `/dispensations?nid=${encodeURIComponent(outOfTarv)}`)).body.results;
  expect(sent).toEqual([expect.objectContaining({ state: 'sent', pickup: stack.today, fila: expect.any(String) })]);
  expect((await call('GET', '/status')).body.lastSuccessAt).toEqual(expect.any(String));
});

const endpoints = [
  { method: 'GET', url: '/status', privilege: BRIDGE_PRIVILEGES.view },
  { method: 'GET', url: '/errors', privilege: BRIDGE_PRIVILEGES.view },
  { method: 'GET', url: '/dispensations?nid=x', privilege: BRIDGE_PRIVILEGES.view },
  { method: 'POST', url: '/errors/999999/retry', privilege: BRIDGE_PRIVILEGES.act },
  { method: 'POST', url: '/reconciliation', privilege: BRIDGE_PRIVILEGES.act },
];

test('the table covers every endpoint with the privilege it declares; health alone is public', () => {
  const declared = server.routes
    .filter((r) => r.privilege !== 'public')
    .map((r) => `${r.method} ${r.url.replace('/openmrs/ws/idart', '')} ${r.privilege}`)
    .sort();
  const tested = endpoints
    .map((e) => `${e.method} ${e.url.split('?')[0].replace('999999', ':packageId')} ${e.privilege}`)
    .sort();
  expect(tested).toEqual(declared);
  expect(server.routes.filter((r) => r.privilege === 'public').map((r) => r.url)).toEqual(['/openmrs/ws/idart/health']);
});

test.each(endpoints.map((e) => [`${e.method} ${e.url}`, e] as const))(
  '%s: anonymous 401, other roles 403, the pharmacist let through',
  async (_name, endpoint) => {
    expect((await call(endpoint.method, endpoint.url, '')).status).toBe(401);
    expect((await call(endpoint.method, endpoint.url, 'JSESSIONID=forged')).status).toBe(401);
    for (const role of ['Clinician', 'Data Clerk', 'M&E Officer']) {
      const answer = await call(endpoint.method, endpoint.url, cookies[role]);
      expect({ role, error: answer.body.error }).toEqual({
        role,
        error: { code: 'forbidden', message: expect.stringContaining(endpoint.privilege) },
      });
    }
    expect([401, 403]).not.toContain((await call(endpoint.method, endpoint.url)).status);
  },
);

test('bad input: a clear refusal in the error envelope, nothing changed', async () => {
  const corpus: Array<[string, string, string | undefined, number]> = [
    ['GET', '/dispensations', undefined, 400],
    ['GET', `/dispensations?nid=${'9'.repeat(200)}`, undefined, 400],
    ['GET', '/dispensations?nid=x&extra=1', undefined, 400],
    ['GET', "/errors?nid=' OR 1=1 --", undefined, 200],
    ['POST', '/errors/abc/retry', undefined, 400],
    ['POST', '/errors/-1/retry', undefined, 400],
    ['POST', '/errors/99999999999/retry', undefined, 400],
    ['POST', '/errors/1/retry', '{"x":', 400],
    ['POST', '/errors/999999/retry', undefined, 404],
    ['GET', '/nowhere', undefined, 404],
  ];
  const before = (
    await stack.idart.pool.query('SELECT count(*)::int AS n, max(changed_at) AS at FROM idart_bridge.outbox')
  ).rows[0];
  for (const [method, url, body, status] of corpus) {
    const answer = await call(method, url, cookies.Pharmacist, body);
    expect({ url, status: answer.status }).toEqual({ url, status });
    if (status !== 200) expect(answer.body.error).toEqual({ code: expect.any(String), message: expect.any(String) });
    else expect(answer.body.results).toEqual([]);
  }
  // A body a cross-site form can send (text/plain) and a URL that cannot be read.
  const plain = await fetch(`${base}/openmrs/ws/idart/reconciliation`, {
    method: 'POST',
    headers: { cookie: cookies.Pharmacist, 'content-type': 'text/plain' },
    body: '{}',
  });
  expect(plain.status).toBe(415);
  const unreadable = await fetch(`${base}/openmrs/ws/idart/errors%E0%A4%A`, {
    headers: { cookie: cookies.Pharmacist },
  });
  expect([unreadable.status, (await unreadable.json()).error.code]).toEqual([400, 'invalid-request']);
  const after = (
    await stack.idart.pool.query('SELECT count(*)::int AS n, max(changed_at) AS at FROM idart_bridge.outbox')
  ).rows[0];
  expect(after).toEqual(before);
  // Concurrent retries of one item: each answered, the item queued once.
  const [item] = await bridge.outbox.items(`state = 'error'`, [], 1);
  const answers = await Promise.all(Array.from({ length: 8 }, () => call('POST', `/errors/${item.packageId}/retry`)));
  expect(answers.every((a) => a.status === 202)).toBe(true);
});

test('the reconciliation lists what the error queue holds as dispensations without their FILA', async () => {
  const answer = await call('POST', '/reconciliation');
  expect(answer.status).toBe(200);
  expect(answer.body.unexpected).toEqual([]);
  // Three in the error queue, one of them asked to be sent again (owed until the next cycle).
  expect(answer.body.missing.map((m: { state: string }) => m.state).sort()).toEqual(['error', 'error', 'pending']);
  expect((await call('GET', '/health', '')).body).toMatchObject({ status: 'ok' });
});
