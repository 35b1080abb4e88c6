import { dayAfter, type ReportContext } from '../context';
import { artStart } from '../blocks/art-start';
import { exits } from '../blocks/exits';
import { pickups } from '../blocks/pickups';
import { sql, type Sql } from '../sql';

/** PEPFAR's interruption threshold: more than 28 days without drugs and the patient is no longer counted. */
export const TX_CURR_GRACE_DAYS = 28;

/**
 * TX_CURR (epts-reporting.md §5.2): started ART by the end date, drugs (the scheduled pickup) plus 28
 * days reaching the end date, and not out of care. Rows: (patient_id, art_start, last_fila, scheduled).
 */
export function txCurr(ctx: ReportContext): Sql {
  return sql`
    SELECT a.patient_id, a.art_start, pk.last_fila, pk.scheduled
    FROM (${artStart(ctx)}) a
    JOIN (${pickups(ctx)}) pk ON pk.patient_id = a.patient_id
    LEFT JOIN (${exits(ctx)}) x ON x.patient_id = a.patient_id
    WHERE pk.scheduled + INTERVAL ${TX_CURR_GRACE_DAYS} DAY >= ${ctx.endDate} AND x.patient_id IS NULL
      AND a.art_start < ${dayAfter(ctx.endDate)}`;
}
