import { REPORTS } from '@poc-emr/report-engine';
import { parsePeriod } from '@poc-emr/report-engine/src/cli/period';
import { nationalRun } from '../national';
import { BadInput, need, positive, receiverOf, type Values } from './args';

/** `national-run`: a report over every facility replicated to this server; exit 1 when any is incomplete. */
export async function nationalRunCommand(values: Values): Promise<number> {
  const report = need(values, 'report');
  if (!REPORTS[report]) throw new BadInput(`--report: one of ${Object.keys(REPORTS).join(', ')}`);
  const period = need(values, 'period');
  try {
    parsePeriod(period);
  } catch (error) {
    throw new BadInput(`--period: ${(error as Error).message}`);
  }
  const concurrency = positive(values, 'concurrency', 2);
  if (!Number.isInteger(concurrency)) throw new BadInput('--concurrency must be a whole number');
  const result = await nationalRun(receiverOf(values), {
    report,
    period,
    out: need(values, 'out'),
    concurrency,
    formats: values.format as string | undefined,
    maxLagSeconds: positive(values, 'max-lag-seconds', 3600),
    staleAfterHours: positive(values, 'stale-after-hours', 48),
  });
  for (const f of result.flagged) console.log(`facility ${f.code} not up to date: ${f.problems.join('; ')}`);
  console.log(
    result.flagged.length
      ? `${result.flagged.length} facilities reported from out-of-date copies (see manifest.json)`
      : 'every facility reported from an up-to-date copy (positions in manifest.json)',
  );
  return result.reportExit || (result.flagged.length ? 1 : 0);
}
