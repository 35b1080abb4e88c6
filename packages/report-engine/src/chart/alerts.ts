import { transferredIn } from '../blocks/transferred-in';
import { pregnancyStatus } from '../blocks/pregnancy';
import { lastViralLoad, viralLoads } from '../blocks/viral-load';
import { endOf } from '../context';
import {
  ALL_TIME,
  highViralLoad,
  inCare,
  lateForPickup,
  noTbScreening,
  tptEligible,
  viralLoadDue,
  type ListContext,
} from '../lists/rules';
import { join, sql, type Sql } from '../sql';
import type { ChartTerms } from './terms';

// The clinical alerts of the patient chart. Each rule gives (patient_id, due_date, detail) over the
// whole facility — the chart evaluates it for one patient (`withPatientSlice`) — and most are the
// follow-up lists' rules themselves (src/lists/rules.ts): a patient is alerted for exactly what puts
// them on a list. Sources: packages/report-engine/README.md, "Patient lists", and the HIV-care app's
// README.

export interface AlertContext extends ListContext {
  chart: ChartTerms;
}

export type AlertSeverity = 'danger' | 'warning' | 'info';

export interface AlertRule {
  code: string;
  severity: AlertSeverity;
  /** (patient_id, due_date, detail): the day the alert fell due (or the offending record's), a detail. */
  rule(ctx: AlertContext): Sql;
}

const fromList =
  (rule: (ctx: ListContext) => Sql, detail: 'band' | 'none' = 'none') =>
  (ctx: AlertContext) =>
    sql`SELECT l.patient_id, l.due_date, ${detail === 'band' ? sql`l.band` : sql`NULL`} AS detail FROM (${rule(ctx)}) l`;

/**
 * The day of each patient's latest viral-load request after their latest result (or ever, without a
 * result): "lab request = viral load" on a Ficha Clínica (Resumo Mensal E1's reading) or an FSR.
 */
function pendingViralLoadRequest(ctx: AlertContext): Sql {
  const { terms, endDate } = ctx;
  const requests = sql`
    SELECT o.person_id AS patient_id, o.obs_datetime AS requested FROM obs o
    WHERE o.voided = 0 AND o.concept_id = ${terms.id('concept.labRequest')} AND o.value_coded = ${terms.id('concept.viralLoad')}
      AND o.obs_datetime < ${endOf(endDate)}
    UNION ALL
    SELECT e.patient_id, e.encounter_datetime FROM encounter e
    WHERE e.voided = 0 AND e.encounter_type = ${terms.id('encounterType.fsr')} AND e.encounter_datetime < ${endOf(endDate)}`;
  return sql`SELECT r.patient_id, DATE(MAX(r.requested)) AS requested FROM (${requests}) r
    LEFT JOIN ${lastViralLoad(ctx, ALL_TIME)} v ON v.patient_id = r.patient_id
    WHERE v.patient_id IS NULL OR DATE(r.requested) > DATE(v.resulted)
    GROUP BY r.patient_id`;
}

/** Due a viral load (the follow-up list's rule); detail: the day it was requested, when awaiting the result. */
function viralLoadDueAlert(ctx: AlertContext): Sql {
  return sql`SELECT d.patient_id, d.due_date, r.requested AS detail FROM (${viralLoadDue(ctx)}) d
    LEFT JOIN (${pendingViralLoadRequest(ctx)}) r ON r.patient_id = d.patient_id`;
}

/** Every CD4 result (absolute from the laboratory or the Ficha Clínica, or percentage) up to the date. */
function cd4Results({ chart, endDate }: AlertContext): Sql {
  const concepts = [chart.id('concept.cd4'), chart.id('concept.cd4Clinical'), chart.id('concept.cd4Percent')];
  return sql`SELECT o.person_id AS patient_id, o.obs_datetime AS resulted, o.concept_id, o.value_numeric
    FROM obs o WHERE o.voided = 0 AND o.concept_id IN (${concepts}) AND o.obs_datetime < ${endOf(endDate)}`;
}

/**
 * CD4 due, as EPTS's list of patients eligible for a CD4 request reads MISAU's criteria
 * (`SetupListOfPatientsElegibleToCD4Request`, C1–C6), for a patient in care with no CD4 since:
 * - `new`: ART started in the last 12 months, not transferred in (due at the ART start);
 * - `restart`: a state of stay "restart" in the last 12 months (due that day);
 * - `high-viral-load`: the last two viral loads not suppressed (due at the last one);
 * - `who-stage`: WHO stage 3 or 4 in the last 12 months (due that day);
 * - `low-cd4`: the last CD4 below 350 cells/µL (30 %), more than 6 months ago (due 6 months after it);
 * - `pregnant`: pregnant at the date (due at the first pregnancy evidence of the last 9 months).
 * One row per patient: the earliest due reason.
 */
export function cd4Due(ctx: AlertContext): Sql {
  const { terms, list, chart, endDate } = ctx;
  const yearAgo = sql`${endDate} - INTERVAL 12 MONTH`;
  const cd4Since = (from: Sql) =>
    sql`NOT EXISTS (SELECT 1 FROM (${cd4Results(ctx)}) cd WHERE cd.patient_id = c.patient_id AND cd.resulted >= ${from})`;
  const previousVl = sql`(SELECT MAX(p.resulted) FROM ${viralLoads(ctx, ALL_TIME)} p
    WHERE p.patient_id = c.patient_id AND DATE(p.resulted) < DATE(v.resulted))`;
  const previousSuppressed = sql`(SELECT MIN(p.suppressed) FROM ${viralLoads(ctx, ALL_TIME)} p
    WHERE p.patient_id = c.patient_id AND DATE(p.resulted) = DATE(${previousVl}))`;
  const latestObs = (concepts: number[], answers: number[], since: Sql) =>
    sql`(SELECT DATE(MAX(o.obs_datetime)) FROM obs o WHERE o.person_id = c.patient_id AND o.voided = 0
         AND o.concept_id IN (${concepts}) AND o.value_coded IN (${answers}) AND o.obs_datetime >= ${since}
         AND o.obs_datetime < ${endOf(endDate)})`;
  const lastCd4 = sql`(SELECT cd.resulted FROM (${cd4Results(ctx)}) cd WHERE cd.patient_id = c.patient_id
    ORDER BY cd.resulted DESC LIMIT 1)`;
  const lastCd4Low = sql`(SELECT CASE WHEN cd.concept_id = ${chart.id('concept.cd4Percent')} THEN cd.value_numeric < 30
    ELSE cd.value_numeric < 350 END FROM (${cd4Results(ctx)}) cd WHERE cd.patient_id = c.patient_id
    ORDER BY cd.resulted DESC LIMIT 1)`;
  const firstPregnancy = sql`(SELECT DATE(MIN(o.obs_datetime)) FROM obs o WHERE o.person_id = c.patient_id AND o.voided = 0
    AND ((o.concept_id = ${terms.id('concept.pregnant')} AND o.value_coded = ${terms.id('concept.yes')})
      OR o.concept_id = ${terms.id('concept.weeksPregnant')})
    AND o.obs_datetime >= ${endDate} - INTERVAL 9 MONTH AND o.obs_datetime < ${endOf(endDate)})`;
  const reasons = [
    sql`SELECT c.patient_id, c.art_start AS due_date, 'new' AS detail FROM (${inCare(ctx)}) c
        LEFT JOIN ${transferredIn(ctx)} t ON t.patient_id = c.patient_id
        WHERE t.patient_id IS NULL AND c.art_start >= ${yearAgo}
          AND ${cd4Since(sql`c.art_start - INTERVAL 3 MONTH`)}`,
    sql`SELECT r.patient_id, r.due_date, 'restart' FROM (
          SELECT c.patient_id, ${latestObs([terms.id('concept.stateOfStayArt')], [list.id('concept.artPlan.restart')], yearAgo)} AS due_date
          FROM (${inCare(ctx)}) c) r
        WHERE r.due_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM (${cd4Results(ctx)}) cd
          WHERE cd.patient_id = r.patient_id AND cd.resulted >= r.due_date)`,
    sql`SELECT c.patient_id, DATE(v.resulted), 'high-viral-load' FROM (${inCare(ctx)}) c
        JOIN ${lastViralLoad(ctx, ALL_TIME)} v ON v.patient_id = c.patient_id AND v.suppressed = 0
        WHERE ${previousSuppressed} = 0 AND ${cd4Since(sql`DATE(v.resulted)`)}`,
    sql`SELECT s.patient_id, s.due_date, 'who-stage' FROM (
          SELECT c.patient_id,
            ${latestObs([chart.id('concept.whoStage')], [chart.id('concept.whoStage.3'), chart.id('concept.whoStage.4')], yearAgo)} AS due_date
          FROM (${inCare(ctx)}) c) s
        WHERE s.due_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM (${cd4Results(ctx)}) cd
          WHERE cd.patient_id = s.patient_id AND cd.resulted >= ${yearAgo})`,
    sql`SELECT l.patient_id, DATE(l.last_cd4) + INTERVAL 6 MONTH, 'low-cd4' FROM (
          SELECT c.patient_id, ${lastCd4} AS last_cd4, ${lastCd4Low} AS low FROM (${inCare(ctx)}) c) l
        WHERE l.low = 1 AND l.last_cd4 < ${endDate} - INTERVAL 6 MONTH`,
    sql`SELECT g.patient_id, g.due_date, 'pregnant' FROM (
          SELECT c.patient_id, ${firstPregnancy} AS due_date, ${pregnancyStatus(ctx, sql`${endDate}`)} AS pregnancy
          FROM (${inCare(ctx)}) c LEFT JOIN person p ON p.person_id = c.patient_id) g
        WHERE g.pregnancy = 'pregnant' AND g.due_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM (${cd4Results(ctx)}) cd
          WHERE cd.patient_id = g.patient_id AND cd.resulted >= g.due_date)`,
  ];
  return sql`SELECT r.patient_id, MIN(r.due_date) AS due_date,
      SUBSTRING(MIN(CONCAT(DATE_FORMAT(r.due_date, '%Y-%m-%d'), r.detail)), 11) AS detail
    FROM (${join(reasons, ' UNION ALL ')}) r GROUP BY r.patient_id`;
}

/** The chart's clinical alerts, most urgent first. */
export const CLINICAL_ALERTS: readonly AlertRule[] = [
  { code: 'missed-pickup', severity: 'danger', rule: fromList(lateForPickup, 'band') },
  { code: 'high-viral-load', severity: 'danger', rule: fromList(highViralLoad) },
  { code: 'viral-load-due', severity: 'warning', rule: viralLoadDueAlert },
  { code: 'cd4-due', severity: 'warning', rule: cd4Due },
  { code: 'no-tb-screening', severity: 'warning', rule: fromList(noTbScreening) },
  { code: 'tpt-eligible', severity: 'info', rule: fromList(tptEligible) },
];
