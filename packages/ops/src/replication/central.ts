import mysql from 'mysql2/promise';
import { DATABASE_MARK, type Credentials } from '@poc-emr/db';
import { dumpArgs } from '../backup';
import { backupStream, loadIntoNewDatabase, verifyBackup, type SqlSource } from '../restore';
import { clientOptions, start, tool } from '../tools';
import { assertFacilityCode, channelName } from './config';
import { entryOf, formatPosition, parsePosition, seqIn, withEntry, type Gtid } from './gtid';

// The receiving server (district or central): one replication channel per facility, named and stored as
// facility_<code>, fed by the facility's binary log over TLS. The receiver keeps what it needs to restart
// the channels (their databases' names) in its own small schema; everything the tool writes here stays
// out of the binary log, so the receiver's own domain only ever moves through an accidental write.

const STATE = 'poc_emr_replication';

/** The facility end of a channel: its server (through the replication account) and database. */
export interface FacilitySource {
  code: string;
  credentials: Credentials;
  database: string;
  /** The CA certificate (a path on the receiving server) the facility server's certificate is signed by. */
  ca?: string;
  /** No TLS: only for a link that is already encrypted (a VPN), said explicitly. */
  insecure?: boolean;
}

/** Where a copy starts from: the facility's database over the link, or a backup brought by hand. */
export type Seed = { from: 'network' } | { from: 'backup'; file: string; identity: string };

export interface Channel {
  code: string;
  name: string;
  sourceDatabase: string;
  seededAt: Date;
  seededPosition: string;
  /** The receiver's own sequence number when the copy was seeded: local writes are counted after it. */
  localSeq: number;
}

export interface SeedResult {
  position: string;
  rows: number;
}

export class Receiver {
  private constructor(
    readonly credentials: Credentials,
    private readonly conn: mysql.Connection,
  ) {}

  static async connect(credentials: Credentials): Promise<Receiver> {
    const conn = await mysql.createConnection({ ...credentials, multipleStatements: false });
    try {
      await conn.query('SET SESSION sql_log_bin = 0');
      const mark = conn.escape(`${DATABASE_MARK}: replication channels of this server`);
      await conn.query(`CREATE DATABASE IF NOT EXISTS ${STATE} /*M!100500 COMMENT ${mark} */`);
      await conn.query(`CREATE TABLE IF NOT EXISTS ${STATE}.channel (
        code CHAR(7) PRIMARY KEY,
        source_database VARCHAR(64) NOT NULL,
        seeded_at DATETIME NOT NULL,
        seeded_position VARCHAR(255) NOT NULL,
        local_seq BIGINT UNSIGNED NOT NULL
      ) ENGINE=InnoDB`);
    } catch (error) {
      await conn.end();
      throw error;
    }
    return new Receiver(credentials, conn);
  }

  close(): Promise<void> {
    return this.conn.end();
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.conn.query(sql, params))[0] as T[];
  }

  async channels(): Promise<Channel[]> {
    const rows = await this.query<{
      code: string;
      source_database: string;
      seeded_at: Date;
      seeded_position: string;
      local_seq: number;
    }>(`SELECT * FROM ${STATE}.channel ORDER BY code`);
    return rows.map((r) => ({
      code: r.code,
      name: channelName(r.code),
      sourceDatabase: r.source_database,
      seededAt: r.seeded_at,
      seededPosition: r.seeded_position,
      localSeq: Number(r.local_seq),
    }));
  }

  async channel(code: string): Promise<Channel | undefined> {
    return (await this.channels()).find((c) => c.code === code);
  }

  /** This server's own GTID domain, and how far its binary log has come in it (0 without binary log). */
  async ownPosition(): Promise<{ domain: number; seq: number; binlog: boolean }> {
    const [row] = await this.query<{ domain: number; pos: string; binlog: number }>(
      'SELECT @@gtid_domain_id AS domain, @@gtid_binlog_pos AS pos, @@log_bin AS binlog',
    );
    return { domain: Number(row.domain), seq: seqIn(row.pos, Number(row.domain)), binlog: Number(row.binlog) === 1 };
  }

  /** Channels whose replication threads run now (either one), by channel name. */
  async runningChannels(): Promise<string[]> {
    const rows = await this.query<Record<string, string>>('SHOW ALL SLAVES STATUS');
    return rows
      .filter((r) => r.Slave_IO_Running !== 'No' || r.Slave_SQL_Running !== 'No')
      .map((r) => r.Connection_name.toLowerCase());
  }

  /**
   * A new facility: its database copied here (over the link, or from a backup with a replication
   * position), then its channel created and started from the copy's position.
   */
  async addFacility(source: FacilitySource, seed: Seed, signal?: AbortSignal): Promise<SeedResult> {
    assertFacilityCode(source.code);
    if (await this.channel(source.code)) {
      throw new Error(`${channelName(source.code)} exists: use reseed to copy it again, move to change its source`);
    }
    if (await this.databaseExists(channelName(source.code))) {
      throw new Error(`Database ${channelName(source.code)} exists here without a channel: drop or rename it first`);
    }
    assertTls(source);
    const copy = await this.copy(source, seed, signal);
    return this.install(source, copy, { replace: false });
  }

  /**
   * Copies the facility's database again and resumes its channel from the new copy's position: after an
   * accidental write here, a channel broken beyond repair, or a facility re-initialised from a backup. The
   * new copy replaces the old one in one step. Refused when this copy holds transactions the new one does
   * not (the facility was restored from an older backup) unless `discardChanges`: they would be lost.
   */
  async reseed(
    source: FacilitySource,
    seed: Seed,
    { discardChanges = false, signal }: { discardChanges?: boolean; signal?: AbortSignal } = {},
  ): Promise<SeedResult> {
    const existing = await this.channel(source.code);
    if (!existing) throw new Error(`No channel ${channelName(source.code)} here: use add-facility`);
    assertTls(source);
    const copy = await this.copy({ ...source, database: source.database || existing.sourceDatabase }, seed, signal);
    const domain = Number(source.code);
    const [{ pos }] = await this.query<{ pos: string }>('SELECT @@gtid_slave_pos AS pos');
    const here = seqIn(pos, domain);
    const there = copy.entry?.seq ?? 0;
    if (here > there && !discardChanges) {
      await this.dropDatabase(copy.staging);
      throw new Error(
        `The copy here holds ${here - there} more transaction(s) of facility ${source.code} than the new one ` +
          `(${here} against ${there}): the facility was restored from an older backup. Restore the facility from ` +
          `this server's copy instead (ops replication export), or re-seed with --discard-changes to drop them`,
      );
    }
    return this.install(source, copy, { replace: true });
  }

  /** The facility moved to another server (a replacement, a new address): same position, new source. */
  async move(source: FacilitySource): Promise<void> {
    const channel = await this.channel(source.code);
    if (!channel) throw new Error(`No channel ${channelName(source.code)} here`);
    assertTls(source);
    const running = await this.runningChannels();
    await this.query(`STOP SLAVE '${channel.name}'`);
    await this.changeMaster(source);
    if (running.includes(channel.name)) await this.start([source.code]);
  }

  /** Sets each channel's database filters, then starts it (all channels, or those of `codes`). */
  async start(codes?: string[]): Promise<string[]> {
    const channels = (await this.channels()).filter((c) => !codes || codes.includes(c.code));
    const running = await this.runningChannels();
    for (const channel of channels) {
      if (running.includes(channel.name)) continue;
      // Without these two filters the channel would write the facility's database under its own name
      // and replicate its accounts: they are set on every start (MariaDB does not keep them).
      await this.query(`SET GLOBAL ${channel.name}.replicate_rewrite_db = ?`, [
        `${channel.sourceDatabase}->${channel.name}`,
      ]);
      await this.query(`SET GLOBAL ${channel.name}.replicate_do_db = ?`, [channel.name]);
      await this.query(`START SLAVE '${channel.name}'`);
    }
    return channels.map((c) => c.code);
  }

  async stop(codes?: string[]): Promise<void> {
    for (const channel of (await this.channels()).filter((c) => !codes || codes.includes(c.code))) {
      await this.query(`STOP SLAVE '${channel.name}'`);
    }
  }

  /**
   * Runs `work` with the channel's applier paused at a transaction boundary: answers its position then
   * (the facility's domain only); the link keeps receiving meanwhile.
   */
  async paused<T>(code: string, work: (position: string) => Promise<T>): Promise<T> {
    const channel = await this.channel(code);
    if (!channel) throw new Error(`No channel ${channelName(code)} here`);
    const wasRunning = (await this.runningChannels()).includes(channel.name);
    await this.query(`STOP SLAVE '${channel.name}' SQL_THREAD`);
    try {
      const [{ pos }] = await this.query<{ pos: string }>('SELECT @@gtid_slave_pos AS pos');
      const entry = entryOf(pos, Number(code));
      return await work(entry ? `${entry.domain}-${entry.server}-${entry.seq}` : '');
    } finally {
      if (wasRunning) await this.query(`START SLAVE '${channel.name}' SQL_THREAD`);
    }
  }

  private async copy(source: FacilitySource, seed: Seed, signal?: AbortSignal) {
    const staging = `${channelName(source.code)}__seed`;
    if (await this.databaseExists(staging)) await this.dropDatabase(staging); // left by an interrupted seed
    const target = { credentials: this.credentials, database: staging };
    let loaded: { rows: Record<string, number>; gtidPosition: string };
    let manifestPosition = '';
    if (seed.from === 'backup') {
      const manifest = await verifyBackup(seed.file);
      manifestPosition = manifest.gtidPosition;
      loaded = await loadIntoNewDatabase(
        target,
        `seed of facility ${source.code} from ${manifest.file}`,
        () => backupStream(seed.file, seed.identity),
        manifest.rows,
        signal,
      );
    } else {
      loaded = await loadIntoNewDatabase(
        target,
        `seed of facility ${source.code}`,
        () => facilityDump(source),
        undefined,
        signal,
      );
    }
    const position = manifestPosition || loaded.gtidPosition;
    if (!position && seed.from === 'backup') {
      await this.dropDatabase(staging);
      throw new Error(
        'The backup has no replication position (the facility had no binary log): seed over the link instead',
      );
    }
    const rows = Object.values(loaded.rows).reduce((a, b) => a + b, 0);
    return { staging, position, entry: entryOf(position, Number(source.code)), rows };
  }

  /** Puts a loaded copy in place and (re)starts its channel from the copy's position. */
  private async install(
    source: FacilitySource,
    copy: { staging: string; position: string; entry: Gtid | undefined; rows: number },
    { replace }: { replace: boolean },
  ): Promise<SeedResult> {
    const name = channelName(source.code);
    const running = (await this.runningChannels()).filter((c) => c !== name);
    // The replication position can only be set with every channel stopped, briefly.
    await this.query('STOP ALL SLAVES');
    try {
      const [{ pos, binlog }] = await this.query<{ pos: string; binlog: string }>(
        'SELECT @@gtid_slave_pos AS pos, @@gtid_binlog_pos AS binlog',
      );
      // MariaDB refuses a replication position behind this server's own binary log in any domain: an
      // accidental write here (the receiver's domain) must stay in it.
      const ownDomains = parsePosition(binlog).filter(
        (g) => g.domain !== Number(source.code) && !entryOf(pos, g.domain),
      );
      const position = withEntry(
        formatPosition([...parsePosition(pos), ...ownDomains]),
        Number(source.code),
        copy.entry,
      );
      await this.query('SET GLOBAL gtid_slave_pos = ?', [position]);
      await this.moveTables(copy.staging, name, replace);
      await this.changeMaster(source);
      const own = await this.ownPosition();
      await this.query(
        `REPLACE INTO ${STATE}.channel (code, source_database, seeded_at, seeded_position, local_seq)
         VALUES (?, ?, NOW(), ?, ?)`,
        [source.code, source.database, copy.position, own.seq],
      );
    } finally {
      const codes = (await this.channels()).filter((c) => running.includes(c.name)).map((c) => c.code);
      await this.start([...codes, source.code]);
    }
    return {
      position: copy.entry ? `${copy.entry.domain}-${copy.entry.server}-${copy.entry.seq}` : '',
      rows: copy.rows,
    };
  }

  /** Moves every table of `from` into `to` in one statement (the old tables of `to` out of the way). */
  private async moveTables(from: string, to: string, replace: boolean): Promise<void> {
    const tables = async (db: string) =>
      (
        await this.query<{ t: string }>(
          'SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?',
          [db],
        )
      ).map((r) => r.t);
    const renames: string[] = [];
    const trash = `${to}__old`;
    if (replace && (await this.databaseExists(to))) {
      if (await this.databaseExists(trash)) await this.dropDatabase(trash);
      await this.query(`CREATE DATABASE \`${trash}\``);
      for (const t of await tables(to)) renames.push(`\`${to}\`.\`${t}\` TO \`${trash}\`.\`${t}\``);
    } else {
      const mark = this.conn.escape(`${DATABASE_MARK}: replica of ${to}`);
      await this.query(
        `CREATE DATABASE \`${to}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci /*M!100500 COMMENT ${mark} */`,
      );
    }
    for (const t of await tables(from)) renames.push(`\`${from}\`.\`${t}\` TO \`${to}\`.\`${t}\``);
    await this.query(`RENAME TABLE ${renames.join(', ')}`);
    await this.dropDatabase(from);
    if (await this.databaseExists(trash)) await this.dropDatabase(trash);
  }

  private async changeMaster(source: FacilitySource): Promise<void> {
    const c = source.credentials;
    const tls = source.ca
      ? `MASTER_SSL = 1, MASTER_SSL_CA = ${this.conn.escape(source.ca)}, MASTER_SSL_VERIFY_SERVER_CERT = 1`
      : 'MASTER_SSL = 0';
    await this.query(
      `CHANGE MASTER '${channelName(source.code)}' TO MASTER_HOST = ?, MASTER_PORT = ?, MASTER_USER = ?,
         MASTER_PASSWORD = ?, MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 10,
         DO_DOMAIN_IDS = (${Number(source.code)}), ${tls}`,
      [c.host, c.port, c.user, c.password],
    );
  }

  private async databaseExists(name: string): Promise<boolean> {
    return (await this.query('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [name])).length > 0;
  }

  private async dropDatabase(name: string): Promise<void> {
    await this.query(`DROP DATABASE IF EXISTS \`${name}\``);
  }
}

function assertTls(source: FacilitySource): void {
  if (!source.ca && !source.insecure) {
    throw new Error(
      "The link to the facility must be encrypted: give --ca (the CA file on this server that signed the facility server's certificate)",
    );
  }
}

/** The facility's database over the link, with the position of its snapshot. */
function facilityDump(source: FacilitySource): SqlSource {
  const options = clientOptions(source.credentials);
  const tls = source.ca ? [`--ssl-ca=${source.ca}`, '--ssl-verify-server-cert'] : [];
  const dump = start(
    tool('mariadb-dump'),
    dumpArgs(options.file, source.database, ['--master-data=2', '--gtid', '--compress', ...tls]),
  );
  return { producers: [dump], stages: [dump.child.stdout!], close: options.remove };
}
