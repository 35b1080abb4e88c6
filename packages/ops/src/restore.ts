import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import mysql from 'mysql2/promise';
import { assertDatabaseName, DATABASE_MARK, type Credentials } from '@poc-emr/db';
import { manifestPath, readManifest, type Manifest } from './backup';
import { DumpRowCounter } from './dump-rows';
import { clientOptions, sha256OfFile, start, tool, type Tool } from './tools';

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
  if (!fs.existsSync(identityFile))
    throw new Error(`${identityFile}: no such identity file (the backup's private key)`);
  const manifest = await verifyBackup(file);
  const { rows } = await loadIntoNewDatabase(
    target,
    `restored from ${manifest.file}`,
    () => backupStream(file, identityFile),
    manifest.rows,
    signal,
  );
  return { manifest, database: target.database, rows };
}

/** The SQL of a backup file, decrypted and decompressed. */
export function backupStream(file: string, identityFile: string): SqlSource {
  const age = start(tool('age'), ['--decrypt', '--identity', identityFile, file]);
  return { producers: [age], stages: [age.child.stdout!, zlib.createGunzip()] };
}

/** What feeds a load: the processes writing the SQL and the streams it flows through, first to last. */
export interface SqlSource {
  producers: Tool[];
  stages: [NodeJS.ReadableStream, ...NodeJS.ReadWriteStream[]];
  /** Removes what the producers needed (an option file with a password). */
  close?(): void;
}

/**
 * Creates `target.database` (refusing an existing one) and loads a mariadb-dump stream into it, then
 * compares every table's rows with `expected` (or, without it, with the rows the stream held). Not written
 * to the binary log: a restore is not a change for replicas to receive. Anything wrong drops the new
 * database. Answers the rows per table and the dump's GTID position.
 */
export async function loadIntoNewDatabase(
  target: RestoreTarget,
  origin: string,
  open: () => SqlSource,
  expected: Record<string, number> | undefined,
  signal?: AbortSignal,
): Promise<{ rows: Record<string, number>; gtidPosition: string }> {
  assertDatabaseName(target.database);
  const admin = await mysql.createConnection({ ...target.credentials });
  try {
    await admin.query('SET SESSION sql_log_bin = 0');
    const [existing] = (await admin.query('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [
      target.database,
    ])) as unknown as [unknown[]];
    if (existing.length) throw new Error(`Database ${target.database} exists: restore into a new one`);
    const mark = admin.escape(`${DATABASE_MARK}: ${origin}`);
    await admin.query(
      `CREATE DATABASE \`${target.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci /*M!100500 COMMENT ${mark} */`,
    );
    try {
      const counter = await load(target, open, signal);
      const rows = await countRows(target);
      const wanted = expected ?? Object.fromEntries(counter.rows);
      const mismatches = Object.keys({ ...wanted, ...rows })
        .filter((t) => (wanted[t] ?? 0) !== (rows[t] ?? 0))
        .map((t) => `${t}: ${rows[t] ?? 0} of ${wanted[t] ?? 0}`);
      if (mismatches.length) throw new Error(`The restored rows differ from the backup's: ${mismatches.join(', ')}`);
      return { rows, gtidPosition: counter.gtidPosition };
    } catch (error) {
      await admin.query(`DROP DATABASE IF EXISTS \`${target.database}\``);
      throw error;
    }
  } finally {
    await admin.end();
  }
}

/** Streams the dump into the target through the mariadb client, counting its rows on the way. */
async function load(target: RestoreTarget, open: () => SqlSource, signal: AbortSignal | undefined) {
  const options = clientOptions(target.credentials);
  let source: SqlSource | undefined;
  try {
    source = open();
    const client = start(tool('mariadb'), [
      `--defaults-extra-file=${options.file}`,
      '--binary-mode',
      '--init-command=SET SESSION sql_log_bin = 0',
      target.database,
    ]);
    const counter = new DumpRowCounter();
    const processes = [...source.producers, client];
    const stop = () => processes.forEach(({ child }) => child.kill('SIGTERM'));
    signal?.addEventListener('abort', stop, { once: true });
    await Promise.all([
      pipeline([...source.stages, counter, client.child.stdin!]),
      ...processes.map((p) => p.done),
    ]).finally(() => signal?.removeEventListener('abort', stop));
    if (signal?.aborted) throw new Error('Restore stopped: the new database was dropped');
    if (!counter.complete) throw new Error('The backup ends before "Dump completed": it is not whole');
    return counter;
  } finally {
    options.remove();
    source?.close?.();
  }
}

/** The rows of every non-empty table, counted in the database. */
async function countRows(target: RestoreTarget): Promise<Record<string, number>> {
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
