import crypto from 'node:crypto';
import type { Connection } from 'mysql2/promise';
import columnFacts from './fixtures/openmrs-2.7-columns.json';
import foreignKeyFacts from './fixtures/openmrs-2.7-foreign-keys.json';
import { connect } from '../src/database';
import { createTestDatabase, dropDatabase } from '../src/testing';

type ColumnFact = { type: string; nullable: boolean; pk: boolean };

describe('OpenMRS 2.7.x schema', () => {
  let name: string;
  let conn: Connection;

  beforeAll(async () => {
    name = await createTestDatabase('schema');
    conn = await connect({ database: name });
  });
  afterAll(async () => {
    await conn.end();
    await dropDatabase(name);
  });

  async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const [result] = await conn.query(sql, params);
    return result as T[];
  }

  it('has every table and column of the facts, with the same type, nullability and primary key', async () => {
    const columns = await rows<{ t: string; c: string; type: string; nullable: string; key: string }>(
      `SELECT TABLE_NAME t, COLUMN_NAME c, COLUMN_TYPE type, IS_NULLABLE nullable, COLUMN_KEY \`key\`
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?`,
      [name],
    );
    const actual: Record<string, Record<string, ColumnFact>> = {};
    for (const col of columns) {
      if (col.t.startsWith('liquibase')) continue;
      (actual[col.t] ??= {})[col.c] = { type: col.type, nullable: col.nullable === 'YES', pk: col.key === 'PRI' };
    }
    expect(actual).toEqual(columnFacts);
  });

  it('has the foreign keys of the facts', async () => {
    const fks = await rows<{ table: string; column: string; refTable: string; refColumn: string }>(
      `SELECT TABLE_NAME \`table\`, COLUMN_NAME \`column\`, REFERENCED_TABLE_NAME refTable, REFERENCED_COLUMN_NAME refColumn
         FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME IS NOT NULL`,
      [name],
    );
    const key = (f: { table: string; column: string; refTable: string; refColumn: string }) =>
      `${f.table}.${f.column} -> ${f.refTable}.${f.refColumn}`;
    expect(fks.map(key).sort()).toEqual((foreignKeyFacts as Array<Parameters<typeof key>[0]>).map(key).sort());
  });

  it('is utf8mb4 InnoDB throughout, with a unique uuid on the data tables', async () => {
    const tables = await rows<{ name: string; engine: string; collation: string }>(
      'SELECT TABLE_NAME name, ENGINE engine, TABLE_COLLATION collation FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?',
      [name],
    );
    expect(tables.length).toBe(135);
    for (const t of tables) {
      expect(t.engine).toBe('InnoDB');
      expect(t.collation).toMatch(/^utf8mb4_/);
    }
    for (const table of ['person', 'patient_identifier', 'encounter', 'obs', 'visit', 'concept', 'location']) {
      const unique = await rows<{ INDEX_NAME: string }>(
        `SELECT INDEX_NAME FROM information_schema.STATISTICS
          WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = 'uuid' AND NON_UNIQUE = 0`,
        [name, table],
      );
      expect(unique.length).toBeGreaterThan(0);
    }
  });

  it('keeps the indexes EPTS queries rely on', async () => {
    const indexed = await rows<{ t: string; c: string }>(
      `SELECT DISTINCT TABLE_NAME t, COLUMN_NAME c FROM information_schema.STATISTICS
        WHERE TABLE_SCHEMA = ? AND SEQ_IN_INDEX = 1`,
      [name],
    );
    const has = new Set(indexed.map((i) => `${i.t}.${i.c}`));
    for (const c of [
      'obs.person_id',
      'obs.concept_id',
      'obs.encounter_id',
      'obs.obs_datetime',
      'encounter.patient_id',
      'encounter.encounter_type',
      'encounter.encounter_datetime',
      'patient_state.patient_program_id',
      'patient_program.patient_id',
      'patient_identifier.identifier',
      'person_name.given_name',
      'person_name.family_name',
    ]) {
      expect(has).toContain(c);
    }
  });

  it('has the cohort module indexes under their liquibase names and its Cohort Leader attribute type', async () => {
    const indexes = await rows<{ t: string; i: string; columns: string }>(
      `SELECT TABLE_NAME t, INDEX_NAME i, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) columns
         FROM information_schema.STATISTICS
        WHERE TABLE_SCHEMA = ? AND INDEX_NAME IN ('cohort_location_type_idx', 'cohort_member_dates',
              'cohort_member_start_date', 'cohort_member_end_date')
        GROUP BY TABLE_NAME, INDEX_NAME ORDER BY 1, 2`,
      [name],
    );
    expect(indexes.map((x) => `${x.t}.${x.i}(${x.columns})`)).toEqual([
      'cohort.cohort_location_type_idx(location_id,cohort_type_id)',
      'cohort_member.cohort_member_dates(voided,start_date,end_date)',
      'cohort_member.cohort_member_end_date(end_date)',
      'cohort_member.cohort_member_start_date(start_date)',
    ]);
    const types = await rows<{ name: string }>('SELECT name FROM cohort_member_attribute_type');
    expect(types).toEqual([{ name: 'Cohort Leader' }]);
  });

  it('has the addresshierarchy module indexes under their liquibase names', async () => {
    const indexes = await rows<{ t: string; i: string; unique: number; columns: string }>(
      `SELECT TABLE_NAME t, INDEX_NAME i, MIN(NON_UNIQUE) = 0 \`unique\`, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) columns
         FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME LIKE 'address\\_hierarchy\\_%'
        GROUP BY TABLE_NAME, INDEX_NAME ORDER BY 1, 2`,
      [name],
    );
    expect(indexes.map((x) => `${x.t}.${x.i}(${x.columns})${Number(x.unique) ? ' unique' : ''}`)).toEqual([
      'address_hierarchy_address_to_entry_map.address_id_to_person_address_table(address_id)',
      'address_hierarchy_address_to_entry_map.entry_id_to_address_hierarchy_table(entry_id)',
      'address_hierarchy_address_to_entry_map.PRIMARY(address_to_entry_map_id) unique',
      'address_hierarchy_entry.address_hierarchy_entry_name_idx(name)',
      'address_hierarchy_entry.level_name(level_id,name)',
      'address_hierarchy_entry.parent_name(parent_id,name)',
      'address_hierarchy_entry.PRIMARY(address_hierarchy_entry_id) unique',
      'address_hierarchy_level.address_field_unique(address_field)',
      'address_hierarchy_level.parent_level_id(parent_level_id) unique',
      'address_hierarchy_level.PRIMARY(address_hierarchy_level_id) unique',
    ]);
    // Deleting an entry deletes its descendants (constraint `parent-to-parent`).
    const [rule] = await rows<{ DELETE_RULE: string }>(
      `SELECT DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS
        WHERE CONSTRAINT_SCHEMA = ? AND CONSTRAINT_NAME = 'parent-to-parent'`,
      [name],
    );
    expect(rule.DELETE_RULE).toBe('CASCADE');
  });

  it('seeds the core data: admin with password Admin123 as OpenMRS hashes it, roles and privileges', async () => {
    const [admin] = await rows<{ password: string; salt: string }>(
      "SELECT password, salt FROM users WHERE system_id = 'admin'",
    );
    expect(admin.password).toBe(crypto.createHash('sha512').update(`Admin123${admin.salt}`).digest('hex'));
    const roles = await rows<{ role: string }>('SELECT role FROM role ORDER BY role');
    expect(roles.map((r) => r.role)).toEqual(['Anonymous', 'Authenticated', 'Provider', 'System Developer']);
    const [{ n }] = await rows<{ n: number }>('SELECT COUNT(*) n FROM privilege');
    expect(n).toBe(213);
    const [datatypes] = await rows<{ n: number }>('SELECT COUNT(*) n FROM concept_datatype');
    expect(datatypes.n).toBe(12);
    // EPTS reuses concept ids 1 and 2 and identifier type 2: the core rows that would collide are absent.
    const [{ concepts }] = await rows<{ concepts: number }>('SELECT COUNT(*) concepts FROM concept');
    expect(concepts).toBe(0);
    const types = await rows<{ id: number }>('SELECT patient_identifier_type_id id FROM patient_identifier_type');
    expect(types.map((t) => t.id)).toEqual([1]);
  });
});
