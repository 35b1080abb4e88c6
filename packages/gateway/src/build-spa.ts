import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { precompress } from './compression';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const FRONTEND_DIR = path.join(repoRoot, 'distro', 'frontend');
export const DEFAULT_SPA_DIR = path.join(repoRoot, '.data', 'spa');
const STAMP = '.poc-build-stamp';

/** What the build depends on: the pinned apps, the build settings, the site configuration, the CLI. */
function inputs(): string[] {
  const config = path.join(FRONTEND_DIR, 'config');
  const siteConfigs = fs.existsSync(config)
    ? fs
        .readdirSync(config)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => path.join(config, f))
    : [];
  return [
    path.join(FRONTEND_DIR, 'spa-assemble-config.json'),
    path.join(FRONTEND_DIR, 'spa-build-config.json'),
    ...siteConfigs,
  ];
}

/** The openmrs CLI's folder (its package exports hide package.json and dist/cli.js). */
const CLI_DIR = path.resolve(path.dirname(require.resolve('openmrs')), '..');

function fingerprint(files: string[]): string {
  const hash = crypto.createHash('sha256');
  hash.update(JSON.parse(fs.readFileSync(path.join(CLI_DIR, 'package.json'), 'utf8')).version as string);
  for (const f of files) hash.update(f).update(fs.readFileSync(f));
  return hash.digest('hex');
}

/**
 * Assembles the O3 apps pinned in distro/frontend (downloaded from the npm registry) and builds the
 * app shell with the same settings as the production frontend image, then precompresses it. A second
 * run with unchanged inputs does nothing.
 */
export function buildSpa(
  target = DEFAULT_SPA_DIR,
  log: (line: string) => void = console.log,
): { built: boolean; dir: string } {
  const files = inputs();
  for (const f of files.slice(0, 2)) if (!fs.existsSync(f)) throw new Error(`Missing ${path.relative(repoRoot, f)}`);
  const stamp = fingerprint(files);
  const stampFile = path.join(target, STAMP);
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) return { built: false, dir: target };

  const openmrs = path.join(CLI_DIR, 'dist', 'cli.js');
  const run = (args: string[]) =>
    execFileSync(process.execPath, [openmrs, ...args], { stdio: 'inherit', cwd: repoRoot });
  fs.rmSync(target, { recursive: true, force: true });
  log('Assembling the O3 apps pinned in distro/frontend/spa-assemble-config.json…');
  run([
    'assemble',
    '--mode',
    'config',
    '--config',
    files[0],
    '--target',
    target,
    '--manifest',
    ...files.slice(2).flatMap((f) => ['--config-file', f]),
  ]);
  log('Building the app shell…');
  run(['build', '--target', target, '--build-config', files[1]]);
  const sizes = precompress(target);
  log(`Precompressed ${sizes.files} files: ${mb(sizes.raw)} raw, ${mb(sizes.gzip)} gzip, ${mb(sizes.brotli)} brotli`);
  fs.writeFileSync(stampFile, stamp);
  return { built: true, dir: target };
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}
