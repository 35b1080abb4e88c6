import crypto from 'node:crypto';
import { connect } from '@poc-emr/db';
import { createTestDatabase, dropDatabase } from '@poc-emr/db/src/testing';
import { loadMetadata } from '@poc-emr/metadata';
import { createServer, type RunningServer } from '@poc-emr/dev-backend';
import type { Connection, ResultSetHeader } from 'mysql2/promise';
import {
  addDays,
  buildFila,
  buildFilt,
  filaEdits,
  FILA_METADATA,
  type Dispensation,
  type DispenseMode,
  type SavedObs,
} from '../src';
import { engineReading } from './engine-reads';

// The contract: a FILA built here and posted through OpenMRS REST is read by the report engine as the
// pharmacist meant it — the patient in TX_CURR with the MMD band of the supply, and the regimen, drug,
// quantity and dates in the MozART 2 medication table. Both writers (the pharmacy app, the iDART bridge)
// post what buildFila gives; test/engine-reads.ts is shared with the bridge's tests.

const HD_MANHICA = '88d8abfb-572b-541f-908f-a54d685cb021';
const TLD = '443a0e53-122d-4712-a8fa-71c092a23663';
const ABC_3TC = '4581372f-f572-448f-a771-7fcecdf44115';
const DTG_10 = '17b505a0-0b0a-46bd-9fac-c02aaf6512ae';
const REGIMEN = { TLD: 'e3f6bb60-e2cf-46cb-a9da-27d634ba8607', ABC_3TC_DTG: 'af15246d-30b8-4aff-8391-ca2b58e2c88b' };
const ADMIN = `Basic ${Buffer.from('admin:Admin123').toString('base64')}`;

let database: string;
let conn: Connection;
let server: RunningServer;
const today = new Date(Date.now() + 2 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  database = await createTestDatabase('fila');
  await loadMetadata(database);
  conn = await connect({ database });
  server = await createServer({ database });
});
afterAll(async () => {
  await server?.close();
  await conn?.end();
  await dropDatabase(database);
});

async function patient(): Promise<{ id: number; uuid: string }> {
  const uuid = crypto.randomUUID();
  const [person] = await conn.query<ResultSetHeader>(
    "INSERT INTO person (gender, birthdate, creator, date_created, uuid) VALUES ('M', '1990-01-01', 1, NOW(), ?)",
    [uuid],
  );
  await conn.query('INSERT INTO patient (patient_id, creator, date_created) VALUES (?, 1, NOW())', [person.insertId]);
  return { id: person.insertId, uuid };
}

async function post(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}/ws/rest/v1/${path}`, {
    method: 'POST',
    headers: { authorization: ADMIN, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function savedObs(encounterUuid: string): Promise<SavedObs[]> {
  const rep = 'custom:(uuid,obs:(uuid,concept:(uuid),value,groupMembers:(uuid,concept:(uuid),value)))';
  const response = await fetch(`${server.url}/ws/rest/v1/encounter/${encounterUuid}?v=${rep}`, {
    headers: { authorization: ADMIN },
  });
  return ((await response.json()) as { obs: SavedObs[] }).obs;
}

function dispensation(p: { uuid: string }, mode: DispenseMode, days: number, extra: Partial<Dispensation> = {}) {
  const pickup = addDays(today, -3);
  return {
    uuid: crypto.randomUUID(),
    patientUuid: p.uuid,
    locationUuid: HD_MANHICA,
    pickupDatetime: pickup,
    nextPickupDate: addDays(pickup, days),
    regimenUuid: REGIMEN.TLD,
    dispenseMode: mode,
    drugs: [{ drugUuid: TLD, quantity: days, posology: 'Tomar 1 comp 1 vez por dia' }],
    ...extra,
  } satisfies Dispensation;
}

test('monthly, quarterly (DT) and semi-annual (DS) FILAs: in TX_CURR with their MMD band, regimen and drugs read', async () => {
  const cases = [
    { mode: 'monthly', days: 30, band: '<3' },
    { mode: 'quarterly', days: 90, band: '3-5' },
    { mode: 'semiannual', days: 180, band: '6+' },
  ] as const;
  const written = [];
  for (const c of cases) {
    const p = await patient();
    const d = dispensation(p, c.mode, c.days);
    // The app's shape: an ISO date-time with offset; the bridge's: the day at midnight.
    if (c.mode === 'monthly') d.pickupDatetime = `${d.pickupDatetime}T09:15:00.000+0200`;
    const answer = await post('encounter', buildFila(d));
    expect(answer.status).toBe(201);
    written.push({ ...c, p, d });
  }
  const reading = await engineReading(database, today);
  for (const { p, d, band } of written) {
    expect(reading.txCurr.get(p.id)).toBe(band);
    expect(reading.medication.get(d.uuid)).toEqual({
      regimen: d.regimenUuid,
      drug: TLD,
      quantity: d.drugs[0].quantity,
      pickup: d.pickupDatetime.slice(0, 10),
      nextPickup: d.nextPickupDate,
    });
  }
});

test('a two-drug regimen: one drug group per drug, the regimen and the first drug read', async () => {
  const p = await patient();
  const d = dispensation(p, 'monthly', 30, {
    regimenUuid: REGIMEN.ABC_3TC_DTG,
    drugs: [
      { drugUuid: ABC_3TC, quantity: 60, posology: 'Tomar 2 comp 1 vez por dia' },
      { drugUuid: DTG_10, quantity: 90, posology: 'Tomar 3 comp 1 vez por dia' },
    ],
  });
  expect((await post('encounter', buildFila(d))).status).toBe(201);
  const [groups] = (await conn.query(
    `SELECT d.uuid AS drug, q.value_numeric AS quantity, t.value_text AS posology FROM obs g
     JOIN obs f ON f.obs_group_id = g.obs_id AND f.concept_id = (SELECT concept_id FROM concept WHERE uuid = ?)
     JOIN drug d ON d.drug_id = f.value_drug
     JOIN obs q ON q.obs_group_id = g.obs_id AND q.concept_id = (SELECT concept_id FROM concept WHERE uuid = ?)
     JOIN obs t ON t.obs_group_id = g.obs_id AND t.concept_id = (SELECT concept_id FROM concept WHERE uuid = ?)
     WHERE g.encounter_id = (SELECT encounter_id FROM encounter WHERE uuid = ?) ORDER BY g.obs_id`,
    [
      FILA_METADATA.concepts.drugFormulation,
      FILA_METADATA.concepts.quantity,
      FILA_METADATA.concepts.drugPosology,
      d.uuid,
    ],
  )) as unknown as [unknown[]];
  expect(groups).toEqual([
    { drug: ABC_3TC, quantity: 60, posology: 'Tomar 2 comp 1 vez por dia' },
    { drug: DTG_10, quantity: 90, posology: 'Tomar 3 comp 1 vez por dia' },
  ]);
  const reading = await engineReading(database, today);
  expect(reading.txCurr.get(p.id)).toBe('<3');
  expect(reading.medication.get(d.uuid)).toMatchObject({ regimen: REGIMEN.ABC_3TC_DTG, quantity: 60 });
});

test('the same FILA posted twice makes one encounter; a voided FILA no longer counts', async () => {
  const p = await patient();
  const fila = buildFila(dispensation(p, 'monthly', 30));
  expect((await post('encounter', fila)).status).toBe(201);
  expect((await post('encounter', fila)).status).toBe(400);
  const [[{ n }]] = (await conn.query('SELECT COUNT(*) AS n FROM encounter WHERE patient_id = ?', [
    p.id,
  ])) as unknown as [[{ n: number }]];
  expect(Number(n)).toBe(1);
  expect((await engineReading(database, today)).txCurr.has(p.id)).toBe(true);
  const voided = await fetch(`${server.url}/ws/rest/v1/encounter/${fila.uuid}?reason=erro`, {
    method: 'DELETE',
    headers: { authorization: ADMIN },
  });
  expect(voided.status).toBe(204);
  expect((await engineReading(database, today)).txCurr.has(p.id)).toBe(false);
});

test('a FILT is saved with the TPT regimen, where the patient is in the treatment and the next TPT date', async () => {
  const p = await patient();
  const filt = buildFilt({
    uuid: crypto.randomUUID(),
    patientUuid: p.uuid,
    locationUuid: HD_MANHICA,
    pickupDatetime: addDays(today, -1),
    regimen: '3hp',
    dispensationType: 'monthly',
    patientType: 'start',
    nextDate: addDays(today, 29),
  });
  expect((await post('encounter', filt)).status).toBe(201);
  const [obs] = (await conn.query(
    `SELECT c.uuid AS concept, COALESCE(a.uuid, DATE_FORMAT(o.value_datetime, '%Y-%m-%d')) AS value FROM obs o
     JOIN concept c ON c.concept_id = o.concept_id LEFT JOIN concept a ON a.concept_id = o.value_coded
     WHERE o.encounter_id = (SELECT encounter_id FROM encounter WHERE uuid = ?) ORDER BY o.obs_id`,
    [filt.uuid],
  )) as unknown as [unknown[]];
  expect(obs).toEqual(filt.obs.map((o) => ({ concept: o.concept, value: o.value })));
});

test('a FILA edited in place (quantity, next pickup, model): new obs versions, read as edited, a retry changes nothing', async () => {
  const p = await patient();
  const d = dispensation(p, 'monthly', 30);
  expect((await post('encounter', buildFila(d))).status).toBe(201);
  const edited: Dispensation = {
    ...d,
    dispenseMode: 'quarterly',
    nextPickupDate: addDays(d.pickupDatetime, 90),
    drugs: [{ ...d.drugs[0], quantity: 90 }],
  };
  const edits = filaEdits(await savedObs(d.uuid), buildFila(edited));
  // The top-level quantity, next pickup and model, and the drug group's quantity; nothing else.
  expect(edits.map((e) => e.value).sort()).toEqual(
    [90, 90, edited.nextPickupDate, FILA_METADATA.dispenseModes.quarterly].sort(),
  );
  for (const edit of edits) expect((await post(`obs/${edit.obsUuid}`, { value: edit.value })).status).toBe(200);

  // Read again (a retry after a lost answer does this): nothing left to change.
  expect(filaEdits(await savedObs(d.uuid), buildFila(edited))).toEqual([]);
  const [rows] = (await conn.query(
    `SELECT o.voided, o.void_reason, o.previous_version IS NOT NULL AS versioned, o.obs_group_id IS NOT NULL AS grouped
     FROM obs o JOIN encounter e ON e.encounter_id = o.encounter_id WHERE e.uuid = ? ORDER BY o.obs_id`,
    [d.uuid],
  )) as unknown as [Array<{ voided: number; void_reason: string | null; versioned: number; grouped: number }>];
  const current = rows.filter((r) => !r.voided);
  expect(current).toHaveLength(10);
  expect(current.filter((r) => r.versioned)).toHaveLength(4);
  expect(rows.filter((r) => r.voided).map((r) => r.void_reason)).toEqual(Array(4).fill('REST web service'));
  // The edited quantity stays in its drug group.
  expect(current.filter((r) => r.versioned && r.grouped)).toHaveLength(1);

  const reading = await engineReading(database, today);
  expect(reading.txCurr.get(p.id)).toBe('3-5');
  expect(reading.medication.get(d.uuid)).toMatchObject({ quantity: 90, nextPickup: edited.nextPickupDate });

  // Another regimen is not an edit: its drugs are not the FILA's.
  const otherRegimen = {
    ...edited,
    regimenUuid: REGIMEN.ABC_3TC_DTG,
    drugs: [{ drugUuid: ABC_3TC, quantity: 60, posology: 'Tomar 2 comp 1 vez por dia' }],
  };
  const saved = await savedObs(d.uuid);
  expect(() => filaEdits(saved, buildFila(otherRegimen))).toThrow(`The saved FILA has no drug group of ${ABC_3TC}`);
});
