import { startStack, type Answer, type Stack } from './stack';

// The report service's bad-input corpus beyond each route's own refusals (runs.test.ts, lists.test.ts):
// malformed URLs, bodies and sessions, each answered in the service's envelope ({error: {code,
// message}}) with nothing internal in it, nothing started, and the service answering on afterwards.

let stack: Stack;
let officer: string;
let clinician: string;

beforeAll(async () => {
  stack = await startStack({ patients: 60 });
  officer = await stack.login('M&E Officer');
  clinician = await stack.login('Clinician');
}, 180_000);
afterAll(() => stack?.close());

/** The service's envelope, without SQL, stack frames, paths or addresses. */
function expectCleanRefusal(answer: Answer, status: number): void {
  expect(answer.status).toBe(status);
  expect(answer.body.error).toEqual({ code: expect.any(String), message: expect.any(String) });
  expect(JSON.stringify(answer.body)).not.toMatch(
    /\b(SELECT|INSERT|UPDATE)\b|ER_[A-Z_]+|sqlMessage|\bat .+:\d+:\d+|node_modules|\/work\/|127\.0\.0\.1|rs_[0-9a-f]{10}/,
  );
}

test('malformed URLs, bodies and cookies: a clear refusal, nothing started', async () => {
  const before = stack.service.store.list().length;
  const cases: Array<[string, string, { body?: unknown; headers?: Record<string, string>; cookie?: string }, number]> =
    [
      ['GET', '/runs/%E0%A4%A', { cookie: officer }, 400],
      ['GET', '/lists/late-for-pickup?date=%E0%A4%A', { cookie: clinician }, 400],
      ['POST', '/runs', { cookie: officer, body: '', headers: { 'content-type': 'application/json' } }, 400],
      ['POST', '/runs', { cookie: officer, body: 'null', headers: { 'content-type': 'application/json' } }, 400],
      ['POST', '/runs', { cookie: officer, body: '[]', headers: { 'content-type': 'application/json' } }, 400],
      [
        'POST',
        '/runs',
        {
          cookie: officer,
          body: `{"report":${'['.repeat(30_000)}${']'.repeat(30_000)}}`,
          headers: { 'content-type': 'application/json' },
        },
        400,
      ],
      [
        'POST',
        '/runs',
        { cookie: officer, body: 'report=mer', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        415,
      ],
      ['POST', '/runs', { cookie: officer, body: { report: 'mer', period: '2026Q3', facility: 'a\u0000b' } }, 400],
      ['GET', '/runs', { cookie: 'JSESSIONID=../../etc/passwd' }, 401],
      ['GET', '/runs', { cookie: `JSESSIONID=${'A'.repeat(4000)}` }, 401],
      ['GET', '/runs', { headers: { authorization: 'Basic %%%' } }, 401],
      ['DELETE', '/lists', { cookie: clinician }, 404],
    ];
  for (const [method, url, options, status] of cases) {
    const answer = await stack.call(method, url, options);
    expect({ method, url, status: answer.status }).toEqual({ method, url, status });
    expectCleanRefusal(answer, status);
  }
  expect(stack.service.store.list().length).toBe(before);
  expect((await stack.call('GET', '/health')).status).toBe(200);
});

test('a burst of list reads and run requests at once: one run, no 5xx', async () => {
  const answers = await Promise.all([
    ...Array.from({ length: 12 }, () => stack.call('GET', '/lists/late-for-pickup?pageSize=50', { cookie: clinician })),
    ...Array.from({ length: 6 }, () =>
      stack.call('POST', '/runs', {
        cookie: officer,
        body: { report: 'mer', period: '2026Q3', facility: stack.database },
      }),
    ),
  ]);
  expect(answers.filter((a) => a.status >= 500)).toEqual([]);
  expect(answers.slice(0, 12).every((a) => a.status === 200)).toBe(true);
  expect(
    answers
      .slice(12)
      .map((a) => a.status)
      .sort(),
  ).toEqual([202, 409, 409, 409, 409, 409]);
  await stack.service.jobs.settled();
});
