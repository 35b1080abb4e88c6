import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { serverPaths } from '../src/paths';
import { readCredentials, start, status, stop } from '../src/server';

// A second, throwaway instance beside the shared one: its own directory, port and socket.
describe('private MariaDB server', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'poc-db-'));
  const paths = serverPaths(root);
  const saved = { port: process.env.POC_DB_PORT, pool: process.env.POC_DB_BUFFER_POOL };

  beforeAll(() => {
    process.env.POC_DB_PORT = String(34000 + (process.pid % 1000));
    process.env.POC_DB_BUFFER_POOL = '64M';
  });
  afterAll(async () => {
    await stop(paths);
    process.env.POC_DB_PORT = saved.port;
    process.env.POC_DB_BUFFER_POOL = saved.pool;
    if (saved.port === undefined) delete process.env.POC_DB_PORT;
    if (saved.pool === undefined) delete process.env.POC_DB_BUFFER_POOL;
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('initialises, starts on loopback, is idempotent, stops and keeps its databases', async () => {
    expect((await status(paths)).running).toBe(false);
    const first = await start(paths);
    expect(first.running).toBe(true);
    expect(first.version).toMatch(/^10\.11\./);
    expect(fs.existsSync(path.join(paths.dataDir, 'mysql'))).toBe(true);

    const again = await start(paths);
    expect(again.pid).toBe(first.pid);

    const credentials = readCredentials(paths);
    expect(fs.statSync(paths.credentials).mode & 0o077).toBe(0);
    const conn = await mysql.createConnection({ ...credentials });
    const [[vars]] = (await conn.query(
      'SELECT @@bind_address AS bind, @@port AS port, @@character_set_server AS cs',
    )) as unknown as [Array<{ bind: string; port: number; cs: string }>];
    expect(vars).toEqual({ bind: '127.0.0.1', port: Number(process.env.POC_DB_PORT), cs: 'utf8mb4' });
    await conn.query('CREATE DATABASE facility_a');
    await conn.query('CREATE DATABASE facility_b');
    await conn.end();

    await stop(paths);
    expect((await status(paths)).running).toBe(false);
    await stop(paths); // stopping a stopped server is fine

    const restarted = await start(paths);
    expect(restarted.pid).not.toBe(first.pid);
    expect(restarted.databases).toEqual(expect.arrayContaining(['facility_a', 'facility_b']));
  });
});
