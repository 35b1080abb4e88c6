#!/usr/bin/env tsx
/**
 * npm run bench:reports [-- --database bench_large --start 2026-08-01 --end 2026-10-31]: time of each building block and
 * indicator on the large facility that `npm run bench:generate` builds, run one after another.
 */
import { parseArgs } from 'node:util';
import { benchMachine, connect, databaseExists, start } from '@poc-emr/db';
import { artStart } from './blocks/art-start';
import { exits } from './blocks/exits';
import { pickups } from './blocks/pickups';
import { parseDay, type PeriodContext } from './context';
import { txCurr } from './indicators/tx-curr';
import { txNew } from './indicators/tx-new';
import { render, sql, type Sql } from './sql';
import { resolveReportTerms } from './terms';

const MEASURED: Record<string, (ctx: PeriodContext) => Sql> = {
  artStart: (ctx) => sql`SELECT * FROM ${artStart(ctx)} b`,
  pickups: (ctx) => sql`SELECT * FROM ${pickups(ctx)} b`,
  exits: (ctx) => sql`SELECT * FROM ${exits(ctx)} b`,
  txCurr,
  txNew,
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string', default: 'bench_large' },
      start: { type: 'string', default: '2026-08-01' },
      end: { type: 'string', default: '2026-10-31' },
    },
  });
  const database = values.database!;
  const endDate = parseDay(values.end!);
  const startDate = parseDay(values.start!);
  await start();
  if (!(await databaseExists(database))) {
    throw new Error(`No database ${database}: build the large facility first with npm run bench:generate`);
  }
  const conn = await connect({ database });
  try {
    const ctx: PeriodContext = { terms: await resolveReportTerms(conn, database), startDate, endDate };
    const [[{ patients }]] = (await conn.query(
      'SELECT COUNT(*) AS patients FROM patient WHERE voided = 0',
    )) as unknown as [[{ patients: number }]];
    console.log(`Reports on ${database} (${patients} patients), period ${startDate} – ${endDate}:`);
    for (const [name, block] of Object.entries(MEASURED)) {
      const { text, values: params } = render(sql`SELECT COUNT(*) AS n FROM (${block(ctx)}) b`);
      const started = performance.now();
      const [[{ n }]] = (await conn.query({ sql: text, values: params })) as unknown as [[{ n: number }]];
      console.log(
        `  ${name.padEnd(10)} ${String(n).padStart(7)} rows  ${((performance.now() - started) / 1000).toFixed(2)} s`,
      );
    }
  } finally {
    await conn.end();
  }
  console.log(await benchMachine());
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
