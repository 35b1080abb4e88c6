// The MozART 2 output tables (csaude/eptsmozart2, api/src/main/resources/*.sql): same table and
// column names, uuid keys, plus `source_database` on every row so facilities can share one central
// database. Our own DDL, kept to types valid on MySQL 5.7/8.0 and MariaDB 10.3+.

export interface Column {
  name: string;
  type: string;
}

export interface TableDef {
  name: MozartTable;
  /** The natural key within one source database: a uuid (a concept id for observation_lookup). */
  key: string;
  /** Columns in the order the source SELECTs produce them, without id and source_database. */
  columns: Column[];
  /** Rows belong to one patient: incremental runs replace them patient by patient. */
  patientScoped: boolean;
  /** Extra secondary indexes besides the key and (source_database, patient_uuid). */
  indexes?: string[][];
}

export const MOZART_TABLES = [
  'location',
  'observation_lookup',
  'patient',
  'identifier',
  'form',
  'observation',
  'patient_state',
  'medication',
  'laboratory',
  'clinical_consultation',
] as const;
export type MozartTable = (typeof MOZART_TABLES)[number];

const uuid = 'char(38)';
const int = 'int';
const dt = 'datetime';
const col = (spec: string): Column[] =>
  spec
    .trim()
    .split(/\s*,\s*/)
    .map((c) => {
      const [name, type] = c.split(/\s+/);
      return { name, type: { uuid, int, dt, date: 'date', dbl: 'double', bool: 'tinyint(1)' }[type] ?? type };
    });

/** The encounter columns MozART repeats on every encounter-based table. */
const ENCOUNTER = col(
  'encounter_uuid uuid, encounter_date date, form_id int, encounter_type int, patient_uuid uuid, ' +
    'encounter_created_date dt, encounter_change_date dt, location_uuid uuid',
);

export const TABLES: Record<MozartTable, TableDef> = {
  location: {
    name: 'location',
    key: 'location_uuid',
    patientScoped: false,
    columns: col(
      'location_id int, location_uuid uuid, sisma_id varchar(50), datim_id varchar(50), sisma_hdd_id varchar(50), ' +
        'name varchar(255), province_name varchar(255), province_district varchar(255), selected bool',
    ),
  },
  observation_lookup: {
    name: 'observation_lookup',
    key: 'concept_id',
    patientScoped: false,
    columns: col('concept_id int, concept_name varchar(255)'),
  },
  patient: {
    name: 'patient',
    key: 'patient_uuid',
    patientScoped: true,
    columns: col(
      'patient_id int, patient_uuid uuid, sex char(2), birthdate date, birthdate_estimated bool, date_created date',
    ),
  },
  identifier: {
    name: 'identifier',
    key: 'identifier_uuid',
    patientScoped: true,
    columns: col(
      'patient_uuid uuid, identifier_type int, identifier_value varchar(255), preferred bool, identifier_uuid uuid',
    ),
  },
  form: {
    name: 'form',
    key: 'encounter_uuid',
    patientScoped: true,
    columns: col(
      'encounter_id int, encounter_uuid uuid, form_id int, encounter_type int, patient_uuid uuid, ' +
        'created_date date, encounter_date dt, change_date dt, location_uuid uuid',
    ),
  },
  observation: {
    name: 'observation',
    key: 'obs_uuid',
    patientScoped: true,
    columns: [
      ...ENCOUNTER,
      ...col(
        'concept_id int, observation_date dt, value_numeric dbl, value_concept_id int, value_text text, ' +
          'value_datetime dt, obs_uuid uuid',
      ),
    ],
  },
  patient_state: {
    name: 'patient_state',
    key: 'state_uuid',
    patientScoped: true,
    columns: col(
      'patient_uuid uuid, program_id int, program_enrollment_date dt, program_completed_date dt, ' +
        'location_uuid uuid, enrollment_uuid uuid, encounter_uuid uuid, source_id int, state_id int, ' +
        'state_date date, created_date dt, state_uuid uuid',
    ),
  },
  medication: {
    name: 'medication',
    key: 'medication_uuid',
    patientScoped: true,
    columns: [
      ...ENCOUNTER,
      ...col(
        'regimen_id int, formulation_id int, quantity_prescribed dbl, dosage text, medication_pickup_date dt, ' +
          'next_pickup_date dt, mode_dispensation_id int, med_sequence_id int, type_dispensation_id int, ' +
          'alternative_line_id int, reason_change_regimen_id int, med_side_effects_id int, adherence_id int, ' +
          'medication_uuid uuid',
      ),
    ],
  },
  laboratory: {
    name: 'laboratory',
    key: 'labtest_uuid',
    patientScoped: true,
    columns: [
      ...ENCOUNTER,
      ...col(
        'lab_test_id int, request int, order_date dt, sample_collection_date dt, result_report_date dt, ' +
          'result_qualitative_id int, result_numeric dbl, result_units varchar(255), result_comment varchar(255), ' +
          'specimen_type_id int, labtest_uuid uuid',
      ),
    ],
  },
  clinical_consultation: {
    name: 'clinical_consultation',
    key: 'encounter_uuid',
    patientScoped: true,
    columns: [
      ...ENCOUNTER,
      ...col(
        'consultation_date date, scheduled_date date, bp_diastolic dbl, bp_systolic dbl, who_staging int, ' +
          'weight dbl, height dbl, arm_circumference dbl, nutritional_grade int',
      ),
    ],
  },
};

export const q = (name: string): string => `\`${name.replace(/`/g, '``')}\``;

/** The key, unique per facility, and the patient index incremental runs delete by. */
export function secondaryIndexes(t: TableDef): Array<{ name: string; unique: boolean; columns: string[] }> {
  const list = [{ name: `${t.name}_source_key`, unique: true, columns: ['source_database', t.key] }];
  if (t.patientScoped)
    list.push({ name: `${t.name}_patient`, unique: false, columns: ['source_database', 'patient_uuid'] });
  for (const cols of t.indexes ?? []) list.push({ name: `${t.name}_${cols.join('_')}`, unique: false, columns: cols });
  return list;
}

export function indexClause(i: { name: string; unique: boolean; columns: string[] }): string {
  return `${i.unique ? 'UNIQUE ' : ''}KEY ${q(i.name)} (${i.columns.map(q).join(', ')})`;
}

export function createTableSql(t: TableDef): string {
  const cols = t.columns.map((c) => `${q(c.name)} ${c.type} ${c.name === t.key ? 'NOT NULL' : 'NULL'}`);
  return (
    `CREATE TABLE IF NOT EXISTS ${q(t.name)} (\n  id int NOT NULL AUTO_INCREMENT,\n  ` +
    [...cols, 'source_database varchar(64) NOT NULL', 'PRIMARY KEY (id)', ...secondaryIndexes(t).map(indexClause)].join(
      ',\n  ',
    ) +
    `\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`
  );
}

/** One row per run and source: the watermark of the last successful run drives the next incremental one. */
export const EXTRACT_RUN_SQL = `CREATE TABLE IF NOT EXISTS extract_run (
  run_id int NOT NULL AUTO_INCREMENT,
  source_database varchar(64) NOT NULL,
  mode varchar(16) NOT NULL,
  started datetime NOT NULL,
  finished datetime NULL,
  status varchar(16) NOT NULL,
  watermark datetime NULL,
  key_fingerprint char(16) NULL,
  rows_per_table text NULL,
  error text NULL,
  PRIMARY KEY (run_id),
  KEY extract_run_source (source_database, status, run_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`;
