import type mysql from 'mysql2/promise';
import { connect } from '@poc-emr/db';
import { createTestDatabase, dropDatabase } from '@poc-emr/db/src/testing';
import { InvalidConfigurationError, loadMetadata, type LoadSummary } from '../src';
import { checksums, LOADED_TABLES, query } from './db';
import { FIXTURE, fixtureCopy, replace } from './helpers';

const FILA = 'e279133c-1d5f-11e0-b929-000c29ad1d07';
const databases: string[] = [];

async function freshDatabase(): Promise<string> {
  const name = await createTestDatabase('md');
  databases.push(name);
  return name;
}

async function withConnection<T>(database: string, use: (conn: mysql.Connection) => Promise<T>): Promise<T> {
  const conn = await connect({ database });
  try {
    return await use(conn);
  } finally {
    await conn.end();
  }
}

const total = (summary: LoadSummary, kind: 'inserted' | 'updated' | 'removed') =>
  Object.values(summary.domains).reduce((n, c) => n + c[kind], 0);

afterAll(async () => {
  for (const name of databases) await dropDatabase(name);
});

describe('the fixture', () => {
  let database: string;
  let first: LoadSummary;

  beforeAll(async () => {
    database = await freshDatabase();
    first = await loadMetadata(database, { configDir: FIXTURE });
  });

  test('rows with an EPTS id get it, references follow', async () => {
    await withConnection(database, async (conn) => {
      expect(first.ids.get(FILA)).toBe(18);
      expect(
        await query(conn, 'SELECT form_id, encounter_type, creator FROM form WHERE uuid = ?', [
          '49857ace-1a92-4980-8313-1067714df151',
        ]),
      ).toEqual([{ form_id: 130, encounter_type: 18, creator: 1 }]);
      const answers = await query(
        conn,
        'SELECT answer_concept, sort_weight FROM concept_answer WHERE concept_id = 1982 ORDER BY sort_weight',
      );
      expect(answers).toEqual([
        { answer_concept: 1065, sort_weight: 1 },
        { answer_concept: 1066, sort_weight: 2 },
      ]);
      const [set] = await query(
        conn,
        "SELECT concept_id, is_set FROM concept WHERE uuid = 'c1b1f3a0-9c2f-4d0e-8c7e-2b1d8d1c0a01'",
      );
      expect(set.is_set).toBe(1);
      expect(
        await query(conn, 'SELECT concept_id FROM concept_set WHERE concept_set = ? ORDER BY sort_weight', [
          set.concept_id,
        ]),
      ).toEqual([{ concept_id: 856 }, { concept_id: 5096 }]);
      expect(await query(conn, "SELECT parent_role FROM role_role WHERE child_role = 'Clinician'")).toEqual([
        { parent_role: 'Authenticated' },
      ]);
      expect(
        await query(conn, 'SELECT foreign_key FROM person_attribute_type WHERE name = ?', ['Estado Civil']),
      ).toEqual([{ foreign_key: 1065 }]);
    });
  });

  test('a child location listed before its parent gets the parent, its tag and attribute', async () => {
    await withConnection(database, async (conn) => {
      const [chala] = await query(
        conn,
        `SELECT l.location_id, p.name AS parent FROM location l JOIN location p ON p.location_id = l.parent_location WHERE l.name = 'CS Chala'`,
      );
      expect(chala.parent).toBe('Chimbonila');
      expect(
        await query(
          conn,
          'SELECT t.name FROM location_tag_map m JOIN location_tag t USING (location_tag_id) WHERE m.location_id = ?',
          [chala.location_id],
        ),
      ).toEqual([{ name: 'Login Location' }]);
      expect(
        await query(conn, 'SELECT value_reference FROM location_attribute WHERE location_id = ?', [chala.location_id]),
      ).toEqual([{ value_reference: '1010406' }]);
    });
  });

  test('global properties: values set, an existing uuid kept', async () => {
    await withConnection(database, async (conn) => {
      const rows = await query(
        conn,
        "SELECT property, property_value, description FROM global_property WHERE property IN ('default_locale', 'poc.test.property') ORDER BY 1",
      );
      expect(rows).toMatchObject([
        { property: 'default_locale', property_value: 'pt', description: expect.any(String) },
        { property: 'poc.test.property', property_value: 'a & b' },
      ]);
    });
  });

  test('loading twice changes nothing', async () => {
    const before = await checksums(database, LOADED_TABLES);
    const second = await loadMetadata(database, { configDir: FIXTURE });
    expect(await checksums(database, LOADED_TABLES)).toEqual(before);
    expect(total(second, 'inserted')).toBe(0);
    expect(total(second, 'updated')).toBe(0);
    expect(total(second, 'removed')).toBe(0);
    expect(Object.keys(second.tables).every((t) => LOADED_TABLES.includes(t))).toBe(true);
  });

  test('a changed configuration updates only what differs, and removes what is gone', async () => {
    const dir = fixtureCopy({
      'concepts/concepts.csv': (t) =>
        t.replace('e1d81b62-1d5f-11e0-b929-000c29ad1d07;', '').replace(',GRAVIDEZ,', ',GRAVIDA,'),
    });
    const summary = await loadMetadata(database, { configDir: dir });
    expect(summary.tables.concept_name).toMatchObject({ inserted: 0, updated: 1 });
    // NO keeps its row (one uuid per question and answer) and moves up; YES goes.
    expect(summary.tables.concept_answer).toMatchObject({ inserted: 0, updated: 1, removed: 1 });
    await withConnection(database, async (conn) => {
      expect(
        await query(conn, 'SELECT answer_concept, sort_weight FROM concept_answer WHERE concept_id = 1982'),
      ).toEqual([{ answer_concept: 1066, sort_weight: 1 }]);
      expect(await query(conn, "SELECT changed_by FROM concept_name WHERE name = 'GRAVIDA'")).toEqual([
        { changed_by: 1 },
      ]);
    });
  });
});

describe('address hierarchy', () => {
  const ENTRIES = 'addresshierarchy/entries.csv';
  const tree = (database: string) =>
    withConnection(database, (conn) =>
      query(
        conn,
        `SELECT e.name, l.address_field AS field, p.name AS parent FROM address_hierarchy_entry e
           JOIN address_hierarchy_level l ON l.address_hierarchy_level_id = e.level_id
           LEFT JOIN address_hierarchy_entry p ON p.address_hierarchy_entry_id = e.parent_id
          ORDER BY e.address_hierarchy_entry_id`,
      ),
    );

  test('levels are chained top-down with their names; entries get their level, parent and a stable uuid', async () => {
    const database = await freshDatabase();
    const summary = await loadMetadata(database, { configDir: FIXTURE });
    expect(summary.domains.addresshierarchy).toMatchObject({ inserted: 11, updated: 0 });
    await withConnection(database, async (conn) => {
      const levels = await query(
        conn,
        `SELECT l.name, l.address_field, l.required, p.address_field AS above FROM address_hierarchy_level l
           LEFT JOIN address_hierarchy_level p ON p.address_hierarchy_level_id = l.parent_level_id
          ORDER BY l.address_hierarchy_level_id`,
      );
      expect(levels).toEqual([
        { name: 'País', address_field: 'country', required: 1, above: null },
        { name: 'Província', address_field: 'stateProvince', required: 1, above: 'country' },
        { name: 'Distrito', address_field: 'countyDistrict', required: 0, above: 'stateProvince' },
        { name: 'Posto Administrativo', address_field: 'address2', required: 0, above: 'countyDistrict' },
      ]);
    });
    expect(await tree(database)).toEqual([
      { name: 'Moçambique', field: 'country', parent: null },
      { name: 'Niassa', field: 'stateProvince', parent: 'Moçambique' },
      { name: 'Chimbonila', field: 'countyDistrict', parent: 'Niassa' },
      { name: 'Cuamba', field: 'countyDistrict', parent: 'Niassa' },
      { name: 'Chimbonila-Sede', field: 'address2', parent: 'Chimbonila' },
      { name: 'Lione', field: 'address2', parent: 'Chimbonila' },
      { name: 'Etatara', field: 'address2', parent: 'Cuamba' },
    ]);
    const again = await freshDatabase();
    await loadMetadata(again, { configDir: FIXTURE });
    const uuids = (name: string) =>
      withConnection(name, (conn) => query(conn, 'SELECT uuid FROM address_hierarchy_entry ORDER BY uuid'));
    expect(await uuids(again)).toEqual(await uuids(database));
  });

  test('an entry gone from the file is deleted with its descendants; a new one is added', async () => {
    const database = await freshDatabase();
    await loadMetadata(database, { configDir: FIXTURE });
    const dir = fixtureCopy({
      [ENTRIES]: (t) =>
        t
          .split('\n')
          .filter((line) => !line.includes('Cuamba'))
          .join('\n') + 'Moçambique,Niassa,Lago\n',
    });
    const summary = await loadMetadata(database, { configDir: dir });
    expect(summary.tables.address_hierarchy_entry).toMatchObject({ inserted: 1, updated: 0, removed: 1 });
    expect((await tree(database)).map((e) => e.name)).toEqual([
      'Moçambique',
      'Niassa',
      'Chimbonila',
      'Chimbonila-Sede',
      'Lione',
      'Lago',
    ]);
  });
});

test('shuffled ids: EPTS ids are replaced, references stay consistent', async () => {
  const database = await freshDatabase();
  const summary = await loadMetadata(database, { configDir: FIXTURE, ids: { shuffleSeed: 7 } });
  const fila = summary.ids.get(FILA)!;
  expect(fila).not.toBe(18);
  await withConnection(database, async (conn) => {
    expect(await query(conn, 'SELECT encounter_type_id FROM encounter_type WHERE uuid = ?', [FILA])).toEqual([
      { encounter_type_id: fila },
    ]);
    const [form] = await query(conn, "SELECT form_id, encounter_type FROM form WHERE name = 'FILA'");
    expect(form.encounter_type).toBe(fila);
    expect(form.form_id).not.toBe(130);
    const [answer] = await query(
      conn,
      `SELECT q.uuid AS question, a.uuid AS answer FROM concept_answer ca
         JOIN concept q ON q.concept_id = ca.concept_id JOIN concept a ON a.concept_id = ca.answer_concept
        WHERE ca.sort_weight = 1 AND q.uuid = 'e1e056a6-1d5f-11e0-b929-000c29ad1d07'`,
    );
    expect(answer.answer).toBe('e1d81b62-1d5f-11e0-b929-000c29ad1d07');
    expect(
      await query(conn, 'SELECT COUNT(*) AS n FROM concept WHERE concept_id IN (1065, 1066, 1982, 5096, 856)'),
    ).toEqual([{ n: 0 }]);
  });
  // The same seed gives the same ids.
  const again = await freshDatabase();
  expect((await loadMetadata(again, { configDir: FIXTURE, ids: { shuffleSeed: 7 } })).ids.get(FILA)).toBe(fila);
});

test('a failing load leaves the database unchanged', async () => {
  const database = await freshDatabase();
  await loadMetadata(database, { configDir: FIXTURE });
  // Another uuid already holds the EPTS id that a new row wants.
  await withConnection(database, (conn) =>
    conn.query(
      "INSERT INTO visit_type (visit_type_id, name, creator, date_created, uuid) VALUES (17, 'Outra', 1, NOW(), '0b7e0f6a-2a3c-4c55-9d0b-1a2b3c4d5e6f')",
    ),
  );
  const before = await checksums(database, LOADED_TABLES);
  const dir = fixtureCopy({
    'visittypes/visittypes.csv': (t) => `${t}16e8e70e-71a9-4ba7-9138-dfaae88a6969,false,MASTER CARD,Master card,17\n`,
    'concepts/concepts.csv': replace(',GRAVIDEZ,', ',GRAVIDA,'),
  });
  await expect(loadMetadata(database, { configDir: dir })).rejects.toThrow(
    'visit_type: visit_type_id 17 is already used by uuid 0b7e0f6a-2a3c-4c55-9d0b-1a2b3c4d5e6f, so it cannot be given to uuid 16e8e70e-71a9-4ba7-9138-dfaae88a6969',
  );
  expect(await checksums(database, LOADED_TABLES)).toEqual(before);
});

test('an invalid configuration is refused before touching the database', async () => {
  const dir = fixtureCopy({ 'forms/forms.csv': replace(',true,130', ',sim,130') });
  const error = await loadMetadata('no_such_database', { configDir: dir }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidConfigurationError);
  expect((error as InvalidConfigurationError).message).toContain('forms/forms.csv:2 [Published]: Not a boolean');
});
