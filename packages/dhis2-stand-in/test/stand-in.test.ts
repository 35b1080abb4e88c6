import { createStandIn, type StandIn } from '../src';

// The stand-in answers as DHIS2's documentation says: import summaries, conflicts, dry runs, auth errors.

const DE = 'deTxCurr001';
const COC = 'cocFemale01';
const OU = 'ouManhica01';
const DS = 'dsResumoM01';
const basic = `Basic ${Buffer.from('admin:district').toString('base64')}`;

let standIn: StandIn;
let base: string;
beforeEach(async () => {
  standIn = createStandIn({
    metadata: { dataSets: [DS], orgUnits: [OU], dataElements: { [DE]: [COC, 'cocMale0001'] } },
    tokens: ['d2pat_secret'],
    now: () => new Date('2026-11-05T10:00:00Z'),
  });
  base = await standIn.app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(() => standIn.app.close());

interface Answer {
  statusCode: number;
  headers: Record<string, string>;
  json(): any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function request(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${base}${url}`, init);
  const text = await response.text();
  return { statusCode: response.status, headers: Object.fromEntries(response.headers), json: () => JSON.parse(text) };
}

const value = (overrides: Record<string, string> = {}) => ({
  dataElement: DE,
  categoryOptionCombo: COC,
  period: '202610',
  orgUnit: OU,
  value: '12',
  ...overrides,
});

function post(body: unknown, query = '', authorization = basic, type = 'application/json') {
  return request(`/api/dataValueSets${query}`, {
    method: 'POST',
    headers: { authorization, 'content-type': type },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

test('no, wrong or unknown credentials: 401 Unauthorized; basic or a personal access token: accepted', async () => {
  for (const authorization of [
    '',
    'Basic ' + Buffer.from('admin:wrong').toString('base64'),
    'ApiToken other',
    'Bearer x',
  ]) {
    const answer = await post({ dataValues: [] }, '', authorization);
    expect(answer.statusCode).toBe(401);
    expect(answer.json()).toMatchObject({ httpStatusCode: 401, status: 'ERROR' });
  }
  expect((await post({ dataValues: [] }, '', 'ApiToken d2pat_secret')).statusCode).toBe(200);
});

test('imported, then updated when sent again (never duplicated); a dry run counts without storing', async () => {
  const set = { dataSet: DS, dataValues: [value(), value({ categoryOptionCombo: 'cocMale0001', value: '3' })] };
  const dry = await post(set, '?dryRun=true');
  expect(dry.json().response).toMatchObject({
    status: 'SUCCESS',
    importCount: { imported: 2, updated: 0, ignored: 0 },
  });
  expect(standIn.values.size).toBe(0);
  const first = await post(set);
  expect(first.statusCode).toBe(200);
  expect(first.json()).toMatchObject({ httpStatus: 'OK', status: 'OK', response: { importCount: { imported: 2 } } });
  const again = await post(set);
  expect(again.json().response.importCount).toEqual({ imported: 0, updated: 2, ignored: 0, deleted: 0 });
  expect(standIn.values.size).toBe(2);
  const read = await request(`/api/dataValueSets?dataSet=${DS}&period=202610&orgUnit=${OU}`, {
    headers: { authorization: basic },
  });
  expect(
    read
      .json()
      .dataValues.map((v: { value: string }) => v.value)
      .sort(),
  ).toEqual(['12', '3']);
});

test('bad values are conflicts (409 WARNING) with their error codes and indexes; the good ones are imported', async () => {
  const answer = await post({
    dataSet: DS,
    dataValues: [
      value(),
      value({ dataElement: 'deUnknown01' }),
      value({ orgUnit: 'ouUnknown01' }),
      value({ categoryOptionCombo: 'cocUnknown1' }),
      value({ period: '2026-10' }),
      value({ period: '202612' }),
      value({ value: '-4' }),
    ],
  });
  expect(answer.statusCode).toBe(409);
  const body = answer.json();
  expect(body).toMatchObject({ httpStatus: 'Conflict', status: 'WARNING' });
  expect(body.response.importCount).toEqual({ imported: 1, updated: 0, ignored: 6, deleted: 0 });
  expect(
    body.response.conflicts.map((c: { errorCode: string; indexes: number[] }) => [c.errorCode, c.indexes]),
  ).toEqual([
    ['E7610', [1]],
    ['E7612', [2]],
    ['E7613', [3]],
    ['E7611', [4]],
    ['E7641', [5]],
    ['E7619', [6]],
  ]);
  expect(body.response.rejectedIndexes).toEqual([1, 2, 3, 4, 5, 6]);
});

test('an unknown data set aborts the whole import (ERROR), nothing stored', async () => {
  const answer = await post({ dataSet: 'dsUnknown01', dataValues: [value()] });
  expect(answer.statusCode).toBe(409);
  expect(answer.json()).toMatchObject({
    status: 'ERROR',
    response: { status: 'ERROR', conflicts: [{ errorCode: 'E7600' }] },
  });
  expect(standIn.values.size).toBe(0);
});

test('ADX is read by uid only with idScheme=UID (its default scheme is codes); other media types are refused', async () => {
  const adx = `<?xml version="1.0"?><adx xmlns="urn:ihe:qrph:adx:2015" exported="2026-11-01T00:00:00Z">
    <group orgUnit="${OU}" period="2026-10-01/P1M" dataSet="${DS}"><dataValue dataElement="${DE}" categoryOptionCombo="${COC}" value="7"/></group></adx>`;
  const byCode = await post(adx, '', basic, 'application/adx+xml');
  expect(byCode.statusCode).toBe(409);
  const byUid = await post(adx, '?idScheme=UID', basic, 'application/adx+xml');
  expect(byUid.json().response.importCount.imported).toBe(1);
  expect([...standIn.values.values()][0]).toMatchObject({ period: '202610', value: '7' });
  expect((await post('a,b', '', basic, 'text/csv')).statusCode).toBe(415);
  expect((await post('{"dataValues": [', '', basic)).statusCode).toBe(400);
  expect((await post('<adx/>', '', basic, 'application/adx+xml')).statusCode).toBe(400);
});

test("an unreachable DHIS2 behind a proxy: the next requests get the proxy's error page", async () => {
  standIn.failNext(2, 503);
  expect((await post({ dataValues: [value()] })).statusCode).toBe(503);
  expect((await post({ dataValues: [value()] })).headers['content-type']).toMatch(/text\/html/);
  expect((await post({ dataValues: [value()] })).statusCode).toBe(200);
});
