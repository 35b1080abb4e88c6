import { connect } from '@poc-emr/db';
import { patientHivSummary } from '@poc-emr/report-engine';
import { startStack, type Stack } from './stack';

// A patient's HIV summary through the service: the engine's answer for the clinician's facility, small,
// revalidated by ETag; refusals for malformed, unknown and hostile input; concurrent charts agree.

const CS_XINAVANE = '8b396922-f11c-5b60-9da8-99ffbb78775e';

let stack: Stack;
let clinician: string;
let patient: string;

beforeAll(async () => {
  stack = await startStack({ patients: 80 });
  clinician = await stack.login('Clinician');
  patient = await stack.patientUuid();
});
afterAll(() => stack?.close());

const summaryUrl = (uuid: string, query = '') => `/patients/${uuid}/hiv-summary${query}`;

test("the summary is the engine's for the session's facility at the day asked, a small JSON", async () => {
  const answer = await stack.call('GET', summaryUrl(patient, '?date=2026-06-30'), { cookie: clinician });
  expect(answer.status).toBe(200);
  const conn = await connect({ database: stack.database });
  try {
    expect(answer.body).toEqual(await patientHivSummary(conn, stack.database, patient, '2026-06-30'));
  } finally {
    await conn.end();
  }
  expect(answer.raw.length).toBeLessThan(4000);
  // Today by default; upper-case uuids are the same patient.
  const today = await stack.call('GET', summaryUrl(patient.toUpperCase()), { cookie: clinician });
  expect(today.body.patientUuid).toBe(patient);
});

test('an unchanged summary is revalidated by its ETag: 304 without a body', async () => {
  const first = await stack.call('GET', summaryUrl(patient), { cookie: clinician });
  const etag = first.headers.get('etag')!;
  expect(first.headers.get('cache-control')).toBe('private, no-cache');
  const again = await stack.call('GET', summaryUrl(patient), { cookie: clinician, headers: { 'if-none-match': etag } });
  expect(again.status).toBe(304);
  expect(again.raw.length).toBe(0);
  // Through nginx, which compresses the answer and so marks its ETag weak: the browser sends W/"…" back.
  for (const sent of [`W/${etag}`, `"other", W/${etag}`, '*']) {
    const weak = await stack.call('GET', summaryUrl(patient), {
      cookie: clinician,
      headers: { 'if-none-match': sent },
    });
    expect([sent, weak.status]).toEqual([sent, 304]);
  }
  const stale = await stack.call('GET', summaryUrl(patient), {
    cookie: clinician,
    headers: { 'if-none-match': '"something-else"' },
  });
  expect(stale.status).toBe(200);
});

test('refusals: malformed or unknown patients, bad and future dates, other facilities, hostile input', async () => {
  const elsewhere = await stack.login('Clinician', CS_XINAVANE);
  expect((await stack.call('GET', summaryUrl(patient), { cookie: elsewhere })).body.error.code).toBe('no-facility');
  for (const [url, status, code] of [
    [summaryUrl('not-a-uuid'), 400, 'invalid-request'],
    [summaryUrl("1' OR '1'='1"), 400, 'invalid-request'],
    [summaryUrl('00000000-0000-0000-0000-000000000000'), 404, 'unknown-patient'],
    [summaryUrl(patient, '?date=2026-02-30'), 400, 'bad-date'],
    [summaryUrl(patient, '?date=31/10/2026'), 400, 'bad-date'],
    [summaryUrl(patient, '?date=2999-01-01'), 400, 'future-date'],
    [summaryUrl(patient, '?date=2026-01-01&debug=1'), 400, 'invalid-request'],
    [summaryUrl(patient, `?date=${'9'.repeat(5000)}`), 400, 'invalid-request'],
  ] as const) {
    const answer = await stack.call('GET', url, { cookie: clinician });
    expect({ url, status: answer.status, code: answer.body.error?.code }).toEqual({ url, status, code });
  }
});

test('twenty charts opened at once each get their own patient, as when opened one by one', async () => {
  const uuids = await Promise.all(Array.from({ length: 10 }, (_, i) => stack.patientUuid(i)));
  const alone = await Promise.all(
    uuids.map(async (u) => (await stack.call('GET', summaryUrl(u), { cookie: clinician })).body),
  );
  const together = await Promise.all(
    [...uuids, ...uuids].map((u) => stack.call('GET', summaryUrl(u), { cookie: clinician })),
  );
  expect(together.map((a) => a.status)).toEqual(Array(20).fill(200));
  expect(together.map((a) => a.body)).toEqual([...alone, ...alone]);
});
