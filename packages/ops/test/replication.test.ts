import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { status, stop } from '@poc-emr/db';
import { runCli } from '@poc-emr/db/src/testing';
import { backup, type Manifest } from '../src/backup';
import { restore } from '../src/restore';
import { Receiver, type FacilitySource } from '../src/replication/central';
import { channelName, serverOptions, toArgs } from '../src/replication/config';
import { rejoin } from '../src/replication/facility';
import { receiverStatus, type ChannelStatus } from '../src/replication/status';
import { serverCertificate, type ServerCertificate } from '../src/replication/tls';
import { ensureOpsTools } from '../src/tools';
import { ageKeyPair, clinicians, query, startBackend, startInstance, type Instance } from './clinic';
import {
  caughtUp as appliedAt,
  expectSameData as sameAt,
  F1,
  F2,
  generatedFacility,
  grantReplicator,
  registerSome,
  REPLICATOR,
  until,
  url,
  type Facility,
} from './hybrid';
import { Link } from './link';

// Hybrid mode on real MariaDB servers: two facility servers, each with its dev backend and clerks
// registering patients, replicate over TLS through links that can be cut or go silent to one central
// server. Whatever happens to the links or the central server, every acknowledged registration reaches
// it and its copy of each facility ends table for table identical (CHECKSUM TABLE) to the facility's.
// Link outages last seconds here, not the hours of the field: the mechanism (reconnect, resume from the
// GTID position) is the same, and the central's network timeout is lowered to 4 s to notice them.

let work: string;
let tls: ServerCertificate;
let identity: string;
let recipient: string;
let central: Instance;
let receiver: Receiver;
const facilities: Record<string, Facility> = {};
const servers: Instance[] = [];
const CENTRAL_ARGS = [...toArgs(serverOptions('central', { id: '1' })), '--slave-net-timeout=4'];

const ops = (args: string[]) => runCli(path.join(__dirname, '../src/cli.ts'), args);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function channelStatus(code: string): Promise<ChannelStatus> {
  return (await receiverStatus(receiver)).channels.find((c) => c.code === code)!;
}

function source(facility: Facility): FacilitySource {
  return {
    code: facility.code,
    credentials: { host: '127.0.0.1', port: facility.link.port, ...REPLICATOR },
    database: 'openmrs',
    ca: tls.ca,
  };
}

/** Every transaction the facility has written is applied on the central server. */
const caughtUp = (facility: Facility, timeoutMs?: number) =>
  appliedAt(facility.server.credentials, facility.code, receiver, timeoutMs);

/** The central copy equals the facility's database and holds every registration it acknowledged. */
const expectSameData = (facility: Facility) =>
  sameAt(facility.server.credentials, facility.code, central.credentials, facility.acknowledged);

/** An empty facility server. */
async function facilityServer(code: string, name: string): Promise<Instance> {
  const server = await startInstance(path.join(work, name), toArgs(serverOptions('facility', { id: code, tls })));
  servers.push(server);
  return server;
}

async function restoreInto(server: Instance, file: string, manifest: Manifest): Promise<void> {
  await restore(file, identity, { credentials: server.credentials, database: 'openmrs' });
  await rejoin(server.credentials, manifest.gtidPosition);
  await grantReplicator(server.credentials, 'openmrs');
}

beforeAll(async () => {
  ensureOpsTools();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'replication-'));
  tls = serverCertificate(path.join(work, 'tls'), '127.0.0.1');
  identity = path.join(work, 'key.txt');
  recipient = ageKeyPair(identity);
  central = await startInstance(path.join(work, 'central'), CENTRAL_ARGS);
  servers.push(central);
  receiver = await Receiver.connect(central.credentials);
  // Each facility's database, generated on the project's server, restored on its own facility server.
  for (const [code, patients] of [
    [F1, 300],
    [F2, 200],
  ] as const) {
    const server = await facilityServer(code, `facility-${code}`);
    await generatedFacility(server.credentials, code, patients, path.join(work, 'seed'), recipient, identity);
    const facility: Facility = { code, server, link: await Link.open(server.port), acknowledged: [] };
    facility.backend = await startBackend(server.credentials, 'openmrs');
    facilities[code] = facility;
  }
}, 300_000);

afterAll(async () => {
  await receiver?.close();
  for (const f of Object.values(facilities)) {
    await f.backend?.stop();
    await f.link.close();
  }
  for (const server of servers) await stop(server.paths).catch(() => undefined);
  fs.rmSync(work, { recursive: true, force: true });
}, 120_000);

test('writes at two facilities reach the central server over TLS, each into its own database and nothing else', async () => {
  const [one, two] = [facilities[F1], facilities[F2]];
  // Clerks keep registering at the first facility while its database is copied: the copy's position is exact.
  const clerks = clinicians(one.backend!.url);
  const added = await receiver.addFacility(source(one), { from: 'network' });
  expect(added.rows).toBeGreaterThan(1000);
  await receiver.addFacility(source(two), { from: 'network' });
  await registerSome(two, 5);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await clerks.stop();
  one.acknowledged.push(...clerks.acknowledged);
  expect(one.acknowledged.length).toBeGreaterThan(3);
  // What must not travel: the facility's accounts and its other databases.
  await query(one.server.credentials, 'mysql', "CREATE USER 'clerk'@'%' IDENTIFIED BY 'x'");
  await query(one.server.credentials, 'mysql', 'CREATE DATABASE scratch');
  await query(one.server.credentials, 'scratch', 'CREATE TABLE t (id INT PRIMARY KEY)');
  await query(one.server.credentials, 'scratch', 'INSERT INTO t VALUES (1)');
  await caughtUp(one);
  await caughtUp(two);
  await expectSameData(one);
  await expectSameData(two);
  const databases = (
    await query<{ n: string }>(central.credentials, 'mysql', 'SELECT SCHEMA_NAME AS n FROM information_schema.SCHEMATA')
  ).map((r) => r.n);
  expect(databases).toEqual(expect.arrayContaining([channelName(F1), channelName(F2)]));
  expect(databases).not.toContain('openmrs');
  expect(databases).not.toContain('scratch');
  const users = await query<{ u: string }>(central.credentials, 'mysql', 'SELECT User AS u FROM mysql.user');
  expect(users.map((u) => u.u)).not.toEqual(expect.arrayContaining(['clerk']));
  expect(users.map((u) => u.u)).not.toContain('replicator');
  // The links are encrypted and the certificate checked; the account cannot connect in clear, nor write.
  const channels = await receiver.query<Record<string, string>>('SHOW ALL SLAVES STATUS');
  for (const c of channels) expect([c.Master_SSL_Allowed, c.Master_SSL_Verify_Server_Cert]).toEqual(['Yes', 'Yes']);
  await expect(mysql.createConnection({ host: '127.0.0.1', port: one.server.port, ...REPLICATOR })).rejects.toThrow(
    /Access denied/,
  );
  const replicator = await mysql.createConnection({
    host: '127.0.0.1',
    port: one.server.port,
    ...REPLICATOR,
    ssl: { ca: fs.readFileSync(tls.ca, 'utf8') },
  });
  await expect(replicator.query("UPDATE openmrs.person SET gender = 'M'")).rejects.toThrow(/denied/);
  await replicator.end();

  const report = await receiverStatus(receiver);
  expect(report.ok).toBe(true);
  expect(report.channels.map((c) => [c.database, c.state])).toEqual([
    [channelName(F1), 'replicating'],
    [channelName(F2), 'replicating'],
  ]);
  expect(report.channels[0].lastChange).not.toBeNull();
  const cli = await ops(['replication', 'status', '--receiver', url(central.credentials)]);
  expect(cli.output).toMatch(new RegExp(`${channelName(F1)}: replicating`));
  expect(cli.code).toBe(0);
}, 240_000);

test('a link cut, then a link gone silent: the facility keeps working and the central server catches up', async () => {
  const one = facilities[F1];
  one.link.cut();
  await registerSome(one, 10);
  await until('the cut is seen', async () => (await channelStatus(F1)).state === 'link down', 30_000);
  const cli = await ops(['replication', 'status', '--receiver', url(central.credentials)]);
  expect(cli.output).toMatch(/facility_1100407: link down/);
  expect(cli.code).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 5000));
  one.link.restore();
  await caughtUp(one);
  await expectSameData(one);

  const before = one.link.bytes;
  one.link.silence();
  await registerSome(one, 10);
  await until('the silence is seen', async () => (await channelStatus(F1)).state !== 'replicating', 30_000);
  one.link.restore();
  await caughtUp(one);
  await expectSameData(one);
  expect(one.link.bytes).toBeGreaterThan(before);
  expect((await receiverStatus(receiver)).ok).toBe(true);
}, 180_000);

test('the central server killed mid-stream restarts and resumes where it stopped', async () => {
  const two = facilities[F2];
  const clerks = clinicians(two.backend!.url);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const { pid } = await status(central.paths, central.port);
  process.kill(pid!, 'SIGKILL');
  await until('the central server is gone', async () => !alive(pid!));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await clerks.stop();
  two.acknowledged.push(...clerks.acknowledged);
  await receiver.close().catch(() => undefined);
  central = await startInstance(central.paths.root, CENTRAL_ARGS, central);
  receiver = await Receiver.connect(central.credentials);
  // Channels wait for `start`, which puts back each one's database filters first.
  expect((await receiverStatus(receiver)).channels.map((c) => c.state)).toEqual(['stopped', 'stopped']);
  const started = await ops(['replication', 'start', '--receiver', url(central.credentials)]);
  expect(started.code).toBe(0);
  await caughtUp(two);
  await caughtUp(facilities[F1]);
  await expectSameData(two);
  await expectSameData(facilities[F1]);
}, 180_000);

test('a write made on the central server is detected; one that conflicts breaks the channel; a re-seed repairs it', async () => {
  const one = facilities[F1];
  const copy = channelName(F1);
  const [victim] = await query<{ person_id: number }>(
    central.credentials,
    copy,
    'SELECT person_id FROM person WHERE uuid = ?',
    [one.acknowledged[0].uuid],
  );
  await query(central.credentials, copy, "UPDATE person SET gender = 'M' WHERE person_id = ?", [victim.person_id]);
  let report = await receiverStatus(receiver);
  expect(report.localWrites).toEqual([expect.objectContaining({ database: copy })]);
  expect(report.ok).toBe(false);
  const cli = await ops(['replication', 'status', '--receiver', url(central.credentials)]);
  expect(cli.output).toMatch(/LOCAL WRITE into facility_1100407/);
  expect(cli.code).toBe(1);

  // A name deleted here, then corrected at the facility: the central server cannot apply the correction.
  await query(central.credentials, copy, 'DELETE FROM person_name WHERE person_id = ?', [victim.person_id]);
  await query(
    one.server.credentials,
    'openmrs',
    "UPDATE person_name SET family_name = 'Corrigido' WHERE person_id = ?",
    [victim.person_id],
  );
  await until('the channel breaks', async () => (await channelStatus(F1)).state === 'broken');
  expect((await channelStatus(F1)).error).toMatch(/person_name/);

  // prettier-ignore
  const reseeded = await ops([
    'replication', 'reseed', '--receiver', url(central.credentials), '--code', F1,
    '--source', url(source(one).credentials, 'openmrs'), '--ca', tls.ca,
  ]);
  expect(reseeded.output).toMatch(/copied again/);
  expect(reseeded.code).toBe(0);
  await caughtUp(one);
  await expectSameData(one);
  report = await receiverStatus(receiver);
  expect(report.localWrites).toEqual([]);
  expect(report.ok).toBe(true);
}, 180_000);

test('a facility re-initialised from a backup re-joins; when the central server is ahead, from its copy', async () => {
  const two = facilities[F2];
  const dir = path.join(work, 'backups');
  const manifest = await backup({ credentials: two.server.credentials, database: 'openmrs' }, dir, recipient);
  expect(manifest.gtidPosition).toMatch(/^1100408-1100408-\d+$/);
  // Registered after the backup: on the central server only, once the facility's disk is gone.
  const before = two.acknowledged.length;
  await registerSome(two, 5);
  await caughtUp(two);
  await two.backend!.stop();
  await two.link.close();
  await stop(two.server.paths);

  // The replacement restored from the backup alone is behind the central server: the channel says so,
  // and a re-seed from it, which would drop those registrations, is refused.
  const replacement = await facilityServer(F2, 'facility-1100408-b');
  await restoreInto(replacement, path.join(dir, manifest.file), manifest);
  two.server = replacement;
  two.link = await Link.open(replacement.port);
  await receiver.move(source(two));
  await until('the channel refuses the older server', async () => (await channelStatus(F2)).error !== '');
  expect((await channelStatus(F2)).error).toMatch(/GTID|gtid|binlog|binary log/);
  await expect(receiver.reseed(source(two), { from: 'network' })).rejects.toThrow(/more transaction\(s\)/);

  // The way back: the central server's copy, exported as a backup, restored on a fresh server that re-joins.
  // prettier-ignore
  const exported = await ops([
    'replication', 'export', '--receiver', url(central.credentials), '--code', F2, '--dir', dir, '--recipient', recipient,
  ]);
  expect(exported.code).toBe(0);
  const file = /(\S+\.sql\.gz\.age):/.exec(exported.output)![1];
  const copyManifest = JSON.parse(fs.readFileSync(path.join(dir, file.replace(/\.sql\.gz\.age$/, '.json')), 'utf8'));
  await two.link.close();
  await stop(replacement.paths);
  const rebuilt = await facilityServer(F2, 'facility-1100408-c');
  await restoreInto(rebuilt, path.join(dir, file), copyManifest);
  two.server = rebuilt;
  two.link = await Link.open(rebuilt.port);
  // prettier-ignore
  const moved = await ops([
    'replication', 'move', '--receiver', url(central.credentials), '--code', F2,
    '--source', url(source(two).credentials, 'openmrs'), '--ca', tls.ca,
  ]);
  expect(moved.code).toBe(0);
  two.backend = await startBackend(rebuilt.credentials, 'openmrs');
  const back = await query<{ n: number }>(
    rebuilt.credentials,
    'openmrs',
    'SELECT COUNT(*) AS n FROM person WHERE uuid IN (?)',
    [two.acknowledged.slice(before).map((a) => a.uuid)],
  );
  expect(Number(back[0].n)).toBe(5);
  await registerSome(two, 3);
  await caughtUp(two);
  await expectSameData(two);
  expect((await channelStatus(F2)).state).toBe('replicating');
}, 240_000);

test('the national run reports every replicated facility with its position, and flags an out-of-date copy', async () => {
  const receiverUrl = url(central.credentials);
  const run = (out: string) =>
    // prettier-ignore
    ops(['national-run', '--receiver', receiverUrl, '--report', 'resumo-mensal', '--period', '2026-10',
      '--format', 'json', '--out', path.join(work, out)]);
  const manifestOf = (out: string) => JSON.parse(fs.readFileSync(path.join(work, out, 'manifest.json'), 'utf8'));
  await caughtUp(facilities[F1]);
  await caughtUp(facilities[F2]);
  const complete = await run('national-complete');
  expect(complete.output).toMatch(/every facility reported from an up-to-date copy/);
  expect(complete.code).toBe(0);
  let manifest = manifestOf('national-complete');
  expect(manifest.replication.complete).toBe(true);
  for (const facility of [facilities[F1], facilities[F2]]) {
    const [{ pos }] = await query<{ pos: string }>(
      facility.server.credentials,
      'mysql',
      'SELECT @@gtid_binlog_pos AS pos',
    );
    const entry = manifest.runs.find((r: { label: string }) => r.label === facility.code);
    expect([entry.status, entry.replication.state, entry.replication.position]).toEqual(['ok', 'replicating', pos]);
  }
  const report = JSON.parse(fs.readFileSync(path.join(work, 'national-complete', 'resumo-mensal.json'), 'utf8'));
  expect(report.facilities).toHaveLength(2);
  // The appliers were paused for the run only.
  expect((await receiver.runningChannels()).sort()).toEqual([channelName(F1), channelName(F2)]);
  expect((await receiverStatus(receiver)).channels.map((c) => c.state)).toEqual(['replicating', 'replicating']);

  await receiver.stop([F1]);
  const partial = await run('national-partial');
  expect(partial.output).toMatch(/facility 1100407 not up to date: stopped/);
  expect(partial.code).toBe(1);
  manifest = manifestOf('national-partial');
  expect(manifest.replication.complete).toBe(false);
  expect(
    manifest.runs.map((r: { label: string; replication: { state: string } }) => [r.label, r.replication.state]),
  ).toEqual([
    [F1, 'stopped'],
    [F2, 'replicating'],
  ]);
  await receiver.start([F1]);

  const refused: Array<[string[], RegExp]> = [
    [
      ['national-run', '--receiver', receiverUrl, '--report', 'tx_curr', '--period', '2026-10', '--out', work],
      /--report: one of/,
    ],
    [['national-run', '--receiver', receiverUrl, '--report', 'mer', '--period', '2026-13', '--out', work], /--period/],
    // prettier-ignore
    [['national-run', '--receiver', receiverUrl, '--report', 'mer', '--period', '2026Q3', '--out', work,
      '--concurrency', '1.5'], /whole number/],
  ];
  for (const [args, message] of refused) {
    const { code, output } = await ops(args);
    expect([args.join(' '), output, code]).toEqual([args.join(' '), expect.stringMatching(message), 2]);
  }
}, 180_000);

test('replication commands refuse bad arguments with exit 2, and impossible requests with exit 1', async () => {
  const receiverUrl = url(central.credentials);
  const facilityUrl = url(source(facilities[F1]).credentials, 'openmrs');
  const refused: Array<[string[], RegExp]> = [
    [['replication'], /No command/],
    [['replication', 'promote'], /Unknown command replication promote/],
    [['replication', 'config', '--role', 'master', '--id', '1'], /facility, district or central/],
    [['replication', 'config', '--role', 'facility', '--id', '123'], /7 digits/],
    [['replication', 'config', '--role', 'central', '--id', F1], /1 to 999999/],
    [['replication', 'tls', '--dir', work, '--host', 'a b;rm -rf /'], /not a host/],
    [['replication', 'status'], /--receiver is required/],
    [['replication', 'status', '--receiver', 'central'], /expected mysql:\/\//],
    [['replication', 'status', '--receiver', receiverUrl, '--stale-after-hours', '0'], /positive/],
    // prettier-ignore
    [['replication', 'add-facility', '--receiver', receiverUrl, '--code', `${F1}'; DROP DATABASE mysql; --`,
      '--source', facilityUrl, '--ca', tls.ca], /7 digits/],
    // prettier-ignore
    [['replication', 'add-facility', '--receiver', receiverUrl, '--code', F1, '--source', 'openmrs', '--ca', tls.ca],
      /mysql:\/\/replicator/],
    [['replication', 'add-facility', '--receiver', receiverUrl, '--code', F1, '--source', facilityUrl], /--ca/],
    [['replication', 'start', '--receiver', receiverUrl, '--bogus'], /Unknown option '--bogus'/],
  ];
  for (const [args, message] of refused) {
    const { code, output } = await ops(args);
    expect([args.join(' '), output]).toEqual([args.join(' '), expect.stringMatching(message)]);
    expect([args.join(' '), code]).toEqual([args.join(' '), 2]);
  }
  const impossible: Array<[string[], RegExp]> = [
    // prettier-ignore
    [['replication', 'add-facility', '--receiver', receiverUrl, '--code', F1, '--source', facilityUrl, '--ca', tls.ca],
      /exists \(directly\): use reseed/],
    // prettier-ignore
    [['replication', 'reseed', '--receiver', receiverUrl, '--code', '1100409', '--source', facilityUrl, '--ca', tls.ca],
      /No channel facility_1100409/],
    [['replication', 'status', '--receiver', 'mysql://root:wrong@127.0.0.1:1/'], /ECONNREFUSED|connect/],
  ];
  for (const [args, message] of impossible) {
    const { code, output } = await ops(args);
    expect([args.join(' '), output]).toEqual([args.join(' '), expect.stringMatching(message)]);
    expect([args.join(' '), code]).toEqual([args.join(' '), 1]);
  }
  // The settings printed for partner IT are the ones these servers run with.
  const config = await ops(['replication', 'config', '--role', 'facility', '--id', F1, '--tls-dir', '/etc/mysql/tls']);
  expect(config.output).toMatch(/server_id = 1100407\ngtid_domain_id = 1100407\n/);
  expect(config.output).toMatch(/ssl_ca = \/etc\/mysql\/tls\/ca.pem/);
  expect(config.output).toMatch(
    /CREATE USER IF NOT EXISTS 'replicator'@'%' IDENTIFIED BY '[A-Za-z0-9_-]{24}' REQUIRE SSL;/,
  );
  expect(config.code).toBe(0);
}, 120_000);
