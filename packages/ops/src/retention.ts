import fs from 'node:fs';
import path from 'node:path';
import { BACKUP_SUFFIX, manifestPath, readManifest, writeAtomically, type Manifest } from './backup';

// Which backups to keep: the newest of each of the last 14 days, of each of the last 8 weeks and of each
// of the last 12 months (this one included) — and always the newest one, whatever its age. Only backups with a readable
// manifest count; a file without one (an interrupted copy) is never taken for a good backup.

export const RETENTION = { days: 14, weeks: 8, months: 12 } as const;

export interface Backup {
  file: string;
  manifest: Manifest;
  at: Date;
}

/** The backups of `database` in `dir`, newest first. */
export function listBackups(dir: string, database: string): Backup[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`${database}-`) && f.endsWith(BACKUP_SUFFIX))
    .flatMap((f) => {
      const file = path.join(dir, f);
      try {
        const manifest = readManifest(manifestPath(file));
        return manifest.database === database ? [{ file, manifest, at: new Date(manifest.started) }] : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.at.getTime() - a.at.getTime());
}

const DAY = 86_400_000;
const dayKey = (d: Date) => d.toISOString().slice(0, 10);
const monthKey = (d: Date) => d.toISOString().slice(0, 7);
/** The Monday of the date's week: backups of one Monday–Sunday week share it. */
const weekKey = (d: Date) =>
  dayKey(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7))));

/** The backups to keep at `now` out of `backups` (newest first); days, weeks and months are UTC calendar ones. */
export function toKeep(backups: readonly Backup[], now: Date): Set<string> {
  const keep = new Set<string>();
  if (backups.length) keep.add(backups[0].file);
  const newestPer = (key: (d: Date) => string, oldest: string) => {
    const seen = new Set<string>();
    for (const b of backups) {
      const k = key(b.at);
      if (k >= oldest && !seen.has(k)) keep.add(b.file);
      seen.add(k);
    }
  };
  newestPer(dayKey, dayKey(new Date(now.getTime() - (RETENTION.days - 1) * DAY)));
  newestPer(weekKey, weekKey(new Date(now.getTime() - (RETENTION.weeks - 1) * 7 * DAY)));
  newestPer(
    monthKey,
    monthKey(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (RETENTION.months - 1), 1))),
  );
  return keep;
}

/** Deletes the backups (and manifests) of `database` in `dir` that retention does not keep; answers them. */
export function prune(dir: string, database: string, now = new Date()): string[] {
  const backups = listBackups(dir, database);
  const keep = toKeep(backups, now);
  const removed = backups.filter((b) => !keep.has(b.file));
  for (const b of removed) {
    fs.rmSync(b.file, { force: true });
    fs.rmSync(manifestPath(b.file), { force: true });
  }
  return removed.map((b) => path.basename(b.file));
}

export interface Status {
  database: string;
  lastAttempt: { at: string; ok: boolean; error?: string };
  lastGood?: { file: string; finished: string; sizeBytes: number; sha256: string };
  offsite?: { at: string; ok: boolean; destination: string; error?: string };
}

export const statusPath = (dir: string, database: string) => path.join(dir, `${database}.status.json`);

/** What partner IT checks: the last attempt, the last good backup and the last off-site copy. */
export function readStatus(dir: string, database: string): Status | undefined {
  try {
    return JSON.parse(fs.readFileSync(statusPath(dir, database), 'utf8')) as Status;
  } catch {
    return undefined;
  }
}

export function writeStatus(dir: string, status: Status): void {
  fs.mkdirSync(dir, { recursive: true });
  writeAtomically(statusPath(dir, status.database), `${JSON.stringify(status, null, 2)}\n`);
}
