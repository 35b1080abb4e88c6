import path from 'node:path';
import { listBackups, readStatus } from '@poc-emr/ops/src/retention';
import type { Level } from './levels';

// What `ops backup` leaves in its folder (docs/operations.md §2): `<database>.status.json` (the last
// attempt, the last good backup, the last off-site copy) and the backups with their manifests.

export interface Backups {
  level: Level;
  /** The folder as this service sees it (the ops container's /backups, mounted read-only). */
  dir: string | null;
  maxAgeHours: number;
  lastGood: { file: string; finished: string; ageHours: number; sizeBytes: number } | null;
  /** The last good backup's file is still in the folder, with its manifest. */
  lastGoodPresent: boolean;
  lastAttempt: { at: string; ok: boolean; error?: string } | null;
  offsite: { at: string; ok: boolean; destination: string; error?: string } | null;
  kept: number;
}

export function backupStatus(
  dir: string | undefined,
  database: string,
  maxAgeHours: number,
  now = new Date(),
): Backups {
  if (!dir) {
    return {
      level: 'error',
      dir: null,
      maxAgeHours,
      lastGood: null,
      lastGoodPresent: false,
      lastAttempt: null,
      offsite: null,
      kept: 0,
    };
  }
  const status = readStatus(dir, database);
  const kept = listBackups(dir, database);
  const good = status?.lastGood;
  const lastGood = good
    ? {
        file: good.file,
        finished: good.finished,
        ageHours: Math.max(0, (now.getTime() - Date.parse(good.finished)) / 3_600_000),
        sizeBytes: good.sizeBytes,
      }
    : null;
  const lastGoodPresent = Boolean(good && kept.some((b) => path.basename(b.file) === good.file));
  const level: Level =
    !lastGood || !lastGoodPresent || !(lastGood.ageHours <= maxAgeHours * 2)
      ? 'error'
      : lastGood.ageHours > maxAgeHours || status?.lastAttempt.ok === false || status?.offsite?.ok === false
        ? 'warning'
        : 'ok';
  return {
    level,
    dir,
    maxAgeHours,
    lastGood,
    lastGoodPresent,
    lastAttempt: status?.lastAttempt ?? null,
    offsite: status?.offsite ?? null,
    kept: kept.length,
  };
}
