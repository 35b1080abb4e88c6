import os from 'node:os';
import { status } from './server';

/** The line every benchmark ends with, so docs/benchmarks.md records where and when figures were taken. */
export async function benchMachine(): Promise<string> {
  const mariadb = await status();
  return (
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
    `node ${process.version}, MariaDB ${mariadb.version}, ${new Date().toISOString().slice(0, 10)}`
  );
}
