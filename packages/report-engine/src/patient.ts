import { sql, type Sql } from './sql';
import type { Terms } from './terms';

// Who a patient is, as every list of patients shows it: one subquery per column over the patient id `id`.

/** The patient's NID: the preferred one, else the first recorded. */
export function nidOf(terms: Terms, id: Sql): Sql {
  return sql`(SELECT pi.identifier FROM patient_identifier pi
    WHERE pi.patient_id = ${id} AND pi.voided = 0 AND pi.identifier_type = ${terms.id('identifierType.nid')}
    ORDER BY pi.preferred DESC, pi.patient_identifier_id LIMIT 1)`;
}

/** The patient's full name: the preferred one, else the first recorded. */
export function nameOf(id: Sql): Sql {
  return sql`(SELECT CONCAT_WS(' ', pn.given_name, pn.middle_name, pn.family_name) FROM person_name pn
    WHERE pn.person_id = ${id} AND pn.voided = 0 ORDER BY pn.preferred DESC, pn.person_name_id LIMIT 1)`;
}
