#!/usr/bin/env tsx
import { mozart2Command } from '../mozart2/cli';
import { RUN_USAGE, runCommand } from './run-command';

const USAGE = `Usage:
  ${RUN_USAGE}
  npm run report -- extract|reconcile …   (MozART 2: see --help of each)`;

/** The report engine's command line: `run` a report, `extract`/`reconcile` MozART 2. Answers the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'run') return await runCommand(rest);
    if (command === 'extract' || command === 'reconcile') return await mozart2Command(argv);
    console.error(USAGE);
    return 2;
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
