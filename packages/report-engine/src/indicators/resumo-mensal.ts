import { artStart } from '../blocks/art-start';
import { exits, outOfCare } from '../blocks/exits';
import { consultations } from '../blocks/events';
import { pickups, pickupsDuring } from '../blocks/pickups';
import { onArt } from '../blocks/on-art';
import { transferredIn } from '../blocks/transferred-in';
import { viralLoads } from '../blocks/viral-load';
import { at, dayBefore, endOf, onDays, type PeriodContext, type ReportContext } from '../context';
import { join, raw, sql, table, type Sql, type Table } from '../sql';
import type { ReportTerm } from '../terms';
import { twelveMonthsBefore } from './tx-pvls';
import { txNew } from './tx-new';

// MISAU Resumo Mensal de HIV/SIDA for one month (EPTS `ResumoMensalCohortQueries`, `RMB12/`, `RMB13/`):
// every cohort is (patient_id) rows, one per patient. Exits are read as the Resumo Mensal reads them:
// without Busca Activa.

/** MISAU's "active on ART": the scheduled pickup plus 59 days reaching the day. */
export const RESUMO_GRACE_DAYS = 59;

const activeAt = (ctx: ReportContext) => onArt(ctx, RESUMO_GRACE_DAYS, 'misau');
const exitsAt = (ctx: ReportContext) => exits(ctx, 'misau');

const previous = (ctx: PeriodContext) => at(ctx, dayBefore(ctx.startDate));
const union = (cohorts: Sql[]) =>
  join(
    cohorts.map((c) => sql`SELECT u.patient_id FROM (${c}) u`),
    ' UNION ',
  );
const inMonth = (column: Sql, { startDate, endDate }: PeriodContext) => onDays(column, startDate, endDate);

/**
 * (patient_id, enrolled) of pre-ART (care) enrolments up to the end date, not transferred in: no
 * "transferred from" state in the care programme, no Ficha Resumo transfer from a pre-ART service.
 */
function preArtEnrolments(ctx: PeriodContext): Table {
  const { terms } = ctx;
  const resumoTransfers = sql`
    SELECT DISTINCT t.person_id FROM obs t
    JOIN encounter e ON e.encounter_id = t.encounter_id AND e.voided = 0
      AND e.encounter_type = ${terms.id('encounterType.fichaResumo')}
    JOIN obs y ON y.encounter_id = t.encounter_id AND y.voided = 0
      AND y.concept_id = ${terms.id('concept.transferredFrom')} AND y.value_coded = ${terms.id('concept.yes')}
    WHERE t.voided = 0 AND t.concept_id = ${terms.id('concept.transferredFromType')}
      AND t.value_coded = ${terms.id('concept.preArt')}`;
  return table(
    'pre_art_enrolments',
    [['patient_id']],
    sql`SELECT pp.patient_id, MIN(pp.date_enrolled) AS enrolled
        FROM patient_program pp
        LEFT JOIN (${resumoTransfers}) rt ON rt.person_id = pp.patient_id
        WHERE pp.voided = 0 AND pp.program_id = ${terms.id('program.tarvCare')} AND pp.date_enrolled < ${endOf(ctx.endDate)}
          AND rt.person_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM patient_state ps WHERE ps.patient_program_id = pp.patient_program_id AND ps.voided = 0
                            AND ps.state = ${terms.id('programWorkflowState.care.transferredIn')})
        GROUP BY pp.patient_id`,
    { unique: true },
  );
}

/** A1: enrolled in pre-ART care by the end of the previous month. */
export const a1 = (ctx: PeriodContext) =>
  sql`SELECT e.patient_id FROM ${preArtEnrolments(ctx)} e WHERE e.enrolled < ${ctx.startDate}`;
/** A2: enrolled in pre-ART care during the month. */
export const a2 = (ctx: PeriodContext) =>
  sql`SELECT e.patient_id FROM ${preArtEnrolments(ctx)} e WHERE ${inMonth(sql`e.enrolled`, ctx)}`;
/** A3: A1 or A2 — every pre-ART enrolment by the end of the month. */
export const a3 = (ctx: PeriodContext) => sql`SELECT e.patient_id FROM ${preArtEnrolments(ctx)} e`;

/** B1: started ART during the month, not transferred in (TX_NEW's rule for the month). */
export const b1 = (ctx: PeriodContext) => sql`SELECT n.patient_id FROM (${txNew(ctx)}) n`;

/** B2: transferred in during the month (ART programme state, or Ficha Resumo transfer dated in it), not in B12. */
export function b2(ctx: PeriodContext): Sql {
  const { terms } = ctx;
  const arrivals = join(
    [
      sql`SELECT pp.patient_id FROM patient_program pp
          JOIN patient_state ps ON ps.patient_program_id = pp.patient_program_id AND ps.voided = 0
            AND ps.state = ${terms.id('programWorkflowState.tarv.transferredIn')}
          WHERE pp.voided = 0 AND pp.program_id = ${terms.id('program.tarvTreatment')} AND ${inMonth(sql`ps.start_date`, ctx)}`,
      sql`SELECT t.patient_id FROM ${transferredIn(ctx)} t WHERE ${inMonth(sql`t.transfer_date`, ctx)}`,
    ],
    ' UNION ',
  );
  return sql`SELECT a.patient_id FROM (${arrivals}) a
    LEFT JOIN ${activeAt(previous(ctx))} b12 ON b12.patient_id = a.patient_id
    WHERE b12.patient_id IS NULL`;
}

/**
 * B3: restarts — patients who had picked up drugs here before the month, were neither active (59-day
 * rule) nor out of care except by suspension at its start, and picked up drugs (FILA or Master Card)
 * during it. A patient new to the facility (a transfer in) has no earlier pickup: B2, not B3.
 */
export function b3(ctx: PeriodContext): Sql {
  const prev = previous(ctx);
  return sql`
    SELECT a.patient_id FROM ${pickups(prev)} a
    JOIN ${pickupsDuring(ctx)} back ON back.patient_id = a.patient_id
    LEFT JOIN ${activeAt(prev)} active ON active.patient_id = a.patient_id
    LEFT JOIN ${exitsAt(prev)} x ON x.patient_id = a.patient_id
    WHERE active.patient_id IS NULL AND x.died IS NULL
      AND NOT (x.transferred IS NOT NULL AND x.runs_out <= ${prev.endDate})`;
}

/** B12 OR B1 OR B2 OR B3: everyone the month's exits are counted among. */
const inCare = (ctx: PeriodContext) =>
  table('in_care', [['patient_id']], union([b12(ctx), b1(ctx), b2(ctx), b3(ctx)]), { unique: true });

/** The patients of `inCare` whose exit, holding at the end of the month, `dated` falls in the month. */
function exitedInMonth(ctx: PeriodContext, dated: Sql): Sql {
  return sql`SELECT c.patient_id FROM ${inCare(ctx)} c
    JOIN ${exitsAt(ctx)} x ON x.patient_id = c.patient_id AND ${inMonth(dated, ctx)}`;
}

/** B5: transferred out, the drugs running out during the month (the day a transfer takes effect). */
export const b5 = (ctx: PeriodContext) =>
  exitedInMonth(ctx, sql`CASE WHEN x.transferred IS NOT NULL AND x.died IS NULL THEN x.runs_out END`);
/** B6: suspended during the month. */
export const b6 = (ctx: PeriodContext) => exitedInMonth(ctx, sql`x.suspended`);
/** B8: died during the month. */
export const b8 = (ctx: PeriodContext) => exitedInMonth(ctx, sql`x.died`);

/** B7: active at the end of the previous month, no longer by the 59-day rule at the end of this one, no exit. */
export function b7(ctx: PeriodContext): Sql {
  return sql`SELECT b.patient_id FROM (${b12(ctx)}) b
    LEFT JOIN ${activeAt(ctx)} active ON active.patient_id = b.patient_id
    LEFT JOIN ${exitsAt(ctx)} x ON x.patient_id = b.patient_id
    WHERE active.patient_id IS NULL AND NOT ${outOfCare('x', ctx.endDate)}`;
}

/** Patients out of care by a transfer at the end of the previous month who picked up drugs during this one. */
export function backAfterTransferOut(ctx: PeriodContext): Sql {
  const prev = previous(ctx);
  return sql`SELECT x.patient_id FROM ${exitsAt(prev)} x
    JOIN ${pickupsDuring(ctx)} back ON back.patient_id = x.patient_id
    WHERE x.transferred IS NOT NULL AND x.runs_out <= ${prev.endDate}`;
}

/** B9: B5 + B6 + B7 + B8, everyone who left active care during the month. */
export const b9 = (ctx: PeriodContext) => union([b5(ctx), b6(ctx), b7(ctx), b8(ctx)]);

/** B10: started ART by the end of the previous month, not transferred in (cumulative). */
export function b10(ctx: PeriodContext): Sql {
  const prev = previous(ctx);
  return sql`SELECT a.patient_id FROM ${artStart(prev)} a
    LEFT JOIN ${transferredIn(prev)} t ON t.patient_id = a.patient_id WHERE t.patient_id IS NULL`;
}

/** B11: B1 or B10 — every ART start at the facility by the end of the month. */
export const b11 = (ctx: PeriodContext) => union([b1(ctx), b10(ctx)]);

/** B12: active on ART at the end of the previous month (59-day rule). */
export const b12 = (ctx: PeriodContext) => sql`SELECT o.patient_id FROM ${activeAt(previous(ctx))} o`;
/** B13: active on ART at the end of the month (59-day rule). */
export const b13 = (ctx: PeriodContext) => sql`SELECT o.patient_id FROM ${activeAt(ctx)} o`;

/**
 * Patients of `cohort` with an obs of `concept` (answered `answer`, if given) during the month, by the
 * obs date or by its date value. The obs are found by concept first: few per month, many per patient.
 */
function withObsInMonth(
  ctx: PeriodContext,
  cohort: Sql,
  concept: ReportTerm,
  by: 'obs_datetime' | 'value_datetime',
  answer?: ReportTerm,
): Sql {
  const { terms } = ctx;
  return sql`SELECT c.patient_id FROM (${cohort}) c
    JOIN (SELECT DISTINCT o.person_id FROM obs o
          WHERE o.voided = 0 AND o.concept_id = ${terms.id(concept)} AND ${inMonth(raw(`o.${by}`), ctx)}
            ${answer ? sql`AND o.value_coded = ${terms.id(answer)}` : raw('')}) seen ON seen.person_id = c.patient_id`;
}

/** C1: new pre-ART patients (A2) screened for TB during the month. */
export const c1 = (ctx: PeriodContext) => withObsInMonth(ctx, a2(ctx), 'concept.tbSymptoms', 'obs_datetime');
/** C2: new pre-ART patients (A2) who started isoniazid prophylaxis (TPT) during the month. */
export const c2 = (ctx: PeriodContext) => withObsInMonth(ctx, a2(ctx), 'concept.isoniazidStartDate', 'value_datetime');
/** C3: new pre-ART patients (A2) who started TB treatment (active TB) during the month. */
export const c3 = (ctx: PeriodContext) =>
  withObsInMonth(ctx, a2(ctx), 'concept.tbTreatmentStartDate', 'value_datetime');

/** E1: B13 with a viral load requested during the month. */
export const e1 = (ctx: PeriodContext) =>
  withObsInMonth(ctx, b13(ctx), 'concept.labRequest', 'obs_datetime', 'concept.viralLoad');

/** E2: B13 with a viral-load result during the month. */
export const e2 = (ctx: PeriodContext) =>
  sql`SELECT DISTINCT c.patient_id FROM (${b13(ctx)}) c JOIN ${viralLoads(ctx, ctx.startDate)} v ON v.patient_id = c.patient_id`;
/** E3: B13 with a suppressed viral-load result (< 1000 copies/mL) during the month. */
export const e3 = (ctx: PeriodContext) =>
  sql`SELECT DISTINCT c.patient_id FROM (${b13(ctx)}) c
      JOIN ${viralLoads(ctx, ctx.startDate)} v ON v.patient_id = c.patient_id AND v.suppressed = 1`;

/** (patient_id) with a Ficha Clínica (adult or child) from `fromDate` to the end of the month. */
function consulted({ terms, endDate }: PeriodContext, fromDate: string): Sql {
  return sql`SELECT DISTINCT c.patient_id FROM ${consultations(terms)} c
    WHERE ${onDays(sql`c.encounter_datetime`, fromDate, endDate)}`;
}

/** F1: patients with a clinical consultation during the month. */
export const f1 = (ctx: PeriodContext) => consulted(ctx, ctx.startDate);
/** F2: F1 patients screened for TB during the month. */
export const f2 = (ctx: PeriodContext) => withObsInMonth(ctx, f1(ctx), 'concept.tbSymptoms', 'obs_datetime');
/** F3: patients with at least one clinical consultation in the 12 months up to the end of the month. */
export const f3 = (ctx: PeriodContext) => consulted(ctx, twelveMonthsBefore(ctx.endDate));
