import { endOf, type ReportContext } from '../context';
import { consultations } from '../blocks/events';
import { onArt } from '../blocks/on-art';
import { sql, table, type Sql, type Table } from '../sql';

/** PEPFAR's interruption threshold: more than 28 days without drugs and the patient is no longer counted. */
export const TX_CURR_GRACE_DAYS = 28;

/** Multi-month dispensing bands of TX_CURR (EPTS `TxCurrQueries.findPatientsWhoAreInDispenseType`). */
export const MMD_BANDS = ['<3', '3-5', '6+'] as const;

/**
 * (patient_id, dispensation) of the patients on ART whose latest adult Ficha Clínica with a
 * dispensation type (monthly, quarterly, semi-annual) up to the end date came after their last FILA:
 * the type it records. Fichas by encounter date, as EPTS compares them; only those after the last
 * FILA are read, since on or before it the FILA decides.
 */
function dispensationAfterLastFila(ctx: ReportContext): Table {
  const { terms, endDate } = ctx;
  return table(
    'dispensation_type',
    [['patient_id']],
    sql`SELECT c.patient_id,
          SUBSTRING(MAX(CONCAT(DATE_FORMAT(f.encounter_datetime, '%Y-%m-%d %H:%i:%s'), o.value_coded)), 20) + 0 AS dispensation
        FROM ${onArt(ctx, TX_CURR_GRACE_DAYS)} c
        JOIN ${consultations(terms)} f ON f.patient_id = c.patient_id
          AND f.encounter_datetime > COALESCE(c.last_fila, '1000-01-01') AND f.encounter_datetime < ${endOf(endDate)}
        JOIN obs o ON o.encounter_id = f.encounter_id AND o.voided = 0 AND o.concept_id = ${terms.id('concept.dispensationType')}
        WHERE f.encounter_type = ${terms.id('encounterType.fichaClinicaAdult')}
        GROUP BY c.patient_id`,
    { unique: true },
  );
}

/**
 * TX_CURR (EPTS `TX_CURR/`): on ART by PEPFAR's 28-day rule. Rows: (patient_id, art_start, last_fila, scheduled,
 * mmd) where `mmd` is the band of the most recent of the last FILA (days to its next pickup: < 83,
 * 83–173, more) and the last Ficha Clínica dispensation type; a patient seen only at the Master
 * Card reception (30 days' supply) is dispensed monthly.
 */
export function txCurr(ctx: ReportContext): Sql {
  const { terms } = ctx;
  const days = sql`DATEDIFF(c.next_pickup, c.last_fila)`;
  return sql`
    SELECT c.patient_id, c.art_start, c.last_fila, c.scheduled,
      CASE
        WHEN c.last_fila IS NOT NULL AND d.patient_id IS NULL THEN
          CASE WHEN c.next_pickup IS NULL OR ${days} < 83 THEN '<3' WHEN ${days} <= 173 THEN '3-5' ELSE '6+' END
        WHEN d.dispensation = ${terms.id('concept.dispenseMode.quarterly')} THEN '3-5'
        WHEN d.dispensation = ${terms.id('concept.dispenseMode.semiannual')} THEN '6+'
        ELSE '<3'
      END AS mmd
    FROM ${onArt(ctx, TX_CURR_GRACE_DAYS)} c
    LEFT JOIN ${dispensationAfterLastFila(ctx)} d ON d.patient_id = c.patient_id`;
}
