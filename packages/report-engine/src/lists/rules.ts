import { artStart } from '../blocks/art-start';
import { consultations } from '../blocks/events';
import { exits, outOfCare } from '../blocks/exits';
import { onArt } from '../blocks/on-art';
import { pickups } from '../blocks/pickups';
import { pregnancyStatus } from '../blocks/pregnancy';
import { lastViralLoad } from '../blocks/viral-load';
import { endOf, type ReportContext } from '../context';
import { join, raw, sql, table, type Sql, type Table } from '../sql';
import { TX_CURR_GRACE_DAYS } from '../indicators/tx-curr';
import type { ListTerms } from './terms';

// The follow-up lists' rules, each over the blocks the indicators use (docs: ../../README.md, "Patient
// lists"). A rule gives (patient_id, band, due_date): the band of a late patient, the day something
// fell due; NULL where the list has none.

export interface ListContext extends ReportContext {
  list: ListTerms;
}

/** Days late for a pickup, as a follow-up worker sorts them: faltosos up to 59 days, abandonos from 60. */
export const LATE_BANDS = [
  { code: '1-7', from: 1, to: 7 },
  { code: '8-28', from: 8, to: 28 },
  { code: '29-59', from: 29, to: 59 },
  { code: '60+', from: 60, to: null },
] as const;

/** The start of every patient's history, for blocks that take a first date. */
export const ALL_TIME = '1900-01-01';

/**
 * (patient_id, art_start, scheduled) of the patients in care at the date: ART started by then, a pickup
 * on record, not out of care (a death or suspension that holds, a transfer out once the drugs ran
 * out; a later pickup undoes them) — however late they are.
 */
export function inCare(ctx: ReportContext): Sql {
  return sql`SELECT a.patient_id, a.art_start, pk.scheduled
    FROM ${artStart(ctx)} a
    JOIN ${pickups(ctx)} pk ON pk.patient_id = a.patient_id
    LEFT JOIN ${exits(ctx)} x ON x.patient_id = a.patient_id
    WHERE NOT ${outOfCare('x', ctx.endDate)}`;
}

/** Late for their pickup: in care and past the day their drugs ran out; the band of days late. */
export function lateForPickup(ctx: ListContext): Sql {
  const late = sql`DATEDIFF(${ctx.endDate}, c.scheduled)`;
  const band = join(
    LATE_BANDS.map((b) =>
      b.to === null ? sql`WHEN ${late} >= ${b.from} THEN ${b.code}` : sql`WHEN ${late} <= ${b.to} THEN ${b.code}`,
    ),
    ' ',
  );
  return sql`SELECT c.patient_id, CASE ${band} END AS band, c.scheduled AS due_date
    FROM (${inCare(ctx)}) c WHERE c.scheduled < ${ctx.endDate}`;
}

/** Expected at the pharmacy on the date: in care, their scheduled pickup that very day (the pharmacy's day list). */
export function expectedForPickup(ctx: ListContext): Sql {
  return sql`SELECT c.patient_id, NULL AS band, c.scheduled AS due_date
    FROM (${inCare(ctx)}) c WHERE c.scheduled = ${ctx.endDate}`;
}

/**
 * Due a viral load: on ART by the PEPFAR rule, not pregnant or breastfeeding (they follow the PTV
 * schedule), and the next viral load's day reached — 6 months after the ART start without a result
 * since, 12 months after a suppressed result, 3 months after one of 1000 copies or more.
 */
export function viralLoadDue(ctx: ListContext): Sql {
  const v = lastViralLoad(ctx, ALL_TIME);
  const due = sql`CASE WHEN v.resulted IS NULL OR v.resulted < c.art_start THEN c.art_start + INTERVAL 6 MONTH
                       WHEN v.suppressed = 1 THEN DATE(v.resulted) + INTERVAL 12 MONTH
                       ELSE DATE(v.resulted) + INTERVAL 3 MONTH END`;
  return sql`SELECT d.patient_id, NULL AS band, d.due_date FROM (
      SELECT c.patient_id, ${due} AS due_date, ${pregnancyStatus(ctx, sql`${ctx.endDate}`)} AS pregnancy
      FROM ${onArt(ctx, TX_CURR_GRACE_DAYS)} c
      LEFT JOIN person p ON p.person_id = c.patient_id
      LEFT JOIN ${v} v ON v.patient_id = c.patient_id) d
    WHERE d.due_date <= ${ctx.endDate} AND d.pregnancy IS NULL`;
}

/**
 * A high viral load not yet repeated: in care, the last result not suppressed (1000 copies or more, as
 * TX_PVLS counts it); the repeat falls due 3 months after it, once adherence counselling is done.
 */
export function highViralLoad(ctx: ListContext): Sql {
  return sql`SELECT c.patient_id, NULL AS band, DATE(v.resulted) + INTERVAL 3 MONTH AS due_date
    FROM (${inCare(ctx)}) c JOIN ${lastViralLoad(ctx, ALL_TIME)} v ON v.patient_id = c.patient_id
    WHERE v.suppressed = 0`;
}

/** (patient_id, started, regimen 'inh' | '3hp') of every TPT start up to the date. */
export function tptStarts({ terms, list, endDate }: ListContext): Table {
  const threeHp = [list.id('concept.tptRegimen.3hp'), list.id('concept.tptRegimen.3hpPyridoxine')];
  return table(
    'tpt_starts',
    [['patient_id', 'started']],
    sql`SELECT o.person_id AS patient_id, o.value_datetime AS started, 'inh' AS regimen FROM obs o
        WHERE o.voided = 0 AND o.concept_id = ${terms.id('concept.isoniazidStartDate')} AND o.value_datetime < ${endOf(endDate)}
        UNION ALL
        SELECT e.patient_id, e.encounter_datetime, CASE WHEN r.value_coded IN (${threeHp}) THEN '3hp' ELSE 'inh' END
        FROM encounter e
        JOIN obs r ON r.encounter_id = e.encounter_id AND r.voided = 0 AND r.concept_id = ${list.id('concept.tptRegimen')}
        JOIN obs s ON s.encounter_id = e.encounter_id AND s.voided = 0 AND s.concept_id = ${list.id('concept.tptPatientType')}
          AND s.value_coded IN (${[terms.id('concept.artPlan.start'), list.id('concept.artPlan.restart')]})
        WHERE e.voided = 0 AND e.encounter_type = ${list.id('encounterType.tpt')} AND e.encounter_datetime < ${endOf(endDate)}`,
  );
}

/** Whether the patient of row `c` has an obs of `concept` (answered `answer`, if given) dated in [from, date]. */
function obsSince(ctx: ListContext, concept: number, from: Sql, answer?: number, dated = raw('o.obs_datetime')): Sql {
  return sql`EXISTS (SELECT 1 FROM obs o WHERE o.person_id = c.patient_id AND o.voided = 0 AND o.concept_id = ${concept}
    ${answer === undefined ? raw('') : sql`AND o.value_coded = ${answer}`}
    AND ${dated} >= ${from} AND ${dated} < ${endOf(ctx.endDate)})`;
}

/**
 * Eligible for TB preventive treatment: on ART by the PEPFAR rule and none of — a TPT course under way
 * (isoniazid started in the last 7 months, 3HP in the last 120 days), a TPT course completed, active TB
 * (TB treatment started, TB diagnosed or TB programme enrolment in the last 7 months), TB symptoms at a
 * screening in the last 14 days.
 */
export function tptEligible(ctx: ListContext): Sql {
  const { terms, list, endDate } = ctx;
  const monthsAgo = (n: number) => sql`${endDate} - INTERVAL ${n} MONTH`;
  const daysAgo = (n: number) => sql`${endDate} - INTERVAL ${n} DAY`;
  const completed = sql`EXISTS (SELECT 1 FROM encounter e
      JOIN obs s ON s.encounter_id = e.encounter_id AND s.voided = 0 AND s.concept_id = ${list.id('concept.tptPatientType')}
        AND s.value_coded = ${list.id('concept.completed')}
      WHERE e.patient_id = c.patient_id AND e.voided = 0 AND e.encounter_type = ${list.id('encounterType.tpt')}
        AND e.encounter_datetime < ${endOf(endDate)})`;
  return sql`SELECT c.patient_id, NULL AS band, NULL AS due_date FROM ${onArt(ctx, TX_CURR_GRACE_DAYS)} c
    WHERE NOT EXISTS (SELECT 1 FROM ${tptStarts(ctx)} t WHERE t.patient_id = c.patient_id
                        AND t.started >= CASE t.regimen WHEN '3hp' THEN ${daysAgo(120)} ELSE ${monthsAgo(7)} END)
      AND NOT ${obsSince(ctx, list.id('concept.isoniazidEndDate'), sql`${ALL_TIME}`, undefined, raw('o.value_datetime'))}
      AND NOT ${completed}
      AND NOT ${obsSince(ctx, terms.id('concept.tbTreatmentStartDate'), monthsAgo(7), undefined, raw('o.value_datetime'))}
      AND NOT ${obsSince(ctx, list.id('concept.activeTb'), monthsAgo(7), terms.id('concept.yes'))}
      AND NOT EXISTS (SELECT 1 FROM patient_program pp WHERE pp.patient_id = c.patient_id AND pp.voided = 0
                        AND pp.program_id = ${list.id('program.tb')} AND pp.date_enrolled >= ${monthsAgo(7)}
                        AND pp.date_enrolled < ${endOf(endDate)})
      AND NOT ${obsSince(ctx, terms.id('concept.tbSymptoms'), daysAgo(14), terms.id('concept.yes'))}`;
}

/**
 * Not screened for TB at the last consultation: on ART by the PEPFAR rule, whose latest Ficha Clínica up
 * to the date records neither TB symptoms (yes/no) nor a TB screening, and who did not start TB
 * treatment in the 6 months before (those on treatment are not screened). due_date: that consultation.
 */
export function noTbScreening(ctx: ListContext): Sql {
  const { terms, list, endDate } = ctx;
  const screening = [terms.id('concept.tbSymptoms'), list.id('concept.tbScreening')];
  return sql`SELECT c.patient_id, NULL AS band, DATE(lc.latest) AS due_date FROM ${onArt(ctx, TX_CURR_GRACE_DAYS)} c
    JOIN (SELECT f.patient_id, MAX(f.encounter_datetime) AS latest FROM ${consultations(terms)} f
          WHERE f.encounter_datetime < ${endOf(endDate)} GROUP BY f.patient_id) lc ON lc.patient_id = c.patient_id
    WHERE NOT EXISTS (SELECT 1 FROM encounter e JOIN obs o ON o.encounter_id = e.encounter_id AND o.voided = 0
                        AND o.concept_id IN (${screening})
                      WHERE e.patient_id = c.patient_id AND e.voided = 0 AND e.encounter_datetime = lc.latest
                        AND e.encounter_type IN (${[terms.id('encounterType.fichaClinicaAdult'), terms.id('encounterType.fichaClinicaChild')]}))
      AND NOT ${obsSince(ctx, terms.id('concept.tbTreatmentStartDate'), sql`${endDate} - INTERVAL 6 MONTH`, undefined, raw('o.value_datetime'))}`;
}
