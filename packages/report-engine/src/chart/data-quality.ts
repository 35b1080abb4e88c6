import { artStartSources } from '../blocks/art-start';
import { consultations, filas } from '../blocks/events';
import { exitEvents } from '../blocks/exits';
import { endOf } from '../context';
import { join, raw, sql, type Sql } from '../sql';
import type { AlertContext, AlertRule } from './alerts';

// Data inconsistencies, of the kinds the EPTS data-quality report lists (csaude/openmrs-module-eptsreports,
// `SummaryDataQualityDataset`, EC1–EC26), and the contradictions between a patient's own records the chart
// can point at. Each rule gives (patient_id, due_date, detail): the day of the offending record.

const FIRST_RECORDS = '1985-01-01';
const OLDEST_BIRTH = '1920-01-01';

/** (patient_id, event) of the exits of `kind` recorded up to the date: deaths read everywhere, transfers as recorded. */
function exitsOf(ctx: AlertContext, kind: 'died' | 'transferred'): Sql {
  return sql`SELECT x.patient_id, x.exited AS event FROM (${exitEvents(ctx, kind === 'died' ? 'pepfar' : 'misau')}) x
    WHERE x.kind = ${kind} AND x.exited IS NOT NULL`;
}

/** (patient_id, event) of every abandonment recorded: the ART programme state or the state of stay. */
function abandonments({ terms, chart, endDate }: AlertContext): Sql {
  return sql`
    SELECT pp.patient_id, ps.start_date AS event FROM patient_program pp
    JOIN patient_state ps ON ps.patient_program_id = pp.patient_program_id AND ps.voided = 0 AND ps.end_date IS NULL
      AND ps.state = ${chart.id('programWorkflowState.tarv.abandoned')}
    WHERE pp.voided = 0 AND pp.program_id = ${terms.id('program.tarvTreatment')} AND ps.start_date < ${endOf(endDate)}
    UNION ALL
    SELECT o.person_id, o.obs_datetime FROM obs o JOIN encounter e ON e.encounter_id = o.encounter_id AND e.voided = 0
      AND e.encounter_type IN (${[terms.id('encounterType.fichaClinicaAdult'), terms.id('encounterType.fichaResumo')]})
    WHERE o.voided = 0 AND o.concept_id = ${terms.id('concept.stateOfStayArt')} AND o.value_coded = ${chart.id('concept.abandoned')}
      AND o.obs_datetime < ${endOf(endDate)}`;
}

type Recorded = 'pickup' | 'consultation' | 'laboratory';

/** (patient_id, at) of every drug pickup (FILA), consultation (Ficha Clínica) or laboratory record up to the date. */
function records(ctx: AlertContext, what: Recorded): Sql {
  const { terms, endDate } = ctx;
  const before = endOf(endDate);
  if (what === 'pickup') {
    return sql`SELECT f.patient_id, f.encounter_datetime AS at FROM ${filas(terms)} f WHERE f.encounter_datetime < ${before}`;
  }
  if (what === 'consultation') {
    return sql`SELECT c.patient_id, c.encounter_datetime AS at FROM ${consultations(terms)} c WHERE c.encounter_datetime < ${before}`;
  }
  return sql`SELECT e.patient_id, e.encounter_datetime AS at FROM encounter e WHERE e.voided = 0
    AND e.encounter_type IN (${[terms.id('encounterType.laboratory'), terms.id('encounterType.fsr')]}) AND e.encounter_datetime < ${before}`;
}

/** A record of `what` on a later day than an `events` row: due_date is that record's day, detail the event's. */
function recordAfter(ctx: AlertContext, events: (ctx: AlertContext) => Sql, what: Recorded) {
  return sql`SELECT ev.patient_id, DATE(MIN(r.at)) AS due_date, DATE(MAX(ev.event)) AS detail
    FROM (${events(ctx)}) ev JOIN (${records(ctx, what)}) r ON r.patient_id = ev.patient_id AND DATE(r.at) > DATE(ev.event)
    GROUP BY ev.patient_id`;
}

/** The person's birthdate after their first `what`: due_date the record's day, detail the birthdate. */
function bornAfter(ctx: AlertContext, what: Recorded): Sql {
  return sql`SELECT p.person_id AS patient_id, DATE(MIN(r.at)) AS due_date, p.birthdate AS detail
    FROM person p JOIN (${records(ctx, what)}) r ON r.patient_id = p.person_id
    WHERE p.voided = 0 GROUP BY p.person_id, p.birthdate HAVING p.birthdate > DATE(MIN(r.at))`;
}

/** A `what` dated before 1985: the EPTS report's sign of a typing error in the year. */
function recordedBefore1985(ctx: AlertContext, what: Recorded): Sql {
  return sql`SELECT r.patient_id, DATE(MIN(r.at)) AS due_date, NULL AS detail FROM (${records(ctx, what)}) r
    WHERE r.at < ${FIRST_RECORDS} GROUP BY r.patient_id`;
}

/** A man with a record of pregnancy (pregnant = yes, weeks of pregnancy) or breastfeeding. */
function man(ctx: AlertContext, evidence: 'pregnant' | 'breastfeeding'): Sql {
  const { terms, endDate } = ctx;
  const found =
    evidence === 'pregnant'
      ? sql`(o.concept_id = ${terms.id('concept.pregnant')} AND o.value_coded = ${terms.id('concept.yes')})
            OR o.concept_id = ${terms.id('concept.weeksPregnant')}`
      : sql`o.concept_id = ${terms.id('concept.breastfeeding')} AND o.value_coded = ${terms.id('concept.yes')}`;
  return sql`SELECT p.person_id AS patient_id, DATE(MAX(o.obs_datetime)) AS due_date, NULL AS detail
    FROM person p JOIN obs o ON o.person_id = p.person_id AND o.voided = 0 AND (${found}) AND o.obs_datetime < ${endOf(endDate)}
    WHERE p.voided = 0 AND p.gender = 'M' GROUP BY p.person_id`;
}

/** Whose person record `condition` (on person `p`) holds: no date. */
const person = (condition: Sql) => () =>
  sql`SELECT p.person_id AS patient_id, NULL AS due_date, p.birthdate AS detail FROM person p
      JOIN patient pt ON pt.patient_id = p.person_id AND pt.voided = 0 WHERE p.voided = 0 AND ${condition}`;

/** Consultations or pickups but no ART enrolment (EC20) or no Ficha Resumo (EC24). */
function seenWithout(ctx: AlertContext, missing: Sql): Sql {
  const seen = join([records(ctx, 'pickup'), records(ctx, 'consultation')], ' UNION ALL ');
  return sql`SELECT s.patient_id, DATE(MIN(s.at)) AS due_date, NULL AS detail FROM (${seen}) s
    WHERE NOT EXISTS (${missing}) GROUP BY s.patient_id`;
}

/** Quantitative and qualitative viral load on the same form (EC25). */
function bothViralLoads({ terms, endDate }: AlertContext): Sql {
  return sql`SELECT q.person_id AS patient_id, DATE(MAX(q.obs_datetime)) AS due_date, NULL AS detail FROM obs q
    JOIN obs l ON l.encounter_id = q.encounter_id AND l.voided = 0 AND l.concept_id = ${terms.id('concept.viralLoadQualitative')}
    WHERE q.voided = 0 AND q.concept_id = ${terms.id('concept.viralLoad')} AND q.obs_datetime < ${endOf(endDate)}
    GROUP BY q.person_id`;
}

/**
 * The ART start date written on a form (1190) later than the first drug pickup: the summary's ART start
 * is the pickup (the earliest source), but the form contradicts it. detail: the written date.
 */
function artStartAfterFirstPickup({ terms, endDate }: AlertContext): Sql {
  const before = endOf(endDate);
  return sql`SELECT s.patient_id, DATE(MIN(p.started)) AS due_date, DATE(MAX(s.started)) AS detail
    FROM (${artStartSources(terms)}) s JOIN (${artStartSources(terms)}) p
      ON p.patient_id = s.patient_id AND p.pickup = 1 AND p.started < ${before}
    WHERE s.source = 'art-start-date' AND s.started < ${before} AND DATE(s.started) > DATE(p.started)
    GROUP BY s.patient_id`;
}

/** The birthdate after the ART start written or recorded anywhere (any of the five sources). */
function bornAfterArtStart({ terms, endDate }: AlertContext): Sql {
  return sql`SELECT s.patient_id, DATE(MIN(s.started)) AS due_date, p.birthdate AS detail
    FROM (${artStartSources(terms)}) s JOIN person p ON p.person_id = s.patient_id AND p.voided = 0
    WHERE s.started < ${endOf(endDate)} GROUP BY s.patient_id, p.birthdate HAVING p.birthdate > DATE(MIN(s.started))`;
}

const dq = (code: string, rule: (ctx: AlertContext) => Sql): AlertRule => ({ code, severity: 'info', rule });

/** The data-quality checks, in the EPTS report's numbering; ours after them. */
export const DATA_QUALITY_CHECKS: readonly AlertRule[] = [
  dq('EC1', (ctx) => man(ctx, 'pregnant')),
  dq('EC2', (ctx) => man(ctx, 'breastfeeding')),
  dq('EC3', (ctx) => recordAfter(ctx, (c) => exitsOf(c, 'died'), 'pickup')),
  dq('EC4', (ctx) => recordAfter(ctx, (c) => exitsOf(c, 'died'), 'consultation')),
  dq('EC5', (ctx) => recordAfter(ctx, (c) => exitsOf(c, 'died'), 'laboratory')),
  dq('EC6', (ctx) => recordAfter(ctx, (c) => exitsOf(c, 'transferred'), 'pickup')),
  dq('EC7', (ctx) => recordAfter(ctx, (c) => exitsOf(c, 'transferred'), 'consultation')),
  dq('EC8', (ctx) => recordAfter(ctx, (c) => exitsOf(c, 'transferred'), 'laboratory')),
  dq('EC9', (ctx) => recordAfter(ctx, abandonments, 'pickup')),
  dq('EC10', (ctx) => recordAfter(ctx, abandonments, 'consultation')),
  dq('EC11', (ctx) => recordAfter(ctx, abandonments, 'laboratory')),
  dq('EC12', person(sql`p.birthdate < ${OLDEST_BIRTH}`)),
  dq('EC13', (ctx) => person(sql`p.birthdate > ${ctx.endDate}`)()),
  dq('EC15', (ctx) => bornAfter(ctx, 'pickup')),
  dq('EC16', (ctx) => bornAfter(ctx, 'consultation')),
  dq('EC17', (ctx) => recordedBefore1985(ctx, 'pickup')),
  dq('EC18', (ctx) => recordedBefore1985(ctx, 'consultation')),
  dq('EC19', (ctx) => recordedBefore1985(ctx, 'laboratory')),
  dq('EC20', (ctx) =>
    seenWithout(
      ctx,
      sql`SELECT 1 FROM patient_program pp WHERE pp.patient_id = s.patient_id AND pp.voided = 0
          AND pp.program_id = ${ctx.terms.id('program.tarvTreatment')}`,
    ),
  ),
  dq('EC21', person(sql`(p.gender IS NULL OR p.gender NOT IN ('M', 'F'))`)),
  dq('EC22', person(raw('p.birthdate IS NULL'))),
  dq('EC24', (ctx) =>
    seenWithout(
      ctx,
      sql`SELECT 1 FROM encounter e WHERE e.patient_id = s.patient_id AND e.voided = 0
          AND e.encounter_type = ${ctx.terms.id('encounterType.fichaResumo')}`,
    ),
  ),
  dq('EC25', bothViralLoads),
  dq('art-start-after-first-pickup', artStartAfterFirstPickup),
  dq('birth-after-art-start', bornAfterArtStart),
];
