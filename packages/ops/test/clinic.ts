import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { readCredentials, serverPaths, start, type Credentials } from '@poc-emr/db';
import { tool } from '../src/tools';

// A facility at work for the operations tests: its backend (the dev backend on a given MariaDB server,
// in its own process as on a facility server) and clerks registering patients through it.

const NID_TYPE = 'e2b966d0-1d5f-11e0-b929-000c29ad1d07';
const HD_MANHICA = '88d8abfb-572b-541f-908f-a54d685cb021';
let registered = 0;

/** A new age key pair: the identity (private key) written to `file`, its recipient (public key) answered. */
export function ageKeyPair(file: string): string {
  execFileSync(tool('age-keygen'), ['-o', file], { stdio: 'ignore' });
  return fs.readFileSync(file, 'utf8').match(/public key: (age1[0-9a-z]+)/)![1];
}

export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Another MariaDB server, as a replacement or a district/central server would be: its own data and port. */
export interface Instance {
  paths: ReturnType<typeof serverPaths>;
  port: number;
  args: string[];
  credentials: Credentials;
}

/** Started in `dir` (again, on its `port`, after a crash). */
export async function startInstance(dir: string, args: string[] = [], again?: { port: number }): Promise<Instance> {
  const paths = serverPaths(dir);
  const port = again?.port ?? (await freePort());
  // Small: several run at once beside the project's own server.
  const all = ['--innodb-buffer-pool-size=128M', '--innodb-log-file-size=48M', ...args];
  await start(paths, { port, args: all });
  return { paths, port, args: all, credentials: readCredentials(paths) };
}

export interface Backend {
  url: string;
  stop(): Promise<void>;
}

/** The dev backend on `database` of the server `credentials` reach. */
export async function startBackend(credentials: Credentials, database: string): Promise<Backend> {
  const { host, port, user, password } = credentials;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.resolve(__dirname, '../../dev-backend/src/cli.ts'), '--database', database, '--port', '0'],
    {
      env: {
        ...process.env,
        POC_DB_URL: `mysql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /OpenMRS REST at (http:\/\/\S+)\/ws\/rest\/v1/.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('exit', (code) => reject(new Error(`the backend stopped (${code}): ${output}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface Acknowledged {
  uuid: string;
  nid: string;
  at: number;
}

/** Registers one patient through the backend; answers it once the backend acknowledged it (201). */
export async function register(backendUrl: string, family = 'Paciente'): Promise<Acknowledged> {
  const n = ++registered;
  // The generator numbers its patients from 00001; the 9xxxx range stays free for these.
  const nid = `0110040701/2026/9${String(n).padStart(4, '0')}`;
  const response = await fetch(`${backendUrl}/ws/rest/v1/patient`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('admin:Admin123').toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      person: { names: [{ givenName: 'Ops', familyName: `${family} ${n}` }], gender: 'F', birthdate: '1990-01-01' },
      identifiers: [{ identifier: nid, identifierType: NID_TYPE, location: HD_MANHICA, preferred: true }],
    }),
  });
  if (response.status !== 201) throw new Error(`registration ${nid}: ${response.status} ${await response.text()}`);
  return { uuid: ((await response.json()) as { uuid: string }).uuid, nid, at: Date.now() };
}

/** Clerks registering patients one after another until stopped; answers every acknowledged one. */
export function clinicians(backendUrl: string) {
  const acknowledged: Acknowledged[] = [];
  let running = true;
  const loop = (async () => {
    while (running) acknowledged.push(await register(backendUrl));
  })();
  return { acknowledged, stop: async () => ((running = false), await loop) };
}

export async function query<T>(c: Credentials, database: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const conn = await mysql.createConnection({ ...c, database });
  try {
    return (await conn.query(sql, params))[0] as T[];
  } finally {
    await conn.end();
  }
}

/** CHECKSUM TABLE of every table: equal maps mean equal data. */
export async function checksums(c: Credentials, database: string): Promise<Record<string, string>> {
  const tables = await query<{ t: string }>(
    c,
    database,
    "SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'",
    [database],
  );
  const rows = await query<{ Table: string; Checksum: string }>(
    c,
    database,
    `CHECKSUM TABLE ${tables.map((t) => `\`${t.t}\``).join(', ')}`,
  );
  return Object.fromEntries(rows.map((r) => [r.Table.split('.')[1], String(r.Checksum)]));
}
