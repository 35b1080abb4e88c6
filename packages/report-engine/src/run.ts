import type { Connection, RowDataPacket } from 'mysql2/promise';
import { artStart } from './blocks/art-start';
import { pickups } from './blocks/pickups';
import { endOf, dayBefore, parseDay, type PeriodContext } from './context';
import { MaterialisingSession } from './materialise';
import { nameOf, nidOf } from './patient';
import type {
  Cell,
  Dimension,
  Facility,
  FacilityReport,
  IndicatorDefinition,
  LineListRow,
  ReportDefinition,
} from './report';
import { greatest, isTable, join, raw, sql, table, type Sql, type Table } from './sql';
import { resolveReportTerms } from './terms';

export interface RunOptions {
  /** Also list the patients behind every indicator's total. */
  lineLists?: boolean;
  /** Told every SQL statement of the run and its duration in ms; the run waits for a promise it returns. */
  onStatement?: (text: string, ms: number) => void | Promise<void>;
  /**
   * Told each indicator's time and the rows the server examined for it, including the shared blocks it
   * was the first to need; the run waits for a promise it returns.
   */
  onIndicator?: (report: string, indicator: string, ms: number, rowsRead: number) => void | Promise<void>;
}

export interface ReportRequest {
  report: ReportDefinition;
  period: { startDate: string; endDate: string };
}

/**
 * Runs every indicator of `report` for the period on one facility database: metadata resolved by uuid,
 * the shared blocks computed once, nothing on the facility locked.
 */
export async function runReport(
  conn: Connection,
  database: string,
  report: ReportDefinition,
  period: ReportRequest['period'],
  options: RunOptions = {},
): Promise<FacilityReport> {
  const [result] = await runReports(conn, database, [{ report, period }], options);
  return result;
}

/**
 * Several reports on one facility database in one run, sharing the blocks they have in common
 * (the MER quarter and the Resumo Mensal of its last month share most of theirs).
 */
export async function runReports(
  conn: Connection,
  database: string,
  requests: readonly ReportRequest[],
  options: RunOptions = {},
): Promise<FacilityReport[]> {
  const periods = requests.map(({ period }) => {
    const startDate = parseDay(period.startDate);
    const endDate = parseDay(period.endDate);
    if (startDate > endDate) throw new Error(`The period starts (${startDate}) after it ends (${endDate})`);
    return { startDate, endDate };
  });
  const terms = await resolveReportTerms(conn, database);
  const runDates = [...new Set(periods.flatMap((p) => [dayBefore(p.startDate), p.endDate]))].sort();
  const session = new MaterialisingSession(conn, options.onStatement);
  // Under REPEATABLE READ, CREATE … SELECT share-locks every row it reads until the transaction ends:
  // a run would block every save at the facility while it lasts. Under READ COMMITTED it reads
  // without locks, each statement the data committed when it starts.
  await conn.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
  await conn.query('START TRANSACTION');
  try {
    const results: FacilityReport[] = [];
    for (const [i, { report }] of requests.entries()) {
      const started = performance.now();
      const readsBefore = await rowsRead(conn);
      const ctx: PeriodContext = { terms, runDates, ...periods[i] };
      const cells: Cell[] = [];
      const lineLists: Record<string, LineListRow[]> = {};
      for (const indicator of report.indicators) {
        const indicatorStarted = performance.now();
        const indicatorReadsBefore = options.onIndicator ? await rowsRead(conn) : 0;
        // A line list and its count read the same materialised cohort; a count alone reads it inline.
        const c = options.lineLists ? cohort(indicator, ctx) : indicator.cohort(ctx);
        cells.push(...(await count(session, indicator, c, ctx)));
        if (isTable(c)) lineLists[indicator.code] = await lineList(session, indicator, c, ctx);
        if (options.onIndicator) {
          const ms = performance.now() - indicatorStarted;
          await options.onIndicator(report.id, indicator.code, ms, (await rowsRead(conn)) - indicatorReadsBefore);
        }
      }
      results.push({
        report: report.id,
        database,
        facility: await facilityOf(session, ctx),
        ...periods[i],
        cells,
        ...(options.lineLists ? { lineLists } : {}),
        rowsRead: (await rowsRead(conn)) - readsBefore,
        durationMs: Math.round(performance.now() - started),
      });
    }
    return results;
  } finally {
    await session.close();
    await conn.query('COMMIT');
  }
}

function cohort(indicator: IndicatorDefinition, ctx: PeriodContext): Table {
  const name = `cohort_${indicator.code.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
  return table(name, [['patient_id']], indicator.cohort(ctx), { unique: true });
}

/**
 * The total, then every disaggregation's cells — every combination of options, zeros included — from
 * one statement: the cohort grouped by all its dimensions at once, each disaggregation summed from it.
 */
async function count(
  session: MaterialisingSession,
  indicator: IndicatorDefinition,
  c: Table | Sql,
  ctx: PeriodContext,
): Promise<Cell[]> {
  const dimensions = [...new Set(indicator.disaggregations.flat())];
  const column = (d: Dimension) => `d${dimensions.indexOf(d)}`;
  const columns = dimensions.map((d) => sql`${d.value(ctx)} AS ${raw(column(d))}`);
  const rows = await session.rows<RowDataPacket>(
    sql`SELECT ${join([...columns, raw('COUNT(*) AS n')], ', ')}
        FROM ${isTable(c) ? c : sql`(${c})`} c LEFT JOIN person p ON p.person_id = c.patient_id
        ${
          dimensions.length
            ? sql`GROUP BY ${join(
                dimensions.map((d) => raw(column(d))),
                ', ',
              )}`
            : raw('')
        }`,
  );
  const sum = (matches: (r: RowDataPacket) => boolean) =>
    rows.filter(matches).reduce((total, r) => total + Number(r.n), 0);
  const cells: Cell[] = [{ indicator: indicator.code, options: {}, value: sum(() => true) }];
  for (const disaggregation of indicator.disaggregations) {
    const counted = new Map<string, number>();
    for (const r of rows) {
      const key = disaggregation.map((d) => r[column(d)]).join('\u0000');
      counted.set(key, (counted.get(key) ?? 0) + Number(r.n));
    }
    for (const combination of combinations(disaggregation)) {
      const key = combination.map(([, code]) => code).join('\u0000');
      cells.push({ indicator: indicator.code, options: Object.fromEntries(combination), value: counted.get(key) ?? 0 });
    }
    if (disaggregation.length === 1) {
      const [d] = disaggregation;
      cells.push({ indicator: indicator.code, options: { [d.id]: 'total' }, value: sum((r) => r[column(d)] !== null) });
    }
  }
  return cells;
}

function combinations(dimensions: readonly Dimension[]): Array<Array<[string, string]>> {
  return dimensions.reduce<Array<Array<[string, string]>>>(
    (acc, d) => acc.flatMap((prefix) => d.options.map((o) => [...prefix, [d.id, o.code] as [string, string]])),
    [[]],
  );
}

async function lineList(
  session: MaterialisingSession,
  indicator: IndicatorDefinition,
  c: Table,
  ctx: PeriodContext,
): Promise<LineListRow[]> {
  const { terms, endDate } = ctx;
  const before = endOf(endDate);
  // Each patient's option of every dimension, so the patients of any cell can be picked out.
  const dimensions = [...new Set(indicator.disaggregations.flat())];
  const options = dimensions.map((d, i) => sql`${d.value(ctx)} AS ${raw(`d${i}`)}, `);
  const rows = await session.rows<RowDataPacket>(sql`
    SELECT ${join(options, '')}c.patient_id,
      ${nidOf(terms, raw('c.patient_id'))} AS nid, ${nameOf(raw('c.patient_id'))} AS name,
      p.gender AS sex, TIMESTAMPDIFF(YEAR, p.birthdate, ${endDate}) AS age, a.art_start,
      DATE(${greatest(raw('pk.last_fila'), raw('pk.last_reception'))}) AS last_pickup, pk.scheduled AS next_pickup,
      (SELECT cn.name FROM patient_program pp
         JOIN patient_state ps ON ps.patient_program_id = pp.patient_program_id AND ps.voided = 0 AND ps.start_date < ${before}
         JOIN program_workflow_state pws ON pws.program_workflow_state_id = ps.state
         JOIN concept_name cn ON cn.concept_id = pws.concept_id AND cn.voided = 0 AND cn.locale_preferred = 1 AND cn.locale = 'pt'
        WHERE pp.patient_id = c.patient_id AND pp.voided = 0 AND pp.program_id = ${terms.id('program.tarvTreatment')}
        ORDER BY ps.start_date DESC, ps.patient_state_id DESC LIMIT 1) AS state
    FROM ${c} c
    LEFT JOIN person p ON p.person_id = c.patient_id
    LEFT JOIN ${artStart(ctx)} a ON a.patient_id = c.patient_id
    LEFT JOIN ${pickups(ctx)} pk ON pk.patient_id = c.patient_id
    ORDER BY nid, c.patient_id`);
  return rows.map((r) => ({
    patientId: Number(r.patient_id),
    nid: r.nid,
    name: r.name ?? '',
    sex: r.sex,
    age: r.age === null ? null : Number(r.age),
    artStart: r.art_start,
    lastPickup: r.last_pickup,
    nextPickup: r.next_pickup,
    state: r.state,
    options: Object.fromEntries(dimensions.map((d, i) => [d.id, r[`d${i}`] ?? null])),
  }));
}

/** The facility whose data `database` holds, as a run names it, without running anything. */
export async function describeFacility(conn: Connection, database: string): Promise<Facility | null> {
  const session = new MaterialisingSession(conn);
  try {
    return await facilityOf(session, { terms: await resolveReportTerms(conn, database) });
  } finally {
    await session.close();
  }
}

/** The location the facility's clinical data is recorded at: the most frequent among the latest encounters. */
async function facilityOf(
  session: MaterialisingSession,
  { terms }: Pick<PeriodContext, 'terms'>,
): Promise<Facility | null> {
  const [row] = await session.rows<RowDataPacket>(sql`
    SELECT l.uuid, l.name,
      (SELECT la.value_reference FROM location_attribute la WHERE la.location_id = l.location_id AND la.voided = 0
         AND la.attribute_type_id = ${terms.id('locationAttributeType.healthFacilityCode')} LIMIT 1) AS code
    FROM (SELECT recent.location_id, COUNT(*) AS n
          FROM (SELECT e.location_id FROM encounter e WHERE e.voided = 0 ORDER BY e.encounter_id DESC LIMIT 10000) recent
          GROUP BY recent.location_id ORDER BY n DESC LIMIT 1) busiest
    JOIN location l ON l.location_id = busiest.location_id`);
  return row ? { code: row.code, name: row.name, locationUuid: row.uuid } : null;
}

/** Rows the server read for this session so far (the Handler_read_* counters). */
async function rowsRead(conn: Connection): Promise<number> {
  const [rows] = await conn.query<RowDataPacket[]>("SHOW SESSION STATUS LIKE 'Handler_read%'");
  return rows.reduce((sum, r) => sum + Number(r.Value), 0);
}
