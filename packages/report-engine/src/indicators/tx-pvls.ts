import { earliestArtStart } from '../blocks/art-start';
import { lastViralLoad } from '../blocks/viral-load';
import { addDays, endOf, type PeriodContext } from '../context';
import { sql, type Sql } from '../sql';

/** The first day of the 12 months that end on `endDate`: results after (endDate − 12 months) count. */
export function twelveMonthsBefore(endDate: string): string {
  const date = new Date(`${endDate}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() - 1);
  return addDays(date.toISOString().slice(0, 10), 1);
}

/**
 * TX_PVLS denominator (EPTS `TxPvlsQueriesInterface`): patients whose most recent viral load in the 12
 * months up to the end date came at least 90 days after their ART start — the plain earliest of the five
 * sources, without TX_NEW's 2023-12-21 cut-over, as EPTS's PVLS queries date it.
 * Rows: (patient_id, resulted, suppressed, indication).
 */
export function txPvlsDenominator(ctx: PeriodContext): Sql {
  return sql`
    SELECT v.patient_id, v.resulted, v.suppressed, CASE WHEN v.targeted THEN 'targeted' ELSE 'routine' END AS indication
    FROM ${lastViralLoad(ctx, twelveMonthsBefore(ctx.endDate))} v
    JOIN ${earliestArtStart(ctx)} a ON a.patient_id = v.patient_id
    WHERE v.resulted >= a.art_start + INTERVAL 90 DAY AND v.resulted < ${endOf(ctx.endDate)}`;
}

/** TX_PVLS numerator: the denominator's patients whose last viral load was suppressed (< 1000 copies/mL). */
export function txPvlsNumerator(ctx: PeriodContext): Sql {
  return sql`SELECT d.* FROM (${txPvlsDenominator(ctx)}) d WHERE d.suppressed = 1`;
}
