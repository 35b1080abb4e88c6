import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Debian's mariadb-server 10.11 puts its binaries here. */
const SERVER_BINARY_DIRS = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin'];

export function findBinary(name: string): string | undefined {
  for (const dir of SERVER_BINARY_DIRS) {
    const candidate = `${dir}/${name}`;
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

export function isInstalled(): boolean {
  return Boolean(findBinary('mariadbd') && findBinary('mariadb-install-db'));
}

export const INSTALL_COMMAND =
  'sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends mariadb-server mariadb-client';

/**
 * Installs Debian's mariadb-server when it is missing. As root it runs apt-get itself, with a
 * policy-rc.d that stops the package from starting a system service; otherwise it explains the
 * exact command to run and fails.
 */
export function ensureInstalled(
  log: (line: string) => void = console.log,
  machine = { installed: isInstalled(), root: process.getuid?.() === 0 },
): void {
  if (machine.installed) return;
  if (!machine.root) {
    throw new Error(`MariaDB server is not installed. Install it with:\n  ${INSTALL_COMMAND}\nthen run this again.`);
  }
  installDebianPackages(['mariadb-server', 'mariadb-client'], log);
  if (!isInstalled()) throw new Error('apt-get finished but mariadbd is still missing');
  // The package may have started its own service despite the policy (e.g. under systemd): stop it.
  spawnSync('service', ['mariadb', 'stop'], { stdio: 'ignore' });
}

/** A binary on the usual paths, or a file given by its absolute path (e.g. an nginx module). */
const installed = (file: string) => (path.isAbsolute(file) ? fs.existsSync(file) : Boolean(findBinary(file)));

/**
 * Installs Debian packages whose binaries (or, given by absolute path, files) are missing (as root;
 * otherwise fails with the command to run), keeping apt from starting any service they bring.
 */
export function ensureDebianPackages(
  packages: Record<string, string>,
  log: (line: string) => void = console.log,
): void {
  const missing = Object.entries(packages).filter(([, binary]) => !installed(binary));
  if (missing.length === 0) return;
  const names = missing.map(([name]) => name);
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Missing ${names.join(', ')}. Install with:\n  sudo apt-get update && sudo apt-get install -y ${names.join(' ')}`,
    );
  }
  installDebianPackages(names, log);
  const still = missing.filter(([, binary]) => !installed(binary)).map(([name]) => name);
  if (still.length) throw new Error(`apt-get finished but ${still.join(', ')} is still missing`);
}

/** apt-get install of `names` (as root), with a policy-rc.d that keeps apt from starting their services. */
export function installDebianPackages(names: string[], log: (line: string) => void): void {
  log(`Installing ${names.join(', ')} from Debian (apt-get)…`);
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !fs.existsSync(policy);
  if (ownPolicy)
    fs.writeFileSync(policy, '#!/bin/sh\n# poc-emr: keep apt from starting services\nexit 101\n', { mode: 0o755 });
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update'], env);
    run('apt-get', ['install', '-y', '--no-install-recommends', ...names], env);
  } finally {
    if (ownPolicy) fs.rmSync(policy, { force: true });
  }
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): void {
  execFileSync(cmd, args, { stdio: 'inherit', env });
}
