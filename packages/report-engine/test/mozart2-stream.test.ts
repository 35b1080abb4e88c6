import { extractMozart2, MOZART_TABLES, reconcileMozart2 } from '../src/mozart2';
import { checksums, drop, facility, query, tableRows, uniqueName } from './mozart2/fixture';

// The cross-server path (rows streamed through Node in batched INSERTs) must produce exactly what
// the same-server INSERT … SELECT produces, full and incremental, for two facilities in one central.

let a: string;
let b: string;
const viaSql = uniqueName('m2sql');
const viaStream = uniqueName('m2stream');

beforeAll(async () => {
  a = await facility('m2sa', 11, 200);
  b = await facility('m2sb', 12, 150);
});
afterAll(() => drop(a, b, viaSql, viaStream));

async function expectSameTables(): Promise<void> {
  for (const t of MOZART_TABLES) expect(await tableRows(viaStream, t)).toEqual(await tableRows(viaSql, t));
}

test('a streamed full extract of two facilities equals the same-server one', async () => {
  const sql = await extractMozart2({ sources: [a, b], central: viaSql });
  const streamed = await extractMozart2({ sources: [a, b], central: viaStream, transport: 'stream' });
  expect(sql.runs.map((r) => r.transport)).toEqual(['same-server', 'same-server']);
  expect(streamed.runs.map((r) => [r.status, r.transport])).toEqual([
    ['success', 'stream'],
    ['success', 'stream'],
  ]);
  expect(streamed.runs.map((r) => r.rows)).toEqual(sql.runs.map((r) => r.rows));
  const tags = await query<{ s: string }>(viaStream, 'SELECT DISTINCT source_database AS s FROM form ORDER BY s');
  expect(tags.map((r) => r.s)).toEqual([a, b].sort());
  await expectSameTables();
  expect((await reconcileMozart2({ sources: [a, b], central: viaStream })).ok).toBe(true);
});

test('streamed incremental runs apply voids and new rows, and a repeat changes nothing', async () => {
  const [enc] = await query<{ encounter_uuid: string }>(
    viaStream,
    'SELECT encounter_uuid FROM form WHERE source_database = ? LIMIT 1',
    [b],
  );
  await query(
    b,
    "UPDATE encounter SET voided = 1, voided_by = 1, date_voided = NOW(), void_reason = 't' WHERE uuid = ?",
    [enc.encounter_uuid],
  );
  await query(
    b,
    `INSERT INTO patient_identifier (patient_id, identifier, identifier_type, preferred, location_id, creator,
       date_created, voided, uuid)
     SELECT patient_id, CONCAT(identifier, '-B'), identifier_type, 0, location_id, creator, NOW(), 0, UUID()
     FROM patient_identifier WHERE voided = 0 LIMIT 1`,
  );
  const sql = await extractMozart2({ sources: [a, b], central: viaSql });
  const streamed = await extractMozart2({ sources: [a, b], central: viaStream, transport: 'stream' });
  expect(streamed.runs.map((r) => r.mode)).toEqual(['incremental', 'incremental']);
  expect(sql.ok && streamed.ok).toBe(true);
  await expectSameTables();
  expect(await query(viaStream, 'SELECT 1 FROM form WHERE encounter_uuid = ?', [enc.encounter_uuid])).toEqual([]);
  expect(await query(viaStream, "SELECT 1 FROM identifier WHERE identifier_value LIKE '%-B'")).toHaveLength(1);
  expect((await reconcileMozart2({ sources: [a, b], central: viaStream })).ok).toBe(true);

  const before = await checksums(viaStream);
  await extractMozart2({ sources: [a, b], central: viaStream, transport: 'stream' });
  expect(await checksums(viaStream)).toEqual(before);
});
