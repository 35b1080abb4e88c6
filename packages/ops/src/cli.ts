#!/usr/bin/env tsx
import { stopOnSignals } from '@poc-emr/db';
import { BadInput, parseOptions, type Values } from './cli/args';
import { backupCommand, restoreCommand, statusCommand, verifyCommand } from './cli/backups';
import { nationalRunCommand } from './cli/national';
import { REPLICATION_COMMANDS } from './cli/replication';
import { ensureOpsTools } from './tools';

export const USAGE = `Usage: npm run ops -- <command>   (in the distro: docker compose run --rm ops <command>)
  install                                   install mariadb-client, age, rsync and openssl (Debian, as root)
  backup  --database <url|name> --dir <dir> --recipient <age1…|file> [--offsite <dir|user@host:dir>]
                                            encrypted backup, manifest, status file, retention, off-site copy
  verify  --file <backup>                   check a backup against its manifest (size, sha256)
  restore --file <backup> --identity <key file> --database <new database url|name> [--rejoin]
                                            restore into a new database and compare every table's rows;
                                            --rejoin: a replacement facility server continues replication
  status  --dir <dir> --database <name> [--max-age-hours 26]
                                            the last backup; exit 1 when it failed or is too old
  replication config --role facility|district|central --id <code|n> [--tls-dir <dir>]
                                            the server's MariaDB settings (and a facility's or district's
                                            replication account)
  replication add-facility|reseed --receiver <admin url> --code <facility> --source <replicator url>
              (--ca <file> | --no-tls) [--from-backup <file> --identity <key file>] [--discard-changes]
              [--district <name>]           copy a facility's database and replicate it from there on;
                                            --district: from its copy on that district server
  replication add-district --receiver <central url> --name <district> --source <district replicator url>
              (--ca <file> | --no-tls)      every facility of a district server, through one channel
  replication move --receiver <url> --code <facility> --source <url> (--ca <file> | --no-tls)
              [--district <name>]           a new address, or a facility now received through that district
  replication start|stop --receiver <url> [--code <facility>]
  replication status --receiver <url> [--max-lag-seconds 3600] [--stale-after-hours 48] [--json]
                                            exit 1 on a broken, stopped, lagging or stale channel or a local write
  replication export --receiver <url> --code <facility> --dir <dir> --recipient <age1…|file>
                                            the receiver's copy as a backup, to restore a lost facility from
  national-run --receiver <url> --report mer|resumo-mensal --period <period> --out <new dir>
               [--format csv,xlsx,json] [--concurrency 2] [--stale-after-hours 48] [--max-lag-seconds 3600]
                                            the report over every replicated facility, each one's replication
                                            position in the manifest; exit 1 when any copy is out of date`;

type Command = {
  options: string[];
  flags?: string[];
  run: (values: Values, signal?: AbortSignal) => Promise<number> | number;
};

const COMMANDS: Record<string, Command> = {
  install: { options: [], run: () => (ensureOpsTools(), 0) },
  backup: { options: ['database', 'dir', 'recipient', 'offsite'], run: backupCommand },
  verify: { options: ['file'], run: verifyCommand },
  restore: { options: ['file', 'identity', 'database'], flags: ['rejoin'], run: restoreCommand },
  status: { options: ['dir', 'database', 'max-age-hours'], run: statusCommand },
  'national-run': {
    options: ['receiver', 'report', 'period', 'out', 'format', 'concurrency', 'stale-after-hours', 'max-lag-seconds'],
    run: nationalRunCommand,
  },
};

/** Runs one command; answers the exit code (2: bad input, nothing done). */
export async function main(argv: string[], signal?: AbortSignal): Promise<number> {
  const [first, ...rest] = argv;
  const replication = first === 'replication';
  const table: Record<string, Command> = replication ? REPLICATION_COMMANDS : COMMANDS;
  const [name, ...args] = replication ? rest : argv;
  const command = name ? table[name] : undefined;
  if (!command) throw new BadInput(name ? `Unknown command ${replication ? 'replication ' : ''}${name}` : 'No command');
  return command.run(parseOptions(args, command.options, command.flags), signal);
}

if (require.main === module) {
  main(process.argv.slice(2), stopOnSignals()).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(error instanceof BadInput ? `${error.message}\n${USAGE}` : error.message);
      process.exit(error instanceof BadInput ? 2 : process.exitCode || 1);
    },
  );
}
