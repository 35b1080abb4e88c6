import { endOf, type PeriodContext, type ReportContext } from '../context';
import { join, sql, table, type Sql, type Table } from '../sql';

/**
 * (patient_id, kind, evidenced) of everything up to the end date that shows a pregnancy (pregnant = yes,
 * weeks of pregnancy, PTV enrolment) or breastfeeding (breastfeeding = yes, a delivery date, the PTV
 * delivery state), as EPTS's PVLS queries read it.
 */
function pregnancyEvidence({ terms, endDate }: ReportContext): Table {
  const before = endOf(endDate);
  const yes = terms.id('concept.yes');
  return table(
    'pregnancy_evidence',
    [['patient_id']],
    join(
      [
        sql`SELECT o.person_id AS patient_id,
              CASE WHEN o.concept_id IN (${[terms.id('concept.pregnant'), terms.id('concept.weeksPregnant')]})
                   THEN 'pregnant' ELSE 'breastfeeding' END AS kind, o.obs_datetime AS evidenced
            FROM obs o WHERE o.voided = 0 AND o.obs_datetime < ${before}
              AND ((o.concept_id IN (${[terms.id('concept.pregnant'), terms.id('concept.breastfeeding')]}) AND o.value_coded = ${yes})
                OR o.concept_id IN (${[terms.id('concept.weeksPregnant'), terms.id('concept.priorDeliveryDate')]}))`,
        sql`SELECT pp.patient_id, 'pregnant', pp.date_enrolled FROM patient_program pp
            WHERE pp.voided = 0 AND pp.program_id = ${terms.id('program.ptv')} AND pp.date_enrolled < ${before}`,
        sql`SELECT pp.patient_id, 'breastfeeding', ps.start_date FROM patient_program pp
            JOIN patient_state ps ON ps.patient_program_id = pp.patient_program_id AND ps.voided = 0
              AND ps.state = ${terms.id('programWorkflowState.ptv.delivered')}
            WHERE pp.voided = 0 AND ps.start_date < ${before}`,
      ],
      ' UNION ALL ',
    ),
  );
}

/** A window of evidence: from `from` (inclusive) to before `until`. */
interface Window {
  from: Sql;
  until: Sql;
}

/**
 * 'pregnant', 'breastfeeding' or NULL for the woman of cohort row `c`/person `p`: the latest pregnancy
 * evidence in its window, the latest breastfeeding evidence in its own; with both, the more recent wins.
 */
function womanStatus(ctx: ReportContext, windows: { pregnant: Window; breastfeeding: Window }): Sql {
  const latest = (kind: 'pregnant' | 'breastfeeding') =>
    sql`MAX(CASE WHEN e.kind = ${kind} AND e.evidenced >= ${windows[kind].from} AND e.evidenced < ${windows[kind].until}
             THEN e.evidenced END)`;
  const pregnant = latest('pregnant');
  const breastfeeding = latest('breastfeeding');
  return sql`CASE WHEN p.gender = 'F' THEN (
      SELECT CASE WHEN ${pregnant} IS NULL AND ${breastfeeding} IS NULL THEN NULL
                  WHEN COALESCE(${pregnant}, '1000-01-01') >= COALESCE(${breastfeeding}, '1000-01-01') THEN 'pregnant'
                  ELSE 'breastfeeding' END
      FROM ${pregnancyEvidence(ctx)} e WHERE e.patient_id = c.patient_id) END`;
}

/**
 * At the date `anchor` (a cohort column): pregnancy evidence within 9 months before it, breastfeeding
 * evidence within 18 — TX_PVLS at the viral load (EPTS `PVLS/FIND_WOMAN_STATE_…sql`). The anchor's whole
 * day counts.
 */
export function pregnancyStatus(ctx: ReportContext, anchor: Sql): Sql {
  const until = sql`DATE(${anchor}) + INTERVAL 1 DAY`;
  return womanStatus(ctx, {
    pregnant: { from: sql`DATE(${anchor}) - INTERVAL 9 MONTH`, until },
    breastfeeding: { from: sql`DATE(${anchor}) - INTERVAL 18 MONTH`, until },
  });
}

/** Evidence recorded during the period — TX_NEW's pregnant and breastfeeding rows (EPTS `PregnantQueries`). */
export function pregnancyStatusDuring(ctx: PeriodContext): Sql {
  const window = { from: sql`${ctx.startDate}`, until: sql`${endOf(ctx.endDate)}` };
  return womanStatus(ctx, { pregnant: window, breastfeeding: window });
}
