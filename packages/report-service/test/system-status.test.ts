import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backupCommand } from '@poc-emr/ops/src/cli/backups';
import { readStatus, writeStatus } from '@poc-emr/ops/src/retention';
import { ensureOpsTools, tool } from '@poc-emr/ops/src/tools';
import { backupStatus } from '../src/system-status/backups';
import { facilityOf, receiverOf } from '../src/system-status/replication';
import { startStack, type Stack } from './stack';

// The administrator's system status on the service as the distro runs it: the backend's versions as it
// reports them, the facility database, the backups `ops backup` really wrote, hybrid mode, the iDART
// bridge; and each level's rule on the facts it is given.

let stack: Stack;
let admin: string;
let backups: string;

beforeAll(async () => {
  ensureOpsTools();
  backups = fs.mkdtempSync(path.join(os.tmpdir(), 'status-backups-'));
  stack = await startStack({ patients: 20, env: { BACKUP_DIR: backups, BACKUP_MAX_AGE_HOURS: '26' } });
  admin = await stack.login('Administrator');
}, 240_000);
afterAll(async () => {
  await stack?.close();
  fs.rmSync(backups, { recursive: true, force: true });
});

test('versions, database and services as each reports itself; no backup yet is red', async () => {
  const { status, headers, body } = await stack.call('GET', '/system-status', { cookie: admin });
  expect(status).toBe(200);
  expect(headers.get('cache-control')).toBe('no-store');
  const distro = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../distro/package.json'), 'utf8'));
  expect(body.distro).toEqual({ name: 'poc-emr', version: distro.version });
  const properties = fs.readFileSync(path.resolve(__dirname, '../../../distro/distro.properties'), 'utf8');
  expect(body.openmrs).toMatchObject({ level: 'ok', version: /^war\.openmrs=(\S+)$/m.exec(properties)![1] });
  expect(body.openmrs.modules).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        id: 'webservices.rest',
        version: /^omod\.webservices\.rest=(\S+)$/m.exec(properties)![1],
        started: true,
      }),
    ]),
  );
  const [facility] = body.facilities;
  expect(facility.database).toBe(stack.database);
  expect(facility.facts).toEqual({
    serverVersion: expect.stringMatching(/MariaDB/),
    sizeBytes: expect.any(Number),
    patients: expect.any(Number),
    encounters: expect.any(Number),
    lastEntry: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
  });
  expect(facility.facts.patients).toBeGreaterThanOrEqual(20);
  expect(facility.facts.sizeBytes).toBeGreaterThan(1_000_000);
  expect(facility.backups).toMatchObject({ level: 'error', dir: backups, lastGood: null, maxAgeHours: 26 });
  // The test server has no binary log: not in hybrid mode.
  expect(facility.replication).toEqual({ level: 'off', role: 'none' });
  expect(body.idartBridge).toEqual({ level: 'off', configured: false, owed: null, errors: null, error: null });
  expect(body.reportService).toMatchObject({ level: 'ok', runsUnderWay: 0 });
  expect(body.level).toBe('error');
});

test('after `ops backup` the last good backup is green, with its age, size and folder; a failed attempt after it amber', async () => {
  const identity = path.join(backups, 'key.txt');
  execFileSync(tool('age-keygen'), ['-o', identity], { stdio: 'ignore' });
  const recipient = fs.readFileSync(identity, 'utf8').match(/public key: (age1[0-9a-z]+)/)![1];
  fs.rmSync(identity);
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  expect(await backupCommand({ database: stack.database, dir: backups, recipient })).toBe(0);
  const written = readStatus(backups, stack.database)!;

  let { body } = await stack.call('GET', '/system-status', { cookie: admin });
  expect(body.facilities[0].backups).toEqual({
    level: 'ok',
    dir: backups,
    maxAgeHours: 26,
    lastGood: {
      file: written.lastGood!.file,
      finished: written.lastGood!.finished,
      ageHours: expect.any(Number),
      sizeBytes: written.lastGood!.sizeBytes,
    },
    lastGoodPresent: true,
    lastAttempt: { at: written.lastAttempt.at, ok: true },
    offsite: null,
    kept: 1,
  });
  expect(body.facilities[0].backups.lastGood.ageHours).toBeLessThan(0.1);

  writeStatus(backups, { ...written, lastAttempt: { at: new Date().toISOString(), ok: false, error: 'disk full' } });
  ({ body } = await stack.call('GET', '/system-status', { cookie: admin }));
  expect(body.facilities[0].backups).toMatchObject({
    level: 'warning',
    lastAttempt: { ok: false, error: 'disk full' },
  });
});

test('backup levels: amber past the age limit, red past twice it, when the file is gone or the status unreadable', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'status-levels-'));
  try {
    const file = 'facility-20261201T013000Z.sql.gz.age';
    const finished = '2026-12-01T01:35:00.000Z';
    fs.writeFileSync(path.join(dir, file), 'x');
    fs.writeFileSync(
      path.join(dir, 'facility-20261201T013000Z.json'),
      JSON.stringify({ format: 1, database: 'facility', file, started: finished, sha256: 'x', rows: {} }),
    );
    writeStatus(dir, {
      database: 'facility',
      lastAttempt: { at: finished, ok: true },
      lastGood: { file, finished, sizeBytes: 1, sha256: 'x' },
    });
    const at = (hours: number) => new Date(Date.parse(finished) + hours * 3_600_000);
    expect(backupStatus(dir, 'facility', 26, at(25)).level).toBe('ok');
    expect(backupStatus(dir, 'facility', 26, at(27)).level).toBe('warning');
    expect(backupStatus(dir, 'facility', 26, at(53)).level).toBe('error');
    expect(backupStatus(undefined, 'facility', 26, at(1))).toMatchObject({ level: 'error', dir: null });
    expect(backupStatus(dir, 'other', 26, at(1)).level).toBe('error');
    fs.writeFileSync(path.join(dir, 'facility.status.json'), '{"database": "facil');
    expect(backupStatus(dir, 'facility', 26, at(1))).toMatchObject({ level: 'error', lastGood: null });
    writeStatus(dir, {
      database: 'facility',
      lastAttempt: { at: finished, ok: true },
      lastGood: { file, finished, sizeBytes: 1, sha256: 'x' },
    });
    fs.rmSync(path.join(dir, file));
    expect(backupStatus(dir, 'facility', 26, at(1))).toMatchObject({ level: 'error', lastGoodPresent: false });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a facility in hybrid mode: green while a receiving server is connected, amber when none is or it cannot see', () => {
  const sending = { host: '10.1.2.3:51234', seconds: 12, state: 'Sending binlog event to slave' };
  const waiting = {
    host: 'district:40000',
    seconds: 300,
    state: 'Master has sent all binlog to slave; waiting for more updates',
  };
  expect(facilityOf('1100407', '1100407-1100407-42', [waiting, sending], true)).toEqual({
    level: 'ok',
    role: 'facility',
    code: '1100407',
    position: '1100407-1100407-42',
    receivers: [
      { host: 'district', upToDate: true, seconds: 300 },
      { host: '10.1.2.3', upToDate: false, seconds: 12 },
    ],
    canSee: true,
  });
  expect(facilityOf('1100407', '', [], true).level).toBe('warning');
  expect(facilityOf('1100407', '', [], false)).toMatchObject({ level: 'warning', canSee: false });
});

test("a receiving server's channels: red when broken or stopped, amber for a link down or a lag past the limit", () => {
  const channel = (io: string, sql: string, behind: number | null, error = '') => ({
    Connection_name: 'facility_1100407',
    Slave_IO_Running: io,
    Slave_SQL_Running: sql,
    Seconds_Behind_Master: behind,
    Last_IO_Error: '',
    Last_SQL_Error: error,
  });
  expect(receiverOf([channel('Yes', 'Yes', 3)], 3600, true)).toEqual({
    level: 'ok',
    role: 'receiver',
    channels: [{ name: 'facility_1100407', state: 'replicating', secondsBehind: 3, error: '' }],
    canSee: true,
    maxLagSeconds: 3600,
  });
  expect(receiverOf([channel('Yes', 'Yes', 7200)], 3600, true).level).toBe('warning');
  expect(receiverOf([channel('Connecting', 'Yes', null)], 3600, true).level).toBe('warning');
  expect(receiverOf([channel('Yes', 'No', null, 'Duplicate entry')], 3600, true)).toMatchObject({
    level: 'error',
    channels: [{ state: 'broken', error: 'Duplicate entry' }],
  });
  expect(receiverOf([channel('No', 'No', null)], 3600, true).level).toBe('error');
  expect(receiverOf([], 3600, false).level).toBe('warning');
});

test('the iDART bridge: its health when configured, red when it does not answer', async () => {
  await stack.restart({ BACKUP_DIR: backups, IDART_BRIDGE_URL: 'http://127.0.0.1:9' });
  const { body } = await stack.call('GET', '/system-status', { cookie: admin });
  expect(body.idartBridge).toMatchObject({ level: 'error', configured: true, error: expect.any(String) });
  expect(body.idartBridge.error).not.toContain('127.0.0.1');
});

test('bad input: parameters refused; a burst of reads all answered', async () => {
  const refused = await stack.call('GET', '/system-status?verbose=1', { cookie: admin });
  expect(refused.status).toBe(400);
  expect(refused.body.error.code).toBe('invalid-request');
  const answers = await Promise.all(
    Array.from({ length: 8 }, () => stack.call('GET', '/system-status', { cookie: admin })),
  );
  expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
});
