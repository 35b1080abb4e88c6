import { dayAfter, type ReportContext } from '../context';
import { greatest, join, raw, sql, table, type Sql, type Table } from '../sql';
import { pickups } from './pickups';

export type ExitKind = 'suspended' | 'died' | 'transferred';

/** Same-day exits by rank: the later in this list wins. */
const EXIT_RANK: readonly ExitKind[] = ['suspended', 'transferred', 'died'];

/** (patient_id, state, start_date) of each patient's latest ART-programme state up to the end date. */
function lastArtState({ terms, endDate }: ReportContext): Sql {
  const before = dayAfter(endDate);
  const artStates = sql`
    SELECT pp.patient_id, ps.state, ps.start_date
    FROM patient_state ps
    JOIN patient_program pp ON pp.patient_program_id = ps.patient_program_id AND pp.voided = 0
      AND pp.program_id = ${terms.id('program.tarvTreatment')}
    WHERE ps.voided = 0 AND ps.start_date < ${before}`;
  return sql`
    SELECT s.patient_id, s.state, s.start_date
    FROM (${artStates}) s
    JOIN (SELECT a.patient_id, MAX(a.start_date) AS latest FROM (${artStates}) a GROUP BY a.patient_id) l
      ON l.patient_id = s.patient_id AND l.latest = s.start_date`;
}

/**
 * Every exit event up to the end date, as (patient_id, kind, exited): the latest ART-programme state,
 * the state of stay on Ficha Resumo / Ficha Clínica, the death recorded on the person, and what active
 * tracing (Busca Activa) found (epts-reporting.md §5.2 step 4).
 */
function exitEvents(ctx: ReportContext): Sql {
  const { terms, endDate } = ctx;
  const before = dayAfter(endDate);
  const states = {
    suspended: 'programWorkflowState.tarv.suspended',
    died: 'programWorkflowState.tarv.died',
    transferred: 'programWorkflowState.tarv.transferredOut',
  } as const;
  const answers = {
    suspended: 'concept.suspended',
    died: 'concept.died',
    transferred: 'concept.transferredOut',
  } as const;
  const kinds = Object.keys(states) as ExitKind[];
  const byState = join(
    kinds.map((k) => sql`WHEN ${terms.id(states[k])} THEN ${k}`),
    ' ',
  );
  const byAnswer = join(
    kinds.map((k) => sql`WHEN ${terms.id(answers[k])} THEN ${k}`),
    ' ',
  );
  const buscaActiva = terms.id('encounterType.buscaActiva');
  return join(
    [
      sql`SELECT ls.patient_id, CASE ls.state ${byState} END AS kind, ls.start_date AS exited
          FROM (${lastArtState(ctx)}) ls WHERE ls.state IN (${kinds.map((k) => terms.id(states[k]))})`,
      sql`SELECT o.person_id, CASE o.value_coded ${byAnswer} END, o.obs_datetime
          FROM obs o JOIN encounter e ON e.encounter_id = o.encounter_id AND e.voided = 0
            AND e.encounter_type IN (${[terms.id('encounterType.fichaResumo'), terms.id('encounterType.fichaClinicaAdult')]})
          WHERE o.voided = 0 AND o.concept_id = ${terms.id('concept.stateOfStayArt')} AND o.obs_datetime < ${before}
            AND o.value_coded IN (${kinds.map((k) => terms.id(answers[k]))})`,
      sql`SELECT p.person_id, 'died', p.death_date FROM person p
          WHERE p.voided = 0 AND p.dead = 1 AND p.death_date < ${before}`,
      sql`SELECT e.patient_id, 'died', e.encounter_datetime
          FROM encounter e JOIN obs o ON o.encounter_id = e.encounter_id AND o.voided = 0
            AND o.concept_id = ${terms.id('concept.buscaActiva.notFoundReason')} AND o.value_coded = ${terms.id('concept.died')}
          WHERE e.voided = 0 AND e.encounter_type = ${buscaActiva} AND e.encounter_datetime < ${before}`,
      // Only the latest tracing visit tells whether the patient was transferred.
      sql`SELECT e.patient_id, 'transferred', e.encounter_datetime
          FROM encounter e
          JOIN (SELECT patient_id, MAX(encounter_datetime) AS latest FROM encounter
                WHERE voided = 0 AND encounter_type = ${buscaActiva} AND encounter_datetime < ${before}
                GROUP BY patient_id) l ON l.patient_id = e.patient_id AND l.latest = e.encounter_datetime
          JOIN obs o ON o.encounter_id = e.encounter_id AND o.voided = 0
            AND o.concept_id = ${terms.id('concept.buscaActiva.missedVisitReason')} AND o.value_coded = ${terms.id('concept.transferredOut')}
          WHERE e.voided = 0 AND e.encounter_type = ${buscaActiva}`,
    ],
    ' UNION ALL ',
  );
}

/**
 * (patient_id, exited, kind, last_fila) of the patients out of care at the end date: the latest exit
 * that holds — a death only if no FILA or consultation came after it, a transfer out only once the
 * drugs dispensed have run out — unless a FILA came after that exit (a pickup reactivates the
 * patient). Of exits on the same day, a death outranks a transfer, a transfer a suspension.
 */
export function exits(ctx: ReportContext): Table {
  const { terms, endDate } = ctx;
  const before = dayAfter(endDate);
  const seen = [
    terms.id('encounterType.fila'),
    terms.id('encounterType.fichaClinicaAdult'),
    terms.id('encounterType.fichaClinicaChild'),
  ];
  // The day the dispensed drugs last to: FILA's next pickup + 1, or a Master Card pickup + 31.
  const drugsLast = greatest(raw('pk.next_pickup + INTERVAL 1 DAY'), raw('pk.last_reception + INTERVAL 31 DAY'));
  return table(
    'exits',
    [['patient_id']],
    sql`
    SELECT x.patient_id, MAX(x.exited) AS exited, MAX(pk.last_fila) AS last_fila,
      SUBSTRING(MAX(CONCAT(DATE_FORMAT(x.exited, '%Y-%m-%d %H:%i:%s'), CASE x.kind ${join(
        EXIT_RANK.map((kind, rank) => sql`WHEN ${kind} THEN ${rank}`),
        ' ',
      )} END, x.kind)), 21) AS kind
    FROM (${exitEvents(ctx)}) x
    LEFT JOIN ${pickups(ctx)} pk ON pk.patient_id = x.patient_id
    WHERE (x.kind <> 'died' OR NOT EXISTS (
            SELECT 1 FROM encounter later WHERE later.patient_id = x.patient_id AND later.voided = 0
              AND later.encounter_type IN (${seen}) AND later.encounter_datetime > x.exited AND later.encounter_datetime < ${before}))
      AND (x.kind <> 'transferred' OR COALESCE(${drugsLast}, x.exited) < ${before})
    GROUP BY x.patient_id
    HAVING MAX(pk.last_fila) IS NULL OR MAX(pk.last_fila) <= MAX(x.exited)`,
    { unique: true },
  );
}
