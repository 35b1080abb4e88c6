import crypto from 'node:crypto';
import { extractMozart2, PSEUDONYMISE_KEY_ENV, reconcileMozart2 } from '../src/mozart2';
import { drop, dumpCentral, facility, query, uniqueName } from './mozart2/fixture';

// With a key, NIDs and every other identifier value leave the facility only as HMAC-SHA256(key, value):
// the same in every run and every central database, so joins and incremental upserts still work.

const KEY = 'a test key that is not stored anywhere';
let source: string;
const first = uniqueName('m2pa');
const second = uniqueName('m2pb');

beforeAll(async () => {
  source = await facility('m2ps', 21, 200);
});
afterAll(async () => {
  delete process.env[PSEUDONYMISE_KEY_ENV];
  await drop(source, first, second);
});

const hmac = (value: string) => crypto.createHmac('sha256', KEY).update(value, 'utf8').digest('hex');

test('no plain NID or identifier reaches the central database, and the key is not stored', async () => {
  const result = await extractMozart2({ sources: [source], central: first, pseudonymiseKey: KEY });
  expect(result.ok).toBe(true);
  const identifiers = await query<{ uuid: string; identifier: string }>(
    source,
    'SELECT uuid, identifier FROM patient_identifier WHERE voided = 0',
  );
  expect(identifiers.some((i) => /^\d{10}\/\d{4}\/\d{5}$/.test(i.identifier))).toBe(true);
  const dump = await dumpCentral(first);
  for (const { identifier } of identifiers) expect(dump).not.toContain(identifier);
  expect(dump).not.toContain(KEY);
  const central = await query<{ identifier_uuid: string; identifier_value: string }>(
    first,
    'SELECT identifier_uuid, identifier_value FROM identifier',
  );
  const byUuid = new Map(central.map((r) => [r.identifier_uuid, r.identifier_value]));
  for (const i of identifiers) expect(byUuid.get(i.uuid)).toBe(hmac(i.identifier));
});

test('the same NID hashes identically across runs and central databases; incremental runs keep hashing', async () => {
  process.env[PSEUDONYMISE_KEY_ENV] = KEY;
  await extractMozart2({ sources: [source], central: second });
  const values = (db: string) =>
    query<{ identifier_uuid: string; identifier_value: string }>(
      db,
      'SELECT identifier_uuid, identifier_value FROM identifier ORDER BY identifier_uuid',
    );
  expect(await values(second)).toEqual(await values(first));

  const [nid] = await query<{ uuid: string; identifier: string }>(
    source,
    'SELECT uuid, identifier FROM patient_identifier WHERE voided = 0 LIMIT 1',
  );
  const renumbered = `${nid.identifier}9`;
  await query(source, 'UPDATE patient_identifier SET identifier = ?, date_changed = NOW() WHERE uuid = ?', [
    renumbered,
    nid.uuid,
  ]);
  const run = await extractMozart2({ sources: [source], central: first, pseudonymiseKey: KEY });
  expect(run.runs[0]).toMatchObject({ status: 'success', mode: 'incremental' });
  const [row] = await query<{ identifier_value: string }>(
    first,
    'SELECT identifier_value FROM identifier WHERE identifier_uuid = ?',
    [nid.uuid],
  );
  expect(row.identifier_value).toBe(hmac(renumbered));
  expect((await reconcileMozart2({ sources: [source], central: first, pseudonymiseKey: KEY })).ok).toBe(true);
});

test('an incremental run or a reconcile with another key (or none) is refused, not mixed', async () => {
  delete process.env[PSEUDONYMISE_KEY_ENV];
  const unkeyed = await extractMozart2({ sources: [source], central: first });
  expect(unkeyed.runs[0].status).toBe('failed');
  expect(unkeyed.runs[0].error).toMatch(/pseudonymisation key.*--full/);
  const report = await reconcileMozart2({ sources: [source], central: first, pseudonymiseKey: 'another key' });
  expect(report.facilities[0].status).toBe('failed');
  expect(report.facilities[0].error).toMatch(/pseudonymisation key/);
});
