#!/usr/bin/env tsx
import { start } from '@poc-emr/db';
import { readConfiguration } from './configuration';
import { formatIssue } from './issues';
import { DEFAULT_CONFIG_DIR, loadMetadata } from './load';
import { checkConfiguration, DOMAIN_FOLDERS } from './validate';

const USAGE = `Usage: npm run metadata -- <command>
  validate [configDir]                                 check the configuration (default distro/configuration)
  load <database> [--config dir] [--shuffle-ids seed]  validate, then load it into an OpenMRS database`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'validate') {
    const config = readConfiguration(rest[0] ?? DEFAULT_CONFIG_DIR, DOMAIN_FOLDERS);
    const issues = checkConfiguration(config);
    for (const issue of issues) console.log(formatIssue(issue));
    if (issues.length > 0) return 1;
    console.log(`${config.fileCount} files, ${config.rowCount} rows: OK`);
    return 0;
  }
  if (command === 'load' && rest[0] && !rest[0].startsWith('--')) {
    const options = parseFlags(rest.slice(1));
    const seed = options['--shuffle-ids'];
    if (seed !== undefined && !/^-?\d+$/.test(seed)) throw new Error(`--shuffle-ids needs an integer seed\n${USAGE}`);
    await start();
    const startedAt = Date.now();
    const summary = await loadMetadata(rest[0], {
      configDir: options['--config'],
      ids: seed === undefined ? 'epts' : { shuffleSeed: Number(seed) },
    });
    for (const [domain, c] of Object.entries(summary.domains)) {
      console.log(
        `${domain.padEnd(24)} ${c.inserted} inserted, ${c.updated} updated, ${c.unchanged} unchanged, ${c.removed} removed`,
      );
    }
    console.log(`loaded into ${rest[0]} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    return 0;
  }
  throw new Error(USAGE);
}

function parseFlags(args: string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    if (!['--config', '--shuffle-ids'].includes(args[i]) || args[i + 1] === undefined) {
      throw new Error(`Unexpected argument "${args[i]}"\n${USAGE}`);
    }
    flags[args[i]] = args[i + 1];
  }
  return flags;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
