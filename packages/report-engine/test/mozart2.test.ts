import { createTestDatabase } from '@poc-emr/db/src/testing';
import { connect } from '@poc-emr/db';
import { resolveTermIds } from '@poc-emr/metadata';
import { extractMozart2, MOZART_TABLES, reconcileMozart2, type ReconcileResult } from '../src/mozart2';
import { checksums, drop, facility, query, uniqueName } from './mozart2/fixture';

// MozART 2 extract on one server (INSERT … SELECT path): full and incremental runs, voids,
// idempotence, atomicity, reconciliation and per-facility failures, on a generated facility.

let source: string;
let central: string;
let bare: string | undefined;

beforeAll(async () => {
  source = await facility('m2src');
  central = uniqueName('m2central');
});
afterAll(() => drop(source, central, bare));

const extract = (extra: Partial<Parameters<typeof extractMozart2>[0]> = {}) =>
  extractMozart2({ sources: [source], central, ...extra });

function table(result: ReconcileResult, name: string) {
  const t = result.facilities[0].tables.find((x) => x.table === name);
  if (!t) throw new Error(`no ${name} in the reconciliation`);
  return t;
}

async function conceptId(code: string): Promise<number> {
  const conn = await connect({ database: source });
  try {
    return (await resolveTermIds(conn, source, [code])).get(code)!;
  } finally {
    await conn.end();
  }
}

test('a full extract writes the ten MozART 2 tables, each row tagged with its facility, no voided data', async () => {
  const result = await extract();
  expect(result.ok).toBe(true);
  expect(result.runs[0]).toMatchObject({ status: 'success', mode: 'full', transport: 'same-server' });
  for (const t of MOZART_TABLES) {
    const [row] = await query<{ n: number; tags: string }>(
      central,
      `SELECT COUNT(*) AS n, GROUP_CONCAT(DISTINCT source_database) AS tags FROM \`${t}\``,
    );
    expect(Number(row.n)).toBeGreaterThan(0);
    expect(row.tags).toBe(source);
    expect(Number(row.n)).toBe(result.runs[0].rows[t]!.extracted);
  }
  const voidedObs = await query<{ uuid: string }>(source, 'SELECT uuid FROM obs WHERE voided = 1');
  const voidedEncounters = await query<{ uuid: string }>(source, 'SELECT uuid FROM encounter WHERE voided = 1');
  expect(voidedObs.length + voidedEncounters.length).toBeGreaterThan(0);
  const leaked = await query(
    central,
    `SELECT obs_uuid FROM observation WHERE obs_uuid IN (?) UNION ALL SELECT medication_uuid FROM medication
     WHERE medication_uuid IN (?) UNION ALL SELECT encounter_uuid FROM form WHERE encounter_uuid IN (?)`,
    [voidedObs.map((r) => r.uuid), voidedObs.map((r) => r.uuid), voidedEncounters.map((r) => r.uuid)],
  );
  expect(leaked).toEqual([]);
  // Whitelists are applied by uuid: only the configured concepts reach observation.
  const [artStart] = await query<{ n: number }>(central, 'SELECT COUNT(*) AS n FROM observation WHERE concept_id = ?', [
    await conceptId('concept.artStartDate'),
  ]);
  expect(Number(artStart.n)).toBeGreaterThan(0);
  expect((await reconcileMozart2({ sources: [source], central })).ok).toBe(true);
});

test('a first load that fails part-way leaves the new central database empty; a retry loads it', async () => {
  const fresh = uniqueName('m2fresh');
  try {
    const failed = await extractMozart2({
      sources: [source],
      central: fresh,
      onProgress: (p) => {
        if (p.table === 'form') throw new Error('simulated crash after form');
      },
    });
    expect(failed.runs[0]).toMatchObject({ status: 'failed', error: 'simulated crash after form' });
    for (const t of MOZART_TABLES) expect(await query(fresh, `SELECT 1 FROM \`${t}\` LIMIT 1`)).toEqual([]);
    const retry = await extractMozart2({ sources: [source], central: fresh });
    expect(retry.runs[0]).toMatchObject({ status: 'success', mode: 'full' });
    expect((await reconcileMozart2({ sources: [source], central: fresh })).ok).toBe(true);
  } finally {
    await drop(fresh);
  }
});

test('running the extract again with nothing changed leaves every table identical', async () => {
  const before = await checksums(central);
  const result = await extract();
  expect(result.runs[0]).toMatchObject({ status: 'success', mode: 'incremental' });
  expect(await checksums(central)).toEqual(before);
  const runs = await query<{ status: string; watermark: string | null }>(
    central,
    'SELECT status, watermark FROM extract_run WHERE source_database = ? ORDER BY run_id',
    [source],
  );
  expect(runs.map((r) => r.status)).toEqual(['success', 'success']);
  expect(runs.every((r) => r.watermark)).toBe(true);
});

test('reconcile names a central row deleted or altered, and a full extract repairs it', async () => {
  const [gone] = await query<{ encounter_uuid: string }>(central, 'SELECT encounter_uuid FROM form LIMIT 1');
  const [altered] = await query<{ patient_uuid: string }>(central, 'SELECT patient_uuid FROM patient LIMIT 1');
  await query(central, 'DELETE FROM form WHERE encounter_uuid = ?', [gone.encounter_uuid]);
  await query(central, 'UPDATE patient SET sex = ? WHERE patient_uuid = ?', ['X', altered.patient_uuid]);

  const report = await reconcileMozart2({ sources: [source], central });
  expect(report.ok).toBe(false);
  expect(report.facilities[0].status).toBe('mismatch');
  expect(table(report, 'form')).toMatchObject({ missing: 1, extra: 0, differing: 0 });
  expect(table(report, 'form').samples.missing).toEqual([gone.encounter_uuid]);
  expect(table(report, 'form').centralRows).toBe(table(report, 'form').sourceRows - 1);
  expect(table(report, 'patient')).toMatchObject({ missing: 0, extra: 0, differing: 1 });
  expect(table(report, 'patient').samples.differing).toEqual([altered.patient_uuid]);
  const bad = report.facilities[0].tables.filter((t) => !t.matches).map((t) => t.table);
  expect(bad.sort()).toEqual(['form', 'patient']);

  const repaired = await extract({ full: true });
  expect(repaired.runs[0]).toMatchObject({ status: 'success', mode: 'full' });
  expect((await reconcileMozart2({ sources: [source], central })).ok).toBe(true);
});

test('voids, edits and new rows in the facility show in reconcile, then the next incremental run applies them', async () => {
  const artStart = await conceptId('concept.artStartDate');
  const [voided, template] = await query<{ obs_uuid: string; encounter_uuid: string }>(
    central,
    'SELECT obs_uuid, encounter_uuid FROM observation WHERE concept_id = ? LIMIT 2',
    [artStart],
  );
  const [pickup] = await query<{ encounter_uuid: string; n: number }>(
    central,
    `SELECT encounter_uuid, COUNT(*) AS n FROM medication WHERE regimen_id IS NOT NULL
     GROUP BY encounter_uuid LIMIT 1`,
  );
  const [person] = await query<{ patient_uuid: string }>(central, 'SELECT patient_uuid FROM patient LIMIT 1');
  await query(
    source,
    "UPDATE obs SET voided = 1, voided_by = 1, date_voided = NOW(), void_reason = 'test' WHERE uuid = ?",
    [voided.obs_uuid],
  );
  await query(
    source,
    `INSERT INTO obs (person_id, concept_id, encounter_id, obs_datetime, location_id, value_datetime, creator,
       date_created, voided, uuid, status)
     SELECT person_id, concept_id, encounter_id, obs_datetime, location_id, value_datetime - INTERVAL 1 DAY, creator,
       NOW(), 0, UUID(), status FROM obs WHERE uuid = ?`,
    [template.obs_uuid],
  );
  const [added] = await query<{ uuid: string }>(source, 'SELECT uuid FROM obs ORDER BY obs_id DESC LIMIT 1');
  await query(
    source,
    "UPDATE encounter SET voided = 1, voided_by = 1, date_voided = NOW(), void_reason = 'test' WHERE uuid = ?",
    [pickup.encounter_uuid],
  );
  await query(source, 'UPDATE person SET birthdate = birthdate - INTERVAL 1 DAY, date_changed = NOW() WHERE uuid = ?', [
    person.patient_uuid,
  ]);

  const report = await reconcileMozart2({ sources: [source], central });
  expect(table(report, 'observation')).toMatchObject({ missing: 1, extra: 1, differing: 0 });
  expect(table(report, 'observation').samples).toMatchObject({ missing: [added.uuid], extra: [voided.obs_uuid] });
  expect(table(report, 'form')).toMatchObject({ missing: 0, extra: 1, differing: 0 });
  expect(table(report, 'form').samples.extra).toEqual([pickup.encounter_uuid]);
  expect(table(report, 'medication')).toMatchObject({ missing: 0, extra: Number(pickup.n), differing: 0 });
  expect(table(report, 'patient')).toMatchObject({ missing: 0, extra: 0, differing: 1 });
  expect(table(report, 'identifier').matches).toBe(true);

  const result = await extract();
  expect(result.runs[0]).toMatchObject({ status: 'success', mode: 'incremental' });
  expect(result.runs[0].changedPatients).toBeLessThan(50);
  expect(result.runs[0].rows.observation!.deleted).toBeGreaterThanOrEqual(1);
  expect((await reconcileMozart2({ sources: [source], central })).ok).toBe(true);
  const stale = await query(
    central,
    'SELECT 1 FROM observation WHERE obs_uuid = ? UNION ALL SELECT 1 FROM form WHERE encounter_uuid = ?',
    [voided.obs_uuid, pickup.encounter_uuid],
  );
  expect(stale).toEqual([]);
});

test('a run that fails part-way leaves the central tables as they were, is recorded, and a retry succeeds', async () => {
  const [obs] = await query<{ obs_uuid: string }>(central, 'SELECT obs_uuid FROM observation LIMIT 1');
  await query(
    source,
    "UPDATE obs SET voided = 1, voided_by = 1, date_voided = NOW(), void_reason = 'test' WHERE uuid = ?",
    [obs.obs_uuid],
  );
  const before = await checksums(central);
  const failed = await extract({
    onProgress: (p) => {
      if (p.table === 'medication') throw new Error('simulated crash while loading medication');
    },
  });
  expect(failed.ok).toBe(false);
  expect(failed.runs[0]).toMatchObject({ status: 'failed', error: 'simulated crash while loading medication' });
  expect(await checksums(central)).toEqual(before);
  const [last] = await query<{ status: string; error: string }>(
    central,
    'SELECT status, error FROM extract_run ORDER BY run_id DESC LIMIT 1',
  );
  expect(last).toEqual({ status: 'failed', error: 'simulated crash while loading medication' });

  const retry = await extract();
  expect(retry.runs[0].status).toBe('success');
  expect((await reconcileMozart2({ sources: [source], central })).ok).toBe(true);
  expect(await query(central, 'SELECT 1 FROM observation WHERE obs_uuid = ?', [obs.obs_uuid])).toEqual([]);
});

test('a facility that is unreachable or lacks metadata fails alone, named; the others are extracted', async () => {
  bare = await createTestDatabase('m2bare');
  const missing = uniqueName('m2absent');
  const result = await extractMozart2({ sources: [missing, bare, source], central });
  expect(result.ok).toBe(false);
  expect(result.runs.map((r) => r.status)).toEqual(['failed', 'failed', 'success']);
  expect(result.runs[0].error).toMatch(new RegExp(`Cannot connect to database ${missing}.*Unknown database`));
  expect(result.runs[1].error).toMatch(new RegExp(`${bare} lacks org\\.openmrs\\.\\w+ [0-9a-f-]{36}`));
  const failed = await query<{ source_database: string; error: string }>(
    central,
    "SELECT source_database, error FROM extract_run WHERE status = 'failed' AND source_database IN (?, ?)",
    [missing, bare],
  );
  expect(failed.map((r) => r.source_database).sort()).toEqual([missing, bare].sort());
  const report = await reconcileMozart2({ sources: [source, bare], central });
  expect(report.facilities.map((f) => f.status)).toEqual(['match', 'failed']);
});
