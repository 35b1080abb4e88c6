import { endOf, type ReportContext } from '../context';
import type { Terms } from '../terms';
import { join, least, raw, sql, table, type Sql, type Table } from '../sql';
import { filas } from './events';

/**
 * Since 2023-12-21 only a real drug pickup (FILA, or a Master Card pickup) starts ART: a start written
 * on a clinical form alone no longer counts (EPTS's TX_NEW and TX_CURR queries since 2024).
 */
export const ART_START_CUTOVER = '2023-12-21';

/** Where an ART start comes from: the five sources, in EPTS's order. */
export type ArtStartSource = 'art-plan' | 'art-start-date' | 'programme' | 'fila' | 'master-card';

/**
 * The five sources of the ART start, each its earliest (patient_id, started, pickup, source) row per
 * patient: `pickup` marks the sources that are drug pickups, `source` names it (the chart shows it).
 */
export function artStartSources(terms: Terms): Sql {
  const clinicalForms = [
    terms.id('encounterType.fila'),
    terms.id('encounterType.fichaClinicaAdult'),
    terms.id('encounterType.fichaClinicaChild'),
  ];
  return join(
    [
      // 1. ARV plan = start, on FILA or Ficha Clínica
      sql`SELECT e.patient_id, MIN(e.encounter_datetime) AS started, 0 AS pickup, 'art-plan' AS source
          FROM encounter e JOIN obs o ON o.encounter_id = e.encounter_id AND o.voided = 0
          WHERE e.voided = 0 AND e.encounter_type IN (${clinicalForms}) 
            AND o.concept_id = ${terms.id('concept.artPlan')} AND o.value_coded = ${terms.id('concept.artPlan.start')}
          GROUP BY e.patient_id`,
      // 2. ART start date written on FILA, Ficha Clínica or Ficha Resumo
      sql`SELECT o.person_id, MIN(o.value_datetime), 0, 'art-start-date'
          FROM obs o JOIN encounter e ON e.encounter_id = o.encounter_id AND e.voided = 0
          WHERE o.voided = 0 AND o.concept_id = ${terms.id('concept.artStartDate')}
            AND e.encounter_type IN (${[...clinicalForms, terms.id('encounterType.fichaResumo')]})
          GROUP BY o.person_id`,
      // 3. enrolment in the ART programme
      sql`SELECT pp.patient_id, MIN(pp.date_enrolled), 0, 'programme'
          FROM patient_program pp
          WHERE pp.voided = 0 AND pp.program_id = ${terms.id('program.tarvTreatment')}
          GROUP BY pp.patient_id`,
      // 4. any FILA
      sql`SELECT f.patient_id, MIN(f.encounter_datetime), 1, 'fila'
          FROM ${filas(terms)} f
          GROUP BY f.patient_id`,
      // 5. a pickup date on the Master Card pickup form
      sql`SELECT o.person_id, MIN(o.value_datetime), 1, 'master-card'
          FROM obs o JOIN encounter e ON e.encounter_id = o.encounter_id AND e.voided = 0
          WHERE o.voided = 0 AND o.concept_id = ${terms.id('concept.pickupDate')}
            AND e.encounter_type = ${terms.id('encounterType.masterCardPickup')}
          GROUP BY o.person_id`,
    ],
    ' UNION ALL ',
  );
}

/**
 * (patient_id, clinical, pickup): each patient's earliest clinical and earliest pickup start, whatever
 * the date. The earliest before any end date is this one when it falls before that date, so every
 * date of a run derives its ART starts from this one table.
 */
function earliestStarts(terms: Terms): Table {
  return table(
    'earliest_starts',
    [['patient_id']],
    sql`SELECT src.patient_id, MIN(CASE WHEN src.pickup = 0 THEN src.started END) AS clinical,
               MIN(CASE WHEN src.pickup = 1 THEN src.started END) AS pickup
        FROM (${artStartSources(terms)}) src
        JOIN patient p ON p.patient_id = src.patient_id AND p.voided = 0
        GROUP BY src.patient_id`,
    { unique: true },
  );
}

/**
 * (patient_id, art_start) of every patient who started ART by the end date: the earliest of the five
 * sources when it falls before the cut-over, otherwise the first pickup (none: not started). TX_NEW,
 * TX_CURR, TX_ML, TX_RTT and the Resumo Mensal date ART this way.
 */
export function artStart({ terms, endDate }: ReportContext): Table {
  const before = endOf(endDate);
  const earliest = least(raw('s.clinical'), raw('s.pickup'));
  return table(
    'art_start',
    [['patient_id']],
    sql`SELECT s.patient_id, DATE(CASE WHEN ${earliest} < ${ART_START_CUTOVER} THEN ${earliest} ELSE s.pickup END) AS art_start
        FROM (${startsBefore(terms, before)}) s
        WHERE s.pickup IS NOT NULL OR s.clinical < ${ART_START_CUTOVER}`,
    { unique: true },
  );
}

/**
 * (patient_id, art_start): the plain earliest of the five sources up to the end date, without the
 * cut-over — what EPTS's TX_PVLS queries count the 90 days on ART from, so a start written on the
 * Ficha Resumo counts even when the first pickup came later.
 */
export function earliestArtStart({ terms, endDate }: ReportContext): Table {
  return table(
    'earliest_art_start',
    [['patient_id']],
    sql`SELECT s.patient_id, DATE(${least(raw('s.clinical'), raw('s.pickup'))}) AS art_start
        FROM (${startsBefore(terms, endOf(endDate))}) s`,
    { unique: true },
  );
}

/** Each patient's earliest clinical and pickup starts before `before` (either may be NULL, not both). */
function startsBefore(terms: Terms, before: string): Sql {
  return sql`SELECT e.patient_id, CASE WHEN e.clinical < ${before} THEN e.clinical END AS clinical,
                    CASE WHEN e.pickup < ${before} THEN e.pickup END AS pickup
             FROM ${earliestStarts(terms)} e
             WHERE e.clinical < ${before} OR e.pickup < ${before}`;
}
