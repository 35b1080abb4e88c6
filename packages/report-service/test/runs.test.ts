import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { closedPeriods } from '../src/schedule';
import { finished, startStack, type Stack } from './stack';

// Report runs through the service on the real MariaDB: the M&E officer runs the Resumo Mensal, reads
// every cell and the patients behind it, downloads it; one run at a time; cancel; a restart mid-run.

let stack: Stack;
let officer: string;
const MONTH = closedPeriods('Monthly', 1, new Date())[0];

beforeAll(async () => {
  stack = await startStack();
  officer = await stack.login('M&E Officer');
});
afterAll(() => stack?.close());

async function run(report: string, period: string) {
  const started = await stack.call('POST', '/runs', {
    cookie: officer,
    body: { report, period, facility: stack.database },
  });
  expect(started.status).toBe(202);
  return finished(stack, officer, started.body.id);
}

test('the catalogue: reports with their disaggregations, the facilities, what SIS-MA takes', async () => {
  const { body } = await stack.call('GET', '/reports', { cookie: officer });
  expect(body.reports.map((r: { id: string }) => r.id).sort()).toEqual(['mer', 'resumo-mensal']);
  const b13 = body.reports
    .find((r: { id: string }) => r.id === 'resumo-mensal')
    .indicators.find((i: { code: string }) => i.code === 'B13');
  expect(b13.disaggregations.length).toBeGreaterThan(0);
  expect(body.facilities).toEqual([{ database: stack.database, code: '1100407', name: 'HD Manhiça' }]);
  expect(body.dhis2).toEqual({ format: 'json', reports: expect.arrayContaining(['mer', 'resumo-mensal']) });
});

test("a run: queued, then done with its progress, kept with who ran it; every cell's patients are as many as it counts", async () => {
  const done = await run('resumo-mensal', MONTH);
  expect(done).toMatchObject({ status: 'done', requestedBy: { username: 'oficial.ma' }, trigger: 'user', error: null });
  expect(done.progress.done).toBe(done.progress.total);
  const { body: result } = await stack.call('GET', `/runs/${done.id}/result`, { cookie: officer });
  expect(result.facility.code).toBe('1100407');
  const b13 = result.cells.find(
    (c: { indicator: string; options: object }) => c.indicator === 'B13' && !Object.keys(c.options).length,
  );
  expect(b13.value).toBeGreaterThan(20);
  for (const cell of result.cells.filter((c: { value: number }, i: number) => c.value > 0 || i % 7 === 0)) {
    const options = encodeURIComponent(JSON.stringify(cell.options));
    const { body } = await stack.call(
      'GET',
      `/runs/${done.id}/patients?indicator=${cell.indicator}&options=${options}&pageSize=1`,
      {
        cookie: officer,
      },
    );
    expect({ cell: [cell.indicator, cell.options], total: body.total }).toEqual({
      cell: [cell.indicator, cell.options],
      total: cell.value,
    });
  }
  const page = await stack.call('GET', `/runs/${done.id}/patients?indicator=B13&pageSize=10&page=2`, {
    cookie: officer,
  });
  expect(page.body.rows).toHaveLength(10);
  expect(page.body.rows[0]).toMatchObject({
    patientUuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
    nid: expect.any(String),
  });
  const someone = page.body.rows[0];
  const found = await stack.call(
    'GET',
    `/runs/${done.id}/patients?indicator=B13&q=${encodeURIComponent(someone.nid)}`,
    { cookie: officer },
  );
  expect(found.body.rows.map((r: { patientId: number }) => r.patientId)).toContain(someone.patientId);
  const history = await stack.call('GET', `/runs?report=resumo-mensal&facility=${stack.database}`, { cookie: officer });
  expect(history.body.runs[0].id).toBe(done.id);
});

test('downloads: XLSX laid out like the form, CSV, JSON, DHIS2 dataValueSets and ADX; patients only with export rights', async () => {
  const done = (await stack.call('GET', '/runs?report=resumo-mensal', { cookie: officer })).body.runs[0];
  const xlsx = await stack.call('GET', `/runs/${done.id}/download/xlsx`, { cookie: officer });
  expect(xlsx.headers.get('content-disposition')).toBe(`attachment; filename="resumo-mensal_${MONTH}_1100407.xlsx"`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
  expect(book.worksheets.map((s) => s.name)).toHaveLength(1); // no line lists without ?lineLists=true
  const b13Row = book.worksheets[0].getRows(1, 400)!.find((r) => r.getCell(1).value === 'B13');
  expect(b13Row).toBeDefined();
  const csv = await stack.call('GET', `/runs/${done.id}/download/csv`, { cookie: officer });
  expect(csv.raw.toString('utf8')).toMatch(/^\ufefffacility_code,facility,database,start_date,end_date,indicator/);
  const json = await stack.call('GET', `/runs/${done.id}/download/json`, { cookie: officer });
  expect(JSON.parse(json.raw.toString('utf8')).result.lineLists).toBeUndefined();
  const dvs = JSON.parse(
    (await stack.call('GET', `/runs/${done.id}/download/dhis2-json`, { cookie: officer })).raw.toString(),
  );
  expect(dvs.dataValues[0]).toMatchObject({ period: MONTH.replace('-', ''), orgUnit: 'Xa63LmKd1RQ' });
  const adx = (await stack.call('GET', `/runs/${done.id}/download/adx`, { cookie: officer })).raw.toString();
  expect(adx).toMatch(/<group orgUnit="Xa63LmKd1RQ" period="\d{4}-\d{2}-01\/P1M"/);
  const lists = await stack.call('GET', `/runs/${done.id}/download/line-lists`, { cookie: officer });
  expect(lists.raw.toString()).toMatch(/NID/);
  const withLists = await stack.call('GET', `/runs/${done.id}/download/xlsx?lineLists=true`, { cookie: officer });
  const full = new ExcelJS.Workbook();
  await full.xlsx.load(withLists.raw as unknown as ArrayBuffer);
  expect(full.worksheets.length).toBeGreaterThan(1);
});

test('one run at a time per facility; a run can be cancelled and leaves no result; another can then start', async () => {
  const first = await stack.call('POST', '/runs', {
    cookie: officer,
    body: { report: 'mer', period: '2026Q3', facility: stack.database },
  });
  const second = await stack.call('POST', '/runs', {
    cookie: officer,
    body: { report: 'resumo-mensal', period: MONTH, facility: stack.database },
  });
  expect(second.status).toBe(409);
  expect(second.body.error).toMatchObject({ code: 'run-in-progress', run: { id: first.body.id } });
  const cancelled = await stack.call('POST', `/runs/${first.body.id}/cancel`, { cookie: officer });
  expect(cancelled.body.status).toBe('cancelled');
  await stack.service.jobs.settled();
  expect((await stack.call('GET', `/runs/${first.body.id}`, { cookie: officer })).body.status).toBe('cancelled');
  expect((await stack.call('GET', `/runs/${first.body.id}/result`, { cookie: officer })).status).toBe(409);
  expect((await stack.call('POST', `/runs/${first.body.id}/cancel`, { cookie: officer })).status).toBe(409);
  const again = await run('mer', '2026Q3');
  expect(again.status).toBe('done');
});

test('concurrent requests for the same facility: exactly one run starts', async () => {
  const answers = await Promise.all(
    Array.from({ length: 6 }, () =>
      stack.call('POST', '/runs', {
        cookie: officer,
        body: { report: 'resumo-mensal', period: MONTH, facility: stack.database },
      }),
    ),
  );
  expect(answers.map((a) => a.status).sort()).toEqual([202, 409, 409, 409, 409, 409]);
  await stack.service.jobs.settled();
});

test('bad input: a clear refusal, nothing started', async () => {
  const before = stack.service.store.list().length;
  const post = (body: unknown, headers?: Record<string, string>) =>
    stack.call('POST', '/runs', { cookie: officer, body, headers });
  const refusals: Array<[unknown, number, string]> = [
    [{ report: 'tx-curr', period: MONTH, facility: stack.database }, 400, 'unknown-report'],
    [{ report: '__proto__', period: MONTH, facility: stack.database }, 400, 'unknown-report'],
    [{ report: 'mer', period: '2026-13', facility: stack.database }, 400, 'bad-period'],
    [{ report: 'mer', period: "2026-10'; DROP TABLE obs; --", facility: stack.database }, 400, 'bad-period'],
    [{ report: 'mer', period: '2026-10-31..2026-10-01', facility: stack.database }, 400, 'bad-period'],
    [{ report: 'mer', period: '2099Q1', facility: stack.database }, 400, 'bad-period'],
    [{ report: 'mer', period: '1999-12', facility: stack.database }, 400, 'bad-period'],
    [{ report: 'mer', period: '2026Q3', facility: '../../etc/passwd' }, 400, 'unknown-facility'],
    [{ report: 'mer', period: '2026Q3' }, 400, 'invalid-request'],
    [{ report: 'mer', period: '2026Q3', facility: stack.database, extra: 1 }, 400, 'invalid-request'],
    [{ report: ['mer'], period: '2026Q3', facility: stack.database }, 400, 'invalid-request'],
    ['{"report": "mer", ', 400, ''],
    [{ report: 'mer', period: 'x'.repeat(100), facility: stack.database }, 400, 'invalid-request'],
  ];
  for (const [body, status, code] of refusals) {
    const answer = await post(body, typeof body === 'string' ? { 'content-type': 'application/json' } : undefined);
    expect({ body, status: answer.status }).toEqual({ body, status });
    if (code) expect({ body, code: answer.body.error.code }).toEqual({ body, code });
    expect(answer.body.error.message).toEqual(expect.any(String));
  }
  expect((await post('report=mer', { 'content-type': 'text/plain' })).status).toBe(415);
  expect((await post({ report: 'mer', period: 'x'.repeat(100_000), facility: stack.database })).status).toBe(413);
  const run = stack.service.store.list((r) => r.status === 'done')[0];
  for (const [query, status] of [
    ['indicator=B13&options=%7B', 400],
    ['indicator=B13&options=%5B1%5D', 400],
    ['indicator=B13&options=%7B%22age%22%3A1%7D', 400],
    ['indicator=NOPE', 400],
    ['indicator=B13&options=%7B%22sex%22%3A%22X%22%7D', 400],
    ['indicator=B13&pageSize=100000', 400],
    ['indicator=B13&q=%27%20OR%201%3D1%20--%20%3Cscript%3E%E2%80%AE', 200],
  ] as const) {
    const answer = await stack.call('GET', `/runs/${run.id}/patients?${query}`, { cookie: officer });
    expect({ query, status: answer.status }).toEqual({ query, status });
  }
  expect((await stack.call('GET', '/runs/not-a-run', { cookie: officer })).status).toBe(400);
  expect((await stack.call('GET', '/runs/00000000-0000-0000-0000-000000000000', { cookie: officer })).status).toBe(404);
  expect((await stack.call('GET', `/runs/${run.id}/download/exe`, { cookie: officer })).status).toBe(400);
  expect(stack.service.store.list().length).toBe(before);
});

test('a service stopped mid-run: the run is marked interrupted when it comes back, never left running', async () => {
  const started = await stack.call('POST', '/runs', {
    cookie: officer,
    body: { report: 'mer', period: '2026Q3', facility: stack.database },
  });
  // What a killed process leaves behind: the record says running, there is no result.
  const record = JSON.parse(fs.readFileSync(path.join(stack.dataDir, 'runs', started.body.id, 'run.json'), 'utf8'));
  await stack.service.jobs.settled();
  fs.writeFileSync(
    path.join(stack.dataDir, 'runs', started.body.id, 'run.json'),
    JSON.stringify({ ...record, status: 'running' }),
  );
  fs.rmSync(path.join(stack.dataDir, 'runs', started.body.id, 'result.json'), { force: true });
  await stack.restart();
  const after = await stack.call('GET', `/runs/${started.body.id}`, { cookie: officer });
  expect(after.body).toMatchObject({ status: 'interrupted', error: expect.stringMatching(/parou durante a execução/) });
  expect((await stack.call('GET', `/runs/${started.body.id}/result`, { cookie: officer })).status).toBe(409);
});
