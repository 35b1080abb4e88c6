import { exits } from '../blocks/exits';
import { onArt } from '../blocks/on-art';
import { pickups, pickupsDuring } from '../blocks/pickups';
import { transfersInDuring } from '../blocks/transferred-in';
import { at, dayBefore, type PeriodContext } from '../context';
import { sql, type Sql } from '../sql';
import { TX_CURR_GRACE_DAYS } from './tx-curr';

/** How long TX_RTT patients were away, from the pickup they missed to their return. */
export const INTERRUPTION_BANDS = ['<3', '3-5', '6+'] as const;

/**
 * TX_RTT (EPTS `TxRTTCohortQueries`, `TX_RTT/PATIENTS_WHO_ARE_IIT_PREVIOUS_PERIOD.sql`): patients in
 * TX_CURR at the end date who, at the end of the previous period, were more than 28 days late for
 * their scheduled pickup (or had a FILA without a scheduled date), had no transfer out that a later
 * FILA undid, came back for a pickup during the period, and did not arrive by transfer during it
 * (`transfersInDuring`). Rows: (patient_id, interruption), the band of days from the missed pickup to
 * the return (< 90, 90–179, 180+).
 */
export function txRtt(ctx: PeriodContext): Sql {
  const previous = at(ctx, dayBefore(ctx.startDate));
  const away = sql`DATEDIFF(back.returned, prev.scheduled)`;
  return sql`
    SELECT c.patient_id,
      CASE WHEN prev.scheduled IS NULL OR ${away} < 90 THEN '<3' WHEN ${away} < 180 THEN '3-5' ELSE '6+' END AS interruption
    FROM ${onArt(ctx, TX_CURR_GRACE_DAYS)} c
    JOIN ${pickups(previous)} prev ON prev.patient_id = c.patient_id
    JOIN ${pickupsDuring(ctx)} back ON back.patient_id = c.patient_id
    LEFT JOIN ${exits(previous)} xp ON xp.patient_id = c.patient_id
    LEFT JOIN ${transfersInDuring(ctx)} ti ON ti.patient_id = c.patient_id
    WHERE (prev.scheduled IS NULL OR prev.scheduled + INTERVAL ${TX_CURR_GRACE_DAYS} DAY < ${previous.endDate})
      AND xp.transferred IS NULL AND ti.patient_id IS NULL`;
}
