import { dayAfter, type ReportContext } from '../context';
import { sql, table, type Table } from '../sql';
import { artStart } from './art-start';
import { exits } from './exits';
import { pickups } from './pickups';

/**
 * (patient_id, art_start, last_fila, next_pickup, scheduled) of the patients on ART at the end date:
 * started by then, drugs (the scheduled pickup) plus `graceDays` reaching the end date, not out of
 * care. PEPFAR's TX_CURR allows 28 days (§5.2), MISAU's Resumo Mensal 59 (§6.1).
 */
export function onArt(ctx: ReportContext, graceDays: number): Table {
  return table(
    `on_art_${graceDays}`,
    [['patient_id']],
    sql`SELECT a.patient_id, a.art_start, pk.last_fila, pk.next_pickup, pk.scheduled
        FROM ${artStart(ctx)} a
        JOIN ${pickups(ctx)} pk ON pk.patient_id = a.patient_id
        LEFT JOIN ${exits(ctx)} x ON x.patient_id = a.patient_id
        WHERE pk.scheduled + INTERVAL ${graceDays} DAY >= ${ctx.endDate} AND x.patient_id IS NULL
          AND a.art_start < ${dayAfter(ctx.endDate)}`,
    { unique: true },
  );
}
