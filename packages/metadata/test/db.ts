import type mysql from 'mysql2/promise';
import { connect } from '@poc-emr/db';

export async function query<T = mysql.RowDataPacket>(
  conn: mysql.Connection,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const [rows] = await conn.query<mysql.RowDataPacket[]>(sql, params);
  return rows as T[];
}

/** CHECKSUM TABLE of each table, by name. */
export async function checksums(database: string, tables: string[]): Promise<Record<string, string>> {
  const conn = await connect({ database });
  try {
    const rows = await query<{ Table: string; Checksum: string | number }>(
      conn,
      `CHECKSUM TABLE ${tables.map((t) => `\`${t}\``).join(', ')}`,
    );
    return Object.fromEntries(rows.map((r) => [r.Table.split('.').pop()!, String(r.Checksum)]));
  } finally {
    await conn.end();
  }
}

/** Every table the loader may write. */
export const LOADED_TABLES = [
  'privilege',
  'role',
  'role_role',
  'role_privilege',
  'visit_type',
  'encounter_type',
  'encounter_role',
  'patient_identifier_type',
  'person_attribute_type',
  'relationship_type',
  'location_tag',
  'location_attribute_type',
  'location',
  'location_tag_map',
  'location_attribute',
  'address_hierarchy_level',
  'address_hierarchy_entry',
  'concept_class',
  'concept',
  'concept_name',
  'concept_description',
  'concept_numeric',
  'concept_answer',
  'concept_set',
  'program',
  'program_workflow',
  'program_workflow_state',
  'idgen_identifier_source',
  'idgen_seq_id_gen',
  'idgen_auto_generation_option',
  'drug',
  'order_frequency',
  'form',
  'form_resource',
  'clob_datatype_storage',
  'global_property',
];
