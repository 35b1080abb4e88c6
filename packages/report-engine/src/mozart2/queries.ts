import { escape } from 'mysql2';
import type { Pseudonymiser } from './pseudonymise';
import { q, TABLES, type MozartTable } from './schema';
import { OBSERVATION_CONCEPTS, OBSERVATION_ENCOUNTER_TYPES, type MozartTerm, type MozartTerms } from './terms';

// What each MozART 2 table holds, as one SELECT on a facility database. The same SELECT feeds the
// same-server INSERT … SELECT, the streaming copy and reconciliation, so they cannot disagree.
// Only non-voided rows of non-voided patients, encounters and programs are selected.

export interface QueryContext {
  /** The facility database name on its server. */
  database: string;
  /** The value of source_database on every row. */
  sourceName: string;
  terms: MozartTerms;
  pseudonymiser?: Pseudonymiser;
  /** Restrict to these patient ids (incremental runs); undefined means every patient. */
  patients?: readonly number[];
}

interface BuildTools {
  c: QueryContext;
  /** A source table, qualified with its database. */
  s: (table: string) => string;
  /** The incremental patient filter on a patient id column ('' on a full extract). */
  only: (column: string) => string;
  /** A branch's select list, aliased to the table's column names and followed by source_database. */
  select: (list: string) => string;
}

type Builder = (tools: BuildTools) => string;

/** A patient and its person, both non-voided. */
const patientJoin = (s: (t: string) => string, on: string) =>
  `JOIN ${s('patient')} p ON p.patient_id = ${on} AND p.voided = 0 ` +
  `JOIN ${s('person')} pe ON pe.person_id = p.patient_id AND pe.voided = 0`;

/** The encounter columns shared by observation, medication, laboratory and clinical_consultation. */
const encounterColumns =
  'e.uuid, DATE(e.encounter_datetime), e.form_id, e.encounter_type, pe.uuid, e.date_created, e.date_changed, l.uuid';

type PivotColumn = [alias: string, aggregate: 'MIN' | 'MAX', concept: MozartTerm, value: string, ungrouped?: boolean];

/**
 * One row per encounter with chosen answers as columns, built in one pass over obs and joined by
 * encounter_id. Looking answers up encounter by encounter instead costs a random obs read per
 * answer: on 10 M obs that was 8× slower (docs/benchmarks.md).
 */
function encounterPivot(s: (t: string) => string, only: (column: string) => string, columns: PivotColumn[]) {
  return (t: MozartTerms) =>
    `(SELECT d.encounter_id, ${columns
      .map(
        ([alias, agg, concept, value, ungrouped]) =>
          `${agg}(CASE WHEN d.concept_id = ${t.id(concept)}${ungrouped ? ' AND d.obs_group_id IS NULL' : ''} ` +
          `THEN ${value.includes('(') ? value : `d.${value}`} END) AS ${alias}`,
      )
      .join(', ')}
      FROM ${s('obs')} d IGNORE INDEX (encounter_observations)
      WHERE d.voided = 0 AND d.concept_id IN (${t.list(columns.map((c) => c[2]))}) ${only('d.person_id')}
      GROUP BY d.encounter_id ORDER BY NULL) d`;
}

const BUILDERS: Record<MozartTable, Builder> = {
  location: ({ c, s, select }) =>
    `${select(`l.location_id, l.uuid, NULL, NULL,
       (SELECT MAX(la.value_reference) FROM ${s('location_attribute')} la
         WHERE la.location_id = l.location_id AND la.voided = 0
           AND la.attribute_type_id = ${c.terms.id('locationAttributeType.healthFacilityCode')}),
       l.name, l.state_province, l.county_district,
       EXISTS (SELECT 1 FROM ${s('encounter')} e WHERE e.location_id = l.location_id AND e.voided = 0)`)}
     FROM ${s('location')} l WHERE l.retired = 0`,

  observation_lookup: ({ c, s, select }) =>
    `${select(`c.concept_id,
       (SELECT cn.name FROM ${s('concept_name')} cn
         WHERE cn.concept_id = c.concept_id AND cn.voided = 0 AND cn.locale_preferred = 1
         ORDER BY cn.locale = 'pt' DESC, cn.locale = 'en' DESC, cn.concept_name_id LIMIT 1)`)}
     FROM ${s('concept')} c
     WHERE c.concept_id IN (${c.terms.list(OBSERVATION_CONCEPTS)})
        OR c.concept_id IN (SELECT ca.answer_concept FROM ${s('concept_answer')} ca
                            WHERE ca.concept_id IN (${c.terms.list(OBSERVATION_CONCEPTS)}))`,

  patient: ({ s, only, select }) =>
    `${select(`p.patient_id, pe.uuid, pe.gender, pe.birthdate, pe.birthdate_estimated, DATE(p.date_created)`)}
     FROM ${s('patient')} p JOIN ${s('person')} pe ON pe.person_id = p.patient_id AND pe.voided = 0
     WHERE p.voided = 0 ${only('p.patient_id')}`,

  identifier: ({ c, s, only, select }) =>
    `${select(`pe.uuid, pi.identifier_type,
       ${c.pseudonymiser ? c.pseudonymiser.sql('pi.identifier') : 'pi.identifier'}, pi.preferred, pi.uuid`)}
     FROM ${s('patient_identifier')} pi ${patientJoin(s, 'pi.patient_id')}
     WHERE pi.voided = 0 ${only('pi.patient_id')}`,

  form: ({ s, only, select }) =>
    `${select(`e.encounter_id, e.uuid, e.form_id, e.encounter_type, pe.uuid, DATE(e.date_created),
       e.encounter_datetime, e.date_changed, l.uuid`)}
     FROM ${s('encounter')} e ${patientJoin(s, 'e.patient_id')}
     LEFT JOIN ${s('location')} l ON l.location_id = e.location_id
     WHERE e.voided = 0 ${only('e.patient_id')}`,

  observation: ({ c, s, only, select }) =>
    `${select(`${encounterColumns}, o.concept_id, o.obs_datetime, o.value_numeric, o.value_coded, o.value_text,
       o.value_datetime, o.uuid`)}
     FROM ${s('obs')} o
     JOIN ${s('encounter')} e ON e.encounter_id = o.encounter_id AND e.voided = 0
       AND e.encounter_type IN (${c.terms.list(OBSERVATION_ENCOUNTER_TYPES)})
     ${patientJoin(s, 'e.patient_id')}
     LEFT JOIN ${s('location')} l ON l.location_id = e.location_id
     WHERE o.voided = 0 AND o.concept_id IN (${c.terms.list(OBSERVATION_CONCEPTS)}) ${only('o.person_id')}`,

  patient_state: ({ c, s, only, select }) => {
    const t = c.terms;
    const fromObs = (types: string, concepts: string) =>
      `${select(`pe.uuid, NULL, NULL, NULL, l.uuid, NULL, e.uuid, e.form_id, o.value_coded, DATE(o.obs_datetime),
         o.date_created, o.uuid`)}
       FROM ${s('obs')} o
       JOIN ${s('encounter')} e ON e.encounter_id = o.encounter_id AND e.voided = 0 AND e.encounter_type IN (${types})
       ${patientJoin(s, 'e.patient_id')}
       LEFT JOIN ${s('location')} l ON l.location_id = e.location_id
       WHERE o.voided = 0 AND o.concept_id IN (${concepts}) ${only('o.person_id')}`;
    return `${select(`pe.uuid, pp.program_id, pp.date_enrolled, pp.date_completed, l.uuid, pp.uuid, NULL,
         pp.program_id, pws.concept_id, ps.start_date, ps.date_created, ps.uuid`)}
       FROM ${s('patient_state')} ps
       JOIN ${s('patient_program')} pp ON pp.patient_program_id = ps.patient_program_id AND pp.voided = 0
       ${patientJoin(s, 'pp.patient_id')}
       JOIN ${s('program_workflow_state')} pws ON pws.program_workflow_state_id = ps.state
       LEFT JOIN ${s('location')} l ON l.location_id = pp.location_id
       WHERE ps.voided = 0 ${only('pp.patient_id')}
     UNION ALL ${fromObs(
       t.list(['encounterType.fichaClinicaAdult', 'encounterType.fichaClinicaChild', 'encounterType.fichaResumo']),
       t.list(['concept.stateOfStayArt']),
     )}
     UNION ALL ${fromObs(
       t.list(['encounterType.buscaActiva']),
       t.list(['concept.buscaActiva.missedVisitReason', 'concept.buscaActiva.notFoundReason']),
     )}
     UNION ALL
       ${select(`pe.uuid, NULL, NULL, NULL, NULL, NULL, NULL, 0, ${t.id('concept.died')}, DATE(pe.death_date),
         pe.date_changed, pe.uuid`)}
       FROM ${s('patient')} p JOIN ${s('person')} pe ON pe.person_id = p.patient_id AND pe.voided = 0
       WHERE p.voided = 0 AND pe.dead = 1 ${only('p.patient_id')}`;
  },

  medication: ({ c, s, only, select }) => {
    const t = c.terms;
    const pivot = encounterPivot(s, only, [
      ['formulation', 'MIN', 'concept.drugFormulation', 'value_drug'],
      ['quantity', 'MAX', 'concept.dispensedQuantity', 'value_numeric', true],
      // The text is fetched by obs_id below: a TEXT column would push the grouping to disk.
      ['dosage_obs', 'MAX', 'concept.posology', 'obs_id', true],
      ['next_pickup', 'MAX', 'concept.nextPickupDate', 'value_datetime'],
      ['mode', 'MAX', 'concept.dispenseMode', 'value_coded'],
      ['dispensation', 'MAX', 'concept.dispensationType', 'value_coded'],
    ]);
    // One row per regimen obs, with the encounter's other answers pivoted onto it.
    return `${select(`${encounterColumns}, r.value_coded, d.formulation, d.quantity, dosage.value_text, e.encounter_datetime,
         d.next_pickup, d.mode, NULL, d.dispensation, NULL, NULL, NULL, NULL, r.uuid`)}
       FROM ${s('obs')} r FORCE INDEX (obs_concept)
       JOIN ${s('encounter')} e ON e.encounter_id = r.encounter_id AND e.voided = 0 AND e.encounter_type IN (${t.list([
         'encounterType.fila',
         'encounterType.fichaClinicaAdult',
         'encounterType.fichaClinicaChild',
         'encounterType.fichaResumo',
       ])})
       ${patientJoin(s, 'e.patient_id')}
       LEFT JOIN ${s('location')} l ON l.location_id = e.location_id
       LEFT JOIN ${pivot(t)} ON d.encounter_id = r.encounter_id
       LEFT JOIN ${s('obs')} dosage ON dosage.obs_id = d.dosage_obs
       WHERE r.voided = 0 AND r.concept_id = ${t.id('concept.regimen')} ${only('r.person_id')}
     UNION ALL
       ${select(`${encounterColumns}, NULL, NULL, NULL, NULL, o.value_datetime, NULL, NULL, NULL, NULL,
         NULL, NULL, NULL, NULL, o.uuid`)}
       FROM ${s('obs')} o
       JOIN ${s('encounter')} e ON e.encounter_id = o.encounter_id AND e.voided = 0
         AND e.encounter_type = ${t.id('encounterType.masterCardPickup')}
       ${patientJoin(s, 'e.patient_id')}
       LEFT JOIN ${s('location')} l ON l.location_id = e.location_id
       WHERE o.voided = 0 AND o.concept_id = ${t.id('concept.pickupDate')} ${only('o.person_id')}`;
  },

  laboratory: ({ c, s, only, select }) => {
    const t = c.terms;
    const types = t.list([
      'encounterType.fichaClinicaAdult',
      'encounterType.fichaClinicaChild',
      'encounterType.laboratory',
      'encounterType.fsr',
      'encounterType.fichaResumo',
    ]);
    const from = `FROM ${s('obs')} o
       JOIN ${s('encounter')} e ON e.encounter_id = o.encounter_id AND e.voided = 0 AND e.encounter_type IN (${types})
       ${patientJoin(s, 'e.patient_id')}
       LEFT JOIN ${s('location')} l ON l.location_id = e.location_id`;
    // Results, one row per result obs; requests (23722) as rows whose lab_test_id is the requested test.
    return `${select(`${encounterColumns}, o.concept_id, NULL, NULL,
         (SELECT MAX(sc.value_datetime) FROM ${s('obs')} sc WHERE sc.encounter_id = o.encounter_id AND sc.voided = 0
            AND sc.concept_id = ${t.id('concept.sampleCollectionDate')}),
         o.obs_datetime, o.value_coded, o.value_numeric, cn.units, o.comments, NULL, o.uuid`)}
       ${from}
       LEFT JOIN ${s('concept_numeric')} cn ON cn.concept_id = o.concept_id
       WHERE o.voided = 0 ${only('o.person_id')}
         AND o.concept_id IN (${t.list(['concept.viralLoad', 'concept.viralLoadQualitative', 'concept.cd4'])})
     UNION ALL
       ${select(`${encounterColumns}, o.value_coded, o.concept_id, o.obs_datetime, NULL, NULL, NULL, NULL, NULL,
         NULL, NULL, o.uuid`)}
       ${from}
       WHERE o.voided = 0 AND o.concept_id = ${t.id('concept.labRequest')} AND o.value_coded IS NOT NULL
         ${only('o.person_id')}`;
  },

  clinical_consultation: ({ c, s, only, select }) => {
    const t = c.terms;
    const pivot = encounterPivot(s, only, [
      ['scheduled', 'MAX', 'concept.nextConsultationDate', 'value_datetime'],
      ['who_stage', 'MAX', 'concept.whoStage', 'value_coded'],
      ['weight', 'MAX', 'concept.weight', 'value_numeric'],
      ['height', 'MAX', 'concept.height', 'value_numeric'],
    ]);
    return `${select(`${encounterColumns}, DATE(e.encounter_datetime), DATE(d.scheduled), NULL, NULL, d.who_stage,
         d.weight, d.height, NULL, NULL`)}
       FROM ${s('encounter')} e
       ${patientJoin(s, 'e.patient_id')}
       LEFT JOIN ${s('location')} l ON l.location_id = e.location_id
       LEFT JOIN ${pivot(t)} ON d.encounter_id = e.encounter_id
       WHERE e.voided = 0 ${only('e.patient_id')}
         AND e.encounter_type IN (${t.list(['encounterType.fichaClinicaAdult', 'encounterType.fichaClinicaChild'])})`;
  },
};

/** Splits a select list on its top-level commas. */
function splitList(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(list.slice(start).trim());
  return parts;
}

/**
 * The SELECT producing a table's rows for one facility: its columns in TableDef order, then
 * source_database. The patient filter applies to patient-scoped tables only.
 */
export function sourceSelect(table: MozartTable, c: QueryContext): string {
  const def = TABLES[table];
  const s = (t: string) => `${q(c.database)}.${q(t)}`;
  const patients = def.patientScoped ? c.patients : undefined;
  const only = (column: string) =>
    patients === undefined ? '' : `AND ${column} IN (${patients.length ? patients.join(', ') : 'NULL'})`;
  const select = (list: string) => {
    const exprs = splitList(list);
    if (exprs.length !== def.columns.length) {
      throw new Error(`mozart2 ${table}: ${exprs.length} expressions for ${def.columns.length} columns`);
    }
    const aliased = exprs.map((e, i) => `${e} AS ${q(def.columns[i].name)}`);
    return `SELECT ${aliased.join(', ')}, ${escape(c.sourceName)} AS source_database`;
  };
  return BUILDERS[table]({ c, s, only, select });
}
