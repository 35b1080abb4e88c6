import type { Connection, RowDataPacket } from 'mysql2/promise';
import { stateOf, type ChannelState, type SlaveRow } from '@poc-emr/ops/src/replication/status';
import type { Level } from './levels';

// Hybrid mode as `ops replication` sets it up (docs/operations.md §3), read from the server the service's
// database is on. A facility sends its binary log (GTID domain = its 7-digit code) to the receiving servers
// that connect to it: it sees their connections (information_schema.PROCESSLIST, with PROCESS) and
// whether each has everything. A receiving server (read-only, domain below 1,000,000) has one channel per
// facility or district: their state, lag and last error (SHOW ALL SLAVES STATUS, with SLAVE MONITOR).

export interface Receiver {
  /** The receiving server's address, without the port. */
  host: string;
  /** It has been sent every transaction written here. */
  upToDate: boolean;
  /** Seconds in its current state (for one up to date: since it caught up). */
  seconds: number;
}

export interface Channel {
  name: string;
  state: ChannelState;
  secondsBehind: number | null;
  error: string;
}

export type Replication =
  | { level: Level; role: 'none'; note?: 'binlog-without-domain' }
  | { level: Level; role: 'facility'; code: string; position: string; receivers: Receiver[]; canSee: boolean }
  | { level: Level; role: 'receiver'; channels: Channel[]; canSee: boolean; maxLagSeconds: number };

interface ServerFacts extends RowDataPacket {
  binlog: number;
  domain: number;
  readOnly: number;
  position: string;
}

/** The whole picture; `maxLagSeconds` as `ops replication status` uses (one hour). */
export async function replicationStatus(conn: Connection, maxLagSeconds = 3600): Promise<Replication> {
  const [[facts]] = await conn.query<ServerFacts[]>(
    'SELECT @@log_bin AS binlog, @@gtid_domain_id AS domain, @@read_only AS readOnly, @@gtid_binlog_pos AS position',
  );
  const domain = Number(facts.domain);
  if (Number(facts.readOnly) === 1 && domain > 0 && domain < 1_000_000) {
    try {
      const [rows] = await conn.query<RowDataPacket[]>('SHOW ALL SLAVES STATUS');
      return receiverOf(rows as SlaveRow[], maxLagSeconds, true);
    } catch {
      return receiverOf([], maxLagSeconds, false);
    }
  }
  if (Number(facts.binlog) !== 1) return { level: 'off', role: 'none' };
  // A binary log without a facility's domain: openmrs-eip's (docs/install.md §9), not hybrid mode.
  if (!/^[1-9]\d{6}$/.test(String(domain))) return { level: 'off', role: 'none', note: 'binlog-without-domain' };
  const [[grant]] = await conn.query<RowDataPacket[]>(
    "SELECT COUNT(*) AS n FROM information_schema.USER_PRIVILEGES WHERE PRIVILEGE_TYPE = 'PROCESS'",
  );
  const [threads] = await conn.query<RowDataPacket[]>(
    "SELECT HOST AS host, TIME AS seconds, STATE AS state FROM information_schema.PROCESSLIST WHERE COMMAND LIKE 'Binlog Dump%'",
  );
  return facilityOf(String(domain), facts.position, threads as DumpThread[], Number(grant.n) > 0);
}

export interface DumpThread {
  host: string;
  seconds: number;
  state: string | null;
}

/** A facility: green while a receiving server is connected, amber when none is (it resumes by itself). */
export function facilityOf(code: string, position: string, threads: DumpThread[], canSee: boolean): Replication {
  const receivers = threads.map((t) => ({
    host: String(t.host).replace(/:\d+$/, ''),
    upToDate: /has sent all binlog/i.test(t.state ?? ''),
    seconds: Number(t.seconds),
  }));
  return {
    level: canSee && receivers.length ? 'ok' : 'warning',
    role: 'facility',
    code,
    position,
    receivers,
    canSee,
  };
}

/** A receiving server: red for a broken or stopped channel, amber for a link down or a lag past the limit. */
export function receiverOf(rows: SlaveRow[], maxLagSeconds: number, canSee: boolean): Replication {
  const channels = rows.map((row) => ({
    name: String(row.Connection_name),
    state: stateOf(row),
    secondsBehind: row.Seconds_Behind_Master == null ? null : Number(row.Seconds_Behind_Master),
    error: String(row.Last_SQL_Error || row.Last_IO_Error || ''),
  }));
  const level: Level = !canSee
    ? 'warning'
    : channels.some((c) => c.state === 'broken' || c.state === 'stopped')
      ? 'error'
      : channels.some((c) => c.state !== 'replicating' || (c.secondsBehind ?? 0) > maxLagSeconds)
        ? 'warning'
        : channels.length
          ? 'ok'
          : 'warning';
  return { level, role: 'receiver', channels, canSee, maxLagSeconds };
}
