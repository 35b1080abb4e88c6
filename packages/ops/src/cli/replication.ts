import crypto from 'node:crypto';
import path from 'node:path';
import { backup } from '../backup';
import { Receiver, throughDistrict, type DistrictSource, type FacilitySource, type Seed } from '../replication/central';
import {
  assertDistrictName,
  assertFacilityCode,
  channelName,
  districtChannel,
  serverOptions,
  toCnf,
  type Role,
} from '../replication/config';
import { replicatorAccount } from '../replication/facility';
import { receiverStatus } from '../replication/status';
import { isHost, serverCertificate } from '../replication/tls';
import { BadInput, databaseSpec, need, positive, receiverOf, recipientOf, serverSpec, type Values } from './args';

// `ops replication …`: hybrid mode between facility servers and the district or central server.

const SOURCE = ['receiver', 'code', 'source', 'ca', 'district', 'from-backup', 'identity'];

export const REPLICATION_COMMANDS = {
  config: { options: ['role', 'id', 'tls-dir', 'database'], run: config },
  tls: { options: ['dir', 'host'], run: tls },
  'add-facility': { options: SOURCE, flags: ['no-tls'], run: add },
  'add-district': { options: ['receiver', 'name', 'source', 'ca'], flags: ['no-tls'], run: addDistrict },
  reseed: { options: SOURCE, flags: ['no-tls', 'discard-changes'], run: reseed },
  move: { options: ['receiver', 'code', 'source', 'ca', 'district'], flags: ['no-tls'], run: move },
  start: { options: ['receiver', 'code'], run: (v: Values) => onReceiver(v, (r) => r.start(codes(v))) },
  stop: { options: ['receiver', 'code'], run: (v: Values) => onReceiver(v, (r) => r.stop(codes(v))) },
  status: { options: ['receiver', 'max-lag-seconds', 'stale-after-hours'], flags: ['json'], run: status },
  export: { options: ['receiver', 'code', 'dir', 'recipient'], run: exportCopy },
} satisfies Record<
  string,
  { options: string[]; flags?: string[]; run: (values: Values, signal?: AbortSignal) => Promise<number> | number }
>;

function code(values: Values): string {
  const text = need(values, 'code');
  try {
    assertFacilityCode(text);
  } catch (error) {
    throw new BadInput((error as Error).message);
  }
  return text;
}

const codes = (values: Values) => (values.code ? [code(values)] : undefined);

function config(values: Values): number {
  const role = need(values, 'role');
  if (!['facility', 'district', 'central'].includes(role))
    throw new BadInput('--role is facility, district or central');
  const dir = values['tls-dir'] as string | undefined;
  const tls = dir
    ? { ca: path.join(dir, 'ca.pem'), cert: path.join(dir, 'server-cert.pem'), key: path.join(dir, 'server-key.pem') }
    : undefined;
  let options: Record<string, string>;
  try {
    options = serverOptions(role as Role, { id: need(values, 'id'), tls });
  } catch (error) {
    throw new BadInput((error as Error).message);
  }
  console.log(`# MariaDB settings of this ${role} server (poc-emr hybrid mode)\n${toCnf(options)}`);
  if (role !== 'central') {
    const password = crypto.randomBytes(18).toString('base64url');
    const database = role === 'facility' ? ((values.database as string | undefined) ?? 'openmrs') : undefined;
    const command = role === 'facility' ? 'add-facility' : 'add-district';
    console.log(`-- The replication account (record its password for ${command} on the receiving server):`);
    for (const statement of replicatorAccount('replicator', password, database)) console.log(`${statement};`);
  }
  return 0;
}

/** A facility server's certificate, signed by partner IT's replication CA (created in --dir on first use). */
function tls(values: Values): number {
  const host = need(values, 'host');
  if (!isHost(host)) throw new BadInput(`--host: not a host name or address: "${host}"`);
  const files = serverCertificate(need(values, 'dir'), host);
  console.log(`${files.cert} for ${host}, signed by ${files.ca}: copy ca.pem to the receiving servers`);
  return 0;
}

function caOf(values: Values): string | undefined {
  const ca = values.ca as string | undefined;
  if (!ca && !values['no-tls']) {
    throw new BadInput("--ca <file> (the CA that signed the source server's certificate) or --no-tls (inside a VPN)");
  }
  return ca;
}

function districtName(values: Values, option: string): string {
  const name = need(values, option);
  try {
    assertDistrictName(name);
  } catch (error) {
    throw new BadInput(`--${option}: ${(error as Error).message}`);
  }
  return name;
}

/** --source: the district's server with --district, else the facility's database. */
function facilitySource(values: Values): FacilitySource {
  if (values.district !== undefined) {
    if (values['from-backup']) throw new BadInput('--from-backup: a copy through a district comes from the district');
    return throughDistrict(districtSource(values, 'district'), code(values));
  }
  const source = databaseSpec(need(values, 'source'));
  if (!source.display.includes('://'))
    throw new BadInput('--source: expected mysql://replicator:password@host:port/database');
  const ca = caOf(values);
  return { code: code(values), credentials: source.credentials, database: source.database, ca, insecure: !ca };
}

function districtSource(values: Values, nameOption: string): DistrictSource {
  const name = districtName(values, nameOption);
  const credentials = serverSpec('source', need(values, 'source'));
  const ca = caOf(values);
  return { name, credentials, ca, insecure: !ca };
}

function seedOf(values: Values): Seed {
  const file = values['from-backup'] as string | undefined;
  if (!file) return { from: 'network' };
  return { from: 'backup', file, identity: need(values, 'identity') };
}

async function onReceiver<T>(values: Values, work: (receiver: Receiver) => Promise<T>): Promise<number> {
  const receiver = await Receiver.connect(receiverOf(values));
  try {
    const result = await work(receiver);
    if (Array.isArray(result)) console.log(`channels: ${result.map(channelName).join(', ') || 'none'}`);
    return 0;
  } finally {
    await receiver.close();
  }
}

async function add(values: Values, signal?: AbortSignal): Promise<number> {
  const source = facilitySource(values);
  return onReceiver(values, async (receiver) => {
    const result = await receiver.addFacility(source, seedOf(values), signal);
    console.log(
      `${channelName(source.code)}: ${result.rows} rows copied, replicating from ${result.position || 'the start'}`,
    );
  });
}

async function addDistrict(values: Values, signal?: AbortSignal): Promise<number> {
  const district = districtSource(values, 'name');
  return onReceiver(values, async (receiver) => {
    for (const result of await receiver.addDistrict(district, signal)) {
      console.log(
        `${channelName(result.code)}: ${result.rows} rows copied from district ${district.name}, replicating from ${result.position || 'the start'}`,
      );
    }
    console.log(`${districtChannel(district.name)}: started`);
  });
}

async function reseed(values: Values, signal?: AbortSignal): Promise<number> {
  const source = facilitySource(values);
  return onReceiver(values, async (receiver) => {
    const result = await receiver.reseed(source, seedOf(values), {
      discardChanges: Boolean(values['discard-changes']),
      signal,
    });
    console.log(
      `${channelName(source.code)}: copied again (${result.rows} rows), replicating from ${result.position || 'the start'}`,
    );
  });
}

async function move(values: Values): Promise<number> {
  const source = facilitySource(values);
  return onReceiver(values, async (receiver) => {
    const copied = await receiver.move(source);
    const from = `${source.district ? `district ${source.district} at ` : ''}${source.credentials.host}:${source.credentials.port}`;
    console.log(`${channelName(source.code)}: now from ${from}${copied ? ` (copied again, ${copied.rows} rows)` : ''}`);
  });
}

async function status(values: Values): Promise<number> {
  const limits = {
    maxLagSeconds: positive(values, 'max-lag-seconds', 3600),
    staleAfterHours: positive(values, 'stale-after-hours', 48),
  };
  const receiver = await Receiver.connect(receiverOf(values));
  try {
    const report = await receiverStatus(receiver, limits);
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else {
      for (const c of report.channels) {
        const lag = c.secondsBehind == null ? '' : `, ${c.secondsBehind} s behind`;
        const via = c.via ? ` (via district ${c.via})` : '';
        const queued = c.queued ? `, ${c.queued} received to apply` : '';
        console.log(
          `${c.database}${via}: ${c.state}${lag}, at ${c.position || '-'}${queued}, last change ${c.lastChange ?? '-'}` +
            (c.problems.length ? ` — ${c.problems.join('; ')}` : ''),
        );
      }
      for (const w of report.localWrites) {
        console.log(`LOCAL WRITE into ${w.database} (${w.gtid}): ${w.statement} — re-seed ${w.database}`);
      }
      for (const warning of report.warnings) console.log(`warning: ${warning}`);
    }
    return report.ok ? 0 : 1;
  } finally {
    await receiver.close();
  }
}

/** The receiver's copy of a facility as a backup, for restoring the facility itself (newer than its own). */
async function exportCopy(values: Values): Promise<number> {
  const facility = code(values);
  const dir = need(values, 'dir');
  const recipient = recipientOf(need(values, 'recipient'));
  return onReceiver(values, (receiver) =>
    receiver.paused(facility, async (position) => {
      const manifest = await backup(
        { credentials: receiver.credentials, database: channelName(facility) },
        dir,
        recipient,
        { gtidPosition: position },
      );
      console.log(`${manifest.file}: the copy at ${position || 'no transaction yet'}; restore it with --rejoin`);
    }),
  );
}
