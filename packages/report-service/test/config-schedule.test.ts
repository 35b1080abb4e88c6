import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configFromEnv } from '../src';
import { closedPeriods, latestScheduled, parseSchedule } from '../src/schedule';
import { Scheduler } from '../src/scheduler';
import { RunStore } from '../src/store';
import { ReportJobs } from '../src/jobs';
import type { Context } from '../src/server';
import { MAPPINGS } from './stack';

// Configuration errors stop the service at start, all named; the schedule picks the period that closed.

const minimal = {
  OPENMRS_URL: 'http://backend:8080/openmrs',
  REPORT_DATABASES: 'mysql://reports:s3cret@db:3306/openmrs',
};

test('a complete configuration: facilities, OpenMRS, DHIS2 with its mappings checked, the schedule', () => {
  const config = configFromEnv({
    ...minimal,
    DHIS2_URL: 'https://sisma.example/',
    DHIS2_TOKEN: 'd2pat_x',
    DHIS2_MAPPINGS: MAPPINGS,
    REPORT_SCHEDULE: 'resumo-mensal monthly 1 02:00; mer quarterly 5 03:30',
  });
  expect(config.facilities).toEqual([
    {
      display: 'mysql://reports:***@db:3306/openmrs',
      database: 'openmrs',
      credentials: expect.objectContaining({ user: 'reports' }),
    },
  ]);
  expect(config.host).toBe('127.0.0.1');
  expect(config.dhis2).toMatchObject({ url: 'https://sisma.example', auth: { token: 'd2pat_x' }, format: 'json' });
  expect(Object.keys(config.dhis2!.mappings).sort()).toEqual(['mer', 'resumo-mensal']);
  expect(config.schedule).toEqual([
    { report: 'resumo-mensal', every: 'monthly', day: 1, hour: 2, minute: 0 },
    { report: 'mer', every: 'quarterly', day: 5, hour: 3, minute: 30 },
  ]);
});

test('every problem of a bad configuration at once, passwords masked', () => {
  const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'mappings-'));
  fs.writeFileSync(path.join(bad, 'mer.json'), '{"report": "mer", "dataSet": "x"}');
  fs.writeFileSync(path.join(bad, 'resumo-mensal.json'), '{ not json');
  let message = '';
  try {
    configFromEnv({
      REPORT_DATABASES: 'mysql://reports:topsecret@db:3306/ postgres://x:y@h/d',
      DHIS2_URL: 'https://sisma.example',
      DHIS2_MAPPINGS: bad,
      REPORT_SCHEDULE: 'resumo-mensal daily 02:00',
      PORT: 'eighty',
    });
  } catch (error) {
    message = (error as Error).message;
  }
  fs.rmSync(bad, { recursive: true });
  expect(message).toMatch(/OPENMRS_URL is required/);
  expect(message).toMatch(/names no database/);
  expect(message).toMatch(/Unsupported database URL scheme/);
  expect(message).toMatch(/REPORT_SCHEDULE: "resumo-mensal daily 02:00"/);
  expect(message).toMatch(/PORT must be an integer/);
  expect(message).toMatch(/DHIS2_URL needs DHIS2_USERNAME and DHIS2_PASSWORD \(or DHIS2_TOKEN\)/);
  expect(message).toMatch(/mer.json: dataSet: not a DHIS2 uid/);
  expect(message).toMatch(/resumo-mensal.json: .*JSON/);
  expect(message).not.toMatch(/topsecret/);
  expect(() => parseSchedule('tx-curr monthly 1 02:00')).toThrow(/unknown report tx-curr/);
  expect(configFromEnv({ ...minimal, DHIS2_URL: 'off', DHIS2_PASSWORD: 'off' }).dhis2).toBeUndefined();
  const token = configFromEnv({
    ...minimal,
    DHIS2_URL: 'https://s.example',
    DHIS2_USERNAME: 'token',
    DHIS2_PASSWORD: 'd2pat_1',
    DHIS2_MAPPINGS: MAPPINGS,
  });
  expect(token.dhis2?.auth).toEqual({ token: 'd2pat_1' });
  expect(() => parseSchedule('mer monthly 31 02:00')).toThrow(/1 to 28/);
});

test('the period a scheduled run is for: the month (quarter) that closed before its time', () => {
  const monthly = parseSchedule('resumo-mensal monthly 1 02:00')[0];
  expect(latestScheduled(monthly, new Date(2026, 10, 1, 2, 0)).text).toBe('2026-10');
  expect(latestScheduled(monthly, new Date(2026, 10, 1, 1, 59)).text).toBe('2026-09');
  expect(latestScheduled(monthly, new Date(2026, 0, 15)).text).toBe('2025-12');
  const quarterly = parseSchedule('mer quarterly 5 03:00')[0];
  expect(latestScheduled(quarterly, new Date(2026, 9, 5, 3, 0)).text).toBe('2026Q3');
  expect(latestScheduled(quarterly, new Date(2026, 9, 4)).text).toBe('2026Q2');
  expect(latestScheduled(quarterly, new Date(2026, 1, 20)).text).toBe('2025Q4');
  expect(closedPeriods('Quarterly', 2, new Date(2026, 11, 7))).toEqual(['2026Q3', '2026Q2']);
  expect(closedPeriods('Monthly', 2, new Date(2026, 0, 7))).toEqual(['2025-12', '2025-11']);
});

test('the scheduler starts each due run once per facility, and catches up after downtime', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schedule-'));
  const store = new RunStore(dir);
  store.load();
  // Jobs that only record: the runs themselves are tested elsewhere.
  const jobs = new ReportJobs(store, 0);
  const facility = {
    database: 'facility_a',
    code: '1100407',
    name: 'HD Manhiça',
    locationUuid: null,
    source: {} as never,
  };
  const context = {
    store,
    jobs,
    facilities: { list: () => [facility] },
    config: { schedule: parseSchedule('resumo-mensal monthly 1 02:00; mer quarterly 5 03:00') },
  } as unknown as Context;
  const scheduler = new Scheduler(context);
  const started = scheduler.tick(new Date(2026, 10, 3, 9, 0));
  expect(started.map((id) => [store.get(id)!.report, store.get(id)!.periodText, store.get(id)!.trigger])).toEqual([
    ['resumo-mensal', '2026-10', 'schedule'],
  ]);
  // The facility is busy: MER waits for the next minute.
  expect(scheduler.tick(new Date(2026, 10, 3, 9, 1))).toEqual([]);
  store.save({ ...store.get(started[0])!, status: 'done' });
  expect(scheduler.tick(new Date(2026, 10, 3, 9, 2)).map((id) => store.get(id)!.periodText)).toEqual(['2026Q3']);
  fs.rmSync(dir, { recursive: true });
});
