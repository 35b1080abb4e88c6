import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backupName, manifestPath } from '../src/backup';
import { listBackups, prune } from '../src/retention';

// Retention over a year and a half of nightly backups: the newest of each of the last 14 days, 8 weeks
// and 12 months stay; everything else goes, manifests with their files; a file without a manifest is
// never taken for a backup, and the newest backup stays however old it is.

const DAY = 86_400_000;
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retention-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function fakeBackup(database: string, at: Date): string {
  const file = path.join(dir, backupName(database, at));
  fs.writeFileSync(file, 'x');
  const manifest = { format: 1, database, file: path.basename(file), started: at.toISOString(), sha256: '', rows: {} };
  fs.writeFileSync(manifestPath(file), JSON.stringify(manifest));
  return file;
}

test('keeps 14 daily, 8 weekly and 12 monthly backups out of 540 nights', () => {
  const now = new Date('2026-12-07T03:00:00Z');
  for (let n = 0; n < 540; n++) fakeBackup('facility_1100407', new Date(now.getTime() - n * DAY));
  fakeBackup('facility_other', new Date(now.getTime() - 500 * DAY));
  const removed = prune(dir, 'facility_1100407', now);
  const kept = listBackups(dir, 'facility_1100407').map((b) => b.manifest.started.slice(0, 10));
  const days = Array.from({ length: 14 }, (_, n) => new Date(now.getTime() - n * DAY).toISOString().slice(0, 10));
  const sundays = ['2026-11-22', '2026-11-15', '2026-11-08', '2026-11-01'];
  const months = ['10-31', '09-30', '08-31', '07-31', '06-30', '05-31', '04-30', '03-31', '02-28', '01-31'];
  const monthEnds = months.map((d) => `2026-${d}`);
  // Sunday 25 October is the newest of the eighth week back; 31 October of its month (the 30 November
  // and this month's newest already are days).
  expect(kept).toEqual([...days, ...sundays, monthEnds[0], '2026-10-25', ...monthEnds.slice(1)]);
  expect(removed).toHaveLength(540 - kept.length);
  expect(fs.readdirSync(dir).filter((f) => f.startsWith('facility_1100407-'))).toHaveLength(kept.length * 2);
  expect(listBackups(dir, 'facility_other')).toHaveLength(1); // another database's backups are not touched
});

test('the newest backup stays however old; a file without a manifest is no backup', () => {
  const now = new Date('2026-12-07T03:00:00Z');
  const old = fakeBackup('facility_1100407', new Date('2024-01-01T03:00:00Z'));
  fs.writeFileSync(path.join(dir, backupName('facility_1100407', now)), 'copied without its manifest');
  expect(prune(dir, 'facility_1100407', now)).toEqual([]);
  expect(listBackups(dir, 'facility_1100407').map((b) => b.file)).toEqual([old]);
});
