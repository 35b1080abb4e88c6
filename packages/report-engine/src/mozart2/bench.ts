import { benchMachine, connect, databaseExists, dropDatabase, start } from '@poc-emr/db';
import { copyRows } from './copy';
import { extractMozart2 } from './extract';
import { sourceSelect } from './queries';
import { MOZART_TABLES, TABLES } from './schema';
import { resolveMozartTerms } from './terms';

// Full MozART 2 extract of the 50,000-patient facility `bench_large` into a fresh central database
// (docs/benchmarks.md, "MozART 2 extract"). `--stream` measures the cross-server path instead.

const SOURCE = process.env.BENCH_SOURCE ?? 'bench_large';
const CENTRAL = process.env.BENCH_CENTRAL ?? 'bench_mozart2';

async function main(): Promise<void> {
  await start();
  if (!(await databaseExists(SOURCE))) throw new Error(`Database ${SOURCE} is missing: npm run bench:generate first`);
  await dropDatabase(CENTRAL);
  const stream = process.argv.includes('--stream');
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  const started = Date.now();
  const times: Record<string, number> = {};
  let loaded = started;
  const result = await extractMozart2({
    sources: [SOURCE],
    central: CENTRAL,
    full: true,
    transport: stream ? 'stream' : 'auto',
    // Tables load in parallel: each time is from the start until that table was complete.
    onProgress: (p) => {
      loaded = Date.now();
      times[p.table] = (loaded - started) / 1000;
    },
  });
  const seconds = (Date.now() - started) / 1000;
  clearInterval(sampler);
  const run = result.runs[0];
  if (run.status !== 'success') throw new Error(`Extract failed: ${run.error}`);
  let total = 0;
  console.log(`MozART 2 full extract of ${SOURCE} (${run.transport}) into ${CENTRAL}`);
  for (const table of MOZART_TABLES) {
    const rows = run.rows[table]?.extracted ?? 0;
    total += rows;
    const t = times[table] ?? 0;
    console.log(`  ${table.padEnd(22)} ${String(rows).padStart(10)} rows, done at ${t.toFixed(1).padStart(5)} s`);
  }
  const obs = run.rows.observation?.extracted ?? 0;
  const obsSeconds = await timeObservationAlone();
  console.log(
    `  total ${total} rows in ${seconds.toFixed(1)} s (keys maintained while loading): ${Math.round(total / seconds)} rows/s`,
  );
  console.log(`  last table loaded at ${((loaded - started) / 1000).toFixed(1)} s`);
  console.log(
    `  observation: ${obs} rows, ${Math.round(obs / obsSeconds)} rows/s (measured alone: ${obsSeconds.toFixed(1)} s)`,
  );
  console.log(`  peak RSS ${Math.round(peakRss / 2 ** 20)} MiB`);
  console.log(await benchMachine());
}

/** The observation table's own rate: its INSERT … SELECT again, alone, into a scratch copy. */
async function timeObservationAlone(): Promise<number> {
  const conn = await connect({ database: CENTRAL });
  try {
    const terms = await resolveMozartTerms(conn, SOURCE);
    await conn.query("SET SESSION optimizer_switch = 'split_materialized=off'");
    await conn.query('CREATE TEMPORARY TABLE scratch_observation LIKE observation');
    const columns = [...TABLES.observation.columns.map((c) => c.name), 'source_database'];
    const select = sourceSelect('observation', { database: SOURCE, sourceName: SOURCE, terms });
    const t0 = Date.now();
    await copyRows({ kind: 'same-server', central: conn, source: conn }, select, 'scratch_observation', columns);
    return (Date.now() - t0) / 1000;
  } finally {
    await conn.end();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
