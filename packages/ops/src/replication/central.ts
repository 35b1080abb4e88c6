import mysql from 'mysql2/promise';
import { DATABASE_MARK, type Credentials } from '@poc-emr/db';
import { dumpArgs } from '../backup';
import { backupStream, loadIntoNewDatabase, verifyBackup, type SqlSource } from '../restore';
import { clientOptions, start, tool } from '../tools';
import { assertDistrictName, assertFacilityCode, channelName, districtChannel, STATE } from './config';
import { districtFacilities } from './district';
import { entryOf, formatPosition, parsePosition, seqIn, withEntry, type Gtid } from './gtid';

// The receiving server (district or central): one replication channel per facility, named and stored as
// facility_<code>, fed by the facility's binary log over TLS; or, on the central server, one channel per
// district (district_<name>) carrying the copies of all its facilities, each still in its own GTID domain
// (the district logs what it applies with the facilities' own GTIDs). The receiver keeps what it needs to
// restart the channels (their databases' names, which district carries which facility) in its own small
// schema; everything the tool writes here stays out of the binary log, so the receiver's own domain only
// ever moves through an accidental write.

/** The facility end of a channel: its server (through the replication account) and database. */
export interface FacilitySource {
  code: string;
  credentials: Credentials;
  database: string;
  /** The CA certificate (a path on the receiving server) the facility server's certificate is signed by. */
  ca?: string;
  /** No TLS: only for a link that is already encrypted (a VPN), said explicitly. */
  insecure?: boolean;
  /** The district server the copy comes from: `credentials` are the district's, `database` its copy. */
  district?: string;
}

/** A district server as the central server reaches it (its replication account). */
export type DistrictSource = Pick<FacilitySource, 'credentials' | 'ca' | 'insecure'> & { name: string };

/** The facility's copy on the district server, as the source of the central server's copy. */
export const throughDistrict = (district: DistrictSource, code: string): FacilitySource => ({
  code,
  credentials: district.credentials,
  database: channelName(code),
  ca: district.ca,
  insecure: district.insecure,
  district: district.name,
});

/** The replication connection a facility's changes arrive through. */
const connectionOf = (source: { code: string; district?: string }) =>
  source.district ? districtChannel(source.district) : channelName(source.code);

/** Where a copy starts from: the facility's database over the link, or a backup brought by hand. */
export type Seed = { from: 'network' } | { from: 'backup'; file: string; identity: string };

export interface Channel {
  code: string;
  /** The copy's database. */
  name: string;
  /** The replication connection it arrives through: its own, or its district's. */
  connection: string;
  district?: string;
  sourceDatabase: string;
  seededAt: Date;
  seededPosition: string;
  /** The receiver's own sequence number when the copy was seeded: local writes are counted after it. */
  localSeq: number;
}

export interface SeedResult {
  code: string;
  position: string;
  rows: number;
}

/** A copy loaded into its staging database, and the position of the facility's domain it holds. */
interface Copy {
  staging: string;
  /** The replication position to resume from (none: from the start of the source's binary log). */
  entry: Gtid | undefined;
  /** How many of the facility's transactions the copy holds. */
  seq: number;
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
      await conn.query(`ALTER TABLE ${STATE}.channel ADD COLUMN IF NOT EXISTS district VARCHAR(32) NULL`);
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
      district: string | null;
    }>(`SELECT * FROM ${STATE}.channel ORDER BY code`);
    return rows.map((r) => ({
      code: r.code,
      name: channelName(r.code),
      connection: connectionOf({ code: r.code, district: r.district ?? undefined }),
      district: r.district ?? undefined,
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

  /** Connections whose replication threads run now (either one), by name. */
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
    await this.assertNew(source.code);
    assertTls(source);
    if (source.district && !(await this.channels()).some((c) => c.district === source.district)) {
      throw new Error(`No district ${source.district} here: add-district first`);
    }
    const copy = await this.copy(source, seed, signal);
    const [result] = await this.install([{ source, copy }], { replace: false });
    return result;
  }

  /**
   * A district server, with every facility it receives: each facility's copy on the district copied here,
   * then one channel from the district carrying all of them, each from its copy's position.
   */
  async addDistrict(district: DistrictSource, signal?: AbortSignal): Promise<SeedResult[]> {
    assertDistrictName(district.name);
    if ((await this.channels()).some((c) => c.district === district.name)) {
      throw new Error(`${districtChannel(district.name)} exists: add a facility to it with add-facility --district`);
    }
    assertTls(district);
    const codes = [...(await districtFacilities(district)).keys()];
    if (!codes.length) throw new Error(`No facility replicates to district ${district.name} yet: add them there first`);
    for (const code of codes) await this.assertNew(code);
    const items: Array<{ source: FacilitySource; copy: Copy }> = [];
    try {
      for (const code of codes) {
        const source = throughDistrict(district, code);
        items.push({ source, copy: await this.copy(source, { from: 'network' }, signal) });
      }
    } catch (error) {
      for (const { copy } of items) await this.dropDatabase(copy.staging);
      throw error;
    }
    return this.install(items, { replace: false });
  }

  private async assertNew(code: string): Promise<void> {
    assertFacilityCode(code);
    const existing = await this.channel(code);
    if (existing) {
      const route = existing.district ? `through district ${existing.district}` : 'directly';
      throw new Error(`${channelName(code)} exists (${route}): use reseed to copy it again, move to change its source`);
    }
    if (await this.databaseExists(channelName(code))) {
      throw new Error(`Database ${channelName(code)} exists here without a channel: drop or rename it first`);
    }
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
    await this.assertCanLeave(existing, source);
    const copy = await this.copy({ ...source, database: source.database || existing.sourceDatabase }, seed, signal);
    const domain = Number(source.code);
    const [{ pos }] = await this.query<{ pos: string }>('SELECT @@gtid_slave_pos AS pos');
    const here = seqIn(pos, domain);
    const there = copy.seq;
    if (here > there && !discardChanges) {
      await this.dropDatabase(copy.staging);
      throw new Error(
        `The copy here holds ${here - there} more transaction(s) of facility ${source.code} than the new one ` +
          `(${here} against ${there}): the facility was restored from an older backup. Restore the facility from ` +
          `this server's copy instead (ops replication export), or re-seed with --discard-changes to drop them`,
      );
    }
    const [result] = await this.install([{ source, copy }], { replace: true });
    return result;
  }

  /**
   * The facility moved to another server (a replacement, a new address), or its district's server did:
   * same position, new source. A facility that now reaches this server through another district (or
   * directly, or through a district where it came directly) is copied again from its new route.
   */
  async move(source: FacilitySource): Promise<SeedResult | undefined> {
    const channel = await this.channel(source.code);
    if (!channel) throw new Error(`No channel ${channelName(source.code)} here`);
    assertTls(source);
    if (connectionOf(source) !== channel.connection) return this.reseed(source, { from: 'network' });
    const running = await this.runningChannels();
    await this.query(`STOP SLAVE '${channel.connection}'`);
    await this.changeMaster(source, await this.carried(channel.connection));
    if (running.includes(channel.connection)) await this.start([source.code]);
    return undefined;
  }

  /** Refuses a change of route (through another district, or directly) that would stop the others. */
  private async assertCanLeave(channel: Channel, source: FacilitySource): Promise<void> {
    if (connectionOf(source) === channel.connection) return;
    const others = (await this.carried(channel.connection)).filter((c) => c !== source.code);
    if (channel.district && others.length) {
      // MariaDB (10.11) checks every domain of this server's position against the binary log of each
      // server it connects to, filtered or not (MDEV-28213): once the facility's copy here moves ahead
      // of what its old district logged, that district's channel stops (error 1236) for all the others.
      throw new Error(
        `Facility ${source.code} comes through district ${channel.district}, which carries other facilities ` +
          `(${others.join(', ')}): moving it would stop their channel (the district's binary log keeps the ` +
          `facility's domain). Not supported yet: keep the facility on district ${channel.district}`,
      );
    }
  }

  /** The facilities a connection carries. */
  private async carried(connection: string): Promise<string[]> {
    return (await this.channels()).filter((c) => c.connection === connection).map((c) => c.code);
  }

  /**
   * Sets each connection's database filters, then starts it (all, or those carrying `codes`; a district's
   * connection carries all of its facilities).
   */
  async start(codes?: string[]): Promise<string[]> {
    const all = await this.channels();
    const channels = all.filter((c) => !codes || codes.includes(c.code));
    const running = await this.runningChannels();
    for (const connection of new Set(channels.map((c) => c.connection))) {
      if (running.includes(connection)) continue;
      const carried = all.filter((c) => c.connection === connection);
      // Without these two filters a facility's channel would write its database under the facility's
      // name and replicate its accounts, and a district's would bring whatever else the district logs:
      // they are set on every start (MariaDB does not keep them).
      const rewrite = carried[0].district ? '' : `${carried[0].sourceDatabase}->${carried[0].name}`;
      await this.query(`SET GLOBAL ${connection}.replicate_rewrite_db = ?`, [rewrite]);
      await this.query(`SET GLOBAL ${connection}.replicate_do_db = ?`, [carried.map((c) => c.name).join(',')]);
      await this.query(`START SLAVE '${connection}'`);
    }
    return channels.map((c) => c.code);
  }

  async stop(codes?: string[]): Promise<void> {
    const channels = (await this.channels()).filter((c) => !codes || codes.includes(c.code));
    for (const connection of new Set(channels.map((c) => c.connection))) {
      await this.query(`STOP SLAVE '${connection}'`);
    }
  }

  /**
   * Runs `work` with the channel's applier paused at a transaction boundary: answers its position then
   * (the facility's domain only); the link keeps receiving meanwhile.
   */
  async paused<T>(code: string, work: (position: string) => Promise<T>): Promise<T> {
    const channel = await this.channel(code);
    if (!channel) throw new Error(`No channel ${channelName(code)} here`);
    const wasRunning = (await this.runningChannels()).includes(channel.connection);
    await this.query(`STOP SLAVE '${channel.connection}' SQL_THREAD`);
    try {
      const [{ pos }] = await this.query<{ pos: string }>('SELECT @@gtid_slave_pos AS pos');
      const entry = entryOf(pos, Number(code));
      return await work(format(entry));
    } finally {
      if (wasRunning) await this.query(`START SLAVE '${channel.connection}' SQL_THREAD`);
    }
  }

  private async copy(source: FacilitySource, seed: Seed, signal?: AbortSignal): Promise<Copy> {
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
    const entry = entryOf(position, Number(source.code));
    // A district's binary log holds a facility's domain from the first change it applied on: until then
    // its copy is the one it was seeded with, at the position it recorded (and replication here starts
    // at the beginning of the district's binary log for that domain).
    const seeded = source.district && !entry ? (await districtFacilities(source)).get(source.code) : undefined;
    return { staging, entry, seq: entry?.seq ?? seqIn(seeded ?? '', Number(source.code)), rows };
  }

  /**
   * Puts loaded copies in place and (re)starts their channel (one connection: a facility's, or the
   * district's carrying them all) from each copy's position. A facility that came through another
   * connection leaves it: that connection carries the rest, or goes.
   */
  private async install(
    items: Array<{ source: FacilitySource; copy: Copy }>,
    { replace }: { replace: boolean },
  ): Promise<SeedResult[]> {
    const link = items[0].source;
    const connection = connectionOf(link);
    const codes = items.map((i) => i.source.code);
    const before = await this.channels();
    const running = (await this.runningChannels()).filter((c) => c !== connection);
    // The replication position can only be set with every channel stopped, briefly.
    await this.query('STOP ALL SLAVES');
    try {
      const [{ pos, binlog }] = await this.query<{ pos: string; binlog: string }>(
        'SELECT @@gtid_slave_pos AS pos, @@gtid_binlog_pos AS binlog',
      );
      // MariaDB refuses a replication position behind this server's own binary log in any domain: an
      // accidental write here (the receiver's domain) must stay in it.
      const ownDomains = parsePosition(binlog).filter(
        (g) => !codes.includes(String(g.domain)) && !entryOf(pos, g.domain),
      );
      let position = formatPosition([...parsePosition(pos), ...ownDomains]);
      for (const { source, copy } of items) position = withEntry(position, Number(source.code), copy.entry);
      await this.query('SET GLOBAL gtid_slave_pos = ?', [position]);
      const own = await this.ownPosition();
      for (const { source, copy } of items) {
        await this.moveTables(copy.staging, channelName(source.code), replace);
        await this.query(
          `REPLACE INTO ${STATE}.channel (code, source_database, seeded_at, seeded_position, local_seq, district)
           VALUES (?, ?, NOW(), ?, ?, ?)`,
          [source.code, source.database, format(copy.entry), own.seq, source.district ?? null],
        );
      }
      await this.changeMaster(link, await this.carried(connection));
      const left = new Set(before.filter((c) => codes.includes(c.code) && c.connection !== connection));
      for (const old of new Set([...left].map((c) => c.connection))) {
        const rest = await this.carried(old);
        if (rest.length) await this.query(`CHANGE MASTER '${old}' TO DO_DOMAIN_IDS = (${rest.map(Number).join(', ')})`);
        else await this.query(`RESET SLAVE '${old}' ALL`);
      }
    } finally {
      const restart = (await this.channels()).filter((c) => running.includes(c.connection)).map((c) => c.code);
      await this.start([...restart, ...codes]);
    }
    return items.map(({ source, copy }) => ({ code: source.code, position: format(copy.entry), rows: copy.rows }));
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

  /** Points the source's connection at its server, carrying the domains of `codes`. */
  private async changeMaster(source: FacilitySource, codes: string[]): Promise<void> {
    const c = source.credentials;
    const tls = source.ca
      ? `MASTER_SSL = 1, MASTER_SSL_CA = ${this.conn.escape(source.ca)}, MASTER_SSL_VERIFY_SERVER_CERT = 1`
      : 'MASTER_SSL = 0';
    await this.query(
      `CHANGE MASTER '${connectionOf(source)}' TO MASTER_HOST = ?, MASTER_PORT = ?, MASTER_USER = ?,
         MASTER_PASSWORD = ?, MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 10,
         DO_DOMAIN_IDS = (${codes.map(Number).join(', ')}), ${tls}`,
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

const format = (entry: Gtid | undefined) => (entry ? `${entry.domain}-${entry.server}-${entry.seq}` : '');

function assertTls(source: Pick<FacilitySource, 'ca' | 'insecure'>): void {
  if (!source.ca && !source.insecure) {
    throw new Error(
      "The link must be encrypted: give --ca (the CA file on this server that signed the facility or district server's certificate)",
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
