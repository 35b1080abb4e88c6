#!/usr/bin/env tsx
/**
 * npm run bench:reports [-- --database bench_large --quarter 2026-08-01..2026-10-31 --month 2026-10-01..2026-10-31
 *   --facilities 4 --concurrency 1,2]: the MER quarter and the Resumo Mensal of its last month on the large
 * facility that `npm run bench:generate` builds, on MariaDB started as the distro starts it (buffer pool
 * POC_DB_BUFFER_POOL, 2G by default: the 8 GB facility server of docs/install.md). A cold run right after a
 * restart (the OS page cache dropped too, where allowed), then a warm one — time, rows examined and pages
 * read from disk per indicator, the slowest statements — then the pair on N connections at each pool size.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { benchMachine, connect, databaseExists, start, status, stop } from '@poc-emr/db';
import { parseDay } from './context';
import { REPORTS } from './reports';
import { runReports, type ReportRequest } from './run';

function range(text: string): ReportRequest['period'] {
  const [startDate, endDate] = text.split('..');
  return { startDate: parseDay(startDate), endDate: parseDay(endDate ?? '') };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const thousands = (n: number) => n.toLocaleString('en');

/** Peak resident memory of the MariaDB server process since it started (VmHWM), in MiB. */
async function serverPeakMb(): Promise<string> {
  const { pid } = await status();
  const line = pid ? fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/) : null;
  return line ? `${Math.round(Number(line[1]) / 1024)} MiB` : 'unknown';
}

/** InnoDB pages read from disk since the server started. */
async function pagesFromDisk(conn: Connection): Promise<number> {
  const [[row]] = await conn.query<RowDataPacket[]>("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_reads'");
  return Number(row.Value);
}

/** Restarts MariaDB as the distro runs it; drops the OS page cache too when allowed (root). */
async function restartAsDistro(): Promise<string> {
  await stop();
  process.env.POC_DB_PROFILE = 'distro';
  process.env.POC_DB_BUFFER_POOL ??= '2G';
  let cache = 'OS page cache kept (not root)';
  try {
    execFileSync('sh', ['-c', 'sync && echo 3 > /proc/sys/vm/drop_caches'], { stdio: 'ignore' });
    cache = 'OS page cache dropped';
  } catch {
    // Not allowed here: InnoDB reads with O_DIRECT, so its pages still come from the disk.
  }
  await start();
  return cache;
}

async function run(database: string, requests: ReportRequest[], label: string): Promise<number> {
  const conn = await connect({ database });
  const monitor = await connect({ database });
  const statements: Array<{ text: string; ms: number }> = [];
  try {
    console.log(`${label}:`);
    let pagesBefore = await pagesFromDisk(monitor);
    const started = performance.now();
    const results = await runReports(conn, database, requests, {
      onStatement: (text, ms) => void statements.push({ text, ms }),
      onIndicator: async (report, indicator, ms, rowsRead) => {
        const pages = await pagesFromDisk(monitor);
        console.log(
          `  ${report.padEnd(14)} ${indicator.padEnd(10)} ${seconds(ms).padStart(8)}  ${thousands(rowsRead).padStart(11)} rows  ${thousands(pages - pagesBefore).padStart(8)} pages from disk`,
        );
        pagesBefore = pages;
      },
    });
    const total = performance.now() - started;
    for (const r of results) {
      const counts = r.cells.filter((c) => Object.keys(c.options).length === 0).map((c) => `${c.indicator} ${c.value}`);
      console.log(`  ${r.report}: ${seconds(r.durationMs)}, ${thousands(r.rowsRead)} rows read; ${counts.join(', ')}`);
    }
    console.log(`  total (both reports, one run): ${seconds(total)}`);
    console.log('  slowest statements:');
    for (const s of [...statements].sort((a, b) => b.ms - a.ms).slice(0, 8)) {
      console.log(`    ${seconds(s.ms).padStart(8)}  ${s.text.replace(/\s+/g, ' ').slice(0, 110)}`);
    }
    return total;
  } finally {
    await conn.end();
    await monitor.end();
  }
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
  const cache = await restartAsDistro();
  try {
    const conn = await connect({ database });
    const [[{ patients, obs, pool }]] = (await conn.query(
      `SELECT (SELECT COUNT(*) FROM patient WHERE voided = 0) AS patients, (SELECT COUNT(*) FROM obs) AS obs,
              @@innodb_buffer_pool_size AS pool`,
    )) as unknown as [[{ patients: number; obs: number; pool: number }]];
    await conn.end();
    // Counting the rows above read the primary keys; restart again so the cold run starts from nothing.
    await restartAsDistro();
    console.log(
      `Reports on ${database} (${thousands(patients)} patients, ${thousands(obs)} obs); MariaDB as the distro starts it, ` +
        `buffer pool ${Math.round(pool / 2 ** 20)} MiB; ${cache}`,
    );
    const cold = await run(database, requests, 'cold run, right after a restart');
    const warm = await run(database, requests, 'warm run');
    console.log(`cold ${seconds(cold)}, warm ${seconds(warm)}`);
    console.log(
      `  peak RSS: report process ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB, MariaDB server ${await serverPeakMb()}`,
    );
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
        `  ${facilities} facility runs (warm), pool ${concurrency}: ${seconds(ms)} (${seconds(ms / facilities)} per facility)`,
      );
    }
    console.log(await benchMachine());
  } finally {
    // Back to the development profile for whatever runs next on this machine.
    await stop();
    delete process.env.POC_DB_PROFILE;
    await start();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
