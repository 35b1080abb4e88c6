import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import mysql from 'mysql2/promise';
import { assertDatabaseName } from './database';
import { ensureInstalled, findBinary } from './install';
import { serverPaths, serverPort, type ServerPaths } from './paths';

export interface Credentials {
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface ServerStatus {
  running: boolean;
  pid?: number;
  port: number;
  socket: string;
  dataDir: string;
  version?: string;
  databases?: string[];
}

const APP_USER = 'poc';

/**
 * mariadbd options: loopback only, utf8mb4 like OpenMRS. `POC_DB_PROFILE=distro` starts it as the
 * distro's compose file does (MariaDB's defaults but for the character set, packet size and buffer
 * pool), for benchmarks that must measure what a facility server does; otherwise it is tuned for bulk
 * loads on a development machine.
 */
function serverArgs(p: ServerPaths, port: number): string[] {
  const args = [
    '--no-defaults',
    `--datadir=${p.dataDir}`,
    `--socket=${p.socket}`,
    `--pid-file=${p.pidFile}`,
    `--log-error=${p.logFile}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    '--skip-name-resolve',
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_general_ci',
    '--max-allowed-packet=256M',
    `--innodb-buffer-pool-size=${process.env.POC_DB_BUFFER_POOL ?? '2G'}`,
    '--default-time-zone=+02:00',
  ];
  if (serverProfile() === 'dev') {
    args.push(
      '--skip-log-bin',
      '--local-infile=1',
      '--max-connections=300',
      '--innodb-log-file-size=1G',
      '--innodb-io-capacity=2000',
      '--innodb-log-buffer-size=64M',
      // Loads into empty tables sort every index in buffers of this size: 64M instead of 1M makes the
      // large facility ~20% faster (docs/benchmarks.md).
      `--innodb-sort-buffer-size=${process.env.POC_DB_SORT_BUFFER ?? '64M'}`,
      // A development copy: durability per transaction is not worth its fsyncs here.
      '--innodb-flush-log-at-trx-commit=2',
      '--innodb-doublewrite=0',
      '--sync-binlog=0',
    );
  }
  if (process.getuid?.() === 0) args.push('--user=root');
  return args;
}

/** `dev` (bulk-load tuning) or `distro` (as the production compose file starts MariaDB). */
export function serverProfile(): 'dev' | 'distro' {
  const profile = process.env.POC_DB_PROFILE ?? 'dev';
  if (profile !== 'dev' && profile !== 'distro')
    throw new Error(`POC_DB_PROFILE must be dev or distro, got "${profile}"`);
  return profile;
}

function readPid(p: ServerPaths): number | undefined {
  try {
    const pid = Number(fs.readFileSync(p.pidFile, 'utf8').trim());
    if (!pid) return undefined;
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

export function readCredentials(p: ServerPaths = serverPaths()): Credentials {
  if (process.env.POC_DB_URL) return parseDatabaseUrl(process.env.POC_DB_URL).credentials;
  try {
    return JSON.parse(fs.readFileSync(p.credentials, 'utf8')) as Credentials;
  } catch {
    throw new Error(`No database credentials at ${p.credentials}: start the database first (npm run db -- start)`);
  }
}

/** mysql://user:password@host:port/database */
export function parseDatabaseUrl(url: string): { credentials: Credentials; database?: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Not a database URL: "${url}" (expected mysql://user:password@host:port/database)`);
  }
  if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:') {
    throw new Error(`Unsupported database URL scheme "${parsed.protocol}" (expected mysql:// or mariadb://)`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || undefined;
  return {
    credentials: {
      host: parsed.hostname,
      port: Number(parsed.port || 3306),
      user: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
    },
    database,
  };
}

/** A database given as a `mysql://user:password@host:port/database` URL or by name on the project's server. */
export interface DatabaseLocation {
  database: string;
  credentials: Credentials;
  /** As given, the password masked: safe to print and to write in a manifest. */
  display: string;
}

export function databaseLocation(text: string): DatabaseLocation {
  const spec = text.trim();
  if (!spec.includes('://')) {
    assertDatabaseName(spec);
    return { database: spec, credentials: readCredentials(), display: spec };
  }
  let parsed: ReturnType<typeof parseDatabaseUrl>;
  try {
    parsed = parseDatabaseUrl(spec);
  } catch {
    throw new Error(`Not a database URL: ${maskUrlPassword(spec)} (expected mysql://user:password@host:port/database)`);
  }
  if (!parsed.database) throw new Error(`The database URL ${maskUrlPassword(spec)} names no database`);
  assertDatabaseName(parsed.database);
  return { database: parsed.database, credentials: parsed.credentials, display: maskUrlPassword(spec) };
}

/** The URL with its password replaced by ***, whatever the password holds (an unencoded @ included). */
export function maskUrlPassword(url: string): string {
  const scheme = url.indexOf('://');
  const at = url.lastIndexOf('@');
  if (scheme < 0 || at < scheme) return url;
  const colon = url.indexOf(':', scheme + 3);
  return colon > 0 && colon < at ? `${url.slice(0, colon + 1)}***${url.slice(at)}` : url;
}

export function databaseUrl(database: string, c: Credentials = readCredentials()): string {
  return `mysql://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@${c.host}:${c.port}/${database}`;
}

async function socketConnection(p: ServerPaths): Promise<mysql.Connection> {
  return mysql.createConnection({ socketPath: p.socket, user: 'root' });
}

/**
 * Waits until `probe` connects to a database server just spawned as `pid`: fails at once with the end of its
 * log if the process exits, or after `timeoutMs`. MariaDB here, PostgreSQL for the iDART bridge.
 */
export async function waitUntilReady(
  server: { name: string; pid: number; logFile: string; probe: () => Promise<void> },
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await server.probe();
      return;
    } catch (error) {
      try {
        process.kill(server.pid, 0);
      } catch {
        throw new Error(`${server.name} exited during start-up; see ${server.logFile}:\n${logTail(server.logFile)}`);
      }
      if (Date.now() > deadline) throw new Error(`${server.name} did not become ready in ${timeoutMs} ms: ${error}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** The last lines of a server's log, for an error message. */
export function logTail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Creates the private data directory once. */
function initialise(p: ServerPaths): void {
  if (fs.existsSync(`${p.dataDir}/mysql`)) return;
  const installDb = findBinary('mariadb-install-db');
  if (!installDb) throw new Error('mariadb-install-db not found');
  fs.mkdirSync(p.dataDir, { recursive: true });
  const args = [
    '--no-defaults',
    `--datadir=${p.dataDir}`,
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
  ];
  if (process.getuid?.() === 0) args.push('--user=root');
  execFileSync(installDb, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** The application account: password chosen once per data directory, stored beside it (git-ignored). */
async function ensureAppUser(p: ServerPaths, port: number): Promise<void> {
  if (fs.existsSync(p.credentials)) return;
  const password = crypto.randomBytes(18).toString('base64url');
  const conn = await socketConnection(p);
  try {
    // A server's own account, never replicated: a facility server stays fresh for a re-join.
    await conn.query('SET SESSION sql_log_bin = 0');
    for (const host of ['127.0.0.1', 'localhost']) {
      await conn.query(`CREATE USER IF NOT EXISTS ?@? IDENTIFIED BY ?`, [APP_USER, host, password]);
      await conn.query(`ALTER USER ?@? IDENTIFIED BY ?`, [APP_USER, host, password]);
      await conn.query(`GRANT ALL PRIVILEGES ON *.* TO ?@? WITH GRANT OPTION`, [APP_USER, host]);
    }
  } finally {
    await conn.end();
  }
  const credentials: Credentials = { host: '127.0.0.1', port, user: APP_USER, password };
  fs.writeFileSync(p.credentials, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
}

/** Another server than the project's own (a replication test's facility or central server): its port and options. */
export interface InstanceOptions {
  port?: number;
  /** More mariadbd options, after the profile's (a later option wins). */
  args?: readonly string[];
}

/** Installs (if needed), initialises and starts the private MariaDB (or another instance in `p`). Idempotent. */
export async function start(p: ServerPaths = serverPaths(), options: InstanceOptions = {}): Promise<ServerStatus> {
  ensureInstalled();
  const port = options.port ?? serverPort();
  fs.mkdirSync(p.root, { recursive: true });
  initialise(p);
  let pid = readPid(p);
  if (!pid) {
    const mariadbd = findBinary('mariadbd');
    if (!mariadbd) throw new Error('mariadbd not found');
    fs.rmSync(p.socket, { force: true });
    const child = spawn(mariadbd, [...serverArgs(p, port), ...(options.args ?? [])], {
      detached: true,
      stdio: 'ignore',
    });
    child.unref();
    pid = child.pid!;
    await waitUntilReady(
      { name: 'mariadbd', pid, logFile: p.logFile, probe: async () => (await socketConnection(p)).end() },
      60_000,
    );
  }
  await ensureAppUser(p, port);
  return status(p, port);
}

export async function stop(p: ServerPaths = serverPaths()): Promise<void> {
  const pid = readPid(p);
  if (!pid) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 60_000;
  while (readPid(p) === pid) {
    if (Date.now() > deadline) throw new Error(`mariadbd (pid ${pid}) did not stop within 60 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function status(p: ServerPaths = serverPaths(), port = serverPort()): Promise<ServerStatus> {
  const pid = readPid(p);
  const base: ServerStatus = { running: false, port, socket: p.socket, dataDir: p.dataDir };
  if (!pid) return base;
  const conn = await socketConnection(p);
  try {
    const [[row]] = (await conn.query('SELECT VERSION() AS version')) as [Array<{ version: string }>, unknown];
    const [dbs] = (await conn.query(
      "SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN ('mysql','information_schema','performance_schema','sys') ORDER BY 1",
    )) as [Array<{ name: string }>, unknown];
    return { ...base, running: true, pid, version: row.version, databases: dbs.map((d) => d.name) };
  } finally {
    await conn.end();
  }
}
