import { artStart } from '../blocks/art-start';
import { transferredIn } from '../blocks/transferred-in';
import { onDays, type PeriodContext } from '../context';
import { sql, type Sql } from '../sql';

/**
 * TX_NEW (EPTS `TX_NEW/`): ART start date within the period, not transferred in.
 * Rows: (patient_id, art_start).
 */
export function txNew(ctx: PeriodContext): Sql {
  return sql`
    SELECT a.patient_id, a.art_start
    FROM ${artStart(ctx)} a
    LEFT JOIN ${transferredIn(ctx)} ti ON ti.patient_id = a.patient_id
    WHERE ${onDays(sql`a.art_start`, ctx.startDate, ctx.endDate)} AND ti.patient_id IS NULL`;
}
