import type { Connection } from 'mysql2/promise';
import { q } from './schema';

/**
 * Patients with any row created, changed or voided at or after the watermark, in any table the
 * extract reads. OpenMRS edits an obs by voiding it and creating a new one, so date_created and
 * date_voided cover obs; a voided patient, encounter or programme is caught by its own dates.
 */
export async function changedPatients(source: Connection, database: string, since: string): Promise<number[]> {
  const s = (t: string) => `${q(database)}.${q(t)}`;
  const changed = (alias: string, withChanged = true) =>
    `(${alias}.date_created >= ? ${withChanged ? `OR ${alias}.date_changed >= ?` : ''} OR ${alias}.date_voided >= ?)`;
  const sql = [
    `SELECT patient_id AS id FROM ${s('patient')} x WHERE ${changed('x')}`,
    `SELECT person_id FROM ${s('person')} x WHERE ${changed('x')}`,
    `SELECT patient_id FROM ${s('patient_identifier')} x WHERE ${changed('x')}`,
    `SELECT patient_id FROM ${s('encounter')} x WHERE ${changed('x')}`,
    `SELECT person_id FROM ${s('obs')} x WHERE ${changed('x', false)}`,
    `SELECT patient_id FROM ${s('patient_program')} x WHERE ${changed('x')}`,
    `SELECT pp.patient_id FROM ${s('patient_state')} x
       JOIN ${s('patient_program')} pp ON pp.patient_program_id = x.patient_program_id WHERE ${changed('x')}`,
  ].join(' UNION ');
  const params = (sql.match(/\?/g) ?? []).map(() => since);
  const [rows] = (await source.query(sql, params)) as unknown as [Array<{ id: number }>];
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/** Person uuids of patients, voided or not: the central rows to replace are found by patient_uuid. */
export async function patientUuids(source: Connection, database: string, ids: readonly number[]): Promise<string[]> {
  if (!ids.length) return [];
  const [rows] = (await source.query(`SELECT uuid FROM ${q(database)}.person WHERE person_id IN (?)`, [
    ids,
  ])) as unknown as [Array<{ uuid: string }>];
  return rows.map((r) => r.uuid);
}
