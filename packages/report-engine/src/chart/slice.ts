import type { Connection, RowDataPacket } from 'mysql2/promise';

// One patient's view of the facility database. The engine's blocks read the clinical tables by their
// plain names (`FROM obs o`); for the length of `withPatientSlice` those names are session-scoped
// temporary tables that hold that patient's rows alone, so every block and rule is evaluated unchanged
// — the same SQL the reports run — in milliseconds instead of over the whole facility. MariaDB resolves
// a temporary table before the base table of the same name, and (unlike MySQL) lets a statement read
// it more than once: the distro's database is MariaDB (docs/install.md).

/** The tables holding a patient's clinical history, in creation order, with the keys the blocks use. */
const SLICED: ReadonlyArray<{ table: string; where: string; keys: string[] }> = [
  { table: 'person', where: 'person_id = ?', keys: ['PRIMARY KEY (person_id)'] },
  { table: 'patient', where: 'patient_id = ?', keys: ['PRIMARY KEY (patient_id)'] },
  {
    table: 'encounter',
    where: 'patient_id = ?',
    keys: ['PRIMARY KEY (encounter_id)', 'KEY (patient_id, encounter_type, encounter_datetime)'],
  },
  {
    table: 'obs',
    where: 'person_id = ?',
    keys: ['PRIMARY KEY (obs_id)', 'KEY (encounter_id, concept_id)', 'KEY (person_id, concept_id)'],
  },
  { table: 'patient_program', where: 'patient_id = ?', keys: ['PRIMARY KEY (patient_program_id)'] },
  {
    table: 'patient_state',
    // read after patient_program is sliced: the patient's enrolments only
    where: 'patient_program_id IN (SELECT patient_program_id FROM patient_program)',
    keys: ['PRIMARY KEY (patient_state_id)', 'KEY (patient_program_id)'],
  },
];

/** Runs `work` with the connection's clinical tables narrowed to one patient; restores them after. */
export async function withPatientSlice<T>(conn: Connection, patientId: number, work: () => Promise<T>): Promise<T> {
  const [[flavour]] = await conn.query<RowDataPacket[]>('SELECT VERSION() AS version');
  if (!/mariadb/i.test(String(flavour.version))) {
    throw new Error(`A one-patient evaluation needs MariaDB (temporary tables read twice); ${flavour.version} is not`);
  }
  const made: string[] = [];
  try {
    for (const { table, where, keys } of SLICED) {
      await conn.query(
        `CREATE TEMPORARY TABLE ${table} (${keys.join(', ')}) SELECT * FROM ${table} WHERE ${where}`,
        where.includes('?') ? [patientId] : [],
      );
      made.push(table);
    }
    return await work();
  } finally {
    // Without this the connection would go on seeing one patient's database.
    if (made.length) await conn.query(`DROP TEMPORARY TABLE IF EXISTS ${made.reverse().join(', ')}`);
  }
}
