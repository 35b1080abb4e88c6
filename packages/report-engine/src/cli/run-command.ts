import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import { start } from '@poc-emr/db';
import { readMapping, type Dhis2Mapping } from '../dhis2/mapping';
import { balanceText, flowBalance, type FlowBalance } from '../balance';
import { adx, dataValueSets, mappedValues } from '../dhis2/payloads';
import { cellsCsv, lineListsCsv } from '../output/csv';
import { reportWorkbook } from '../output/xlsx';
import type { FacilityReport, ReportDefinition } from '../report';
import { REPORTS } from '../reports';
import { runReport } from '../run';
import { facilitySource, readFacilities, type FacilitySource } from './facilities';
import { OutputDir } from './output-dir';
import { parsePeriod, type Period } from './period';
import { Progress } from './progress';

const FORMATS = ['csv', 'xlsx', 'json', 'dhis2-json', 'adx'] as const;
type Format = (typeof FORMATS)[number];

interface FacilityOutcome {
  source: string;
  label: string;
  status: 'ok' | 'failed';
  facility?: FacilityReport['facility'];
  rowsRead?: number;
  durationMs: number;
  error?: string;
}

export const RUN_USAGE = `npm run report -- run --report mer|resumo-mensal --period 2026-10|2026Q4|2026-09-21..2026-10-20
    (--database <mysql://user:pass@host:port/db | local db>)... | --facilities <file>
    --out <new dir> [--format csv,xlsx,json,dhis2-json,adx] [--mapping <file>] [--line-lists] [--balance]
    [--concurrency 2]`;

/** `run`: a report for a period on one or many facility databases. Answers the exit code. */
export async function runCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      report: { type: 'string' },
      period: { type: 'string' },
      database: { type: 'string', multiple: true },
      facilities: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string', default: 'csv,xlsx,json' },
      mapping: { type: 'string' },
      'line-lists': { type: 'boolean', default: false },
      balance: { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '2' },
    },
  });
  const report = REPORTS[values.report ?? ''];
  if (!report)
    throw new Error(`Unknown report ${JSON.stringify(values.report)}: one of ${Object.keys(REPORTS).join(', ')}`);
  if (!values.period) throw new Error('--period is required');
  const period = parsePeriod(values.period);
  const formats = values.format!.split(',').map((f) => f.trim()) as Format[];
  const unknown = formats.filter((f) => !FORMATS.includes(f));
  if (unknown.length) throw new Error(`Unknown format ${unknown.join(', ')}: use ${FORMATS.join(', ')}`);
  const dhis2 = formats.some((f) => f === 'dhis2-json' || f === 'adx');
  let mapping: Dhis2Mapping | undefined;
  if (dhis2) {
    if (!values.mapping) throw new Error('DHIS2 outputs need --mapping <file>');
    if (period.dhis2?.type !== report.periodType) {
      throw new Error(
        `DHIS2 takes ${report.label} for a whole ${report.periodType === 'Monthly' ? 'month' : 'quarter'}, not ${values.period}`,
      );
    }
    mapping = readMapping(values.mapping, report);
  }
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`--concurrency must be a positive integer`);
  const sources = values.facilities
    ? readFacilities(values.facilities)
    : (values.database ?? []).map((d) => facilitySource(d));
  if (sources.length === 0) throw new Error('Name a facility database with --database or a list with --facilities');
  if (!values.out) throw new Error('--out <directory> is required');
  // Local database names live on the project's own MariaDB: make sure it runs.
  if (sources.some((s) => !s.display.includes('://'))) await start();
  const out = OutputDir.open(values.out);
  const stopWatching = out.discardOnSignal();
  try {
    const started = new Date();
    const { results, outcomes, balances } = await runAll(report, period, sources, concurrency, {
      lineLists: values['line-lists']!,
      balance: values.balance!,
    });
    // With every facility failed there is nothing to report: the manifest alone says why.
    if (results.length > 0) {
      const files = outputs(report, period, results, mapping, started);
      for (const format of formats) out.write(...(await files[format]()));
      if (values['line-lists'] && formats.includes('csv')) out.write('line-lists.csv', lineListsCsv(results));
      if (values.balance) out.write('balance.json', `${JSON.stringify(balances, null, 2)}\n`);
    }
    out.write('manifest.json', manifest(report, period, started, outcomes));
    out.commit();
    for (const { label, balance } of balances) console.log(`${label}\n${balanceText(balance, report.flow!)}\n`);
    const failed = outcomes.filter((o) => o.status === 'failed');
    for (const f of failed) console.error(`${f.label}: ${f.error}`);
    return failed.length ? 1 : 0;
  } catch (error) {
    out.discard();
    throw error;
  } finally {
    stopWatching();
  }
}

async function runAll(
  report: ReportDefinition,
  period: Period,
  sources: FacilitySource[],
  concurrency: number,
  options: { lineLists: boolean; balance: boolean },
): Promise<{
  results: FacilityReport[];
  outcomes: FacilityOutcome[];
  balances: Array<{ label: string; balance: FlowBalance }>;
}> {
  const outcomes: FacilityOutcome[] = new Array(sources.length);
  const results: Array<FacilityReport | undefined> = new Array(sources.length);
  const balances: Array<{ label: string; balance: FlowBalance } | undefined> = new Array(sources.length);
  const progress = new Progress(sources.length);
  let next = 0;
  const worker = async () => {
    while (next < sources.length) {
      const i = next++;
      const source = sources[i];
      const started = performance.now();
      try {
        const conn = await mysql.createConnection({
          ...source.credentials,
          database: source.database,
          dateStrings: true,
          connectTimeout: 10_000,
        });
        try {
          results[i] = await runReport(conn, source.database, report, period, { lineLists: options.lineLists });
          if (options.balance) {
            balances[i] = { label: source.label, balance: await flowBalance(conn, source.database, report, period) };
          }
        } finally {
          await conn.end();
        }
        const r = results[i]!;
        outcomes[i] = {
          source: source.display,
          label: source.label,
          status: 'ok',
          facility: r.facility,
          rowsRead: r.rowsRead,
          durationMs: r.durationMs,
        };
        progress.done(false);
      } catch (error) {
        const message = (error as Error).message || String(error);
        outcomes[i] = {
          source: source.display,
          label: source.label,
          status: 'failed',
          durationMs: Math.round(performance.now() - started),
          error: `${source.display}: ${message}`,
        };
        progress.done(true);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, sources.length) }, worker));
  return {
    results: results.filter((r): r is FacilityReport => r !== undefined),
    outcomes,
    balances: balances.filter((b) => b !== undefined),
  };
}

/** Each format's file: its name and content (DHIS2 formats only with a mapping). */
function outputs(
  report: ReportDefinition,
  period: Period,
  results: FacilityReport[],
  mapping: Dhis2Mapping | undefined,
  started: Date,
): Record<Format, () => Promise<[string, string | Buffer]>> {
  const definition = {
    id: report.id,
    label: report.label,
    indicators: report.indicators.map(({ code, label }) => ({ code, label })),
  };
  return {
    csv: async () => [`${report.id}.csv`, cellsCsv(report, results)],
    json: async () => [
      `${report.id}.json`,
      `${JSON.stringify({ report: definition, period, facilities: results }, null, 2)}\n`,
    ],
    xlsx: async () => [`${report.id}.xlsx`, await reportWorkbook(report, results)],
    'dhis2-json': async () => [
      `${report.id}.dataValueSets.json`,
      dataValueSets(mapping!, period, mappedValues(mapping!, results), started.toISOString().slice(0, 10)),
    ],
    adx: async () => [
      `${report.id}.adx.xml`,
      adx(mapping!, period, mappedValues(mapping!, results), started.toISOString()),
    ],
  };
}

function manifest(report: ReportDefinition, period: Period, started: Date, outcomes: FacilityOutcome[]): string {
  return `${JSON.stringify(
    {
      report: report.id,
      period,
      started: started.toISOString(),
      finished: new Date().toISOString(),
      facilities: outcomes.length,
      failed: outcomes.filter((o) => o.status === 'failed').length,
      note: 'Failed facilities are listed here and absent from the other files.',
      runs: outcomes,
    },
    null,
    2,
  )}\n`;
}
