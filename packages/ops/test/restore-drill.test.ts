import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readCredentials, stop, type Credentials } from '@poc-emr/db';
import { createTestDatabase, dropDatabase } from '@poc-emr/db/src/testing';
import { day, generateFacility } from '@poc-emr/data-generator';
import { createServer, type RunningServer } from '@poc-emr/dev-backend';
import { backup, manifestPath } from '../src/backup';
import { restore, verifyBackup } from '../src/restore';
import { ensureOpsTools } from '../src/tools';
import { ageKeyPair, checksums, clinicians, query, startInstance, type Instance } from './clinic';

// The restore drill: a facility is backed up while clinicians keep saving through the backend, then
// restored into a fresh MariaDB instance. Every save acknowledged before the backup started is there,
// whole; a backup of the quiet facility restores table for table identical (CHECKSUM TABLE); a corrupted,
// truncated or wrongly keyed backup is refused and leaves nothing behind.

let work: string;
let source: { database: string; credentials: Credentials };
let backend: RunningServer;
let fresh: Instance;
let identity: string;
let recipient: string;

beforeAll(async () => {
  ensureOpsTools();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'restore-drill-'));
  const database = await createTestDatabase('drill');
  await dropDatabase(database);
  await generateFacility({ database, facilityCode: '1100407', patients: 300, seed: 'drill', asOf: day('2026-10-31') });
  source = { database, credentials: readCredentials() };
  backend = await createServer({ database, port: 0 });
  // The fresh instance: another MariaDB, its own data directory and port, as a replacement server would be.
  fresh = await startInstance(path.join(work, 'fresh'));
  identity = path.join(work, 'key.txt');
  recipient = ageKeyPair(identity);
}, 240_000);

afterAll(async () => {
  await backend?.close();
  if (fresh) await stop(fresh.paths);
  if (source) await dropDatabase(source.database);
  fs.rmSync(work, { recursive: true, force: true });
});

test('backed up while clinicians save: every save acknowledged before it is restored, whole', async () => {
  const writes = clinicians(backend.url);
  await new Promise((r) => setTimeout(r, 1500));
  const started = Date.now();
  const manifest = await backup(source, path.join(work, 'backups'), recipient);
  await writes.stop();
  const before = writes.acknowledged.filter((w) => w.at < started);
  expect(before.length).toBeGreaterThan(5);
  expect(writes.acknowledged.length).toBeGreaterThan(before.length); // saves went on during the backup

  const file = path.join(work, 'backups', manifest.file);
  const restored = await restore(file, identity, { credentials: fresh.credentials, database: 'facility_restored' });
  expect(restored.rows).toEqual(manifest.rows);
  const found = await query<{ uuid: string; names: number; ids: number }>(
    fresh.credentials,
    'facility_restored',
    `SELECT p.uuid, (SELECT COUNT(*) FROM person_name n WHERE n.person_id = p.person_id) AS names,
            (SELECT COUNT(*) FROM patient_identifier i WHERE i.patient_id = p.person_id) AS ids
       FROM person p JOIN patient pa ON pa.patient_id = p.person_id WHERE p.uuid IN (?)`,
    [before.map((w) => w.uuid)],
  );
  expect(found.map((r) => r.uuid).sort()).toEqual(before.map((w) => w.uuid).sort());
  expect(found.every((r) => Number(r.names) === 1 && Number(r.ids) === 1)).toBe(true);
  // No half-written patient either way: a patient without a name or an NID would be a torn save.
  const torn = await query(
    fresh.credentials,
    'facility_restored',
    `SELECT pa.patient_id FROM patient pa WHERE NOT EXISTS (SELECT 1 FROM person_name n WHERE n.person_id = pa.patient_id)
        OR NOT EXISTS (SELECT 1 FROM patient_identifier i WHERE i.patient_id = pa.patient_id)`,
  );
  expect(torn).toEqual([]);
}, 120_000);

test('a backup of the quiet facility restores into a fresh instance table for table identical', async () => {
  const manifest = await backup(source, path.join(work, 'quiet'), recipient);
  await restore(path.join(work, 'quiet', manifest.file), identity, {
    credentials: fresh.credentials,
    database: 'facility_copy',
  });
  expect(await checksums(fresh.credentials, 'facility_copy')).toEqual(
    await checksums(source.credentials, source.database),
  );
}, 120_000);

test('a corrupted, truncated, mis-described or wrongly keyed backup is refused and leaves nothing', async () => {
  const dir = path.join(work, 'bad');
  const manifest = await backup(source, dir, recipient);
  const good = path.join(dir, manifest.file);
  const copy = (name: string, edit: (bytes: Buffer) => Buffer, manifestEdit = (m: object) => m) => {
    const file = path.join(dir, `${name}-${manifest.file}`);
    fs.writeFileSync(file, edit(fs.readFileSync(good)));
    const m = JSON.parse(fs.readFileSync(manifestPath(good), 'utf8'));
    fs.writeFileSync(manifestPath(file), JSON.stringify(manifestEdit({ ...m, file: path.basename(file) })));
    return file;
  };
  const flipped = copy('flipped', (b) => {
    const c = Buffer.from(b);
    c[Math.floor(c.length / 2)] ^= 0xff;
    return c;
  });
  const truncated = copy('truncated', (b) => b.subarray(0, Math.floor(b.length * 0.7)));
  const fewerRows = copy(
    'edited',
    (b) => b,
    (m) => ({ ...m, rows: { ...(m as { rows: object }).rows, obs: 1 } }),
  );
  const otherKey = path.join(work, 'other-key.txt');
  ageKeyPair(otherKey);

  await expect(verifyBackup(flipped)).rejects.toThrow(/corrupted/);
  await expect(verifyBackup(truncated)).rejects.toThrow(/truncated/);
  const target = { credentials: fresh.credentials, database: 'facility_never' };
  await expect(restore(flipped, identity, target)).rejects.toThrow(/corrupted/);
  await expect(restore(truncated, identity, target)).rejects.toThrow(/truncated/);
  await expect(restore(fewerRows, identity, target)).rejects.toThrow(/differ from the backup's: obs/);
  await expect(restore(good, otherKey, target)).rejects.toThrow(/age failed/);
  await expect(restore(good, identity, { ...target, database: 'facility_copy' })).rejects.toThrow(/exists/);
  const left = await query(
    fresh.credentials,
    'mysql',
    "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'facility_never'",
  );
  expect(left).toEqual([]);
}, 180_000);
