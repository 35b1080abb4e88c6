import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, databaseMark, DATABASE_MARK, readCredentials, status } from '@poc-emr/db';
import { day, generateFacility } from '@poc-emr/data-generator';
import { runCommand } from '@poc-emr/report-engine/src/cli/run-command';

// The national run's workload on one server: 100 facility databases of mixed sizes (20 × 5,000, 60 × 1,000,
// 20 × 300 patients), MER for a quarter and the Resumo Mensal for a month through the report CLI, as the
// central server runs them over its replicated copies. Databases are generated once and kept (national_*);
// `--scale 0.1` tries the whole path on a tenth of the patients.

const LOCATIONS = path.resolve(__dirname, '../../../distro/configuration/locations/locations.csv');
const MIX: Array<[count: number, patients: number]> = [
  [20, 5000],
  [60, 1000],
  [20, 300],
];

function facilityCodes(n: number): string[] {
  const [header, ...lines] = fs.readFileSync(LOCATIONS, 'utf8').trim().split('\n');
  const column = header.split(',').indexOf('Attribute|Health Facility Code');
  const codes = lines.map((l) => l.split(',')[column]).filter((c) => /^\d{7}$/.test(c ?? ''));
  const once = codes.filter((c) => codes.indexOf(c) === codes.lastIndexOf(c));
  if (once.length < n) throw new Error(`Only ${once.length} facility codes in ${LOCATIONS}`);
  return once.slice(0, n);
}

async function main(): Promise<void> {
  const scaleAt = process.argv.indexOf('--scale');
  const scale = scaleAt > 0 ? Number(process.argv[scaleAt + 1]) : 1;
  const concurrency = Number(process.env.CONCURRENCY ?? 2);
  const codes = facilityCodes(100);
  const plan = MIX.flatMap(([count, patients]) => Array.from({ length: count }, () => Math.round(patients * scale)));
  const databases = codes.map((code, i) => ({ code, database: `national_${code}`, patients: plan[i] }));
  let started = performance.now();
  let generated = 0;
  for (const f of databases) {
    const mark = await databaseMark(f.database);
    if (mark?.startsWith(`${DATABASE_MARK}: generated`) && mark.includes(`${f.patients} patients`)) continue;
    await generateFacility({
      database: f.database,
      facilityCode: f.code,
      patients: f.patients,
      seed: 'national',
      asOf: day('2026-10-31'),
      replace: true,
    });
    generated++;
    process.stdout.write(`\rgenerated ${generated} (${f.database}, ${f.patients} patients)   `);
  }
  if (generated)
    console.log(`\n${generated} databases generated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const conn = await connect();
  const [[size]] = (await conn.query(
    `SELECT SUM(DATA_LENGTH + INDEX_LENGTH) AS bytes, SUM(TABLE_ROWS) AS rows_ FROM information_schema.TABLES
      WHERE TABLE_SCHEMA LIKE 'national\\_%'`,
  )) as unknown as [[{ bytes: number; rows_: number }]];
  const [[pool]] = (await conn.query('SELECT @@innodb_buffer_pool_size AS b')) as unknown as [[{ b: number }]];
  await conn.end();
  const patients = databases.reduce((a, f) => a + f.patients, 0);
  console.log(
    `100 facilities, ${patients.toLocaleString('en')} patients, ~${Math.round(Number(size.rows_) / 1e6)} M rows, ` +
      `${(Number(size.bytes) / 2 ** 30).toFixed(1)} GiB; buffer pool ${(Number(pool.b) / 2 ** 30).toFixed(1)} GiB; ` +
      `${os.cpus().length} cores (${os.cpus()[0].model}); concurrency ${concurrency}`,
  );
  const c = readCredentials();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'national-'));
  const list = path.join(dir, 'facilities.txt');
  const url = (db: string) =>
    `mysql://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@${c.host}:${c.port}/${db}`;
  fs.writeFileSync(list, databases.map((f) => `${url(f.database)} ${f.code}`).join('\n'), { mode: 0o600 });
  let total = 0;
  for (const [report, period] of [
    ['mer', '2026-07-01..2026-09-30'],
    ['resumo-mensal', '2026-10'],
  ]) {
    started = performance.now();
    // prettier-ignore
    const code = await runCommand([
      '--report', report, '--period', period, '--facilities', list,
      '--out', path.join(dir, report), '--concurrency', String(concurrency),
    ]);
    const seconds = (performance.now() - started) / 1000;
    total += seconds;
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, report, 'manifest.json'), 'utf8'));
    console.log(`${report} ${period}: ${seconds.toFixed(1)} s, exit ${code}, ${manifest.failed} failed`);
  }
  console.log(
    `both reports, 100 facilities: ${total.toFixed(1)} s; ~1,200 facilities of the same mix at this rate: ` +
      `${((total * 12) / 60).toFixed(1)} min`,
  );
  const { pid } = await status();
  const hwm = pid ? fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/)?.[1] : undefined;
  if (hwm) console.log(`MariaDB peak resident memory: ${Math.round(Number(hwm) / 1024)} MiB`);
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
