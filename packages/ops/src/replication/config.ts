// The MariaDB settings of each role in hybrid mode, written once here: `ops replication config` prints
// them for a server's configuration file, the replication tests start their servers with them, and
// docs/operations.md explains them.

/** The receiving server's own small schema: which channels it has and where each facility comes from. */
export const STATE = 'poc_emr_replication';

/** A facility's code is also its server id and its GTID domain: unique nationally, stable across servers. */
export function assertFacilityCode(code: string): number {
  if (!/^[1-9]\d{6}$/.test(code)) throw new Error(`A facility code has 7 digits (e.g. 1100407), got "${code}"`);
  return Number(code);
}

/** The name of the facility's channel on the receiving server, and of its database there. */
export const channelName = (code: string) => `facility_${code}`;

/** A district's name: lower-case letters, digits and `_`, as in its channel's name on the central server. */
export function assertDistrictName(name: string): void {
  if (!/^[a-z][a-z0-9_]{0,31}$/.test(name)) {
    throw new Error(
      `A district's name is up to 32 lower-case letters, digits or _, starting with a letter, got "${name}"`,
    );
  }
}

/** The central server's one channel from a district server, carrying all of that district's facilities. */
export const districtChannel = (name: string) => `district_${name}`;

export type Role = 'facility' | 'district' | 'central';

export interface RoleOptions {
  /** facility: the 7-digit code; district/central: a number below 1,000,000 unique among the receivers. */
  id: string;
  /** TLS files of this server (the facility serves its binary log over TLS). */
  tls?: { ca: string; cert: string; key: string };
}

/** mariadbd options (name → value) of a server in `role`. */
export function serverOptions(role: Role, { id, tls }: RoleOptions): Record<string, string> {
  const number = role === 'facility' ? assertFacilityCode(id) : Number(id);
  if (role !== 'facility' && !(Number.isInteger(number) && number >= 1 && number < 1_000_000)) {
    throw new Error(`A ${role} server's id is a number from 1 to 999999 (facility codes are 7 digits), got "${id}"`);
  }
  const options: Record<string, string> = {
    'server-id': String(number),
    // Its own domain: transactions written on this server are told apart from every facility's.
    'gtid-domain-id': String(number),
    'gtid-strict-mode': 'ON',
    'log-bin': `${role}-bin`,
    'binlog-format': 'ROW',
    'sync-binlog': '1',
  };
  if (role === 'facility') {
    // A link may be down for weeks (theft, unpaid bills): the binary log waits 30 days before a re-seed is needed.
    options['binlog-expire-logs-seconds'] = String(30 * 86_400);
  } else {
    Object.assign(options, {
      // Only replication writes here: reports read; a local write is an accident the status reports.
      'read-only': 'ON',
      // Channels start through `ops replication start`, which sets each one's database filters first.
      'skip-slave-start': 'ON',
      'relay-log': `${role}-relay`,
      'relay-log-recovery': 'ON',
      'binlog-expire-logs-seconds': String(7 * 86_400),
      // Slow links: compress what crosses them.
      'slave-compressed-protocol': 'ON',
      'slave-net-timeout': '60',
      // Facilities are separate domains: their transactions apply in parallel.
      'slave-parallel-threads': '4',
      // A district passes what it receives on to the central server.
      'log-slave-updates': role === 'district' ? 'ON' : 'OFF',
    });
  }
  if (tls) Object.assign(options, { 'ssl-ca': tls.ca, 'ssl-cert': tls.cert, 'ssl-key': tls.key });
  return options;
}

/** The options as a configuration file section. */
export function toCnf(options: Record<string, string>): string {
  const lines = Object.entries(options).map(([name, value]) => `${name.replace(/-/g, '_')} = ${value}`);
  return `[mariadbd]\n${lines.join('\n')}\n`;
}

/** The options as mariadbd command-line arguments. */
export const toArgs = (options: Record<string, string>) =>
  Object.entries(options).map(([name, value]) => `--${name}=${value}`);
