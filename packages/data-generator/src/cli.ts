#!/usr/bin/env tsx
import { stopOnSignals } from '@poc-emr/db';
import { day, iso, today } from './dates';
import { generateFacility, type GenerateResult, SIZES } from './generate';
import { progressBar } from './progress';

const USAGE = `Usage: npm run generate -- [options]
  --facility <code>      7-digit health facility code (default 1100407, HD Manhiça); repeatable or comma-separated
  --size <tiny|demo|large|N>  patients per facility: tiny ${SIZES.tiny}, demo ${SIZES.demo}, large ${SIZES.large} (default tiny)
  --seed <value>         PRNG seed (default 1); the same seed and as-of date give the same data
  --as-of <YYYY-MM-DD>   last day with data (default today)
  --db <name>            database name (one facility only; default facility_<code>)
  --replace              drop and rebuild an existing database`;

export interface CliOptions {
  facilities: string[];
  patients: number;
  seed: string;
  asOf: number;
  database?: string;
  replace: boolean;
}

export function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { facilities: [], patients: SIZES.tiny, seed: '1', asOf: today(), replace: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${arg} needs a value\n${USAGE}`);
      return v;
    };
    switch (arg) {
      case '--facility':
        options.facilities.push(
          ...value()
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        );
        break;
      case '--size': {
        const v = value();
        const n = v in SIZES ? SIZES[v as keyof typeof SIZES] : Number(v);
        if (!Number.isInteger(n) || n < 1)
          throw new Error(`--size must be tiny, demo, large or a positive integer, got "${v}"`);
        options.patients = n;
        break;
      }
      case '--seed':
        options.seed = value();
        break;
      case '--as-of': {
        const v = value();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || iso(day(v)) !== v)
          throw new Error(`--as-of must be YYYY-MM-DD, got "${v}"`);
        if (day(v) > today())
          throw new Error(`--as-of ${v} is in the future: the data would describe days not lived yet`);
        if (v < '2000-01-01') throw new Error(`--as-of ${v} is before 2000: the facility would have no ART history`);
        options.asOf = day(v);
        break;
      }
      case '--db':
        options.database = value();
        break;
      case '--replace':
        options.replace = true;
        break;
      default:
        throw new Error(`Unknown option ${arg}\n${USAGE}`);
    }
  }
  if (options.facilities.length === 0) options.facilities.push('1100407');
  for (const code of options.facilities)
    if (!/^\d{7}$/.test(code)) throw new Error(`Facility codes have 7 digits, got "${code}"`);
  if (options.database && options.facilities.length > 1)
    throw new Error('--db names one database: use it with a single --facility');
  return options;
}

export function summary(r: GenerateResult): string {
  const rate = (n: number) => Math.round(n / r.dataSeconds).toLocaleString('en');
  return (
    `${r.database}: ${r.patients.toLocaleString('en')} patients, ${r.totalRows.toLocaleString('en')} rows ` +
    `(obs ${r.rows.obs.toLocaleString('en')}, encounters ${r.rows.encounter.toLocaleString('en')}) ` +
    `in ${r.dataSeconds.toFixed(1)} s of data loading (${r.seconds.toFixed(1)} s with schema and metadata): ` +
    `${rate(r.totalRows)} rows/s, ${rate(r.rows.obs)} obs rows/s, peak RSS ${r.peakRssMb} MB`
  );
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const signal = stopOnSignals();
  for (const code of options.facilities) {
    const database = options.database ?? `facility_${code}`;
    const result = await generateFacility({
      database,
      facilityCode: code,
      patients: options.patients,
      seed: options.seed,
      asOf: options.asOf,
      replace: options.replace,
      onProgress: progressBar(database),
      signal,
    });
    console.log(summary(result));
  }
  console.log(`as of ${iso(options.asOf)}, seed ${options.seed}`);
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(process.exitCode || 1);
  });
}
