import { artStart } from '../blocks/art-start';
import { exits, type ExitSources } from '../blocks/exits';
import { onArt } from '../blocks/on-art';
import { pickups } from '../blocks/pickups';
import type { ReportContext } from '../context';
import { RESUMO_GRACE_DAYS } from '../indicators/resumo-mensal';
import { TX_CURR_GRACE_DAYS } from '../indicators/tx-curr';
import { sql, type Sql } from '../sql';

/**
 * A patient's status on ART at a date. `active` is exactly membership of the rule's "on ART" block
 * (TX_CURR's for PEPFAR, B13's for MISAU); otherwise the exit that takes the patient out of care, in
 * TX_ML's order (died, transferred out, suspended), else late beyond the grace: PEPFAR's IIT
 * (interruption in treatment), MISAU's abandonment.
 */
export const STATUSES = [
  'active',
  'died',
  'transferred-out',
  'suspended',
  'iit',
  'abandoned',
  /** ART started (before 2023-12-21, on a clinical form) with no drug pickup on record. */
  'no-pickup',
] as const;
export type Status = (typeof STATUSES)[number];

export interface StatusRule {
  graceDays: number;
  sources: ExitSources;
  /** What a patient late beyond the grace and without an exit is. */
  late: Extract<Status, 'iit' | 'abandoned'>;
}

export const PEPFAR_STATUS: StatusRule = { graceDays: TX_CURR_GRACE_DAYS, sources: 'pepfar', late: 'iit' };
export const MISAU_STATUS: StatusRule = { graceDays: RESUMO_GRACE_DAYS, sources: 'misau', late: 'abandoned' };

/**
 * (patient_id, status, since) of every patient who started ART by the date. `since`: the day the
 * patient was last on ART for an exit (the death or suspension, the day a transfer's drugs ran out) or
 * the first day beyond the grace; the ART start while active.
 */
export function statusAt(ctx: ReportContext, rule: StatusRule): Sql {
  const { endDate } = ctx;
  const transferredOut = sql`x.transferred IS NOT NULL AND x.runs_out <= ${endDate}`;
  return sql`
    SELECT a.patient_id,
      CASE WHEN o.patient_id IS NOT NULL THEN 'active'
           WHEN x.died IS NOT NULL THEN 'died'
           WHEN ${transferredOut} THEN 'transferred-out'
           WHEN x.suspended IS NOT NULL THEN 'suspended'
           WHEN pk.patient_id IS NULL THEN 'no-pickup'
           ELSE ${rule.late} END AS status,
      CASE WHEN o.patient_id IS NOT NULL THEN a.art_start
           WHEN x.died IS NOT NULL THEN DATE(x.died)
           WHEN ${transferredOut} THEN x.runs_out
           WHEN x.suspended IS NOT NULL THEN DATE(x.suspended)
           WHEN pk.patient_id IS NULL THEN a.art_start
           ELSE pk.scheduled + INTERVAL ${rule.graceDays + 1} DAY END AS since
    FROM ${artStart(ctx)} a
    LEFT JOIN ${onArt(ctx, rule.graceDays, rule.sources)} o ON o.patient_id = a.patient_id
    LEFT JOIN ${exits(ctx, rule.sources)} x ON x.patient_id = a.patient_id
    LEFT JOIN ${pickups(ctx)} pk ON pk.patient_id = a.patient_id`;
}
