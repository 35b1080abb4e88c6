import { dayAfter, type ReportContext } from '../context';
import { join, sql, table, type Sql, type Table } from '../sql';
import type { ReportTerm } from '../terms';

/**
 * (patient_id, transfer_date) of the patients who came already on ART from another facility
 * (epts-reporting.md §5.1): their ART enrolment opened in the state "transferred from" (dated by that
 * state), or the Ficha Resumo records a transfer from an ART service dated by the end date. A patient
 * recorded both ways has two rows.
 */
export function transferredIn({ terms, endDate }: ReportContext): Table {
  const before = dayAfter(endDate);
  const answered = (concept: ReportTerm, value: Sql) =>
    sql`EXISTS (SELECT 1 FROM obs o WHERE o.encounter_id = e.encounter_id AND o.voided = 0
                AND o.concept_id = ${terms.id(concept)} AND ${value})`;
  const sources = join(
    [
      sql`SELECT pp.patient_id, ps.start_date AS transfer_date
          FROM patient_program pp
          JOIN patient_state ps ON ps.patient_program_id = pp.patient_program_id AND ps.voided = 0
          JOIN (SELECT s.patient_program_id, MIN(s.start_date) AS first_start FROM patient_state s
                WHERE s.voided = 0 GROUP BY s.patient_program_id) f
            ON f.patient_program_id = ps.patient_program_id AND f.first_start = ps.start_date
          WHERE pp.voided = 0 AND pp.program_id = ${terms.id('program.tarvTreatment')}
            AND ps.state = ${terms.id('programWorkflowState.tarv.transferredIn')}`,
      sql`SELECT e.patient_id, d.value_datetime
          FROM encounter e
          JOIN obs d ON d.encounter_id = e.encounter_id AND d.voided = 0
            AND d.concept_id = ${terms.id('concept.transferInDate')} AND d.value_datetime < ${before}
          WHERE e.voided = 0 AND e.encounter_type = ${terms.id('encounterType.fichaResumo')}
            AND ${answered('concept.transferredFrom', sql`o.value_coded = ${terms.id('concept.yes')}`)}
            AND ${answered('concept.transferredFromType', sql`o.value_coded = ${terms.id('concept.art')}`)}`,
    ],
    ' UNION ',
  );
  return table('transferred_in', [['patient_id']], sources);
}
