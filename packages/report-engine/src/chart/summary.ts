import type { Connection, RowDataPacket } from 'mysql2/promise';
import { artStart, artStartSources, type ArtStartSource } from '../blocks/art-start';
import { consultations } from '../blocks/events';
import { exits } from '../blocks/exits';
import { pickups } from '../blocks/pickups';
import { pregnancyStatus } from '../blocks/pregnancy';
import { transferredIn } from '../blocks/transferred-in';
import { viralLoads } from '../blocks/viral-load';
import { dayBefore, endOf, parseDay, type PeriodContext } from '../context';
import { b13 } from '../indicators/resumo-mensal';
import { txCurr } from '../indicators/tx-curr';
import { txMl } from '../indicators/tx-ml';
import { ALL_TIME, tptEligible, tptStarts } from '../lists/rules';
import { resolveListTerms } from '../lists/terms';
import { MaterialisingSession } from '../materialise';
import { raw, sql, type Sql } from '../sql';
import { resolveReportTerms } from '../terms';
import { CLINICAL_ALERTS, type AlertContext, type AlertRule, type AlertSeverity } from './alerts';
import { DATA_QUALITY_CHECKS } from './data-quality';
import { withPatientSlice } from './slice';
import { MISAU_STATUS, PEPFAR_STATUS, statusAt, type Status, type StatusRule } from './status';
import { resolveChartTerms } from './terms';

// The HIV summary of one patient at a date: the report engine's blocks, indicators and follow-up rules
// evaluated on that patient alone (`withPatientSlice`), so the chart shows what the reports count.

export interface Dated<T> {
  value: T;
  date: string;
}

export interface ViralLoadResult {
  date: string;
  /** Copies/mL of a numeric result. */
  copies: number | null;
  /** The qualitative answer's name (Portuguese). */
  result: string | null;
  suppressed: boolean;
}

export interface Alert {
  code: string;
  kind: 'clinical' | 'data-quality';
  severity: AlertSeverity;
  /** The day it fell due, or the offending record's day. */
  date: string | null;
  /** The rule's detail: a band, a reason, another date. */
  detail: string | null;
}

export interface PatientStatus {
  status: Status | 'not-started';
  /** The ART start while active; the exit's day; the first day beyond the grace. */
  since: string | null;
}

export interface HivSummary {
  patientUuid: string;
  date: string;
  artStart: { date: string; source: ArtStartSource | null } | null;
  /** The earliest of the five sources without the 2023-12-21 cut-over, when it differs. */
  earliestArtStart: string | null;
  regimen: Dated<string> | null;
  therapeuticLine: Dated<string> | null;
  /** The last dispensation type of a Ficha Clínica (monthly, DT, DS). */
  dispensationType: Dated<string> | null;
  pickups: {
    lastPickup: string | null;
    lastFila: string | null;
    /** The next pickup written on the last FILA. */
    nextPickup: string | null;
    lastMasterCardPickup: string | null;
    /** The pickup the patient is expected at (next pickup, or a Master Card pickup + 30 days). */
    scheduled: string | null;
    daysLate: number | null;
  };
  viralLoads: ViralLoadResult[];
  cd4: (Dated<number> & { percent: boolean }) | null;
  whoStage: Dated<string> | null;
  tbScreening: { date: string; screened: boolean; symptoms: boolean | null } | null;
  tpt: { started: Dated<'inh' | '3hp'> | null; completed: string | null; eligible: boolean };
  pregnancy: 'pregnant' | 'breastfeeding' | null;
  programme: {
    uuid: string;
    enrolled: string;
    completed: string | null;
    state: { uuid: string; name: string; date: string } | null;
  } | null;
  transfers: { in: string | null; out: { recorded: string; drugsRunOut: string } | null };
  status: { pepfar: PatientStatus; misau: PatientStatus };
  /** What the reports count at the date: TX_CURR (and its MMD band), Resumo Mensal B13, TX_ML of the quarter. */
  reports: { quarterStart: string; txCurr: boolean; mmd: string | null; b13: boolean; txMl: string | null };
  alerts: Alert[];
}

/** The patient_id of a patient's uuid, or null when there is no such (unvoided) patient. */
export async function patientIdOf(conn: Connection, uuid: string): Promise<number | null> {
  const [[row]] = await conn.query<RowDataPacket[]>(
    `SELECT p.person_id FROM person p JOIN patient pt ON pt.patient_id = p.person_id AND pt.voided = 0
     WHERE p.uuid = ? AND p.voided = 0`,
    [uuid],
  );
  return row ? Number(row.person_id) : null;
}

/** The first day of `date`'s calendar quarter. */
export function quarterStart(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
}

/**
 * The HIV summary of the patient `patientUuid` at `date` on one facility database, or null when the
 * patient does not exist. Reads committed data without locking, as a report run does.
 */
export async function patientHivSummary(
  conn: Connection,
  database: string,
  patientUuid: string,
  date: string,
): Promise<HivSummary | null> {
  const endDate = parseDay(date);
  const [terms, list, chart] = await Promise.all([
    resolveReportTerms(conn, database),
    resolveListTerms(conn, database),
    resolveChartTerms(conn, database),
  ]);
  const patientId = await patientIdOf(conn, patientUuid);
  if (patientId === null) return null;
  const startDate = quarterStart(endDate);
  const ctx: AlertContext & PeriodContext = {
    terms,
    list,
    chart,
    endDate,
    startDate,
    runDates: [dayBefore(startDate), endDate],
  };
  await conn.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
  await conn.query('START TRANSACTION');
  try {
    return await withPatientSlice(conn, patientId, async () => {
      const session = new MaterialisingSession(conn);
      try {
        return await summarise(session, ctx, patientUuid);
      } finally {
        await session.close();
      }
    });
  } finally {
    await conn.query('COMMIT');
  }
}

type Ctx = AlertContext & PeriodContext;

async function summarise(session: MaterialisingSession, ctx: Ctx, patientUuid: string): Promise<HivSummary> {
  const one = async (fragment: Sql) => (await session.rows<RowDataPacket>(fragment))[0];
  const start = await one(artStartOf(ctx));
  const pk = await one(sql`SELECT pk.*, DATE(pk.last_fila) AS fila_day,
      DATE(GREATEST(COALESCE(pk.last_fila, pk.last_reception), COALESCE(pk.last_reception, pk.last_fila))) AS last_pickup
    FROM ${pickups(ctx)} pk`);
  const status = async (rule: StatusRule): Promise<PatientStatus> => {
    const row = await one(statusAt(ctx, rule));
    return row ? { status: row.status, since: row.since } : { status: 'not-started', since: null };
  };
  const pepfar = await status(PEPFAR_STATUS);
  return {
    patientUuid,
    date: ctx.endDate,
    artStart: start?.art_start ? { date: start.art_start, source: start.source } : null,
    earliestArtStart: start?.earliest && start.earliest !== start.art_start ? start.earliest : null,
    regimen: dated(await one(latestCoded(ctx, [ctx.terms.id('encounterType.fila')], ctx.chart.id('concept.regimen')))),
    therapeuticLine: dated(await one(latestCoded(ctx, null, ctx.chart.id('concept.therapeuticLine')))),
    dispensationType: dated(
      await one(
        latestCoded(ctx, [ctx.terms.id('encounterType.fichaClinicaAdult')], ctx.terms.id('concept.dispensationType')),
      ),
    ),
    pickups: {
      lastPickup: pk?.last_pickup ?? null,
      lastFila: pk?.fila_day ?? null,
      nextPickup: pk?.next_pickup ? String(pk.next_pickup).slice(0, 10) : null,
      lastMasterCardPickup: pk?.last_reception ? String(pk.last_reception).slice(0, 10) : null,
      scheduled: pk?.scheduled ?? null,
      daysLate: pk?.scheduled ? Math.max(0, daysBetween(pk.scheduled, ctx.endDate)) : null,
    },
    viralLoads: (await session.rows<RowDataPacket>(viralLoadResults(ctx))).map((r) => ({
      date: r.day,
      copies: r.copies === null ? null : Number(r.copies),
      result: r.result,
      suppressed: Number(r.suppressed) === 1,
    })),
    cd4: cd4Of(await one(lastCd4(ctx)), ctx),
    whoStage: dated(await one(latestCoded(ctx, null, ctx.chart.id('concept.whoStage')))),
    tbScreening: screeningOf(await one(lastTbScreening(ctx))),
    tpt: await tptOf(session, ctx),
    pregnancy:
      (
        await one(sql`SELECT ${pregnancyStatus(ctx, sql`${ctx.endDate}`)} AS status
      FROM patient c JOIN person p ON p.person_id = c.patient_id`)
      )?.status ?? null,
    programme: programmeOf(await one(tarvProgramme(ctx))),
    transfers: await transfersOf(session, ctx),
    status: { pepfar, misau: await status(MISAU_STATUS) },
    reports: await reportsOf(session, ctx),
    alerts: [
      ...(await alertsOf(session, ctx, CLINICAL_ALERTS, 'clinical')),
      ...(await alertsOf(session, ctx, DATA_QUALITY_CHECKS, 'data-quality')),
    ],
  };
}

function daysBetween(from: string, to: string): number {
  return Math.round(
    (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${String(from).slice(0, 10)}T00:00:00Z`)) / 86_400_000,
  );
}

function dated(row: RowDataPacket | undefined): Dated<string> | null {
  return row ? { value: row.name, date: row.day } : null;
}

/** The concept's preferred Portuguese name, else any name. */
function conceptName(id: Sql): Sql {
  return sql`(SELECT cn.name FROM concept_name cn WHERE cn.concept_id = ${id} AND cn.voided = 0
    ORDER BY cn.locale = 'pt' DESC, cn.locale_preferred DESC, cn.concept_name_type = 'FULLY_SPECIFIED' DESC LIMIT 1)`;
}

/** The latest coded answer to `concept` (on encounters of `types`, or any), with its name and day. */
function latestCoded({ endDate }: Ctx, types: number[] | null, concept: number): Sql {
  return sql`SELECT ${conceptName(raw('o.value_coded'))} AS name, DATE(o.obs_datetime) AS day
    FROM obs o JOIN encounter e ON e.encounter_id = o.encounter_id AND e.voided = 0
      ${types ? sql`AND e.encounter_type IN (${types})` : raw('')}
    WHERE o.voided = 0 AND o.concept_id = ${concept} AND o.value_coded IS NOT NULL AND o.obs_datetime < ${endOf(endDate)}
    ORDER BY o.obs_datetime DESC, o.obs_id DESC LIMIT 1`;
}

/** The ART start (with the cut-over) with the source it came from, and the plain earliest of the five. */
function artStartOf(ctx: Ctx): Sql {
  const before = endOf(ctx.endDate);
  return sql`SELECT DATE(MIN(s.started)) AS earliest, a.art_start,
      (SELECT s2.source FROM (${artStartSources(ctx.terms)}) s2 WHERE DATE(s2.started) = a.art_start
       ORDER BY s2.pickup DESC, s2.source LIMIT 1) AS source
    FROM (${artStartSources(ctx.terms)}) s LEFT JOIN ${artStart(ctx)} a ON a.patient_id = s.patient_id
    WHERE s.started < ${before} GROUP BY a.art_start`;
}

/** Every viral-load result day, the latest first, with its value (several that day: the highest). */
function viralLoadResults(ctx: Ctx): Sql {
  const { terms } = ctx;
  return sql`SELECT DATE(v.resulted) AS day, MIN(v.suppressed) AS suppressed,
      MAX(o.value_numeric) AS copies,
      MAX(CASE WHEN o.value_coded IS NOT NULL THEN ${conceptName(raw('o.value_coded'))} END) AS result
    FROM ${viralLoads(ctx, ALL_TIME)} v
    JOIN obs o ON o.person_id = v.patient_id AND o.obs_datetime = v.resulted AND o.voided = 0
      AND o.concept_id IN (${[terms.id('concept.viralLoad'), terms.id('concept.viralLoadQualitative')]})
    GROUP BY DATE(v.resulted) ORDER BY day DESC LIMIT 2`;
}

function lastCd4({ chart, endDate }: Ctx): Sql {
  const concepts = [chart.id('concept.cd4'), chart.id('concept.cd4Clinical'), chart.id('concept.cd4Percent')];
  return sql`SELECT o.value_numeric AS value, o.concept_id, DATE(o.obs_datetime) AS day FROM obs o
    WHERE o.voided = 0 AND o.concept_id IN (${concepts}) AND o.value_numeric IS NOT NULL AND o.obs_datetime < ${endOf(endDate)}
    ORDER BY o.obs_datetime DESC, o.obs_id DESC LIMIT 1`;
}

function cd4Of(row: RowDataPacket | undefined, ctx: Ctx): HivSummary['cd4'] {
  if (!row) return null;
  return {
    value: Number(row.value),
    date: row.day,
    percent: Number(row.concept_id) === ctx.chart.id('concept.cd4Percent'),
  };
}

/** The last Ficha Clínica: whether it screened for TB (TB symptoms asked, or a TB screening) and what. */
function lastTbScreening(ctx: Ctx): Sql {
  const { terms, list, endDate } = ctx;
  return sql`SELECT DATE(c.encounter_datetime) AS day,
      EXISTS (SELECT 1 FROM obs o WHERE o.encounter_id = c.encounter_id AND o.voided = 0
              AND o.concept_id IN (${[terms.id('concept.tbSymptoms'), list.id('concept.tbScreening')]})) AS screened,
      (SELECT o.value_coded = ${terms.id('concept.yes')} FROM obs o WHERE o.encounter_id = c.encounter_id AND o.voided = 0
         AND o.concept_id = ${terms.id('concept.tbSymptoms')} LIMIT 1) AS symptoms
    FROM ${consultations(terms)} c WHERE c.encounter_datetime < ${endOf(endDate)}
    ORDER BY c.encounter_datetime DESC LIMIT 1`;
}

function screeningOf(row: RowDataPacket | undefined): HivSummary['tbScreening'] {
  if (!row) return null;
  return {
    date: row.day,
    screened: Number(row.screened) === 1,
    symptoms: row.symptoms === null ? null : Number(row.symptoms) === 1,
  };
}

async function tptOf(session: MaterialisingSession, ctx: Ctx): Promise<HivSummary['tpt']> {
  const { list, endDate } = ctx;
  const [started] = await session.rows<RowDataPacket>(
    sql`SELECT DATE(t.started) AS day, t.regimen FROM ${tptStarts(ctx)} t ORDER BY t.started DESC LIMIT 1`,
  );
  const [completed] = await session.rows<RowDataPacket>(sql`
    SELECT DATE(MAX(d.completed)) AS day FROM (
      SELECT o.value_datetime AS completed FROM obs o WHERE o.voided = 0
        AND o.concept_id = ${list.id('concept.isoniazidEndDate')} AND o.value_datetime < ${endOf(endDate)}
      UNION ALL
      SELECT e.encounter_datetime FROM encounter e JOIN obs s ON s.encounter_id = e.encounter_id AND s.voided = 0
        AND s.concept_id = ${list.id('concept.tptPatientType')} AND s.value_coded = ${list.id('concept.completed')}
      WHERE e.voided = 0 AND e.encounter_type = ${list.id('encounterType.tpt')} AND e.encounter_datetime < ${endOf(endDate)}) d`);
  const eligible = await session.rows<RowDataPacket>(tptEligible(ctx));
  return {
    started: started ? { value: started.regimen, date: started.day } : null,
    completed: completed?.day ?? null,
    eligible: eligible.length > 0,
  };
}

/** The latest ART-programme enrolment and its latest state (name in Portuguese). */
function tarvProgramme({ terms, endDate }: Ctx): Sql {
  return sql`SELECT pp.uuid, DATE(pp.date_enrolled) AS enrolled, DATE(pp.date_completed) AS completed,
      ws.uuid AS state_uuid, ${conceptName(raw('ws.concept_id'))} AS state_name, DATE(ps.start_date) AS state_date
    FROM patient_program pp
    LEFT JOIN patient_state ps ON ps.patient_state_id = (
      SELECT s.patient_state_id FROM patient_state s WHERE s.patient_program_id = pp.patient_program_id AND s.voided = 0
        AND s.start_date < ${endOf(endDate)} ORDER BY s.start_date DESC, s.patient_state_id DESC LIMIT 1)
    LEFT JOIN program_workflow_state ws ON ws.program_workflow_state_id = ps.state
    WHERE pp.voided = 0 AND pp.program_id = ${terms.id('program.tarvTreatment')} AND pp.date_enrolled < ${endOf(endDate)}
    ORDER BY pp.date_enrolled DESC, pp.patient_program_id DESC LIMIT 1`;
}

function programmeOf(row: RowDataPacket | undefined): HivSummary['programme'] {
  if (!row) return null;
  return {
    uuid: row.uuid,
    enrolled: row.enrolled,
    completed: row.completed,
    state: row.state_uuid ? { uuid: row.state_uuid, name: row.state_name, date: row.state_date } : null,
  };
}

async function transfersOf(session: MaterialisingSession, ctx: Ctx): Promise<HivSummary['transfers']> {
  const [arrived] = await session.rows<RowDataPacket>(
    sql`SELECT DATE(MAX(t.transfer_date)) AS day FROM ${transferredIn(ctx)} t`,
  );
  const [left] = await session.rows<RowDataPacket>(
    sql`SELECT DATE(x.transferred) AS recorded, x.runs_out FROM ${exits(ctx)} x WHERE x.transferred IS NOT NULL`,
  );
  return { in: arrived?.day ?? null, out: left ? { recorded: left.recorded, drugsRunOut: left.runs_out } : null };
}

async function reportsOf(session: MaterialisingSession, ctx: Ctx): Promise<HivSummary['reports']> {
  const [curr] = await session.rows<RowDataPacket>(txCurr(ctx));
  const active = await session.rows<RowDataPacket>(b13(ctx));
  const [ml] = await session.rows<RowDataPacket>(txMl(ctx));
  return {
    quarterStart: ctx.startDate,
    txCurr: curr !== undefined,
    mmd: curr?.mmd ?? null,
    b13: active.length > 0,
    txMl: ml?.outcome ?? null,
  };
}

async function alertsOf(
  session: MaterialisingSession,
  ctx: Ctx,
  rules: readonly AlertRule[],
  kind: Alert['kind'],
): Promise<Alert[]> {
  const alerts: Alert[] = [];
  for (const { code, severity, rule } of rules) {
    const [row] = await session.rows<RowDataPacket>(sql`SELECT a.due_date, a.detail FROM (${rule(ctx)}) a`);
    if (row) {
      alerts.push({
        code,
        kind,
        severity,
        date: row.due_date === null ? null : String(row.due_date).slice(0, 10),
        detail: row.detail === null ? null : String(row.detail),
      });
    }
  }
  return alerts;
}
