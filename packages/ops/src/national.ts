import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Credentials } from '@poc-emr/db';
import { runCommand } from '@poc-emr/report-engine/src/cli/run-command';
import { writeAtomically } from './backup';
import { Receiver } from './replication/central';
import { entryOf } from './replication/gtid';
import { receiverStatus, type ChannelStatus, type StatusLimits } from './replication/status';

// The national run on the central (or a district) server: one report over every facility copy replicated
// here, with the manifest saying how complete each facility's numbers are. Each channel's applier is
// paused for the run (its link keeps receiving), so a facility's numbers are exactly those of the
// replication position recorded beside them.

export interface NationalRunOptions extends StatusLimits {
  report: string;
  period: string;
  out: string;
  concurrency?: number;
  formats?: string;
}

export interface FacilityReplication {
  via?: string;
  state: ChannelStatus['state'];
  position: string;
  lastChange: string | null;
  problems: string[];
}

export interface NationalRunResult {
  /** The report CLI's exit code: 1 when a facility's report failed. */
  reportExit: number;
  /** Facilities whose copy is not up to date (stale, broken, stopped, lagging), with why. */
  flagged: Array<{ code: string; problems: string[] }>;
}

export async function nationalRun(credentials: Credentials, options: NationalRunOptions): Promise<NationalRunResult> {
  const receiver = await Receiver.connect(credentials);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poc-emr-national-'));
  const paused: string[] = [];
  try {
    const channels = await receiver.channels();
    if (!channels.length) throw new Error('No facility replicates to this server: nothing to report');
    const status = await receiverStatus(receiver, options);
    for (const row of await receiver.query<Record<string, string>>('SHOW ALL SLAVES STATUS')) {
      if (row.Slave_SQL_Running !== 'Yes') continue;
      await receiver.query(`STOP SLAVE '${row.Connection_name}' SQL_THREAD`);
      paused.push(row.Connection_name);
    }
    const [{ pos }] = await receiver.query<{ pos: string }>('SELECT @@gtid_slave_pos AS pos');
    const replication = new Map<string, FacilityReplication>(
      status.channels.map((c) => {
        const entry = entryOf(pos, Number(c.code));
        const position = entry ? `${entry.domain}-${entry.server}-${entry.seq}` : '';
        const replication = { via: c.via, state: c.state, position, lastChange: c.lastChange, problems: c.problems };
        return [c.code, replication];
      }),
    );
    // The report CLI reads the facilities from a file: this one holds the account, so only we can read it.
    const list = path.join(dir, 'facilities.txt');
    const account = `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}`;
    const lines = channels.map((c) => `mysql://${account}@${credentials.host}:${credentials.port}/${c.name} ${c.code}`);
    fs.writeFileSync(list, `${lines.join('\n')}\n`, { mode: 0o600 });
    // prettier-ignore
    const reportExit = await runCommand([
      '--report', options.report, '--period', options.period, '--facilities', list, '--out', options.out,
      '--concurrency', String(options.concurrency ?? 2), ...(options.formats ? ['--format', options.formats] : []),
    ]);
    const flagged = status.channels
      .filter((c) => c.problems.length)
      .map((c) => ({ code: c.code, problems: c.problems }));
    annotateManifest(path.join(options.out, 'manifest.json'), replication, credentials, flagged.length === 0);
    return { reportExit, flagged };
  } finally {
    for (const name of paused) await receiver.query(`START SLAVE '${name}' SQL_THREAD`).catch(() => undefined);
    await receiver.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Adds each facility's replication position and state to the report's manifest. */
function annotateManifest(
  file: string,
  replication: Map<string, FacilityReplication>,
  server: Credentials,
  complete: boolean,
): void {
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { runs: Array<{ label: string }> };
  const annotated = {
    ...manifest,
    replication: {
      server: `${server.host}:${server.port}`,
      complete,
      note:
        "Each facility's numbers are those of its copy at `position` (its GTID): the copy did not change " +
        'during the run. A facility with problems was reported from an out-of-date copy.',
    },
    runs: manifest.runs.map((run) => ({ ...run, replication: replication.get(run.label) })),
  };
  writeAtomically(file, `${JSON.stringify(annotated, null, 2)}\n`);
}
