import { at, dayBefore, endOf, onDays, type PeriodContext, type ReportContext } from '../context';
import { join, sql, table, type Sql, type Table } from '../sql';
import type { ReportTerm } from '../terms';
import { exits } from './exits';
import { onArt } from './on-art';
import { pickupsDuring } from './pickups';
import { TX_CURR_GRACE_DAYS } from '../indicators/tx-curr';

/** Encounter `e` of the Ficha Resumo records a transfer in from an ART service (transferred from = yes, type = ART). */
function resumoTransferFromArt(terms: ReportContext['terms']): Sql {
  const answered = (concept: ReportTerm, answer: ReportTerm) =>
    sql`EXISTS (SELECT 1 FROM obs o WHERE o.encounter_id = e.encounter_id AND o.voided = 0
                AND o.concept_id = ${terms.id(concept)} AND o.value_coded = ${terms.id(answer)})`;
  return sql`e.voided = 0 AND e.encounter_type = ${terms.id('encounterType.fichaResumo')}
    AND ${answered('concept.transferredFrom', 'concept.yes')} AND ${answered('concept.transferredFromType', 'concept.art')}`;
}

/** (patient_id, transfer_date) of every Ficha Resumo transfer in from ART, dated by its transfer date. */
function resumoTransfers(terms: ReportContext['terms'], before: string): Sql {
  return sql`SELECT e.patient_id, d.value_datetime AS transfer_date
    FROM encounter e
    JOIN obs d ON d.encounter_id = e.encounter_id AND d.voided = 0
      AND d.concept_id = ${terms.id('concept.transferInDate')} AND d.value_datetime < ${before}
    WHERE ${resumoTransferFromArt(terms)}`;
}

/**
 * (patient_id, transfer_date) of the patients who came already on ART from another facility (EPTS's
 * TX_NEW exclusion): their ART enrolment opened in the state "transferred from" (dated by that state),
 * or the Ficha Resumo records a transfer from an ART service dated by the end date. A patient recorded
 * both ways has two rows.
 */
export function transferredIn({ terms, endDate }: ReportContext): Table {
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
      resumoTransfers(terms, endOf(endDate)),
    ],
    ' UNION ',
  );
  return table('transferred_in', [['patient_id']], sources);
}

/**
 * (patient_id) of the patients who arrived by transfer during the period (EPTS's TRF_IN, which TX_RTT
 * leaves out): a drug pickup during the period and either a "transferred from" state of the ART
 * programme dated in it, a Ficha Resumo transfer from ART dated in it, or — back after leaving — a
 * transfer out before the period whose drugs had run out; none of them on ART (TX_CURR) the day before.
 */
export function transfersInDuring(ctx: PeriodContext): Table {
  const { terms, startDate, endDate } = ctx;
  const previous = at(ctx, dayBefore(startDate));
  const arrivals = join(
    [
      sql`SELECT pp.patient_id FROM patient_program pp
          JOIN patient_state ps ON ps.patient_program_id = pp.patient_program_id AND ps.voided = 0
            AND ps.state = ${terms.id('programWorkflowState.tarv.transferredIn')} AND ${onDays(sql`ps.start_date`, startDate, endDate)}
          WHERE pp.voided = 0 AND pp.program_id = ${terms.id('program.tarvTreatment')}`,
      sql`SELECT r.patient_id FROM (${resumoTransfers(terms, endOf(endDate))}) r
          WHERE r.transfer_date >= ${startDate}`,
      sql`SELECT xb.patient_id FROM ${exits(previous)} xb
          WHERE xb.transferred IS NOT NULL AND xb.last_fila IS NOT NULL AND xb.runs_out < ${startDate}`,
    ],
    ' UNION ',
  );
  return table(
    'transfers_in_during',
    [['patient_id']],
    sql`SELECT DISTINCT a.patient_id FROM (${arrivals}) a
        JOIN ${pickupsDuring(ctx)} back ON back.patient_id = a.patient_id
        LEFT JOIN ${onArt(previous, TX_CURR_GRACE_DAYS)} before_period ON before_period.patient_id = a.patient_id
        WHERE before_period.patient_id IS NULL`,
    { unique: true },
  );
}
