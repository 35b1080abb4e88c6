import { endOf, onDays, type PeriodContext, type ReportContext } from '../context';
import { greatest, join, raw, sql, table, type Table } from '../sql';
import { filas } from './events';

/** The end date and every other date of the run, in order: blocks that read the same rows for each read them once. */
function runDatesOf(ctx: ReportContext): string[] {
  return [...new Set([...(ctx.runDates ?? []), ctx.endDate])].sort();
}

/** (patient_id, d0, d1…): each patient's latest FILA up to each date of the run, in one pass over the FILAs. */
function latestFilas(ctx: ReportContext): Table {
  const dates = runDatesOf(ctx).map(
    (date, i) =>
      sql`MAX(CASE WHEN f.encounter_datetime < ${endOf(date)} THEN f.encounter_datetime END) AS ${raw(`d${i}`)}`,
  );
  return table(
    'latest_filas',
    [['patient_id']],
    sql`SELECT f.patient_id, ${join(dates, ', ')} FROM ${filas(ctx.terms)} f GROUP BY f.patient_id`,
    { unique: true },
  );
}

/** (patient_id, last_fila): the datetime of each patient's latest FILA up to the end date. */
export function lastFila(ctx: ReportContext): Table {
  const column = raw(`l.d${runDatesOf(ctx).indexOf(ctx.endDate)}`);
  return table(
    'last_fila',
    [['patient_id']],
    sql`SELECT l.patient_id, ${column} AS last_fila FROM ${latestFilas(ctx)} l WHERE ${column} IS NOT NULL`,
    { unique: true },
  );
}

/**
 * (patient_id, last_fila, next_pickup) for the latest FILA of each patient at the end date and at
 * every other date of the run: the next-pickup date written on it (several FILAs at that datetime:
 * the latest value). Reading a FILA's obs is the costly step of a date, and most patients' latest
 * FILA is the same at the dates of one run (all who did not come in between), so each is read once.
 */
function nextPickups(ctx: ReportContext): Table {
  const { terms } = ctx;
  const latest = join(
    runDatesOf(ctx).map((endDate) => sql`SELECT l.patient_id, l.last_fila FROM ${lastFila({ ...ctx, endDate })} l`),
    ' UNION ',
  );
  return table(
    'next_pickup',
    [['patient_id', 'last_fila']],
    sql`SELECT lf.patient_id, lf.last_fila, MAX(o.value_datetime) AS next_pickup
        FROM (${latest}) lf
        STRAIGHT_JOIN ${filas(terms)} f ON f.patient_id = lf.patient_id AND f.encounter_datetime = lf.last_fila
        LEFT JOIN obs o ON o.encounter_id = f.encounter_id AND o.voided = 0 AND o.concept_id = ${terms.id('concept.nextPickupDate')}
        GROUP BY lf.patient_id, lf.last_fila`,
    { unique: true },
  );
}

/** (patient_id, last_reception): each patient's latest Master Card pickup date up to the end date. */
function lastReception({ terms, endDate }: ReportContext): Table {
  return table(
    'last_reception',
    [['patient_id']],
    sql`SELECT o.person_id AS patient_id, MAX(o.value_datetime) AS last_reception
        FROM obs o JOIN encounter e ON e.encounter_id = o.encounter_id AND e.voided = 0
          AND e.encounter_type = ${terms.id('encounterType.masterCardPickup')}
        WHERE o.voided = 0 AND o.concept_id = ${terms.id('concept.pickupDate')} AND o.value_datetime < ${endOf(endDate)}
        GROUP BY o.person_id`,
    { unique: true },
  );
}

/**
 * Per patient with any pickup up to the end date: `last_fila` (datetime of the latest FILA), its
 * `next_pickup` (the next-pickup date written on that FILA), `last_reception` (latest Master Card
 * pickup date), `scheduled` — the pickup the patient is expected at: the later of the next pickup and
 * the reception pickup + 30 days ("data_usar" of EPTS's TX_CURR) — and `runs_out`, the first day
 * without drugs: the next pickup + 1, or the reception pickup + 31, whichever is later (the day EPTS
 * dates a transfer out by).
 */
export function pickups(ctx: ReportContext): Table {
  const { terms, endDate } = ctx;
  const scheduled = sql`DATE(${greatest(raw('np.next_pickup'), raw('r.last_reception + INTERVAL 30 DAY'))})`;
  return table(
    'pickups',
    [['patient_id']],
    sql`SELECT q.*, q.scheduled + INTERVAL 1 DAY AS runs_out FROM (
          SELECT lf.patient_id, lf.last_fila, np.next_pickup, r.last_reception, ${scheduled} AS scheduled
          FROM ${lastFila(ctx)} lf
          JOIN ${nextPickups(ctx)} np ON np.patient_id = lf.patient_id AND np.last_fila = lf.last_fila
          LEFT JOIN ${lastReception(ctx)} r ON r.patient_id = lf.patient_id
          UNION ALL
          SELECT r.patient_id, NULL, NULL, r.last_reception, DATE(r.last_reception + INTERVAL 30 DAY)
          FROM ${lastReception(ctx)} r
          WHERE NOT EXISTS (SELECT 1 FROM ${filas(terms)} f
                            WHERE f.patient_id = r.patient_id AND f.encounter_datetime < ${endOf(endDate)})) q`,
    { unique: true },
  );
}

/** (patient_id, returned): the first drug pickup (FILA or Master Card) of each patient during the period. */
export function pickupsDuring(ctx: PeriodContext): Table {
  const { terms, startDate, endDate } = ctx;
  return table(
    'pickups_during',
    [['patient_id']],
    sql`SELECT p.patient_id, MIN(p.picked_up) AS returned FROM (
          SELECT f.patient_id, f.encounter_datetime AS picked_up FROM ${filas(terms)} f
          WHERE ${onDays(sql`f.encounter_datetime`, startDate, endDate)}
          UNION ALL
          SELECT o.person_id, o.value_datetime FROM obs o
          JOIN encounter e ON e.encounter_id = o.encounter_id AND e.voided = 0
            AND e.encounter_type = ${terms.id('encounterType.masterCardPickup')}
          WHERE o.voided = 0 AND o.concept_id = ${terms.id('concept.pickupDate')}
            AND ${onDays(sql`o.value_datetime`, startDate, endDate)}) p
        GROUP BY p.patient_id`,
    { unique: true },
  );
}
