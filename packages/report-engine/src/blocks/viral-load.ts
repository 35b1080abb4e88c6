import { endOf, onDays, type ReportContext } from '../context';
import type { ReportTerm } from '../terms';
import { sql, table, type Table } from '../sql';

/**
 * Qualitative results that mean suppressed, as EPTS's TX_PVLS counts them: below the detectable level,
 * undetectable, the "< n copies" bands and "less than" the value written in the comment.
 */
export const SUPPRESSED_ANSWERS: readonly ReportTerm[] = [
  'concept.viralLoad.belowDetectable',
  'concept.viralLoad.undetectable',
  'concept.viralLoad.below839',
  'concept.viralLoad.below10',
  'concept.viralLoad.below20',
  'concept.viralLoad.below40',
  'concept.viralLoad.below400',
  'concept.viralLoad.belowValue',
];

/** Request reasons that make a viral load targeted; any other reason (or none) is routine. */
export const TARGETED_REASONS: readonly ReportTerm[] = [
  'concept.vlRequestReason.targeted',
  'concept.vlRequestReason.repeatAfterBreastfeeding',
  'concept.vlRequestReason.suspectedImmunologicalFailure',
  'concept.vlRequestReason.suspectedClinicalFailure',
];

/** The forms a viral-load result is written on: laboratory, FSR, Ficha Clínica (adult, child), Ficha Resumo. */
const RESULT_FORMS: readonly ReportTerm[] = [
  'encounterType.laboratory',
  'encounterType.fsr',
  'encounterType.fichaClinicaAdult',
  'encounterType.fichaClinicaChild',
  'encounterType.fichaResumo',
];

/**
 * Every viral-load result dated from `fromDate` up to the end date, one row per result:
 * (patient_id, resulted, suppressed) — numeric below 1000 copies/mL or a suppressed qualitative answer.
 */
export function viralLoads({ terms, endDate }: ReportContext, fromDate: string): Table {
  return table(
    'viral_loads',
    [['patient_id', 'resulted']],
    sql`SELECT o.person_id AS patient_id, o.obs_datetime AS resulted,
          CASE WHEN o.concept_id = ${terms.id('concept.viralLoad')} THEN o.value_numeric < 1000
               ELSE o.value_coded IN (${SUPPRESSED_ANSWERS.map((a) => terms.id(a))}) END AS suppressed
        FROM obs o JOIN encounter e ON e.encounter_id = o.encounter_id AND e.voided = 0
          AND e.encounter_type IN (${RESULT_FORMS.map((f) => terms.id(f))})
        WHERE o.voided = 0 AND o.concept_id IN (${[terms.id('concept.viralLoad'), terms.id('concept.viralLoadQualitative')]})
          AND ${onDays(sql`o.obs_datetime`, fromDate, endDate)}`,
  );
}

/** (patient_id, requested) of every targeted viral-load request reason recorded up to the end date. */
function targetedRequests({ terms, endDate }: ReportContext): Table {
  return table(
    'targeted_vl_requests',
    [['patient_id', 'requested']],
    sql`SELECT o.person_id AS patient_id, o.obs_datetime AS requested FROM obs o
        WHERE o.voided = 0 AND o.concept_id = ${terms.id('concept.vlRequestReason')}
          AND o.value_coded IN (${TARGETED_REASONS.map((a) => terms.id(a))}) AND o.obs_datetime < ${endOf(endDate)}`,
  );
}

/**
 * (patient_id, resulted, suppressed, targeted) of each patient's most recent viral load dated from
 * `fromDate` up to the end date; several results that day: suppressed only if all are. Targeted when
 * a targeted request reason was recorded the day of the result.
 */
export function lastViralLoad(ctx: ReportContext, fromDate: string): Table {
  return table(
    'last_viral_load',
    [['patient_id']],
    sql`SELECT v.patient_id, v.resulted, MIN(v.suppressed) AS suppressed,
          EXISTS (SELECT 1 FROM ${targetedRequests(ctx)} r WHERE r.patient_id = v.patient_id
                    AND r.requested >= DATE(v.resulted) AND r.requested < DATE(v.resulted) + INTERVAL 1 DAY) AS targeted
        FROM (SELECT patient_id, MAX(resulted) AS resulted FROM ${viralLoads(ctx, fromDate)} l GROUP BY patient_id) latest
        JOIN ${viralLoads(ctx, fromDate)} v ON v.patient_id = latest.patient_id AND v.resulted = latest.resulted
        GROUP BY v.patient_id, v.resulted`,
    { unique: true },
  );
}
