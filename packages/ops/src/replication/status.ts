import type { Receiver } from './central';
import { entryOf, seqIn } from './gtid';

// What partner IT (and the national run's manifest) needs to know of each channel: is it replicating, how
// far behind, since when the facility's data has not moved; and whether anyone wrote into a facility's
// copy here outside replication.

export type ChannelState = 'replicating' | 'link down' | 'broken' | 'stopped' | 'missing';

export interface ChannelStatus {
  code: string;
  database: string;
  /** The district whose channel carries the facility here (none: the facility's own channel). */
  via?: string;
  /** The state of the channel it arrives through (a district's is shared by all its facilities). */
  state: ChannelState;
  /** The replication threads' error, if any. */
  error: string;
  secondsBehind: number | null;
  /** How far the copy has applied the facility's transactions (its domain's GTID). */
  position: string;
  /** The facility's transactions received here but not applied yet (its domain, not the whole channel). */
  queued: number;
  /** The newest registration, encounter or observation in the copy, as the facility's clock wrote it. */
  lastChange: string | null;
  problems: string[];
}

export interface LocalWrite {
  gtid: string;
  database: string;
  statement: string;
}

export interface ReceiverStatus {
  channels: ChannelStatus[];
  localWrites: LocalWrite[];
  warnings: string[];
  ok: boolean;
}

export interface StatusLimits {
  /** A channel further behind than this is a problem. */
  maxLagSeconds?: number;
  /** A facility whose data has not moved for this long is flagged (the link may be down unnoticed). */
  staleAfterHours?: number;
  now?: Date;
}

export type SlaveRow = Record<string, string | number | null>;

export async function receiverStatus(receiver: Receiver, limits: StatusLimits = {}): Promise<ReceiverStatus> {
  const { maxLagSeconds = 3600, staleAfterHours = 48, now = new Date() } = limits;
  const channels = await receiver.channels();
  const slaves = new Map(
    (await receiver.query<SlaveRow>('SHOW ALL SLAVES STATUS')).map((r) => [String(r.Connection_name).toLowerCase(), r]),
  );
  const [{ pos }] = await receiver.query<{ pos: string }>('SELECT @@gtid_slave_pos AS pos');
  const statuses: ChannelStatus[] = [];
  for (const channel of channels) {
    const row = slaves.get(channel.connection);
    const entry = entryOf(pos, Number(channel.code));
    const lastChange = await newestChange(receiver, channel.name);
    const received = seqIn(String(row?.Gtid_IO_Pos ?? ''), Number(channel.code));
    const status: ChannelStatus = {
      code: channel.code,
      database: channel.name,
      ...(channel.district ? { via: channel.district } : {}),
      state: row ? stateOf(row) : 'missing',
      error: row ? String(row.Last_SQL_Error || row.Last_IO_Error || '') : '',
      secondsBehind: row?.Seconds_Behind_Master == null ? null : Number(row.Seconds_Behind_Master),
      position: entry ? `${entry.domain}-${entry.server}-${entry.seq}` : '',
      queued: Math.max(0, received - (entry?.seq ?? 0)),
      lastChange,
      problems: [],
    };
    if (status.state !== 'replicating')
      status.problems.push(`${status.state}${status.error ? `: ${status.error}` : ''}`);
    if ((status.secondsBehind ?? 0) > maxLagSeconds) status.problems.push(`${status.secondsBehind} s behind`);
    // OpenMRS writes DATETIMEs in facility time: Mozambique, +02:00 all year (the servers' time zone).
    const hours = lastChange ? (now.getTime() - Date.parse(`${lastChange}+02:00`)) / 3_600_000 : Infinity;
    if (hours > staleAfterHours) {
      status.problems.push(lastChange ? `no new data for ${age(hours)}` : 'no data');
    }
    statuses.push(status);
  }
  const own = await receiver.ownPosition();
  const warnings = own.binlog ? [] : ['binary log off: writes made here outside replication cannot be detected'];
  const localWrites = own.binlog ? await findLocalWrites(receiver, own.domain) : [];
  return {
    channels: statuses,
    localWrites,
    warnings,
    ok: statuses.every((s) => s.problems.length === 0) && localWrites.length === 0 && warnings.length === 0,
  };
}

const age = (hours: number) =>
  hours >= 1
    ? `${Math.floor(hours)} h`
    : hours >= 1 / 60
      ? `${Math.floor(hours * 60)} min`
      : `${Math.floor(hours * 3600)} s`;

export function stateOf(row: SlaveRow): ChannelState {
  if (row.Slave_SQL_Running === 'No' && row.Last_SQL_Error) return 'broken';
  if (row.Slave_IO_Running === 'No' && row.Slave_SQL_Running === 'No') return 'stopped';
  if (row.Slave_IO_Running !== 'Yes') return 'link down';
  return 'replicating';
}

/**
 * The newest creation time among the last rows of person, encounter and obs (their ids only grow), as
 * `at` (yyyy-mm-ddThh:mm:ss, the facility's clock; the year 1000 when the database has none).
 */
export function newestChangeSql(database: string): string {
  const last = (table: string, id: string) =>
    `(SELECT date_created FROM \`${database}\`.${table} ORDER BY ${id} DESC LIMIT 1)`;
  return `SELECT DATE_FORMAT(GREATEST(COALESCE(${last('person', 'person_id')}, '1000-01-01'),
         COALESCE(${last('encounter', 'encounter_id')}, '1000-01-01'),
         COALESCE(${last('obs', 'obs_id')}, '1000-01-01')), '%Y-%m-%dT%H:%i:%s') AS at`;
}

async function newestChange(receiver: Receiver, database: string): Promise<string | null> {
  try {
    const [row] = await receiver.query<{ at: string | null }>(newestChangeSql(database));
    return row.at && !row.at.startsWith('1000') ? row.at : null;
  } catch {
    return null; // the copy is not (yet) an OpenMRS database
  }
}

/**
 * Transactions written on this server itself (its own GTID domain) into a facility's copy since that copy
 * was seeded. Replication does not write here in that domain, and the tool keeps its own work out of the
 * binary log, so each one is a write made outside replication: the copy may no longer be the facility's.
 */
async function findLocalWrites(receiver: Receiver, domain: number): Promise<LocalWrite[]> {
  const channels = await receiver.channels();
  if (!channels.length) return [];
  const pattern = new RegExp(`\\b(${channels.map((c) => c.name).join('|')})\\b`);
  const since = new Map(channels.map((c) => [c.name, c.localSeq]));
  const found = new Map<string, LocalWrite>();
  const logs = await receiver.query<{ Log_name: string }>('SHOW BINARY LOGS');
  for (const { Log_name } of logs) {
    let gtid: { text: string; seq: number } | undefined;
    const events = await receiver.query<{ Event_type: string; Info: string }>(`SHOW BINLOG EVENTS IN ?`, [Log_name]);
    for (const event of events) {
      if (event.Event_type === 'Gtid') {
        const match = /GTID (\d+)-(\d+)-(\d+)/.exec(event.Info);
        gtid = match && Number(match[1]) === domain ? { text: match[0].slice(5), seq: Number(match[3]) } : undefined;
        continue;
      }
      const database = gtid && pattern.exec(event.Info ?? '')?.[1];
      if (gtid && database && gtid.seq > (since.get(database) ?? 0) && !found.has(gtid.text)) {
        found.set(gtid.text, { gtid: gtid.text, database, statement: event.Info.slice(0, 200) });
      }
    }
  }
  return [...found.values()];
}
