import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { createDatabase, dropDatabase } from './database';

/** A fresh OpenMRS database for one test suite; drop it in afterAll. */
export async function createTestDatabase(prefix = 't'): Promise<string> {
  const name = `${prefix}_${crypto.randomBytes(5).toString('hex')}`;
  await createDatabase(name);
  return name;
}

export { dropDatabase };

/**
 * Runs a TypeScript CLI in its own process (through tsx), as a user would. `onOutput` sees the output so
 * far and may signal the process (once), as may the answer's `kill`. Answers its exit code and everything
 * it printed.
 */
export function runCli(
  script: string,
  args: string[],
  onOutput?: (text: string, kill: (signal: NodeJS.Signals) => void) => void,
): Promise<{ code: number | null; output: string }> & { kill(signal: NodeJS.Signals): void } {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args]);
  let output = '';
  let killed = false;
  const kill = (signal: NodeJS.Signals) => {
    if (!killed) child.kill(signal);
    killed = true;
  };
  const take = (chunk: Buffer) => {
    output += chunk.toString();
    onOutput?.(output, kill);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const exit = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, output })),
  );
  return Object.assign(exit, { kill });
}
