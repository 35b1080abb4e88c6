import { PATIENT_LISTS } from '@poc-emr/report-engine';
import { startStack, type Stack } from './stack';

// The follow-up lists through the service: the clinician's facility from the session location, paged,
// searchable, by band; a location of another facility or a bad date gets a clear refusal.

const CS_XINAVANE = '8b396922-f11c-5b60-9da8-99ffbb78775e';

let stack: Stack;
let clinician: string;

beforeAll(async () => {
  stack = await startStack({ patients: 200 });
  clinician = await stack.login('Clinician');
});
afterAll(() => stack?.close());

test("the catalogue names the lists and the clinician's facility", async () => {
  const { body } = await stack.call('GET', '/lists', { cookie: clinician });
  expect(body.facility).toEqual({ database: stack.database, code: '1100407', name: 'HD Manhiça' });
  expect(body.lists.map((l: { id: string }) => l.id)).toEqual(Object.keys(PATIENT_LISTS));
});

test('faltosos: every band counted, a page at a time, filtered by band and by search', async () => {
  const { body } = await stack.call('GET', '/lists/late-for-pickup?pageSize=500', { cookie: clinician });
  expect(body.total).toBeGreaterThan(0);
  expect(Object.values(body.bands as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(body.total);
  expect(body.rows.every((r: { daysLate: number }) => r.daysLate >= 1)).toBe(true);
  expect(body.rows.map((r: { daysLate: number }) => r.daysLate)).toEqual(
    [...body.rows.map((r: { daysLate: number }) => r.daysLate)].sort((a, b) => a - b),
  );
  const [band, count] = Object.entries(body.bands as Record<string, number>).find(([, n]) => n > 0)!;
  const inBand = await stack.call('GET', `/lists/late-for-pickup?band=${band}&pageSize=2`, { cookie: clinician });
  expect(inBand.body).toMatchObject({ total: count, page: 1, pageSize: 2 });
  expect(inBand.body.rows.every((r: { band: string }) => r.band === band)).toBe(true);
  const someone = body.rows[0];
  const byName = await stack.call(
    'GET',
    `/lists/late-for-pickup?q=${encodeURIComponent(someone.name.split(' ').reverse().join(' '))}`,
    {
      cookie: clinician,
    },
  );
  expect(byName.body.rows.map((r: { patientUuid: string }) => r.patientUuid)).toContain(someone.patientUuid);
});

test('the other lists answer at a past date', async () => {
  for (const id of Object.keys(PATIENT_LISTS)) {
    const answer = await stack.call('GET', `/lists/${id}?date=2026-06-30`, { cookie: clinician });
    expect({ id, status: answer.status }).toEqual({ id, status: 200 });
    expect(answer.body.date).toBe('2026-06-30');
  }
});

test("refusals: another facility's location, an unknown list, bad and future dates, hostile input", async () => {
  const elsewhere = await stack.login('Clinician', CS_XINAVANE);
  expect((await stack.call('GET', '/lists', { cookie: elsewhere })).body.error.code).toBe('no-facility');
  for (const [url, status, code] of [
    ['/lists/nope', 404, 'unknown-list'],
    ['/lists/__proto__', 404, 'unknown-list'],
    ['/lists/late-for-pickup?date=2026-02-30', 400, 'bad-date'],
    ['/lists/late-for-pickup?date=31/10/2026', 400, 'bad-date'],
    ['/lists/late-for-pickup?date=2999-01-01', 400, 'future-date'],
    ['/lists/late-for-pickup?pageSize=0', 400, 'invalid-request'],
    ['/lists/late-for-pickup?sort=name', 400, 'invalid-request'],
  ] as const) {
    const answer = await stack.call('GET', url, { cookie: clinician });
    expect({ url, status: answer.status, code: answer.body.error?.code }).toEqual({ url, status, code });
  }
  const hostile = await stack.call(
    'GET',
    `/lists/late-for-pickup?q=${encodeURIComponent("'); DROP TABLE person; -- ☠")}`,
    {
      cookie: clinician,
    },
  );
  expect(hostile.body).toMatchObject({ total: 0, rows: [] });
});
