import fs from 'node:fs';
import { extractMozart2, type ExtractResult } from './extract';
import { readKeyFile } from './pseudonymise';
import { formatReconciliation, reconcileMozart2 } from './reconcile';
import { MOZART_TABLES } from './schema';

const USAGE = `usage: mozart2 <extract|reconcile> --central <url|db> (--source <url|db>)… [--sources <file>]
                 [--pseudonymise-key-file <file>] [--source-name <name>] [--full] [--stream]
  extract     copy the MozART 2 tables of each facility into the central database (incremental
              after the first successful run; --full re-extracts everything)
  reconcile   compare the central tables with what each facility would produce now
  Databases are mysql://user:password@host:port/database URLs or database names on the local server.
  The pseudonymisation key may also come from $MOZART2_PSEUDONYMISE_KEY(_FILE).`;

interface Args {
  command: 'extract' | 'reconcile';
  sources: string[];
  central: string;
  keyFile?: string;
  sourceName?: string;
  full: boolean;
  stream: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (command !== 'extract' && command !== 'reconcile') {
    throw new UsageError(command ? `Unknown subcommand "${command}"` : 'Missing subcommand');
  }
  const args: Args = { command, sources: [], central: '', full: false, stream: false };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--source') args.sources.push(value());
    else if (flag === '--sources') args.sources.push(...readSourcesFile(value()));
    else if (flag === '--central') args.central = value();
    else if (flag === '--pseudonymise-key-file') args.keyFile = value();
    else if (flag === '--source-name') args.sourceName = value();
    else if (flag === '--full' && command === 'extract') args.full = true;
    else if (flag === '--stream' && command === 'extract') args.stream = true;
    else throw new UsageError(`Unknown option "${flag}" for ${command}`);
  }
  if (!args.central) throw new UsageError('--central is required');
  if (!args.sources.length) throw new UsageError('Give at least one --source or a --sources file');
  if (args.sourceName && args.sources.length > 1) throw new UsageError('--source-name needs exactly one source');
  return args;
}

/** One URL or database name per line; blank lines and # comments are skipped. */
function readSourcesFile(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the sources file ${file}: ${(error as Error).message}`);
  }
  const sources = text
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
  if (!sources.length) throw new UsageError(`The sources file ${file} lists no database`);
  return sources;
}

function printExtract(result: ExtractResult): void {
  for (const run of result.runs) {
    if (run.status === 'failed') {
      console.error(`FAILED ${run.sourceDatabase} (${run.source}): ${run.error}`);
      continue;
    }
    const rows = MOZART_TABLES.map((t) => `${t} ${run.rows[t]?.extracted ?? 0}/-${run.rows[t]?.deleted ?? 0}`);
    console.log(
      `ok ${run.sourceDatabase}: ${run.mode} via ${run.transport}, ${run.seconds.toFixed(1)} s` +
        `${run.changedPatients !== undefined ? `, ${run.changedPatients} patients changed` : ''}` +
        `, watermark ${run.watermark}\n   ${rows.join(', ')}`,
    );
  }
  const failed = result.runs.filter((r) => r.status === 'failed');
  console.log(
    failed.length
      ? `${failed.length} of ${result.runs.length} facilities FAILED: ${failed.map((r) => r.sourceDatabase).join(', ')}`
      : `All ${result.runs.length} facilities extracted into ${result.central}.`,
  );
}

/** `mozart2 extract|reconcile …`: 0 when every facility succeeded (and matched), 1 otherwise, 2 on bad arguments. */
export async function mozart2Command(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  try {
    const pseudonymiseKey = args.keyFile ? readKeyFile(args.keyFile) : undefined;
    const common = {
      sources: args.sources,
      central: args.central,
      sourceDatabaseName: args.sourceName,
      pseudonymiseKey,
    };
    if (args.command === 'extract') {
      const result = await extractMozart2({ ...common, full: args.full, transport: args.stream ? 'stream' : 'auto' });
      printExtract(result);
      return result.ok ? 0 : 1;
    }
    const result = await reconcileMozart2(common);
    console.log(formatReconciliation(result));
    return result.ok ? 0 : 1;
  } catch (error) {
    console.error(`mozart2 ${args.command} failed: ${(error as Error).message}`);
    return 1;
  }
}
