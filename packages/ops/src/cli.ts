#!/usr/bin/env tsx
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { databaseLocation, start as startServer, stopOnSignals } from '@poc-emr/db';
import { AGE_RECIPIENT, backup } from './backup';
import { copyOffsite } from './offsite';
import { restore, verifyBackup } from './restore';
import { listBackups, prune, readStatus, writeStatus, type Status } from './retention';
import { ensureOpsTools } from './tools';

export const USAGE = `Usage: npm run ops -- <command>   (in the distro: docker compose run --rm ops <command>)
  install                                   install mariadb-client, age and rsync (Debian, as root)
  backup  --database <url|name> --dir <dir> --recipient <age1…|file> [--offsite <dir|user@host:dir>]
                                            encrypted backup, manifest, status file, retention, off-site copy
  verify  --file <backup>                   check a backup against its manifest (size, sha256)
  restore --file <backup> --identity <key file> --database <new database url|name>
                                            restore into a new database and compare every table's rows
  status  --dir <dir> --database <name> [--max-age-hours 26]
                                            the last backup; exit 1 when it failed or is too old`;

/** Runs one command; answers the exit code (2: bad input). */
export async function main(argv: string[], signal?: AbortSignal): Promise<number> {
  const [command, ...rest] = argv;
  const values = options(rest);
  const need = (name: keyof typeof values) => {
    const value = values[name];
    if (!value) throw new BadInput(`--${name} is required\n${USAGE}`);
    return value;
  };
  switch (command) {
    case 'install':
      ensureOpsTools();
      return 0;
    case 'backup':
      return runBackup(
        databaseSpec(need('database')),
        need('dir'),
        recipientOf(need('recipient')),
        values.offsite,
        signal,
      );
    case 'verify': {
      const manifest = await verifyBackup(need('file'));
      console.log(
        `${manifest.file}: ${manifest.sizeBytes} bytes, sha256 ok, ${Object.keys(manifest.rows).length} tables`,
      );
      return 0;
    }
    case 'restore': {
      const target = databaseSpec(need('database'));
      if (!target.display.includes('://')) await startServer();
      const result = await restore(need('file'), need('identity'), target, signal);
      const rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
      console.log(
        `restored ${result.manifest.file} into ${result.database}: ${rows} rows, every table as in the backup`,
      );
      return 0;
    }
    case 'status': {
      const hours = Number(values['max-age-hours']);
      if (!(hours > 0)) throw new BadInput(`--max-age-hours must be a positive number of hours`);
      return printStatus(need('dir'), need('database'), hours);
    }
    default:
      throw new BadInput(command ? `Unknown command ${command}\n${USAGE}` : USAGE);
  }
}

export class BadInput extends Error {}

function options(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        database: { type: 'string' },
        dir: { type: 'string' },
        recipient: { type: 'string' },
        offsite: { type: 'string' },
        file: { type: 'string' },
        identity: { type: 'string' },
        'max-age-hours': { type: 'string', default: '26' },
      },
    }).values;
  } catch (error) {
    throw new BadInput(`${(error as Error).message}\n${USAGE}`);
  }
}

function databaseSpec(text: string) {
  try {
    return databaseLocation(text);
  } catch (error) {
    throw new BadInput((error as Error).message);
  }
}

/** An age public key, given as such or in a file (the first `age1…` line). */
function recipientOf(text: string): string {
  if (text.startsWith('age1')) {
    if (!AGE_RECIPIENT.test(text)) throw new BadInput(`--recipient: not an age public key: ${text}`);
    return text;
  }
  if (!fs.existsSync(text)) throw new BadInput(`--recipient: neither an age public key (age1…) nor a file: ${text}`);
  const content = fs.readFileSync(text, 'utf8');
  if (content.includes('AGE-SECRET-KEY-')) {
    throw new BadInput(`${text} holds a private key: keep it off this server and give its public key (age1…)`);
  }
  const key = content.match(/age1[0-9a-z]{58}/);
  if (!key) throw new BadInput(`${text} holds no age public key (age1…)`);
  return key[0];
}

async function runBackup(
  source: ReturnType<typeof databaseLocation>,
  dir: string,
  recipient: string,
  offsite: string | undefined,
  signal: AbortSignal | undefined,
): Promise<number> {
  if (!source.display.includes('://')) await startServer();
  const status: Status = readStatus(dir, source.database) ?? {
    database: source.database,
    lastAttempt: { at: new Date().toISOString(), ok: false },
  };
  status.lastAttempt = { at: new Date().toISOString(), ok: false };
  try {
    const manifest = await backup(source, dir, recipient, { signal });
    status.lastAttempt.ok = true;
    status.lastGood = {
      file: manifest.file,
      finished: manifest.finished,
      sizeBytes: manifest.sizeBytes,
      sha256: manifest.sha256,
    };
    writeStatus(dir, status);
    const removed = prune(dir, source.database);
    console.log(`${manifest.file}: ${manifest.sizeBytes} bytes; ${removed.length} old backup(s) removed by retention`);
    if (offsite) {
      try {
        await copyOffsite(`${dir}/${manifest.file}`, offsite, source.database);
        status.offsite = { at: new Date().toISOString(), ok: true, destination: offsite };
      } catch (error) {
        status.offsite = {
          at: new Date().toISOString(),
          ok: false,
          destination: offsite,
          error: (error as Error).message,
        };
        throw error;
      } finally {
        writeStatus(dir, status);
      }
    }
    return 0;
  } catch (error) {
    status.lastAttempt.error = (error as Error).message;
    writeStatus(dir, status);
    throw error;
  }
}

function printStatus(dir: string, database: string, maxAgeHours: number): number {
  const status = readStatus(dir, database);
  const backups = listBackups(dir, database);
  if (!status?.lastGood || backups.length === 0) {
    console.log(`${database}: no good backup in ${dir}`);
    return 1;
  }
  const ageHours = (Date.now() - Date.parse(status.lastGood.finished)) / 3_600_000;
  console.log(
    `${database}: last good backup ${status.lastGood.file}, ${ageHours.toFixed(1)} h old; ${backups.length} kept` +
      (status.lastAttempt.ok ? '' : `; the last attempt FAILED: ${status.lastAttempt.error}`) +
      (status.offsite ? `; off-site ${status.offsite.ok ? 'ok' : `FAILED: ${status.offsite.error}`}` : ''),
  );
  return ageHours <= maxAgeHours && status.lastAttempt.ok && status.offsite?.ok !== false ? 0 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2), stopOnSignals()).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(error.message);
      process.exit(error instanceof BadInput ? 2 : process.exitCode || 1);
    },
  );
}
