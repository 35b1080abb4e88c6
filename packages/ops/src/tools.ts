import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDebianPackages, findBinary, type Credentials } from '@poc-emr/db';

// The Debian tools the operations commands drive, and how to call them without a password on their
// command line (where `ps` would show it to every user of the server).

const PACKAGES = { 'mariadb-client': 'mariadb-dump', age: 'age', rsync: 'rsync', openssl: 'openssl' };

/** Installs what backups and restores need (as root on Debian); fails naming the command otherwise. */
export function ensureOpsTools(log?: (line: string) => void): void {
  ensureDebianPackages(PACKAGES, log);
}

export function tool(name: 'mariadb-dump' | 'mariadb' | 'age' | 'age-keygen' | 'rsync' | 'openssl'): string {
  const found = findBinary(name);
  if (!found)
    throw new Error(
      `${name} is not installed: run npm run ops -- install (Debian: ${Object.keys(PACKAGES).join(', ')})`,
    );
  return found;
}

/**
 * A MariaDB client option file holding the account (mode 0600, removed by the returned cleanup): passed as
 * --defaults-extra-file, the first option of a client command.
 */
export function clientOptions(c: Credentials): { file: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poc-emr-'));
  const file = path.join(dir, 'client.cnf');
  const quoted = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  fs.writeFileSync(
    file,
    `[client]\nhost=${c.host}\nport=${c.port}\nuser=${quoted(c.user)}\npassword=${quoted(c.password)}\n`,
    { mode: 0o600 },
  );
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A running tool: its process, and its end (rejected with its error output when it fails). */
export interface Tool {
  child: ChildProcess;
  done: Promise<void>;
}

/** Spawns a tool with stderr kept (the last few KiB) for its error message. */
export function start(command: string, args: string[]): Tool {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4096)));
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(`${path.basename(command)} failed (${signal ?? `exit ${code}`}): ${stderr.trim() || 'no message'}`),
        );
    });
  });
  done.catch(() => undefined);
  return { child, done };
}

/** The sha256 of a file, read back from the disk. */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
