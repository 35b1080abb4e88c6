import type { FastifyInstance } from 'fastify';
import {
  adx,
  cellKey,
  cellsCsv,
  dataValueSets,
  expectedCells,
  facilityDay,
  lineListsCsv,
  mappedValues,
  parsePeriod,
  patientsOfCell,
  REPORTS,
  reportWorkbook,
  type FacilityReport,
  type Period,
  type ReportDefinition,
} from '@poc-emr/report-engine';
import type { RowDataPacket } from 'mysql2/promise';
import { PRIVILEGES } from '../privileges';
import { withConnection } from '../facilities';
import { RunInProgress } from '../jobs';
import { hasPrivilege, Refusal } from '@poc-emr/openmrs-auth';
import type { Context } from '../server';
import type { RunRecord } from '../store';
import { matches, page, pageQuery } from './paging';

/** A report as clients lay it out: indicators and their disaggregations, without the SQL. */
export function describeReport(report: ReportDefinition) {
  return {
    id: report.id,
    label: report.label,
    periodType: report.periodType,
    indicators: report.indicators.map((i) => ({
      code: i.code,
      label: i.label,
      disaggregations: i.disaggregations.map((dimensions) =>
        dimensions.map((d) => ({ id: d.id, label: d.label, options: d.options })),
      ),
    })),
  };
}

/** What clients get of a report: `GET /reports` and each run's result. */
export type ReportDescription = ReturnType<typeof describeReport>;

export function reportOf(id: string): ReportDefinition {
  const report = Object.hasOwn(REPORTS, id) ? REPORTS[id] : undefined;
  if (!report) throw new Refusal(400, 'unknown-report', `Relatório desconhecido: ${JSON.stringify(id).slice(0, 60)}.`);
  return report;
}

/** The period asked for; the engine refuses malformed, future and pre-2000 periods, naming why. */
export function periodOf(text: string): Period {
  try {
    return parsePeriod(text);
  } catch (error) {
    throw new Refusal(
      400,
      'bad-period',
      `Período inválido: ${(error as Error).message.slice(0, 120)} (use 2026-10, 2026Q4 ou 2026-09-21..2026-10-20).`,
    );
  }
}

/** The run, done: its result. */
export function finishedRun(context: Context, id: string): { run: RunRecord; result: FacilityReport } {
  const run = context.store.get(id);
  if (!run) throw new Refusal(404, 'unknown-run', 'Execução desconhecida.');
  const result = run.status === 'done' ? context.store.result(id) : undefined;
  if (!result) throw new Refusal(409, 'run-not-done', `A execução está "${run.status}": não tem resultado.`);
  return { run, result };
}

const ID = { type: 'string', pattern: '^[0-9a-f-]{36}$' } as const;
const FORMATS = ['xlsx', 'csv', 'json', 'dhis2-json', 'adx', 'line-lists'] as const;

export function runRoutes(app: FastifyInstance, context: Context): void {
  const { store, jobs, facilities, config } = context;
  const reports = { privilege: PRIVILEGES.runReports };

  app.get('/reports', { config: reports }, async () => ({
    reports: Object.values(REPORTS).map(describeReport),
    facilities: facilities.list().map(({ database, code, name }) => ({ database, code, name })),
    dhis2: config.dhis2
      ? { format: config.dhis2.format, reports: Object.keys(config.dhis2.mappings) }
      : { format: null, reports: [] },
  }));

  app.post(
    '/runs',
    {
      config: reports,
      schema: {
        body: {
          type: 'object',
          required: ['report', 'period', 'facility'],
          additionalProperties: false,
          properties: {
            report: { type: 'string', maxLength: 40 },
            period: { type: 'string', maxLength: 40 },
            facility: { type: 'string', maxLength: 64 },
          },
        },
      },
    },
    async (req, reply) => {
      const body = req.body as { report: string; period: string; facility: string };
      const report = reportOf(body.report);
      const period = periodOf(body.period);
      const facility = facilities.get(body.facility);
      if (!facility) throw new Refusal(400, 'unknown-facility', 'Unidade sanitária desconhecida neste servidor.');
      try {
        const run = jobs.start({
          report: report.id,
          periodText: body.period,
          period,
          facility,
          requestedBy: { username: req.user.username, display: req.user.display },
          trigger: 'user',
        });
        return reply.code(202).send(run);
      } catch (error) {
        if (error instanceof RunInProgress) {
          return reply.code(409).send({ error: { code: 'run-in-progress', message: error.message, run: error.run } });
        }
        throw error;
      }
    },
  );

  app.get(
    '/runs',
    {
      config: reports,
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            report: { type: 'string', maxLength: 40 },
            facility: { type: 'string', maxLength: 64 },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
          },
        },
      },
    },
    async (req) => {
      const q = req.query as { report?: string; facility?: string; limit: number };
      const runs = store.list(
        (r) => (!q.report || r.report === q.report) && (!q.facility || r.facility.database === q.facility),
      );
      return { runs: runs.slice(0, q.limit) };
    },
  );

  app.get(
    '/runs/:id',
    { config: reports, schema: { params: { type: 'object', properties: { id: ID } } } },
    async (req) => {
      const run = store.get((req.params as { id: string }).id);
      if (!run) throw new Refusal(404, 'unknown-run', 'Execução desconhecida.');
      return run;
    },
  );

  app.post(
    '/runs/:id/cancel',
    { config: reports, schema: { params: { type: 'object', properties: { id: ID } } } },
    async (req) => {
      const { id } = req.params as { id: string };
      if (!store.get(id)) throw new Refusal(404, 'unknown-run', 'Execução desconhecida.');
      if (!(await jobs.cancel(id))) throw new Refusal(409, 'not-running', 'Esta execução já terminou.');
      return store.get(id);
    },
  );

  app.get(
    '/runs/:id/result',
    { config: reports, schema: { params: { type: 'object', properties: { id: ID } } } },
    async (req) => {
      const { run, result } = finishedRun(context, (req.params as { id: string }).id);
      return { run, report: describeReport(REPORTS[run.report]), facility: result.facility, cells: result.cells };
    },
  );

  app.get(
    '/runs/:id/patients',
    {
      config: { privilege: PRIVILEGES.exportData },
      schema: {
        params: { type: 'object', properties: { id: ID } },
        querystring: {
          type: 'object',
          required: ['indicator'],
          additionalProperties: false,
          properties: {
            indicator: { type: 'string', maxLength: 40 },
            options: { type: 'string', maxLength: 500 },
            ...pageQuery,
          },
        },
      },
    },
    async (req) => {
      const { run, result } = finishedRun(context, (req.params as { id: string }).id);
      const q = req.query as { indicator: string; options?: string; q?: string; page: number; pageSize: number };
      const options = cellOptions(q.options);
      const report = REPORTS[run.report];
      if (!expectedCells(report).some((c) => cellKey(c.indicator, c.options) === cellKey(q.indicator, options))) {
        throw new Refusal(
          400,
          'unknown-cell',
          `${q.indicator} ${JSON.stringify(options)} não é uma célula de ${report.label}.`,
        );
      }
      const patients = patientsOfCell(result.lineLists?.[q.indicator] ?? [], options).filter((p) =>
        matches(q.q, p.nid, p.name),
      );
      const shown = page(patients, q);
      const uuids = await patientUuids(
        context,
        run,
        shown.rows.map((p) => p.patientId),
      );
      return {
        ...shown,
        rows: shown.rows.map(({ options: _options, ...p }) => ({ ...p, patientUuid: uuids.get(p.patientId) ?? null })),
      };
    },
  );

  app.get(
    '/runs/:id/download/:format',
    {
      config: reports,
      schema: { params: { type: 'object', properties: { id: ID, format: { type: 'string', enum: [...FORMATS] } } } },
    },
    async (req, reply) => {
      const { id, format } = req.params as { id: string; format: (typeof FORMATS)[number] };
      const { run, result } = finishedRun(context, id);
      const report = REPORTS[run.report];
      const withPatients =
        format === 'line-lists' || (format === 'xlsx' && (req.query as { lineLists?: string }).lineLists === 'true');
      if (withPatients && !hasPrivilege(req.user, PRIVILEGES.exportData)) {
        throw new Refusal(403, 'forbidden', `Sem o privilégio "${PRIVILEGES.exportData}".`);
      }
      const aggregate: FacilityReport = { ...result, lineLists: undefined };
      const name = `${report.id}_${run.periodText.replace(/[^0-9A-Za-z-]+/g, '_')}_${run.facility.code ?? run.facility.database}`;
      const send = (extension: string, type: string, content: string | Buffer) =>
        reply
          .header('content-type', type)
          .header('content-disposition', `attachment; filename="${name}.${extension}"`)
          .send(content);
      switch (format) {
        case 'xlsx':
          return send(
            'xlsx',
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            await reportWorkbook(report, [withPatients ? result : aggregate]),
          );
        case 'csv':
          return send('csv', 'text/csv; charset=utf-8', cellsCsv(report, [aggregate]));
        case 'line-lists':
          return send('line-lists.csv', 'text/csv; charset=utf-8', lineListsCsv([result]));
        case 'json':
          return send(
            'json',
            'application/json',
            JSON.stringify({ report: describeReport(report), run, result: aggregate }),
          );
        default: {
          const values = mappedDhis2Values(context, run, result);
          const mapping = config.dhis2!.mappings[report.id];
          return format === 'adx'
            ? send('adx.xml', 'application/adx+xml', adx(mapping, run.period, values, new Date().toISOString()))
            : send('dataValueSets.json', 'application/json', dataValueSets(mapping, run.period, values, facilityDay()));
        }
      }
    },
  );
}

/**
 * The run's values as SIS-MA takes them: refused when the period is not a whole month (quarter) the data
 * set takes, when a cell of the report has no data element, or the facility no organisation unit.
 */
export function mappedDhis2Values(context: Context, run: RunRecord, result: FacilityReport) {
  const report = REPORTS[run.report];
  const mapping = context.config.dhis2?.mappings[report.id];
  if (!mapping) throw new Refusal(409, 'no-mapping', `Sem correspondência SIS-MA (DHIS2) para ${report.label}.`);
  if (run.period.dhis2?.type !== report.periodType) {
    const whole = report.periodType === 'Monthly' ? 'um mês inteiro' : 'um trimestre inteiro';
    throw new Refusal(409, 'bad-dhis2-period', `O SIS-MA recebe ${report.label} por ${whole}, não ${run.periodText}.`);
  }
  const mapped = new Set(mapping.elements.map((e) => cellKey(e.indicator, e.options)));
  const missing = expectedCells(report).filter((c) => !mapped.has(cellKey(c.indicator, c.options)));
  if (missing.length) {
    const some = missing.slice(0, 8).map((c) => cellKey(c.indicator, c.options));
    throw new Refusal(
      409,
      'mapping-incomplete',
      `A correspondência SIS-MA não cobre ${missing.length} células (${some.join(', ')}${missing.length > 8 ? '…' : ''}): nada foi enviado.`,
    );
  }
  try {
    return mappedValues(mapping, [result]);
  } catch (error) {
    throw new Refusal(409, 'no-org-unit', `${(error as Error).message}: nada foi enviado.`);
  }
}

function cellOptions(text: string | undefined): Record<string, string> {
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Refusal(400, 'bad-options', 'options deve ser um objecto JSON de dimensão → opção.');
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    Array.isArray(parsed) ||
    Object.values(parsed).some((v) => typeof v !== 'string')
  ) {
    throw new Refusal(400, 'bad-options', 'options deve ser um objecto JSON de dimensão → opção.');
  }
  return parsed as Record<string, string>;
}

/** The uuids of a page of patients, to open their charts. */
async function patientUuids(context: Context, run: RunRecord, ids: number[]): Promise<Map<number, string>> {
  const facility = context.facilities.get(run.facility.database);
  if (!facility || ids.length === 0) return new Map();
  const rows = await withConnection(facility.source, async (conn) => {
    const [found] = await conn.query<RowDataPacket[]>('SELECT person_id, uuid FROM person WHERE person_id IN (?)', [
      ids,
    ]);
    return found;
  });
  return new Map(rows.map((r) => [Number(r.person_id), String(r.uuid)]));
}
