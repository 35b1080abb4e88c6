import fs from 'node:fs';
import path from 'node:path';
import type mysql from 'mysql2/promise';
import { connect } from '@poc-emr/db';
import { createTestDatabase, dropDatabase } from '@poc-emr/db/src/testing';
import {
  ampathFormUuid,
  DEFAULT_CONFIG_DIR,
  formatIssue,
  loadMetadata,
  validateConfiguration,
  type LoadSummary,
} from '../src';
import { checksums, LOADED_TABLES, query } from './db';

// Guards distro/configuration itself: it must validate, and load into EPTS-shaped ids.

const FILA = 'e279133c-1d5f-11e0-b929-000c29ad1d07';
const databases: string[] = [];
let database: string;
let conn: mysql.Connection;
let summary: LoadSummary;

beforeAll(async () => {
  database = await createTestDatabase('md');
  databases.push(database);
  const startedAt = Date.now();
  summary = await loadMetadata(database);
  const rows = Object.values(summary.tables).reduce((n, c) => n + c.inserted, 0);
  const seconds = (Date.now() - startedAt) / 1000;
  console.log(`loaded ${rows} rows in ${seconds.toFixed(1)} s (${Math.round(rows / seconds)} rows/s)`);
  conn = await connect({ database });
});

afterAll(async () => {
  await conn?.end();
  for (const name of databases) await dropDatabase(name);
});

test('distro/configuration has no issues', () => {
  expect(validateConfiguration(DEFAULT_CONFIG_DIR).map(formatIssue)).toEqual([]);
});

test('encounter type 18 is FILA, program 2 is TARV', async () => {
  expect(await query(conn, 'SELECT uuid FROM encounter_type WHERE encounter_type_id = 18')).toEqual([{ uuid: FILA }]);
  expect(await query(conn, 'SELECT uuid FROM program WHERE program_id = 2')).toEqual([
    { uuid: 'efe2481f-9e75-4515-8d5a-86bfde2b5ad3' },
  ]);
});

test('concept 5096 (next pickup) has a Portuguese fully specified name', async () => {
  expect(await query(conn, 'SELECT uuid FROM concept WHERE concept_id = 5096')).toEqual([
    { uuid: 'e1e2efd8-1d5f-11e0-b929-000c29ad1d07' },
  ]);
  const names = await query(
    conn,
    "SELECT name FROM concept_name WHERE concept_id = 5096 AND locale = 'pt' AND concept_name_type = 'FULLY_SPECIFIED' AND locale_preferred = 1 AND voided = 0",
  );
  expect(names).toHaveLength(1);
});

test('workflow 2 and its states as in EPTS', async () => {
  expect(await query(conn, 'SELECT program_id, uuid FROM program_workflow WHERE program_workflow_id = 2')).toEqual([
    { program_id: 2, uuid: 'a59bd818-d2f0-4a9a-a2f2-0a54af4ce04e' },
  ]);
  const states = await query(
    conn,
    `SELECT program_workflow_state_id AS id, concept_id, initial, terminal, uuid FROM program_workflow_state
      WHERE program_workflow_id = 2 AND program_workflow_state_id IN (7, 8, 9, 10, 29) ORDER BY 1`,
  );
  expect(states).toEqual([
    { id: 7, concept_id: 1706, initial: 0, terminal: 0, uuid: '9f2f86e9-303c-4b98-a6ae-37e8806a6f47' },
    { id: 8, concept_id: 1709, initial: 0, terminal: 0, uuid: '05cf5297-12ed-4f6b-8c21-70d8ae04e09f' },
    { id: 9, concept_id: 1707, initial: 0, terminal: 0, uuid: '06124f77-4a49-49f8-8655-fa1fe5262936' },
    { id: 10, concept_id: 1366, initial: 0, terminal: 1, uuid: 'fcad8a57-2a1a-4abd-84b7-935897e4fe06' },
    { id: 29, concept_id: 1369, initial: 1, terminal: 0, uuid: 'ef06e6df-6026-4d5a-88f9-b2c3e0495dc8' },
  ]);
});

test('identifier type 2 is the NID with its format', async () => {
  const [nid] = await query(
    conn,
    'SELECT uuid, format FROM patient_identifier_type WHERE patient_identifier_type_id = 2',
  );
  expect(nid.uuid).toBe('e2b966d0-1d5f-11e0-b929-000c29ad1d07');
  expect(new RegExp(`^${nid.format}$`).test('0101040601/2025/00001')).toBe(true);
});

test('a facility has its Health Facility Code and the Login Location tag', async () => {
  const rows = await query(
    conn,
    `SELECT a.value_reference AS code FROM location l
       JOIN location_attribute a ON a.location_id = l.location_id AND a.voided = 0
       JOIN location_attribute_type t ON t.location_attribute_type_id = a.attribute_type_id AND t.name = 'Health Facility Code'
       JOIN location_tag_map m ON m.location_id = l.location_id
       JOIN location_tag g ON g.location_tag_id = m.location_tag_id AND g.name = 'Login Location'`,
  );
  expect(rows.length).toBeGreaterThan(0);
  expect(rows[0].code).toMatch(/^\d{7}$/);
});

test('roles have privileges', async () => {
  const rows = await query(conn, "SELECT COUNT(*) AS n FROM role_privilege WHERE role = 'Clinician'");
  expect(Number(rows[0].n)).toBeGreaterThan(5);
});

test('a coded concept offers YES and NO', async () => {
  const rows = await query(
    conn,
    `SELECT ca.concept_id FROM concept_answer ca JOIN concept q ON q.concept_id = ca.concept_id
       JOIN concept_datatype d ON d.concept_datatype_id = q.datatype_id AND d.name = 'Coded'
      WHERE ca.answer_concept IN (1065, 1066) GROUP BY ca.concept_id HAVING COUNT(*) = 2`,
  );
  expect(rows.length).toBeGreaterThan(0);
});

test('every O3 form of ampathforms is where Initializer puts it, with its encounter type and schema', async () => {
  const folder = path.join(DEFAULT_CONFIG_DIR, 'ampathforms');
  const files = fs.readdirSync(folder).filter((f) => f.endsWith('.json'));
  expect(files.length).toBeGreaterThanOrEqual(5);
  for (const file of files) {
    const json = fs.readFileSync(path.join(folder, file), 'utf8');
    const schema = JSON.parse(json) as { name: string; version: string; encounter: string };
    const [form] = await query(
      conn,
      `SELECT f.name AS form, f.published, et.name AS encounter_type, r.name, r.datatype, c.value FROM form f
         JOIN encounter_type et ON et.encounter_type_id = f.encounter_type
         JOIN form_resource r ON r.form_id = f.form_id
         JOIN clob_datatype_storage c ON c.uuid = r.value_reference WHERE f.uuid = ?`,
      [ampathFormUuid(schema.name, schema.version)],
    );
    expect(form).toEqual({
      form: schema.name,
      published: 1,
      encounter_type: schema.encounter,
      name: 'JSON schema',
      datatype: 'AmpathJsonSchema',
      value: json,
    });
  }
});

test('order frequencies are named by Frequency concepts', async () => {
  const rows = await query(
    conn,
    `SELECT f.frequency_per_day AS perDay, n.name FROM order_frequency f
       JOIN concept c ON c.concept_id = f.concept_id JOIN concept_class k ON k.concept_class_id = c.class_id AND k.name = 'Frequency'
       JOIN concept_name n ON n.concept_id = c.concept_id AND n.locale = 'pt' AND n.concept_name_type = 'FULLY_SPECIFIED'
      WHERE f.retired = 0 ORDER BY f.frequency_per_day, n.name`,
  );
  expect(rows).toContainEqual({ perDay: 2, name: 'Duas vezes por dia' });
  expect(rows.length).toBeGreaterThanOrEqual(5);
});

test('loading twice changes nothing', async () => {
  const before = await checksums(database, LOADED_TABLES);
  const second = await loadMetadata(database);
  expect(await checksums(database, LOADED_TABLES)).toEqual(before);
  const changes = Object.values(second.domains).reduce((n, c) => n + c.inserted + c.updated + c.removed, 0);
  expect(changes).toBe(0);
});

test('shuffled ids keep the FILA form on the FILA encounter type', async () => {
  const shuffled = await createTestDatabase('md');
  databases.push(shuffled);
  const result = await loadMetadata(shuffled, { ids: { shuffleSeed: 7 } });
  const fila = result.ids.get(FILA)!;
  expect(fila).not.toBe(18);
  const other = await connect({ database: shuffled });
  try {
    expect(
      await query(other, "SELECT encounter_type FROM form WHERE uuid = '49857ace-1a92-4980-8313-1067714df151'"),
    ).toEqual([{ encounter_type: fila }]);
  } finally {
    await other.end();
  }
});
