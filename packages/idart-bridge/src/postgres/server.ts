import { execFileSync, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { dataRoot, installDebianPackages, waitUntilReady } from '@poc-emr/db';

// The project's private PostgreSQL 15 (Debian's postgresql-15), the database iDART runs on: its own data
// directory under .data/postgresql, listening on 127.0.0.1 only, started as a plain process like the
// project's MariaDB. PostgreSQL refuses to run as root: as root, the server and initdb run as the
// `postgres` account the Debian package creates, which then owns the data directory.

export const PG_BIN = process.env.POC_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const PG_USER = 'postgres';
const APP_USER = 'idart';

export interface PgCredentials {
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface PgPaths {
  root: string;
  dataDir: string;
  socketDir: string;
  logFile: string;
  credentials: string;
}

export function pgPaths(root = path.join(dataRoot(), 'postgresql')): PgPaths {
  return {
    root,
    dataDir: path.join(root, 'data'),
    socketDir: path.join(root, 'run'),
    logFile: path.join(root, 'postgresql.log'),
    credentials: path.join(root, 'credentials.json'),
  };
}

export function pgPort(): number {
  const port = Number(process.env.POC_PG_PORT ?? 35432);
  if (!Number.isInteger(port) || port < 1024 || port > 65535)
    throw new Error(`POC_PG_PORT must be an integer between 1024 and 65535, got "${process.env.POC_PG_PORT}"`);
  return port;
}

export function isPgInstalled(): boolean {
  return ['postgres', 'initdb'].every((b) => fs.existsSync(path.join(PG_BIN, b)));
}

export const PG_INSTALL_COMMAND =
  'sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-15';

/**
 * Installs Debian's postgresql-15 when missing: as root with apt-get (a policy-rc.d keeps the package
 * from starting its own cluster); otherwise it names the command and fails.
 */
export function ensurePgInstalled(log: (line: string) => void = console.log): void {
  if (isPgInstalled()) return;
  if (process.getuid?.() !== 0)
    throw new Error(`PostgreSQL 15 is not installed. Install it with:\n  ${PG_INSTALL_COMMAND}\nthen run this again.`);
  installDebianPackages(['postgresql-15'], log);
  if (!isPgInstalled()) throw new Error(`apt-get finished but ${PG_BIN}/postgres is still missing`);
  // Debian's own cluster (15/main) must not hold a port or memory: stop it if the package started it.
  spawnSync('pg_ctlcluster', ['15', 'main', 'stop'], { stdio: 'ignore' });
}

const asRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL binary as the account that owns the cluster. */
function pgCommand(binary: string, args: string[]): [string, string[]] {
  const full = path.join(PG_BIN, binary);
  return asRoot() ? ['runuser', ['-u', PG_USER, '--', full, ...args]] : [full, args];
}

/** Gives the `postgres` account the directory (and the way to it, for a root-owned checkout). */
function ownForPostgres(dir: string): void {
  if (!asRoot()) return;
  execFileSync('chown', ['-R', `${PG_USER}:${PG_USER}`, dir]);
  for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
    const mode = fs.statSync(d).mode;
    if ((mode & 0o001) === 0) fs.chmodSync(d, mode | 0o001);
  }
}

function initialise(p: PgPaths): void {
  if (fs.existsSync(path.join(p.dataDir, 'PG_VERSION'))) return;
  fs.mkdirSync(p.root, { recursive: true });
  fs.mkdirSync(p.dataDir, { recursive: true, mode: 0o700 });
  fs.mkdirSync(p.socketDir, { recursive: true });
  const superPassword = crypto.randomBytes(18).toString('base64url');
  const appPassword = crypto.randomBytes(18).toString('base64url');
  const pwfile = path.join(p.root, '.pwfile');
  fs.writeFileSync(pwfile, `${superPassword}\n`, { mode: 0o600 });
  ownForPostgres(p.root);
  try {
    const [cmd, args] = pgCommand('initdb', [
      '-D',
      p.dataDir,
      '-U',
      PG_USER,
      '--pwfile',
      pwfile,
      '--auth=scram-sha-256',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
  const credentials = { superuser: superPassword, app: appPassword };
  fs.writeFileSync(path.join(p.root, '.passwords.json'), JSON.stringify(credentials), { mode: 0o600 });
}

function passwords(p: PgPaths): { superuser: string; app: string } {
  return JSON.parse(fs.readFileSync(path.join(p.root, '.passwords.json'), 'utf8'));
}

function readPid(p: PgPaths): number | undefined {
  try {
    const pid = Number(fs.readFileSync(path.join(p.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (!pid) return undefined;
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

async function superClient(p: PgPaths, database = 'postgres'): Promise<pg.Client> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port: pgPort(),
    user: PG_USER,
    password: passwords(p).superuser,
    database,
  });
  await client.connect();
  return client;
}

/** The application role (creates the iDART databases), its password kept beside the data (git-ignored). */
async function ensureAppRole(p: PgPaths): Promise<void> {
  if (fs.existsSync(p.credentials)) return;
  const client = await superClient(p);
  try {
    const password = passwords(p).app;
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_USER]);
    const verb = exists.rowCount ? 'ALTER' : 'CREATE';
    await client.query(`${verb} ROLE ${APP_USER} LOGIN CREATEDB PASSWORD ${pg.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
  const credentials: PgCredentials = { host: '127.0.0.1', port: pgPort(), user: APP_USER, password: passwords(p).app };
  fs.writeFileSync(p.credentials, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
}

export interface PgStatus {
  running: boolean;
  pid?: number;
  port: number;
  dataDir: string;
  version?: string;
  databases?: string[];
}

/** Installs (if needed), initialises and starts the private PostgreSQL. Idempotent. */
export async function startPostgres(p: PgPaths = pgPaths()): Promise<PgStatus> {
  ensurePgInstalled();
  const port = pgPort();
  initialise(p);
  let pid = readPid(p);
  if (!pid) {
    const log = fs.openSync(p.logFile, 'a');
    if (asRoot()) fs.fchownSync(log, Number(execFileSync('id', ['-u', PG_USER]).toString()), 0);
    const [cmd, args] = pgCommand('postgres', [
      '-D',
      p.dataDir,
      '-p',
      String(port),
      '-k',
      p.socketDir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'shared_buffers=64MB',
      '-c',
      'max_connections=100',
      '-c',
      'timezone=Africa/Maputo',
    ]);
    const child = spawn(cmd, args, { detached: true, stdio: ['ignore', log, log] });
    child.unref();
    fs.closeSync(log);
    await waitUntilReady(
      { name: 'postgres', pid: child.pid!, logFile: p.logFile, probe: async () => (await superClient(p)).end() },
      60_000,
    );
    pid = readPid(p) ?? child.pid!;
  }
  await ensureAppRole(p);
  return pgStatus(p);
}

export async function stopPostgres(p: PgPaths = pgPaths()): Promise<void> {
  const pid = readPid(p);
  if (!pid) return;
  // SIGINT: PostgreSQL's fast shutdown (sessions rolled back, a clean checkpoint).
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 60_000;
  while (readPid(p) === pid) {
    if (Date.now() > deadline) throw new Error(`postgres (pid ${pid}) did not stop within 60 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function pgStatus(p: PgPaths = pgPaths()): Promise<PgStatus> {
  const pid = readPid(p);
  const base: PgStatus = { running: false, port: pgPort(), dataDir: p.dataDir };
  if (!pid) return base;
  const client = await superClient(p);
  try {
    const version = (await client.query('SHOW server_version')).rows[0].server_version as string;
    const dbs = await client.query(
      "SELECT datname FROM pg_database WHERE datname NOT IN ('postgres', 'template0', 'template1') ORDER BY 1",
    );
    return { ...base, running: true, pid, version, databases: dbs.rows.map((r) => r.datname as string) };
  } finally {
    await client.end();
  }
}

export function readPgCredentials(p: PgPaths = pgPaths()): PgCredentials {
  try {
    return JSON.parse(fs.readFileSync(p.credentials, 'utf8')) as PgCredentials;
  } catch {
    throw new Error(`No PostgreSQL credentials at ${p.credentials}: start it first (npm run idart-db -- start)`);
  }
}

export function pgUrl(database: string, c: PgCredentials = readPgCredentials()): string {
  return `postgresql://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@${c.host}:${c.port}/${database}`;
}
