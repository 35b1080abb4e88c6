import { endOf, type ReportContext } from '../context';
import { greatest, join, raw, sql, table, type Sql, type Table } from '../sql';
import { pickups } from './pickups';

export type ExitKind = 'suspended' | 'died' | 'transferred';

/**
 * Which records say a patient left ART care. PEPFAR's TX_CURR and TX_ML read the ART programme state,
 * the state of stay on the Ficha Resumo / Ficha Clínica, the death on the person and what active
 * tracing (Busca Activa) found; MISAU's Resumo Mensal (EPTS's RMB12/RMB13 queries) reads the first three
 * only.
 */
export type ExitSources = 'pepfar' | 'misau';

/** (patient_id, state, start_date) of each patient's latest ART-programme state up to the end date. */
function lastArtState({ terms, endDate }: ReportContext): Sql {
  const artStates = sql`
    SELECT pp.patient_id, ps.state, ps.start_date
    FROM patient_state ps
    JOIN patient_program pp ON pp.patient_program_id = ps.patient_program_id AND pp.voided = 0
      AND pp.program_id = ${terms.id('program.tarvTreatment')}
    WHERE ps.voided = 0 AND ps.start_date < ${endOf(endDate)}`;
  return sql`
    SELECT s.patient_id, s.state, s.start_date
    FROM (${artStates}) s
    JOIN (SELECT a.patient_id, MAX(a.start_date) AS latest FROM (${artStates}) a GROUP BY a.patient_id) l
      ON l.patient_id = s.patient_id AND l.latest = s.start_date`;
}

/** Every exit recorded up to the end date, as (patient_id, kind, exited). */
export function exitEvents(ctx: ReportContext, sources: ExitSources): Sql {
  const { terms, endDate } = ctx;
  const before = endOf(endDate);
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
  const recorded = [
    sql`SELECT ls.patient_id, CASE ls.state ${byState} END AS kind, ls.start_date AS exited
        FROM (${lastArtState(ctx)}) ls WHERE ls.state IN (${kinds.map((k) => terms.id(states[k]))})`,
    sql`SELECT o.person_id, CASE o.value_coded ${byAnswer} END, o.obs_datetime
        FROM obs o JOIN encounter e ON e.encounter_id = o.encounter_id AND e.voided = 0
          AND e.encounter_type IN (${[terms.id('encounterType.fichaResumo'), terms.id('encounterType.fichaClinicaAdult')]})
        WHERE o.voided = 0 AND o.concept_id = ${terms.id('concept.stateOfStayArt')} AND o.obs_datetime < ${before}
          AND o.value_coded IN (${kinds.map((k) => terms.id(answers[k]))})`,
    sql`SELECT p.person_id, 'died', p.death_date FROM person p
        WHERE p.voided = 0 AND p.dead = 1 AND p.death_date < ${before}`,
  ];
  const traced = [
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
  ];
  return join(sources === 'pepfar' ? [...recorded, ...traced] : recorded, ' UNION ALL ');
}

/**
 * The exits recorded up to the end date that no later pickup undid, one row per patient who has one:
 * `died`, `transferred`, `suspended` (the latest such record, NULL where none holds), `runs_out` (the
 * first day without the drugs last dispensed, see `pickups`) and `last_fila`.
 *
 * A record holds when no FILA came after it (a pickup brings the patient back); a death also needs no
 * Ficha Clínica after it. Whether a transfer takes the patient out of care depends on `runs_out`
 * (`outOfCare`): until the drugs run out the patient still counts as on ART here.
 */
export function exits(ctx: ReportContext, sources: ExitSources = 'pepfar'): Table {
  const { terms, endDate } = ctx;
  const seen = [
    terms.id('encounterType.fila'),
    terms.id('encounterType.fichaClinicaAdult'),
    terms.id('encounterType.fichaClinicaChild'),
  ];
  const latest = (kind: ExitKind) => sql`MAX(CASE WHEN x.kind = ${kind} THEN x.exited END) AS ${raw(kind)}`;
  return table(
    sources === 'pepfar' ? 'exits' : 'exits_misau',
    [['patient_id']],
    sql`
    SELECT x.patient_id, ${join(
      ['died', 'transferred', 'suspended'].map((k) => latest(k as ExitKind)),
      ', ',
    )},
      MAX(pk.runs_out) AS runs_out, MAX(pk.last_fila) AS last_fila
    FROM (${exitEvents(ctx, sources)}) x
    LEFT JOIN ${pickups(ctx)} pk ON pk.patient_id = x.patient_id
    WHERE (pk.last_fila IS NULL OR pk.last_fila <= x.exited)
      AND (x.kind <> 'died' OR NOT EXISTS (
            SELECT 1 FROM encounter later WHERE later.patient_id = x.patient_id AND later.voided = 0
              AND later.encounter_type IN (${seen}) AND later.encounter_datetime > x.exited
              AND later.encounter_datetime < ${endOf(endDate)}))
    GROUP BY x.patient_id`,
    { unique: true },
  );
}

/**
 * Whether the exits row `x` (of `exits` at `endDate`) takes the patient out of ART care on that day:
 * a death or suspension that holds, or a transfer out once the drugs have run out. FALSE when `x` is
 * NULL (no exit).
 */
export function outOfCare(x: string, endDate: string): Sql {
  return sql`COALESCE(${raw(x)}.died IS NOT NULL OR ${raw(x)}.suspended IS NOT NULL
    OR (${raw(x)}.transferred IS NOT NULL AND ${raw(x)}.runs_out <= ${endDate}), FALSE)`;
}

/** The date `x` left care (`outOfCare`): the latest of its death, suspension and ended transfer. */
export function exitDate(x: string, endDate: string): Sql {
  return greatest(
    raw(`${x}.died`),
    raw(`${x}.suspended`),
    sql`CASE WHEN ${raw(x)}.runs_out <= ${endDate} THEN ${raw(x)}.transferred END`,
  );
}
