import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, readCredentials } from '@poc-emr/db';
import { createTestDatabase, dropDatabase, runCli } from '@poc-emr/db/src/testing';
import { day, generateFacility } from '@poc-emr/data-generator';
import { backup } from '../src/backup';
import { listBackups } from '../src/retention';
import { ensureOpsTools } from '../src/tools';
import { ageKeyPair } from './clinic';

// The operations command line as partner IT will meet it: careless and hostile arguments are refused
// with exit 2 before anything runs; the backup → status → verify → restore cycle works; a backup
// interrupted or killed leaves no file that passes for a backup and does not block the next one.

let work: string;
let database: string;
let identity: string;
let recipient: string;
const restored: string[] = [];

const ops = (args: string[], onOutput?: Parameters<typeof runCli>[2]) =>
  runCli(path.join(__dirname, '../src/cli.ts'), args, onOutput);

/** A backup of the test database into `dir`, copied off-site to `offsite`. */
const backupWithCopy = (dir: string, offsite: string) =>
  ops(['backup', '--database', database, '--dir', dir, '--recipient', recipient, '--offsite', offsite]);

async function schemaExists(name: string): Promise<boolean> {
  const conn = await connect();
  try {
    const [rows] = await conn.query('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [name]);
    return (rows as unknown[]).length > 0;
  } finally {
    await conn.end();
  }
}

beforeAll(async () => {
  ensureOpsTools();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-cli-'));
  database = await createTestDatabase('opscli');
  await dropDatabase(database);
  await generateFacility({ database, facilityCode: '1100407', patients: 300, seed: 'ops', asOf: day('2026-10-31') });
  identity = path.join(work, 'key.txt');
  recipient = ageKeyPair(identity);
}, 240_000);

afterAll(async () => {
  for (const name of [database, ...restored]) if (name) await dropDatabase(name).catch(() => undefined);
  fs.rmSync(work, { recursive: true, force: true });
});

test('bad arguments are refused with exit 2 and a message naming the problem', async () => {
  const dir = path.join(work, 'refused');
  const cases: Array<[string[], RegExp]> = [
    [[], /No command/],
    [['frobnicate'], /Unknown command frobnicate/],
    [['backup', '--bogus'], /Unknown option '--bogus'/],
    [['backup', '--dir', dir, '--recipient', recipient], /--database is required/],
    [['backup', '--database', "x'; DROP DATABASE mysql; --", '--dir', dir, '--recipient', recipient], /name/i],
    [['backup', '--database', 'mysql://u:p@127.0.0.1:1', '--dir', dir, '--recipient', recipient], /names no database/],
    [['backup', '--database', database, '--dir', dir, '--recipient', 'age1short'], /not an age public key/],
    [['backup', '--database', database, '--dir', dir, '--recipient', identity], /holds a private key/],
    [['backup', '--database', database, '--dir', dir, '--recipient', '/no/such/key'], /nor a file/],
    [['status', '--dir', dir, '--database', database, '--max-age-hours', 'soon'], /positive number/],
  ];
  for (const [args, message] of cases) {
    const { code, output } = await ops(args);
    expect({ args, code }).toEqual({ args, code: 2 });
    expect(output).toMatch(message);
  }
  expect(fs.existsSync(dir)).toBe(false);
}, 120_000);

test('backup, status, verify and restore from the command line; a restore never writes over a database', async () => {
  const dir = path.join(work, 'cycle');
  const offsite = path.join(work, 'usb-disk');
  expect((await ops(['status', '--dir', dir, '--database', database])).code).toBe(1);

  const made = await backupWithCopy(dir, offsite);
  expect(made.output).toMatch(/\.sql\.gz\.age: \d+ bytes/);
  expect(made.code).toBe(0);
  const [latest] = listBackups(dir, database);
  expect(listBackups(offsite, database).map((b) => b.manifest.sha256)).toEqual([latest.manifest.sha256]);

  const status = await ops(['status', '--dir', dir, '--database', database]);
  expect(status.output).toMatch(/last good backup .* h old; 1 kept; off-site ok/);
  expect(status.code).toBe(0);
  const verified = await ops(['verify', '--file', latest.file]);
  expect(verified.output).toMatch(/sha256 ok/);

  const target = `${database}_restored`;
  restored.push(target);
  const restore = ['restore', '--file', latest.file, '--identity', identity, '--database', target];
  const first = await ops(restore);
  expect(first.output).toMatch(/every table as in the backup/);
  expect(first.code).toBe(0);
  const again = await ops(restore);
  expect(again.output).toMatch(/exists: restore into a new one/);
  expect(again.code).toBe(1);
  expect(await schemaExists(target)).toBe(true);

  const missing = await ops(['verify', '--file', path.join(dir, 'nothing.sql.gz.age')]);
  expect(missing.output).toMatch(/not a backup manifest/);
  expect(missing.code).toBe(1);
}, 180_000);

test('an off-site copy that fails is reported by status, the local backup kept', async () => {
  const dir = path.join(work, 'offsite-down');
  const made = await backupWithCopy(dir, 'backup@127.0.0.1:/nowhere');
  expect(made.code).toBe(1);
  expect(listBackups(dir, database)).toHaveLength(1);
  const status = await ops(['status', '--dir', dir, '--database', database]);
  expect(status.output).toMatch(/off-site FAILED/);
  expect(status.code).toBe(1);
}, 120_000);

test('two backups of one database at once: the second is refused, the first completes', async () => {
  const dir = path.join(work, 'concurrent');
  const source = { database, credentials: readCredentials() };
  const results = await Promise.allSettled([backup(source, dir, recipient), backup(source, dir, recipient)]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
  expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/already running \(pid \d+\)/);
  expect(listBackups(dir, database)).toHaveLength(1);
  expect(fs.readdirSync(dir).filter((f) => /\.(partial|lock)$/.test(f))).toEqual([]);
}, 120_000);

test('a backup interrupted (SIGINT) or killed (SIGKILL) mid-write leaves nothing taken for a backup', async () => {
  const dir = path.join(work, 'interrupted');
  const args = ['backup', '--database', database, '--dir', dir, '--recipient', recipient];
  const interrupted = await interruptWhileWriting(dir, args, 'SIGINT');
  expect(interrupted.code).toBe(130);
  expect(fs.readdirSync(dir)).toEqual([`${database}.status.json`]); // which records the failed attempt

  const killed = await interruptWhileWriting(dir, args, 'SIGKILL');
  expect(killed.code).toBe(null);
  expect(listBackups(dir, database)).toEqual([]); // the partial file is no backup

  const next = await ops(args);
  expect(next.code).toBe(0);
  expect(listBackups(dir, database)).toHaveLength(1);
  expect(fs.readdirSync(dir).filter((f) => /\.(partial|lock)$/.test(f))).toEqual([]);
}, 180_000);

/** Runs the command and sends `signal` as soon as its partial backup file appears. */
function interruptWhileWriting(dir: string, args: string[], signal: NodeJS.Signals) {
  const run = ops(args);
  const timer = setInterval(() => {
    if (fs.existsSync(dir) && fs.readdirSync(dir).some((f) => f.endsWith('.partial'))) {
      clearInterval(timer);
      run.kill(signal);
    }
  }, 20);
  return run.finally(() => clearInterval(timer));
}
