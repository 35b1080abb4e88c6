import { dayAfter, type ReportContext } from '../context';
import { greatest, raw, sql, type Sql } from '../sql';

/**
 * Per patient with any pickup up to the end date: `last_fila` (datetime of the latest FILA), its
 * `next_pickup` (the next-pickup date written on that FILA), `last_reception` (latest Master Card
 * pickup date) and `scheduled`, the day the drugs run out: the later of the next pickup and the
 * reception pickup + 30 days (epts-reporting.md §5.2, "data_usar").
 */
export function pickups({ terms, endDate }: ReportContext): Sql {
  const before = dayAfter(endDate);
  const fila = terms.id('encounterType.fila');
  const lastFila = sql`
    SELECT e.patient_id, MAX(e.encounter_datetime) AS last_fila
    FROM encounter e WHERE e.voided = 0 AND e.encounter_type = ${fila} AND e.encounter_datetime < ${before}
    GROUP BY e.patient_id`;
  // The next-pickup obs of the latest FILA: several FILAs may share that datetime, so the latest value.
  // STRAIGHT_JOIN: from the one latest FILA per patient, not from every encounter (MariaDB picks the latter).
  const nextPickup = sql`
    SELECT lf.patient_id, lf.last_fila, MAX(o.value_datetime) AS next_pickup
    FROM (${lastFila}) lf
    STRAIGHT_JOIN encounter e ON e.patient_id = lf.patient_id AND e.encounter_datetime = lf.last_fila
      AND e.voided = 0 AND e.encounter_type = ${fila}
    LEFT JOIN obs o ON o.encounter_id = e.encounter_id AND o.voided = 0 AND o.concept_id = ${terms.id('concept.nextPickupDate')}
    GROUP BY lf.patient_id, lf.last_fila`;
  const reception = sql`
    SELECT o.person_id AS patient_id, MAX(o.value_datetime) AS last_reception
    FROM obs o JOIN encounter e ON e.encounter_id = o.encounter_id AND e.voided = 0
      AND e.encounter_type = ${terms.id('encounterType.masterCardPickup')}
    WHERE o.voided = 0 AND o.concept_id = ${terms.id('concept.pickupDate')} AND o.value_datetime < ${before}
    GROUP BY o.person_id`;
  return sql`
    SELECT ids.patient_id, np.last_fila, np.next_pickup, r.last_reception,
           DATE(${greatest(raw('np.next_pickup'), raw('r.last_reception + INTERVAL 30 DAY'))}) AS scheduled
    FROM (SELECT patient_id FROM (${lastFila}) f UNION SELECT patient_id FROM (${reception}) rr) ids
    LEFT JOIN (${nextPickup}) np ON np.patient_id = ids.patient_id
    LEFT JOIN (${reception}) r ON r.patient_id = ids.patient_id`;
}
