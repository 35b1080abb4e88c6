import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import mysql from 'mysql2/promise';
import { assertDatabaseName, DATABASE_MARK, type Credentials } from '@poc-emr/db';
import { manifestPath, readManifest, type Manifest } from './backup';
import { DumpRowCounter } from './dump-rows';
import { clientOptions, sha256OfFile, start, tool } from './tools';

export interface RestoreTarget {
  credentials: Credentials;
  /** A database that does not exist yet: a restore never writes over data. */
  database: string;
}

export interface RestoreResult {
  manifest: Manifest;
  database: string;
  /** Rows per table in the restored database, equal to the manifest's. */
  rows: Record<string, number>;
}

/**
 * Checks a backup file against its manifest (size, sha256): a corrupted or truncated file is refused
 * before anything is decrypted. Answers the manifest.
 */
export async function verifyBackup(file: string): Promise<Manifest> {
  const manifest = readManifest(manifestPath(file));
  if (!fs.existsSync(file)) throw new Error(`${file}: no such backup`);
  const size = fs.statSync(file).size;
  if (size !== manifest.sizeBytes) {
    throw new Error(
      `${path.basename(file)} is ${size} bytes, its manifest says ${manifest.sizeBytes}: truncated or replaced`,
    );
  }
  const sha256 = await sha256OfFile(file);
  if (sha256 !== manifest.sha256)
    throw new Error(`${path.basename(file)} does not match its manifest's sha256: corrupted`);
  return manifest;
}

/**
 * Restores `file` into a new database: verified first, decrypted with the age identity (the private key,
 * brought to the server for the restore only), loaded, then every table's rows compared with the
 * manifest. Anything wrong drops the new database; nothing else is touched.
 */
export async function restore(
  file: string,
  identityFile: string,
  target: RestoreTarget,
  signal?: AbortSignal,
): Promise<RestoreResult> {
  assertDatabaseName(target.database);
  if (!fs.existsSync(identityFile))
    throw new Error(`${identityFile}: no such identity file (the backup's private key)`);
  const manifest = await verifyBackup(file);
  const admin = await mysql.createConnection({ ...target.credentials });
  try {
    const [existing] = (await admin.query('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [
      target.database,
    ])) as unknown as [unknown[]];
    if (existing.length) throw new Error(`Database ${target.database} exists: restore into a new one`);
    const mark = admin.escape(`${DATABASE_MARK}: restored from ${manifest.file}`);
    await admin.query(
      `CREATE DATABASE \`${target.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci /*M!100500 COMMENT ${mark} */`,
    );
    try {
      const rows = await load(file, identityFile, target, signal);
      const mismatches = Object.keys({ ...manifest.rows, ...rows })
        .filter((t) => (manifest.rows[t] ?? 0) !== (rows[t] ?? 0))
        .map((t) => `${t}: ${rows[t] ?? 0} of ${manifest.rows[t] ?? 0}`);
      if (mismatches.length) throw new Error(`The restored rows differ from the backup's: ${mismatches.join(', ')}`);
      return { manifest, database: target.database, rows };
    } catch (error) {
      await admin.query(`DROP DATABASE IF EXISTS \`${target.database}\``);
      throw error;
    }
  } finally {
    await admin.end();
  }
}

/** Streams the decrypted dump into the target; answers the rows of every table, counted in the database. */
async function load(
  file: string,
  identityFile: string,
  target: RestoreTarget,
  signal: AbortSignal | undefined,
): Promise<Record<string, number>> {
  const options = clientOptions(target.credentials);
  try {
    const age = start(tool('age'), ['--decrypt', '--identity', identityFile, file]);
    const client = start(tool('mariadb'), [`--defaults-extra-file=${options.file}`, '--binary-mode', target.database]);
    const counter = new DumpRowCounter();
    const stop = () => [age, client].forEach(({ child }) => child.kill('SIGTERM'));
    signal?.addEventListener('abort', stop, { once: true });
    await Promise.all([
      pipeline(age.child.stdout!, zlib.createGunzip(), counter, client.child.stdin!),
      age.done,
      client.done,
    ]).finally(() => signal?.removeEventListener('abort', stop));
    if (signal?.aborted) throw new Error('Restore stopped: the new database was dropped');
    if (!counter.complete) throw new Error('The backup ends before "Dump completed": it is not whole');
  } finally {
    options.remove();
  }
  const conn = await mysql.createConnection({ ...target.credentials, database: target.database });
  try {
    const [tables] = (await conn.query(
      "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'",
      [target.database],
    )) as unknown as [Array<{ name: string }>];
    const rows: Record<string, number> = {};
    for (const { name } of tables) {
      const [[{ n }]] = (await conn.query(`SELECT COUNT(*) AS n FROM \`${name.replace(/`/g, '``')}\``)) as unknown as [
        [{ n: number }],
      ];
      if (Number(n) > 0) rows[name] = Number(n);
    }
    return rows;
  } finally {
    await conn.end();
  }
}
