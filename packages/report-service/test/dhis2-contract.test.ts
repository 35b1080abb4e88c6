import type { Dhis2Config } from '../src/config';
import { pushDataValues } from '../src/dhis2';
import { createStandIn, type StandIn } from '@poc-emr/dhis2-stand-in';

// The push client against DHIS2's contract: the stand-in by default; a real DHIS2 (a play instance, say)
// with CONTRACT_DHIS2_URL (+ CONTRACT_DHIS2_USERNAME/PASSWORD or CONTRACT_DHIS2_TOKEN). The ids default
// to the DHIS2 demo database's (Sierra Leone): data set "Child Health", Ngelehun CHC, "BCG doses
// given" × "Fixed, <1y"; override them with CONTRACT_DHIS2_{DATASET,ORGUNIT,DATAELEMENT,COC,PERIOD}.

const env = process.env;
const ids = {
  dataSet: env.CONTRACT_DHIS2_DATASET ?? 'BfMAe6Itzgt',
  orgUnit: env.CONTRACT_DHIS2_ORGUNIT ?? 'DiszpKrYNg8',
  dataElement: env.CONTRACT_DHIS2_DATAELEMENT ?? 's46m5MS0hxu',
  categoryOptionCombo: env.CONTRACT_DHIS2_COC ?? 'Prlt0C1RF0s',
  period: env.CONTRACT_DHIS2_PERIOD ?? lastMonth(),
};

let standIn: StandIn | undefined;
let config: Dhis2Config;

beforeAll(async () => {
  let url = env.CONTRACT_DHIS2_URL;
  if (!url) {
    standIn = createStandIn({
      metadata: {
        dataSets: [ids.dataSet],
        orgUnits: [ids.orgUnit],
        dataElements: { [ids.dataElement]: [ids.categoryOptionCombo] },
      },
    });
    url = await standIn.app.listen({ port: 0, host: '127.0.0.1' });
  }
  config = {
    url,
    auth: env.CONTRACT_DHIS2_TOKEN
      ? { token: env.CONTRACT_DHIS2_TOKEN }
      : { username: env.CONTRACT_DHIS2_USERNAME ?? 'admin', password: env.CONTRACT_DHIS2_PASSWORD ?? 'district' },
    mappings: {},
    format: 'json',
    timeoutMs: 60_000,
    retries: 1,
    retryDelayMs: 500,
  };
});
afterAll(() => standIn?.app.close());

function lastMonth(): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

const payload = (value: number, dataElement = ids.dataElement) =>
  JSON.stringify({
    dataSet: ids.dataSet,
    completeDate: new Date().toISOString().slice(0, 10),
    dataValues: [{ ...ids, dataElement, value: String(value) }],
  });

async function stored(): Promise<string | undefined> {
  const query = new URLSearchParams({ dataSet: ids.dataSet, period: ids.period, orgUnit: ids.orgUnit });
  const answer = await fetch(`${config.url}/api/dataValueSets?${query}`, {
    headers: {
      accept: 'application/json',
      authorization:
        'token' in config.auth
          ? `ApiToken ${config.auth.token}`
          : `Basic ${Buffer.from(`${config.auth.username}:${config.auth.password}`).toString('base64')}`,
    },
  });
  const body = (await answer.json()) as {
    dataValues?: Array<{ dataElement: string; categoryOptionCombo: string; value: string }>;
  };
  return body.dataValues?.find(
    (v) => v.dataElement === ids.dataElement && v.categoryOptionCombo === ids.categoryOptionCombo,
  )?.value;
}

test('a dry run answers an import summary and stores nothing', async () => {
  const before = await stored();
  const value = Number(before ?? 0) + 7;
  const dry = await pushDataValues(config, payload(value), { dryRun: true });
  expect(dry).toMatchObject({ status: 'ok', httpStatus: 200, attempts: 1 });
  expect((dry.importCount?.imported ?? 0) + (dry.importCount?.updated ?? 0)).toBe(1);
  expect(await stored()).toBe(before);
});

test('the same value pushed twice is stored once: imported (or updated), then updated or ignored', async () => {
  const value = Number((await stored()) ?? 0) + 1;
  const first = await pushDataValues(config, payload(value), { dryRun: false });
  expect(first.status).toBe('ok');
  const second = await pushDataValues(config, payload(value), { dryRun: false });
  expect(second).toMatchObject({ status: 'ok' });
  expect(second.importCount?.imported).toBe(0);
  expect((second.importCount?.updated ?? 0) + (second.importCount?.ignored ?? 0)).toBe(1);
  expect(await stored()).toBe(String(value));
});

test("an unknown data element is a conflict with DHIS2's error code", async () => {
  const answer = await pushDataValues(config, payload(1, 'zzzzzzzzzz1'), { dryRun: true });
  expect(answer.status).toBe('conflicts');
  expect(answer.conflicts[0]).toMatchObject({ object: 'zzzzzzzzzz1', errorCode: 'E7610' });
});

test('wrong credentials: refused, named as such, not retried', async () => {
  const answer = await pushDataValues(
    { ...config, auth: { username: 'admin', password: 'not-the-password' } },
    payload(1),
    {
      dryRun: true,
    },
  );
  expect(answer).toMatchObject({
    status: 'failed',
    httpStatus: 401,
    attempts: 1,
    message: expect.stringMatching(/credenciais/),
  });
});
