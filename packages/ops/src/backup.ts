import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import mysql from 'mysql2/promise';
import type { Credentials } from '@poc-emr/db';
import { DumpRowCounter } from './dump-rows';
import { clientOptions, start, tool } from './tools';

// A backup is one file per database and moment, `<database>-<UTC timestamp>.sql.gz.age`: a consistent
// mariadb-dump (one transaction, nothing locked), gzip, encrypted with age to a recipient whose key is kept
// off the server; and its manifest beside it, `….json`, with the file's sha256 and size and the rows of
// every table as the dump wrote them. A file is written under a temporary name and renamed only when whole.

export interface BackupSource {
  credentials: Credentials;
  database: string;
}

export interface Manifest {
  format: 1;
  database: string;
  file: string;
  started: string;
  finished: string;
  serverVersion: string;
  /**
   * The GTID position the dump's snapshot is at: the source's binary log position (read by mariadb-dump at
   * the snapshot), or for a replica's copy the replication position it was taken at; '' without either.
   * A server restored from the backup continues replication from here.
   */
  gtidPosition: string;
  sizeBytes: number;
  sha256: string;
  /** Rows per table, counted in the dump as it was written. */
  rows: Record<string, number>;
}

export const BACKUP_SUFFIX = '.sql.gz.age';
export const AGE_RECIPIENT = /^age1[0-9a-z]{58}$/;

/** `<database>-20261207T143000Z`: sorts by time, names the database. */
export function backupName(database: string, at: Date): string {
  return `${database}-${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')}${BACKUP_SUFFIX}`;
}

/** Reads and checks a manifest; throws naming the file when it is not one. */
export function readManifest(file: string): Manifest {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  } catch (error) {
    throw new Error(`${file}: not a backup manifest (${(error as Error).message})`);
  }
  if (manifest.format !== 1 || typeof manifest.sha256 !== 'string' || typeof manifest.rows !== 'object') {
    throw new Error(`${file}: not a backup manifest of this version`);
  }
  return manifest;
}

export function manifestPath(backupFile: string): string {
  return backupFile.replace(/\.sql\.gz\.age$/, '.json');
}

export interface BackupOptions {
  now?: Date;
  signal?: AbortSignal;
  /** A replica's copy: the replication position it is at (its binary log, if any, is not the source's). */
  gtidPosition?: string;
}

/**
 * Dumps `source` into `dir`, encrypted to the age `recipient` (a public key, `age1…`). Answers the
 * manifest; nothing but the two complete files is left in `dir`, whatever fails.
 */
export async function backup(
  source: BackupSource,
  dir: string,
  recipient: string,
  options: BackupOptions = {},
): Promise<Manifest> {
  if (!AGE_RECIPIENT.test(recipient)) {
    throw new Error(
      'The recipient must be an age public key (age1…, 62 characters): the private key stays off this server',
    );
  }
  fs.mkdirSync(dir, { recursive: true });
  const release = lockBackups(dir, source.database);
  try {
    const now = options.now ?? new Date();
    return await writeBackup(source, path.join(dir, backupName(source.database, now)), recipient, { ...options, now });
  } finally {
    release();
  }
}

async function writeBackup(
  source: BackupSource,
  file: string,
  recipient: string,
  { now, signal, gtidPosition }: BackupOptions & { now: Date },
): Promise<Manifest> {
  const partial = `${file}.partial`;
  const conn = await mysql.createConnection({ ...source.credentials, database: source.database });
  const [[facts]] = (await conn.query('SELECT VERSION() AS version, @@GLOBAL.log_bin AS binlog')) as unknown as [
    [{ version: string; binlog: number }],
  ];
  // With a binary log, --master-data=2 --gtid has mariadb-dump record the position of its snapshot (a
  // brief global read lock at the start, then none): exact, unlike a position read beside the dump.
  const position = gtidPosition === undefined && Number(facts.binlog) === 1 ? ['--master-data=2', '--gtid'] : [];
  await conn.end();
  const options = clientOptions(source.credentials);
  const counter = new DumpRowCounter();
  const hash = crypto.createHash('sha256');
  let size = 0;
  try {
    const dump = start(tool('mariadb-dump'), dumpArgs(options.file, source.database, position));
    const age = start(tool('age'), ['--encrypt', '--recipient', recipient]);
    const stop = () => [dump, age].forEach(({ child }) => child.kill('SIGTERM'));
    signal?.addEventListener('abort', stop, { once: true });
    const counted = pipeline(dump.child.stdout!, counter, zlib.createGzip({ level: 6 }), age.child.stdin!);
    const written = pipeline(
      age.child.stdout!,
      new Transform({
        transform(chunk: Buffer, _e, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      }),
      fs.createWriteStream(partial, { mode: 0o600 }),
    );
    await Promise.all([counted, written, dump.done, age.done]).finally(() =>
      signal?.removeEventListener('abort', stop),
    );
    if (signal?.aborted) throw new Error('Backup stopped: nothing was kept');
    if (!counter.complete) throw new Error('mariadb-dump stopped before "Dump completed": the dump is not whole');
    const fd = fs.openSync(partial, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    const manifest: Manifest = {
      format: 1,
      database: source.database,
      file: path.basename(file),
      started: now.toISOString(),
      finished: new Date().toISOString(),
      serverVersion: facts.version,
      gtidPosition: gtidPosition ?? counter.gtidPosition,
      sizeBytes: size,
      sha256: hash.digest('hex'),
      rows: Object.fromEntries([...counter.rows].sort(([a], [b]) => a.localeCompare(b))),
    };
    fs.renameSync(partial, file);
    writeAtomically(manifestPath(file), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    options.remove();
  }
}

/**
 * One backup of a database at a time in a folder: a lock file holding the pid. A lock left by a killed
 * backup (its process gone) is taken over, and that backup's partial file removed.
 */
function lockBackups(dir: string, database: string): () => void {
  const lock = path.join(dir, `${database}.lock`);
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(fs.readFileSync(lock, 'utf8'));
      if (pid > 0 && isRunning(pid)) throw new Error(`A backup of ${database} is already running (pid ${pid})`);
      fs.rmSync(lock, { force: true });
    }
  }
  for (const f of fs.readdirSync(dir)) {
    if (f.startsWith(`${database}-`) && f.endsWith('.partial')) fs.rmSync(path.join(dir, f), { force: true });
  }
  return () => fs.rmSync(lock, { force: true });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * mariadb-dump's arguments for one database: one consistent snapshot without locking (InnoDB), rows
 * streamed, routines, events and triggers, binary columns in hex.
 */
export function dumpArgs(optionsFile: string, database: string, extra: readonly string[] = []): string[] {
  return [
    `--defaults-extra-file=${optionsFile}`,
    '--single-transaction',
    '--quick',
    '--routines',
    '--events',
    '--triggers',
    '--hex-blob',
    '--no-tablespaces',
    '--default-character-set=utf8mb4',
    ...extra,
    database,
  ];
}

/** Writes `content` to `file` through a temporary file and a rename: readers see the old or the new. */
export function writeAtomically(file: string, content: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, content, { mode: 0o600 });
  fs.renameSync(tmp, file);
}
