#!/usr/bin/env tsx
/** npm run bench:generate [-- --size N]: builds the large facility and prints the figures for docs/benchmarks.md. */
import { benchMachine, connect, start, stopOnSignals } from '@poc-emr/db';
import { parseArgs, summary } from './cli';
import { day } from './dates';
import { generateFacility, SIZES } from './generate';
import { progressBar } from './progress';

async function main(): Promise<void> {
  const options = parseArgs(['--size', String(SIZES.large), '--as-of', '2026-10-31', ...process.argv.slice(2)]);
  const database = options.database ?? 'bench_large';
  // A large facility's indexes must fit in memory; the pool can grow without a restart.
  await start();
  const admin = await connect();
  await admin.query(`SET GLOBAL innodb_buffer_pool_size = ${6 * 2 ** 30}`);
  await admin.end();
  const result = await generateFacility({
    database,
    facilityCode: options.facilities[0],
    patients: options.patients,
    seed: options.seed,
    asOf: options.asOf ?? day('2026-10-31'),
    replace: true,
    onProgress: progressBar(database),
    signal: stopOnSignals(),
  });
  console.log(summary(result));
  console.log('rows per table:', JSON.stringify(result.rows));
  console.log(await benchMachine());
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(process.exitCode || 1);
});
