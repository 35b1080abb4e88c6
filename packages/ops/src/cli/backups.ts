import path from 'node:path';
import { start as startServer, type DatabaseLocation } from '@poc-emr/db';
import { backup } from '../backup';
import { copyOffsite } from '../offsite';
import { rejoin } from '../replication/facility';
import { restore, verifyBackup } from '../restore';
import { listBackups, prune, readStatus, writeStatus, type Status } from '../retention';
import { databaseSpec, need, positive, recipientOf, type Values } from './args';

// backup, verify, restore and status: the commands partner IT runs (or schedules) on every server.

/**
 * A database given by name is on POC_DB_URL's server (the distro's ops container) or, without it, on the
 * project's own server, started for it (development, tests).
 */
async function reachable(location: DatabaseLocation): Promise<DatabaseLocation> {
  if (!location.display.includes('://') && !process.env.POC_DB_URL) await startServer();
  return location;
}

export async function backupCommand(values: Values, signal?: AbortSignal): Promise<number> {
  const source = databaseSpec(need(values, 'database'));
  const dir = need(values, 'dir');
  const recipient = recipientOf(need(values, 'recipient'));
  const offsite = values.offsite as string | undefined;
  await reachable(source);
  const status: Status = readStatus(dir, source.database) ?? {
    database: source.database,
    lastAttempt: { at: new Date().toISOString(), ok: false },
  };
  status.lastAttempt = { at: new Date().toISOString(), ok: false };
  try {
    const manifest = await backup(source, dir, recipient, { signal });
    status.lastAttempt.ok = true;
    status.lastGood = {
      file: manifest.file,
      finished: manifest.finished,
      sizeBytes: manifest.sizeBytes,
      sha256: manifest.sha256,
    };
    writeStatus(dir, status);
    const removed = prune(dir, source.database);
    console.log(`${manifest.file}: ${manifest.sizeBytes} bytes; ${removed.length} old backup(s) removed by retention`);
    if (offsite) {
      try {
        await copyOffsite(path.join(dir, manifest.file), offsite, source.database);
        status.offsite = { at: new Date().toISOString(), ok: true, destination: offsite };
      } catch (error) {
        status.offsite = {
          at: new Date().toISOString(),
          ok: false,
          destination: offsite,
          error: (error as Error).message,
        };
        throw error;
      } finally {
        writeStatus(dir, status);
      }
    }
    return 0;
  } catch (error) {
    status.lastAttempt.error = (error as Error).message;
    writeStatus(dir, status);
    throw error;
  }
}

export async function verifyCommand(values: Values): Promise<number> {
  const manifest = await verifyBackup(need(values, 'file'));
  console.log(`${manifest.file}: ${manifest.sizeBytes} bytes, sha256 ok, ${Object.keys(manifest.rows).length} tables`);
  return 0;
}

export async function restoreCommand(values: Values, signal?: AbortSignal): Promise<number> {
  const target = await reachable(databaseSpec(need(values, 'database')));
  const result = await restore(need(values, 'file'), need(values, 'identity'), target, signal);
  const rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
  console.log(`restored ${result.manifest.file} into ${result.database}: ${rows} rows, every table as in the backup`);
  if (values.rejoin) {
    const position = await rejoin(target.credentials, result.manifest.gtidPosition);
    console.log(`binary log continues from ${position}: the receiving servers resume from there`);
  }
  return 0;
}

export function statusCommand(values: Values): number {
  const dir = need(values, 'dir');
  const database = need(values, 'database');
  const maxAgeHours = positive(values, 'max-age-hours', 26);
  const status = readStatus(dir, database);
  const backups = listBackups(dir, database);
  if (!status?.lastGood || backups.length === 0) {
    console.log(`${database}: no good backup in ${dir}`);
    return 1;
  }
  const ageHours = (Date.now() - Date.parse(status.lastGood.finished)) / 3_600_000;
  console.log(
    `${database}: last good backup ${status.lastGood.file}, ${ageHours.toFixed(1)} h old; ${backups.length} kept` +
      (status.lastAttempt.ok ? '' : `; the last attempt FAILED: ${status.lastAttempt.error}`) +
      (status.offsite ? `; off-site ${status.offsite.ok ? 'ok' : `FAILED: ${status.offsite.error}`}` : ''),
  );
  return ageHours <= maxAgeHours && status.lastAttempt.ok && status.offsite?.ok !== false ? 0 : 1;
}
