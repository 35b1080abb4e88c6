#!/usr/bin/env tsx
/**
 * npm run bench:reports [-- --database bench_large --quarter 2026-08-01..2026-10-31 --month 2026-10-01..2026-10-31
 *   --facilities 4 --concurrency 1,2]: the MER quarter and the Resumo Mensal of its last month on the large
 * facility that `npm run bench:generate` builds — time per indicator and in total, rows read, peak memory —
 * then the same pair on N connections at each pool size.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { benchMachine, connect, databaseExists, start, status } from '@poc-emr/db';
import { parseDay } from './context';
import { REPORTS } from './reports';
import { runReports, type ReportRequest } from './run';

function range(text: string): ReportRequest['period'] {
  const [startDate, endDate] = text.split('..');
  return { startDate: parseDay(startDate), endDate: parseDay(endDate ?? '') };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Peak resident memory of the MariaDB server process since it started (VmHWM), in MiB. */
async function serverPeakMb(): Promise<string> {
  const { pid } = await status();
  const line = pid ? fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/) : null;
  return line ? `${Math.round(Number(line[1]) / 1024)} MiB` : 'unknown';
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string', default: 'bench_large' },
      quarter: { type: 'string', default: '2026-08-01..2026-10-31' },
      month: { type: 'string', default: '2026-10-01..2026-10-31' },
      facilities: { type: 'string', default: '4' },
      concurrency: { type: 'string', default: '1,2' },
    },
  });
  const database = values.database!;
  const requests: ReportRequest[] = [
    { report: REPORTS.mer, period: range(values.quarter!) },
    { report: REPORTS['resumo-mensal'], period: range(values.month!) },
  ];
  await start();
  if (!(await databaseExists(database))) {
    throw new Error(`No database ${database}: build the large facility first with npm run bench:generate`);
  }
  const conn = await connect({ database });
  try {
    const [[{ patients, obs }]] = (await conn.query(
      'SELECT (SELECT COUNT(*) FROM patient WHERE voided = 0) AS patients, (SELECT COUNT(*) FROM obs) AS obs',
    )) as unknown as [[{ patients: number; obs: number }]];
    console.log(`Reports on ${database} (${patients} patients, ${obs} obs):`);
    const started = performance.now();
    const results = await runReports(conn, database, requests, {
      onIndicator: (report, indicator, ms) =>
        console.log(`  ${report.padEnd(14)} ${indicator.padEnd(10)} ${seconds(ms)}`),
    });
    const total = performance.now() - started;
    for (const r of results) {
      const counts = r.cells.filter((c) => Object.keys(c.options).length === 0).map((c) => `${c.indicator} ${c.value}`);
      console.log(
        `  ${r.report}: ${seconds(r.durationMs)}, ${r.rowsRead.toLocaleString('en')} rows read; ${counts.join(', ')}`,
      );
    }
    console.log(`  total (both reports, one run): ${seconds(total)}`);
    console.log(
      `  peak RSS: report process ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB, MariaDB server ${await serverPeakMb()}`,
    );
  } finally {
    await conn.end();
  }
  const facilities = Number(values.facilities);
  for (const concurrency of values.concurrency!.split(',').map(Number)) {
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < facilities) {
        next++;
        const c = await connect({ database });
        try {
          await runReports(c, database, requests);
        } finally {
          await c.end();
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const ms = performance.now() - started;
    console.log(
      `  ${facilities} facility runs, pool ${concurrency}: ${seconds(ms)} (${seconds(ms / facilities)} per facility)`,
    );
  }
  console.log(await benchMachine());
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
