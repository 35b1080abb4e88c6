import type { Connection, RowDataPacket } from 'mysql2/promise';
import { lastViralLoad } from '../blocks/viral-load';
import { pickups } from '../blocks/pickups';
import { endOf, parseDay } from '../context';
import { MaterialisingSession } from '../materialise';
import { nameOf, nidOf } from '../patient';
import { greatest, raw, sql, type Sql } from '../sql';
import { resolveReportTerms } from '../terms';
import {
  ALL_TIME,
  expectedForPickup,
  highViralLoad,
  LATE_BANDS,
  lateForPickup,
  noTbScreening,
  tptEligible,
  viralLoadDue,
  type ListContext,
} from './rules';
import { resolveListTerms } from './terms';

export { LATE_BANDS } from './rules';
export { LIST_TERMS } from './terms';

/** A live list of patients for follow-up at a date (Busca Activa, clinicians' worklists). */
export interface PatientListDefinition {
  id: string;
  /** Portuguese, as the follow-up worker knows it. */
  label: string;
  /** A few words for a tab or a button, where the label would be cut. */
  shortLabel: string;
  /** What `dueDate` means on this list, if anything. */
  dueDate?: string;
  bands?: ReadonlyArray<{ code: string; label: string }>;
  rule(ctx: ListContext): Sql;
}

const list = (definition: PatientListDefinition) => definition;

export const PATIENT_LISTS: Readonly<Record<string, PatientListDefinition>> = {
  'late-for-pickup': list({
    id: 'late-for-pickup',
    label: 'Faltosos e abandonos ao levantamento de ARV',
    shortLabel: 'Faltosos e abandonos',
    dueDate: 'Levantamento marcado',
    bands: LATE_BANDS.map((b) => ({
      code: b.code,
      label: b.to === null ? `Abandono (≥ ${b.from} dias)` : `Faltoso (${b.from}–${b.to} dias)`,
    })),
    rule: lateForPickup,
  }),
  'expected-for-pickup': list({
    id: 'expected-for-pickup',
    label: 'Levantamentos de ARV previstos para o dia',
    shortLabel: 'Previstos para o dia',
    dueDate: 'Levantamento marcado',
    rule: expectedForPickup,
  }),
  'viral-load-due': list({
    id: 'viral-load-due',
    label: 'Elegíveis para colheita de carga viral',
    shortLabel: 'Carga viral devida',
    dueDate: 'Carga viral devida desde',
    rule: viralLoadDue,
  }),
  'high-viral-load': list({
    id: 'high-viral-load',
    label: 'Carga viral elevada (≥ 1000 cópias) sem repetição',
    shortLabel: 'Carga viral elevada',
    dueDate: 'Repetição devida',
    rule: highViralLoad,
  }),
  'tpt-eligible': list({
    id: 'tpt-eligible',
    label: 'Elegíveis para TPT',
    shortLabel: 'Elegíveis para TPT',
    rule: tptEligible,
  }),
  'no-tb-screening': list({
    id: 'no-tb-screening',
    label: 'Sem rastreio de TB na última consulta',
    shortLabel: 'Sem rastreio de TB',
    dueDate: 'Última consulta',
    rule: noTbScreening,
  }),
};

/** One patient of a follow-up list, with what a follow-up worker needs to find them. */
export interface PatientListRow {
  patientId: number;
  patientUuid: string;
  nid: string | null;
  name: string;
  sex: string;
  age: number | null;
  phone: string | null;
  referencePoint: string | null;
  confidantName: string | null;
  confidantPhone: string | null;
  lastPickup: string | null;
  nextPickup: string | null;
  /** Days since the drugs ran out (0 when not late). */
  daysLate: number;
  nextConsultation: string | null;
  /** The last viral load: copies, or the qualitative result's name. */
  lastViralLoad: string | null;
  lastViralLoadDate: string | null;
  band: string | null;
  dueDate: string | null;
}

/**
 * The patients of `definition` at `date` on one facility database with their follow-up columns: the
 * least late first (those just missed are the ones a visit brings back), then by the list's date. Reads committed data without locking anything, as a report run does.
 */
export async function runPatientList(
  conn: Connection,
  database: string,
  definition: PatientListDefinition,
  date: string,
): Promise<PatientListRow[]> {
  const endDate = parseDay(date);
  const ctx: ListContext = {
    terms: await resolveReportTerms(conn, database),
    list: await resolveListTerms(conn, database),
    endDate,
  };
  const session = new MaterialisingSession(conn);
  await conn.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
  await conn.query('START TRANSACTION');
  try {
    const rows = await session.rows<RowDataPacket>(followUpColumns(ctx, definition.rule(ctx)));
    return rows.map(toRow);
  } finally {
    await session.close();
    await conn.query('COMMIT');
  }
}

function followUpColumns(ctx: ListContext, rule: Sql): Sql {
  const { terms, list, endDate } = ctx;
  const before = endOf(endDate);
  const id = raw('r.patient_id');
  const attribute = (type: number) =>
    sql`(SELECT pa.value FROM person_attribute pa WHERE pa.person_id = r.patient_id AND pa.voided = 0
          AND pa.person_attribute_type_id = ${type} ORDER BY pa.person_attribute_id DESC LIMIT 1)`;
  const vlConcepts = [terms.id('concept.viralLoad'), terms.id('concept.viralLoadQualitative')];
  return sql`
    SELECT r.patient_id, pe.uuid, ${nidOf(terms, id)} AS nid, ${nameOf(id)} AS name, pe.gender AS sex,
      TIMESTAMPDIFF(YEAR, pe.birthdate, ${endDate}) AS age,
      ${attribute(list.id('personAttributeType.phone'))} AS phone,
      ${attribute(list.id('personAttributeType.referencePoint'))} AS reference_point,
      ${attribute(list.id('personAttributeType.confidantName'))} AS confidant_name,
      ${attribute(list.id('personAttributeType.confidantPhone'))} AS confidant_phone,
      DATE(${greatest(raw('pk.last_fila'), raw('pk.last_reception'))}) AS last_pickup, pk.scheduled AS next_pickup,
      GREATEST(COALESCE(DATEDIFF(${endDate}, pk.scheduled), 0), 0) AS days_late,
      (SELECT DATE(o.value_datetime) FROM obs o WHERE o.person_id = r.patient_id AND o.voided = 0
         AND o.concept_id = ${list.id('concept.nextConsultationDate')} AND o.obs_datetime < ${before}
       ORDER BY o.obs_datetime DESC, o.obs_id DESC LIMIT 1) AS next_consultation,
      (SELECT COALESCE(CAST(ROUND(o.value_numeric) AS CHAR), cn.name) FROM obs o
         LEFT JOIN concept_name cn ON cn.concept_id = o.value_coded AND cn.voided = 0 AND cn.locale = 'pt'
           AND cn.locale_preferred = 1
       WHERE o.person_id = r.patient_id AND o.voided = 0 AND o.concept_id IN (${vlConcepts}) AND o.obs_datetime = v.resulted
       ORDER BY o.value_numeric DESC LIMIT 1) AS last_vl,
      DATE(v.resulted) AS last_vl_date, r.band, DATE(r.due_date) AS due_date
    FROM (${rule}) r
    JOIN person pe ON pe.person_id = r.patient_id AND pe.voided = 0
    LEFT JOIN ${pickups(ctx)} pk ON pk.patient_id = r.patient_id
    LEFT JOIN ${lastViralLoad(ctx, ALL_TIME)} v ON v.patient_id = r.patient_id
    ORDER BY days_late, r.due_date, name, r.patient_id`;
}

function toRow(r: RowDataPacket): PatientListRow {
  return {
    patientId: Number(r.patient_id),
    patientUuid: r.uuid,
    nid: r.nid,
    name: r.name ?? '',
    sex: r.sex,
    age: r.age === null ? null : Number(r.age),
    phone: r.phone,
    referencePoint: r.reference_point,
    confidantName: r.confidant_name,
    confidantPhone: r.confidant_phone,
    lastPickup: r.last_pickup,
    nextPickup: r.next_pickup,
    daysLate: Number(r.days_late),
    nextConsultation: r.next_consultation,
    lastViralLoad: r.last_vl,
    lastViralLoadDate: r.last_vl_date,
    band: r.band,
    dueDate: r.due_date,
  };
}
