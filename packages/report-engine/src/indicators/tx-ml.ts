import { artStart } from '../blocks/art-start';
import { exitDate, exits, outOfCare } from '../blocks/exits';
import { pickups } from '../blocks/pickups';
import { at, dayBefore, endOf, type PeriodContext } from '../context';
import { sql, type Sql } from '../sql';
import { TX_CURR_GRACE_DAYS } from './tx-curr';

/** TX_ML outcomes in PEPFAR's order; IIT by time on treatment before the interruption. */
export const TX_ML_OUTCOMES = ['died', 'iit<3', 'iit3-5', 'iit6+', 'transferred', 'stopped'] as const;

/**
 * TX_ML (EPTS `TX_ML/*.sql`, `TxMlCohortQueries`): of the patients who started ART by the end date,
 * - died: a death that holds at the end date, unless the patient had already left care before the period;
 * - transferred: a transfer out that holds at the end date and whose drugs run out during the period —
 *   a transfer is dated by the day the supply ends, not the day it was written down — and no death;
 * - stopped: a suspension that holds at the end date, unless the patient had left care before the period;
 * - IIT: the scheduled pickup + 28 days fell during the period (from the day before it starts) and the
 *   patient had not left care before the period or came back for a FILA since. By time on treatment
 *   (scheduled pickup − ART start): < 90, 90–179, 180+ days.
 * Rows: (patient_id, outcome), one outcome each: died, then transferred, then stopped, then IIT.
 */
export function txMl(ctx: PeriodContext): Sql {
  const { startDate, endDate } = ctx;
  const periodBefore = dayBefore(startDate);
  const leftBefore = outOfCare('xb', periodBefore);
  const onTreatment = sql`DATEDIFF(pk.scheduled, a.art_start)`;
  const lateFrom = sql`pk.scheduled + INTERVAL ${TX_CURR_GRACE_DAYS} DAY`;
  return sql`
    SELECT m.patient_id, m.outcome FROM (
      SELECT a.patient_id,
        CASE
          WHEN x.died IS NOT NULL AND NOT ${leftBefore} THEN 'died'
          WHEN x.transferred IS NOT NULL AND x.died IS NULL AND x.runs_out >= ${startDate} AND x.runs_out <= ${endDate} THEN 'transferred'
          WHEN x.suspended IS NOT NULL AND NOT ${leftBefore} THEN 'stopped'
          WHEN (NOT ${leftBefore} OR pk.last_fila > ${exitDate('xb', periodBefore)})
            AND ${lateFrom} >= ${periodBefore} AND ${lateFrom} < ${endDate} THEN
            CASE WHEN ${onTreatment} < 90 THEN 'iit<3' WHEN ${onTreatment} < 180 THEN 'iit3-5' ELSE 'iit6+' END
        END AS outcome
      FROM ${artStart(ctx)} a
      LEFT JOIN ${exits(at(ctx, periodBefore))} xb ON xb.patient_id = a.patient_id
      LEFT JOIN ${exits(ctx)} x ON x.patient_id = a.patient_id
      LEFT JOIN ${pickups(ctx)} pk ON pk.patient_id = a.patient_id
      WHERE a.art_start < ${endOf(endDate)}) m
    WHERE m.outcome IS NOT NULL`;
}
