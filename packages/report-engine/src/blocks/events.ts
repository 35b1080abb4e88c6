import type { Terms } from '../terms';
import { sql, table, type Table } from '../sql';

/**
 * Every FILA (pharmacy pickup), whatever the date: the one scan of the encounter table that the
 * pickups, ART start and returns of all the dates of a run share. Keyed for the per-patient
 * first/latest-before-a-date lookups.
 */
export function filas(terms: Terms): Table {
  return table(
    'fila',
    [['patient_id', 'encounter_datetime', 'encounter_id']],
    sql`SELECT e.patient_id, e.encounter_datetime, e.encounter_id
        FROM encounter e WHERE e.voided = 0 AND e.encounter_type = ${terms.id('encounterType.fila')}`,
    { unique: true, inMemory: true },
  );
}

/**
 * Every Ficha Clínica (adult or child, `encounter_type` tells), whatever the date: the consultations
 * of all dates of a run.
 */
export function consultations(terms: Terms): Table {
  return table(
    'consultation',
    [['patient_id', 'encounter_datetime', 'encounter_id']],
    sql`SELECT e.patient_id, e.encounter_datetime, e.encounter_id, e.encounter_type
        FROM encounter e WHERE e.voided = 0
          AND e.encounter_type IN (${[terms.id('encounterType.fichaClinicaAdult'), terms.id('encounterType.fichaClinicaChild')]})`,
    { unique: true, inMemory: true },
  );
}
