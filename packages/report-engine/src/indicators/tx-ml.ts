import { artStart } from '../blocks/art-start';
import { exits } from '../blocks/exits';
import { pickups } from '../blocks/pickups';
import { at, dayAfter, dayBefore, type PeriodContext } from '../context';
import { sql, type Sql } from '../sql';
import { TX_CURR_GRACE_DAYS } from './tx-curr';

/** TX_ML outcomes in PEPFAR's order; IIT by time on treatment before the interruption. */
export const TX_ML_OUTCOMES = ['died', 'iit<3', 'iit3-5', 'iit6+', 'transferred', 'stopped'] as const;

/**
 * TX_ML (§5.4): of the patients on ART by the end date who had not left care before the period,
 * those who died, were transferred out or stopped treatment during the period, or whose drugs plus
 * 28 days ran out during it (IIT) without any exit. Rows: (patient_id, outcome); an exit outranks IIT.
 */
export function txMl(ctx: PeriodContext): Sql {
  const { startDate, endDate } = ctx;
  const onTreatment = sql`DATEDIFF(pk.scheduled, a.art_start)`;
  const lateFrom = sql`pk.scheduled + INTERVAL ${TX_CURR_GRACE_DAYS} DAY`;
  return sql`
    SELECT m.patient_id, m.outcome FROM (
      SELECT a.patient_id,
        CASE
          WHEN x.exited >= ${startDate} AND x.kind = 'died' THEN 'died'
          WHEN x.exited >= ${startDate} AND x.kind = 'transferred' THEN 'transferred'
          WHEN x.exited >= ${startDate} AND x.kind = 'suspended' THEN 'stopped'
          WHEN x.patient_id IS NULL AND ${lateFrom} >= ${dayBefore(startDate)} AND ${lateFrom} < ${endDate} THEN
            CASE WHEN ${onTreatment} < 90 THEN 'iit<3' WHEN ${onTreatment} < 180 THEN 'iit3-5' ELSE 'iit6+' END
        END AS outcome
      FROM ${artStart(ctx)} a
      LEFT JOIN ${exits(at(ctx, dayBefore(startDate)))} before_period ON before_period.patient_id = a.patient_id
      LEFT JOIN ${exits(ctx)} x ON x.patient_id = a.patient_id
      LEFT JOIN ${pickups(ctx)} pk ON pk.patient_id = a.patient_id
      WHERE a.art_start < ${dayAfter(endDate)} AND before_period.patient_id IS NULL) m
    WHERE m.outcome IS NOT NULL`;
}
