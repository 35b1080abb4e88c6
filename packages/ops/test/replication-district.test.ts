import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stop } from '@poc-emr/db';
import { runCli } from '@poc-emr/db/src/testing';
import { Receiver, type FacilitySource } from '../src/replication/central';
import { channelName, serverOptions, toArgs } from '../src/replication/config';
import { receiverStatus, type ChannelStatus } from '../src/replication/status';
import { serverCertificate, type ServerCertificate } from '../src/replication/tls';
import { ensureOpsTools } from '../src/tools';
import { ageKeyPair, clinicians, query, startBackend, startInstance, type Instance } from './clinic';
import {
  caughtUp,
  expectSameData,
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

// Hybrid mode in three tiers on real MariaDB servers: two facility servers, each with its dev backend and
// clerks registering patients, replicate over TLS to their district server, which passes everything on
// through ONE channel to the central server. Every acknowledged registration reaches the central server
// in its facility's own database and GTID domain; the district's link cut and restored loses nothing; a
// facility whose own link is down is flagged by the national run although its district's channel is fine.

const DISTRICT = 'manhica';

let work: string;
let tls: ServerCertificate;
let central: Instance;
let district: Instance;
/** District → central. */
let districtLink: Link;
let atCentral: Receiver;
let atDistrict: Receiver;
const facilities: Record<string, Facility> = {};
const servers: Instance[] = [];

const ops = (args: string[]) => runCli(path.join(__dirname, '../src/cli.ts'), args);
const districtUrl = () => url({ host: '127.0.0.1', port: districtLink.port, ...REPLICATOR });
const facilityUrl = (f: Facility) => url({ host: '127.0.0.1', port: f.link.port, ...REPLICATOR }, 'openmrs');
/** The facility's database as its district reaches it, over its link. */
const facilitySource = (f: Facility): FacilitySource => ({
  code: f.code,
  credentials: { host: '127.0.0.1', port: f.link.port, ...REPLICATOR },
  database: 'openmrs',
  ca: tls.ca,
});

async function statusAt(receiver: Receiver, code: string): Promise<ChannelStatus> {
  return (await receiverStatus(receiver)).channels.find((c) => c.code === code)!;
}

async function binlogPosition(f: Facility): Promise<string> {
  const [{ pos }] = await query<{ pos: string }>(f.server.credentials, 'mysql', 'SELECT @@gtid_binlog_pos AS pos');
  return pos;
}

/** The facility's changes applied at the district, then at the central server; both copies equal it. */
async function reachedCentral(f: Facility): Promise<void> {
  await caughtUp(f.server.credentials, f.code, atDistrict);
  await caughtUp(f.server.credentials, f.code, atCentral);
  await expectSameData(f.server.credentials, f.code, central.credentials, f.acknowledged);
}

beforeAll(async () => {
  ensureOpsTools();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'replication-district-'));
  tls = serverCertificate(path.join(work, 'tls'), '127.0.0.1');
  const identity = path.join(work, 'key.txt');
  const recipient = ageKeyPair(identity);
  // Receivers notice a dead link after 4 s here (60 s in the field).
  const receiving = async (name: 'central' | 'district', id: string) => {
    const options = toArgs(serverOptions(name, { id, tls: name === 'district' ? tls : undefined }));
    const server = await startInstance(path.join(work, name), [...options, '--slave-net-timeout=4']);
    servers.push(server);
    return server;
  };
  central = await receiving('central', '1');
  district = await receiving('district', '2');
  const sizes: Array<[string, number]> = [
    [F1, 60],
    [F2, 40],
  ];
  for (const [code] of sizes) {
    const server = await startInstance(path.join(work, `facility-${code}`), [
      ...toArgs(serverOptions('facility', { id: code, tls })),
    ]);
    servers.push(server);
    facilities[code] = { code, server, link: await Link.open(server.port), acknowledged: [] };
  }
  // The two facilities' data is made side by side (much of it is waiting for the disks); both finish
  // before anything is stopped, whatever fails.
  const made = await Promise.allSettled(
    sizes.map(([code, patients]) =>
      generatedFacility(
        facilities[code].server.credentials,
        code,
        patients,
        path.join(work, `seed-${code}`),
        recipient,
        identity,
      ),
    ),
  );
  for (const result of made) if (result.status === 'rejected') throw result.reason;
  for (const f of Object.values(facilities)) f.backend = await startBackend(f.server.credentials, 'openmrs');
  await grantReplicator(district.credentials);
  districtLink = await Link.open(district.port);
  atCentral = await Receiver.connect(central.credentials);
  atDistrict = await Receiver.connect(district.credentials);
}, 300_000);

afterAll(async () => {
  await atCentral?.close();
  await atDistrict?.close();
  for (const f of Object.values(facilities)) {
    await f.backend?.stop();
    await f.link.close();
  }
  await districtLink?.close();
  for (const server of servers) await stop(server.paths).catch(() => undefined);
  fs.rmSync(work, { recursive: true, force: true });
}, 120_000);

test('two facilities reach the central server through their district: one channel, each facility in its own database and domain', async () => {
  const [one, two] = [facilities[F1], facilities[F2]];
  // Clerks keep registering at the first facility while the district and then the central server copy it.
  const clerks = clinicians(one.backend!.url);
  for (const f of [one, two]) {
    await atDistrict.addFacility(facilitySource(f), { from: 'network' });
  }
  // prettier-ignore
  const added = await ops(['replication', 'add-district', '--receiver', url(central.credentials), '--name', DISTRICT,
    '--source', districtUrl(), '--ca', tls.ca]);
  expect(added.output).toMatch(/facility_1100407: \d+ rows copied from district manhica/);
  expect(added.output).toMatch(/facility_1100408: \d+ rows copied from district manhica/);
  expect(added.code).toBe(0);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await clerks.stop();
  one.acknowledged.push(...clerks.acknowledged);
  expect(one.acknowledged.length).toBeGreaterThan(3);
  await registerSome(two, 5);
  await reachedCentral(one);
  await reachedCentral(two);

  // Each facility's transactions keep their identity (its domain and server id) through the district.
  const [{ pos }] = await atCentral.query<{ pos: string }>('SELECT @@gtid_slave_pos AS pos');
  for (const f of [one, two]) expect(pos.split(',')).toContain(await binlogPosition(f));
  const connections = await atCentral.query<Record<string, string>>('SHOW ALL SLAVES STATUS');
  expect(connections.map((c) => [c.Connection_name, c.Master_SSL_Allowed, c.Master_SSL_Verify_Server_Cert])).toEqual([
    ['district_manhica', 'Yes', 'Yes'],
  ]);
  const databases = (
    await query<{ n: string }>(central.credentials, 'mysql', 'SELECT SCHEMA_NAME AS n FROM information_schema.SCHEMATA')
  ).map((r) => r.n);
  expect(databases).toEqual(expect.arrayContaining([channelName(F1), channelName(F2)]));
  expect(databases).not.toContain('openmrs');

  const report = await receiverStatus(atCentral);
  expect(report.ok).toBe(true);
  expect(report.channels.map((c) => [c.database, c.via, c.state, c.queued])).toEqual([
    [channelName(F1), DISTRICT, 'replicating', 0],
    [channelName(F2), DISTRICT, 'replicating', 0],
  ]);
  expect(report.channels[0].position).toBe(await binlogPosition(one));
  const cli = await ops(['replication', 'status', '--receiver', url(central.credentials)]);
  expect(cli.output).toMatch(/facility_1100408 \(via district manhica\): replicating/);
  expect(cli.code).toBe(0);
}, 240_000);

test('the link between district and central cut, then restored: the central server catches up, nothing lost', async () => {
  const [one, two] = [facilities[F1], facilities[F2]];
  districtLink.cut();
  await registerSome(one, 5);
  await registerSome(two, 5);
  // The district keeps receiving its facilities meanwhile.
  await caughtUp(one.server.credentials, F1, atDistrict);
  await caughtUp(two.server.credentials, F2, atDistrict);
  await until('the cut is seen', async () => (await statusAt(atCentral, F1)).state === 'link down', 30_000);
  expect((await statusAt(atCentral, F2)).state).toBe('link down');
  const cli = await ops(['replication', 'status', '--receiver', url(central.credentials)]);
  expect(cli.output).toMatch(/facility_1100407 \(via district manhica\): link down/);
  expect(cli.code).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  districtLink.restore();
  await reachedCentral(one);
  await reachedCentral(two);
  expect((await receiverStatus(atCentral)).ok).toBe(true);
}, 180_000);

test('a facility cut off behind a live district is flagged by the national run, its neighbour is not', async () => {
  const [one, two] = [facilities[F1], facilities[F2]];
  one.link.cut();
  await until('the district sees the cut', async () => (await statusAt(atDistrict, F1)).state === 'link down', 30_000);
  // Its newest data ages past the limit (here 6 s; 48 h in the field) while its neighbour's keeps moving.
  await new Promise((resolve) => setTimeout(resolve, 7000));
  await registerSome(two, 2);
  await reachedCentral(two);
  const out = path.join(work, 'national');
  // prettier-ignore
  const run = await ops(['national-run', '--receiver', url(central.credentials), '--report', 'resumo-mensal',
    '--period', '2026-10', '--format', 'json', '--out', out, '--stale-after-hours', String(6 / 3600)]);
  expect(run.output).toMatch(/facility 1100407 not up to date: no new data for \d+ s/);
  expect(run.output).not.toMatch(/facility 1100408 not up to date/);
  expect(run.code).toBe(1);
  const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
  expect(manifest.replication.complete).toBe(false);
  const byCode = Object.fromEntries(
    manifest.runs.map((r: { label: string; status: string; replication: object }) => [r.label, r]),
  );
  expect(byCode[F1]).toMatchObject({ status: 'ok', replication: { via: DISTRICT, state: 'replicating' } });
  expect(byCode[F1].replication.problems).toEqual([expect.stringMatching(/no new data/)]);
  expect(byCode[F2]).toMatchObject({
    status: 'ok',
    replication: { via: DISTRICT, state: 'replicating', position: await binlogPosition(two), problems: [] },
  });
  one.link.restore();
  await reachedCentral(one);
}, 180_000);

test('district commands refuse bad arguments with exit 2, and impossible requests with exit 1', async () => {
  const central_ = url(central.credentials);
  const district_ = districtUrl();
  const refused: Array<[string[], RegExp]> = [
    // prettier-ignore
    [['replication', 'add-district', '--receiver', central_, '--name', "x'; DROP DATABASE mysql; --",
      '--source', district_, '--ca', tls.ca], /--name: A district's name/],
    [
      [
        'replication',
        'add-district',
        '--receiver',
        central_,
        '--name',
        'Manhiça',
        '--source',
        district_,
        '--ca',
        tls.ca,
      ],
      /--name/,
    ],
    [
      ['replication', 'add-district', '--receiver', central_, '--name', 'sul', '--source', 'district', '--ca', tls.ca],
      /expected mysql:\/\//,
    ],
    [['replication', 'add-district', '--receiver', central_, '--name', 'sul', '--source', district_], /--ca/],
    [
      ['replication', 'add-district', '--receiver', central_, '--source', district_, '--ca', tls.ca],
      /--name is required/,
    ],
    // prettier-ignore
    [['replication', 'add-facility', '--receiver', central_, '--code', F1, '--district', 'a b', '--source', district_,
      '--ca', tls.ca], /--district: A district's name/],
    // prettier-ignore
    [['replication', 'add-facility', '--receiver', central_, '--code', F1, '--district', DISTRICT, '--source', district_,
      '--ca', tls.ca, '--from-backup', '/tmp/x'], /comes from the district/],
    [['replication', 'config', '--role', 'district', '--id', F1], /1 to 999999/],
    [['replication', 'config', '--role', 'province', '--id', '3'], /facility, district or central/],
  ];
  for (const [args, message] of refused) {
    const { code, output } = await ops(args);
    expect([args.join(' '), output, code]).toEqual([args.join(' '), expect.stringMatching(message), 2]);
  }
  const impossible: Array<[string[], RegExp]> = [
    // A district added twice, or its facilities again under another name.
    [
      [
        'replication',
        'add-district',
        '--receiver',
        central_,
        '--name',
        DISTRICT,
        '--source',
        district_,
        '--ca',
        tls.ca,
      ],
      /district_manhica exists/,
    ],
    // prettier-ignore
    [['replication', 'add-district', '--receiver', central_, '--name', 'norte', '--source', district_, '--ca', tls.ca],
      /facility_1100407 exists \(through district manhica\)/],
    // A facility server given as a district: wrong role.
    // prettier-ignore
    [['replication', 'add-district', '--receiver', central_, '--name', 'norte', '--source',
      url({ host: '127.0.0.1', port: facilities[F2].link.port, ...REPLICATOR }), '--ca', tls.ca], /not a district server/],
    // prettier-ignore
    [['replication', 'add-facility', '--receiver', central_, '--code', '1100409', '--district', 'norte',
      '--source', district_, '--ca', tls.ca], /No district norte here/],
    // prettier-ignore
    [['replication', 'add-facility', '--receiver', central_, '--code', F2, '--source', facilityUrl(facilities[F2]),
      '--ca', tls.ca], /facility_1100408 exists \(through district manhica\)/],
  ];
  for (const [args, message] of impossible) {
    const { code, output } = await ops(args);
    expect([args.join(' '), output, code]).toEqual([args.join(' '), expect.stringMatching(message), 1]);
  }
  expect((await atCentral.channels()).map((c) => [c.code, c.district])).toEqual([
    [F1, DISTRICT],
    [F2, DISTRICT],
  ]);
  // The district's replication account reads its copies and their list, nothing else.
  const config = await ops(['replication', 'config', '--role', 'district', '--id', '2', '--tls-dir', '/etc/mysql/tls']);
  expect(config.output).toMatch(/log_slave_updates = ON/);
  expect(config.output).toMatch(
    /GRANT SELECT, SHOW VIEW, TRIGGER, EVENT, LOCK TABLES ON `facility\\_%`\.\* TO 'replicator'@'%';/,
  );
  expect(config.output).toMatch(/GRANT SELECT ON `poc_emr_replication`\.\* TO 'replicator'@'%';/);
  expect(config.code).toBe(0);
}, 120_000);

test('the district server at a new address: the channel follows it; a move that would stop the others is refused', async () => {
  const [one, two] = [facilities[F1], facilities[F2]];
  const oldLink = districtLink;
  districtLink = await Link.open(district.port);
  // prettier-ignore
  const moved = await ops(['replication', 'move', '--receiver', url(central.credentials), '--code', F1,
    '--district', DISTRICT, '--source', districtUrl(), '--ca', tls.ca]);
  expect(moved.output).toMatch(/facility_1100407: now from district manhica at 127\.0\.0\.1:\d+\n/);
  expect(moved.code).toBe(0);
  await oldLink.close();
  await registerSome(one, 2);
  await registerSome(two, 2);
  await reachedCentral(one);
  await reachedCentral(two);
  const [connection] = await atCentral.query<Record<string, string>>('SHOW ALL SLAVES STATUS');
  expect([connection.Connection_name, Number(connection.Master_Port)]).toEqual(['district_manhica', districtLink.port]);

  // To another district, while its district carries the other facility too.
  // prettier-ignore
  const refused = await ops(['replication', 'move', '--receiver', url(central.credentials), '--code', F2,
    '--district', 'norte', '--source', districtUrl(), '--ca', tls.ca]);
  expect(refused.output).toMatch(/comes through district manhica, which carries other facilities \(1100407\)/);
  expect(refused.code).toBe(1);
  expect((await atCentral.channels()).map((c) => [c.code, c.district])).toEqual([
    [F1, DISTRICT],
    [F2, DISTRICT],
  ]);
  expect((await receiverStatus(atCentral)).ok).toBe(true);
  // The district's own writes (its replication account, in its own domain) did not come along.
  const users = await query<{ u: string }>(central.credentials, 'mysql', 'SELECT User AS u FROM mysql.user');
  expect(users.map((u) => u.u)).not.toContain('replicator');
}, 120_000);
