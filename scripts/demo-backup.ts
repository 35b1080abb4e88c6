// The demo's nightly backup: what a facility server's cron runs (docs/operations.md §2), made when the
// demo starts and its last one is older than a day, so that the administrator's system status watches
// real backups. The key pair is the demo's own, kept in .data beside the backups folder; on a facility
// server the private key never is.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { backupCommand } from '@poc-emr/ops/src/cli/backups';
import { readStatus } from '@poc-emr/ops/src/retention';
import { ensureOpsTools, tool } from '@poc-emr/ops/src/tools';

const DAY_MS = 24 * 3600 * 1000;

/** Backs `database` up into `dir` unless a good backup of the last day is there; says what it did. */
export async function demoBackup(database: string, dir: string): Promise<string> {
  const last = readStatus(dir, database)?.lastGood?.finished;
  if (last && Date.now() - Date.parse(last) < DAY_MS) return `Backups in ${dir} (last ${last})`;
  ensureOpsTools();
  const identity = path.join(path.dirname(dir), 'demo-backup-key.txt');
  if (!fs.existsSync(identity)) execFileSync(tool('age-keygen'), ['-o', identity], { stdio: 'ignore' });
  const recipient = fs.readFileSync(identity, 'utf8').match(/public key: (age1[0-9a-z]+)/)?.[1];
  if (!recipient) throw new Error(`${identity} holds no age key pair: delete it to make a new one`);
  const code = await backupCommand({ database, dir, recipient });
  if (code !== 0) throw new Error(`ops backup exited with ${code}`);
  return `Backed up to ${dir} (key ${identity})`;
}
