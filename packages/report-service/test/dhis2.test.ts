import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StandInMetadata } from '@poc-emr/dhis2-stand-in';
import { closedPeriods } from '../src/schedule';
import { finished, MAPPINGS, startStack, type Stack } from './stack';

// Sending the Resumo Mensal to SIS-MA through the service, against the DHIS2 stand-in: a dry run first,
// then the push; the same values twice are updated, not duplicated; conflicts, a DHIS2 that is down or
// refuses the credentials, a mapping that misses a cell — each a clear answer and nothing half-sent.

let stack: Stack;
let metadata: StandInMetadata;
let officer: string;
let runId: string;
const MONTH = closedPeriods('Monthly', 1, new Date())[0];

beforeAll(async () => {
  stack = await startStack({ patients: 80, metadata: (m) => (metadata = m) });
  officer = await stack.login('M&E Officer');
  const started = await stack.call('POST', '/runs', {
    cookie: officer,
    body: { report: 'resumo-mensal', period: MONTH, facility: stack.database },
  });
  runId = (await finished(stack, officer, started.body.id)).id;
});
afterAll(() => stack?.close());

const push = (dryRun: boolean, id = runId) =>
  stack.call('POST', `/runs/${id}/dhis2`, { cookie: officer, body: { dryRun } });

test('a push needs a clean dry run first; the dry run stores nothing, the push every mapped cell', async () => {
  expect((await push(false)).body.error.code).toBe('dry-run-first');
  const dry = await push(true);
  const cells = (await stack.call('GET', `/runs/${runId}/result`, { cookie: officer })).body.cells.length;
  expect(dry.body).toMatchObject({
    dryRun: true,
    status: 'ok',
    values: cells,
    importCount: { imported: cells, updated: 0 },
  });
  expect(stack.standIn.values.size).toBe(0);
  const sent = await push(false);
  expect(sent.body).toMatchObject({ dryRun: false, status: 'ok', by: 'oficial.ma', importCount: { imported: cells } });
  expect(stack.standIn.values.size).toBe(cells);
  const b13 = [...stack.standIn.values.values()].find((v) => v.dataElement === elementOf('B13'));
  const result = (await stack.call('GET', `/runs/${runId}/result`, { cookie: officer })).body;
  const total = result.cells.find(
    (c: { indicator: string; options: object }) => c.indicator === 'B13' && !Object.keys(c.options).length,
  );
  expect(b13?.value).toBe(String(total.value));
  // Sent again: updated, never a second copy.
  await push(true);
  const again = await push(false);
  expect(again.body.importCount).toEqual({ imported: 0, updated: cells, ignored: 0, deleted: 0 });
  expect(stack.standIn.values.size).toBe(cells);
  const run = (await stack.call('GET', `/runs/${runId}`, { cookie: officer })).body;
  expect(run.pushes.map((p: { dryRun: boolean; status: string }) => [p.dryRun, p.status])).toEqual([
    [true, 'ok'],
    [false, 'ok'],
    [true, 'ok'],
    [false, 'ok'],
  ]);
  const completeness = await stack.call('GET', '/completeness?report=resumo-mensal&periods=3', { cookie: officer });
  expect(completeness.body.cells[0]).toMatchObject({ facility: stack.database, period: MONTH, status: 'sent', runId });
  expect(completeness.body.cells[1]).toMatchObject({ status: 'none' });
});

function elementOf(indicator: string): string {
  const mapping = JSON.parse(fs.readFileSync(path.join(MAPPINGS, 'resumo-mensal.example.json'), 'utf8'));
  return mapping.elements.find(
    (e: { indicator: string; options: object }) => e.indicator === indicator && !Object.keys(e.options).length,
  ).dataElement;
}

test('conflicts are listed after the dry run, and the push is then refused: nothing half-sent', async () => {
  const removed = elementOf('B13');
  const combos = metadata.dataElements[removed];
  delete metadata.dataElements[removed];
  try {
    const dry = await push(true);
    expect(dry.body).toMatchObject({ status: 'conflicts', httpStatus: 409 });
    expect(dry.body.conflicts[0]).toMatchObject({ object: removed, errorCode: 'E7610' });
    const before = stack.standIn.requests.length;
    expect((await push(false)).body.error.code).toBe('dry-run-first');
    expect(stack.standIn.requests.length).toBe(before);
  } finally {
    metadata.dataElements[removed] = combos;
  }
});

test('a DHIS2 that is down is tried again with waits, then reported; one that comes back is used', async () => {
  stack.standIn.failNext(3, 503);
  const down = await push(true);
  expect(down.body).toMatchObject({
    status: 'failed',
    attempts: 3,
    message: expect.stringMatching(/503.*tentado 3 vezes/),
  });
  stack.standIn.failNext(2, 502);
  expect((await push(true)).body).toMatchObject({ status: 'ok', attempts: 3 });
});

test('an unreachable DHIS2, wrong credentials, ADX, a mapping that misses a cell, a period SIS-MA does not take', async () => {
  await stack.restart({ DHIS2_URL: 'http://127.0.0.1:9' });
  expect((await push(true)).body).toMatchObject({
    status: 'failed',
    httpStatus: null,
    message: expect.stringMatching(/não respondeu/),
  });
  await stack.restart({ DHIS2_PASSWORD: 'wrong' });
  expect((await push(true)).body).toMatchObject({
    status: 'failed',
    httpStatus: 401,
    message: expect.stringMatching(/credenciais/),
  });
  await stack.restart({ DHIS2_FORMAT: 'adx' });
  expect((await push(true)).body).toMatchObject({ status: 'ok', format: 'adx' });
  expect(stack.standIn.requests.at(-1)).toMatchObject({
    contentType: 'application/adx+xml',
    url: expect.stringMatching(/idScheme=UID/),
  });

  const partial = fs.mkdtempSync(path.join(os.tmpdir(), 'mappings-'));
  const mapping = JSON.parse(fs.readFileSync(path.join(MAPPINGS, 'resumo-mensal.example.json'), 'utf8'));
  fs.writeFileSync(
    path.join(partial, 'resumo-mensal.json'),
    JSON.stringify({ ...mapping, elements: mapping.elements.slice(1) }),
  );
  await stack.restart({ DHIS2_MAPPINGS: partial });
  const before = stack.standIn.requests.length;
  const refused = await push(true);
  expect(refused.status).toBe(409);
  expect(refused.body.error).toMatchObject({
    code: 'mapping-incomplete',
    message: expect.stringMatching(/não cobre 1 células.*nada foi enviado/),
  });
  expect(stack.standIn.requests.length).toBe(before);
  fs.rmSync(partial, { recursive: true });

  await stack.restart();
  const range = await stack.call('POST', '/runs', {
    cookie: officer,
    body: { report: 'resumo-mensal', period: '2026-09-21..2026-10-20', facility: stack.database },
  });
  await finished(stack, officer, range.body.id);
  expect((await push(true, range.body.id)).body.error.code).toBe('bad-dhis2-period');
});

test('without DHIS2 configured, sending is refused with the reason', async () => {
  await stack.restart({ DHIS2_URL: '' });
  expect((await push(true)).body.error.code).toBe('dhis2-not-configured');
  await stack.restart();
});
