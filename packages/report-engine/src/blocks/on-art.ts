import { endOf, type ReportContext } from '../context';
import { sql, table, type Table } from '../sql';
import { artStart } from './art-start';
import { exits, outOfCare, type ExitSources } from './exits';
import { pickups } from './pickups';

/**
 * (patient_id, art_start, last_fila, next_pickup, scheduled) of the patients on ART at the end date:
 * started by then, drugs (the scheduled pickup) plus `graceDays` reaching the end date, not out of
 * care by the exits `sources` read. PEPFAR's TX_CURR allows 28 days and reads every exit record;
 * MISAU's Resumo Mensal (B12, B13) allows 59 and leaves out Busca Activa.
 */
export function onArt(ctx: ReportContext, graceDays: number, sources: ExitSources = 'pepfar'): Table {
  return table(
    `on_art_${graceDays}_${sources}`,
    [['patient_id']],
    sql`SELECT a.patient_id, a.art_start, pk.last_fila, pk.next_pickup, pk.scheduled
        FROM ${artStart(ctx)} a
        JOIN ${pickups(ctx)} pk ON pk.patient_id = a.patient_id
        LEFT JOIN ${exits(ctx, sources)} x ON x.patient_id = a.patient_id
        WHERE pk.scheduled + INTERVAL ${graceDays} DAY >= ${ctx.endDate} AND NOT ${outOfCare('x', ctx.endDate)}
          AND a.art_start < ${endOf(ctx.endDate)}`,
    { unique: true },
  );
}
