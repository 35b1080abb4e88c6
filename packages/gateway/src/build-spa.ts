import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CHUNK_LOAD_TIMEOUT_MS, lengthenChunkTimeouts } from './chunk-timeout';
import { precompress, precompressFile } from './compression';
import { addLocalApps, localAppInputs, localApps } from './local-apps';
import { addLoadingScreen, LOADING_SCRIPT } from './loading-screen';
import { addServiceWorker, SERVICE_WORKER_SOURCES } from './service-worker';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const FRONTEND_DIR = path.join(repoRoot, 'distro', 'frontend');
export const DEFAULT_SPA_DIR = path.join(repoRoot, '.data', 'spa');
const STAMP = '.poc-build-stamp';

/** The pinned apps and build settings (assemble + build), the CLI, and the site configuration files. */
function inputs(): { apps: string[]; siteConfigs: string[] } {
  const config = path.join(FRONTEND_DIR, 'config');
  const siteConfigs = fs.existsSync(config)
    ? fs
        .readdirSync(config)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => path.join(config, f))
    : [];
  const apps = [path.join(FRONTEND_DIR, 'spa-assemble-config.json'), path.join(FRONTEND_DIR, 'spa-build-config.json')];
  return { apps, siteConfigs };
}

/** The openmrs CLI's folder (its package exports hide package.json and dist/cli.js). */
const CLI_DIR = path.resolve(path.dirname(require.resolve('openmrs')), '..');

function fingerprint(files: string[], extra = ''): string {
  const hash = crypto.createHash('sha256').update(extra);
  for (const f of files) hash.update(f).update(fs.readFileSync(f));
  return hash.digest('hex');
}

/** Each part rebuilds only its own share of the SPA when it alone changed. */
interface Stamp {
  /** the O3 apps assembled from the registry and the app shell: minutes */
  apps: string;
  /** our packages/esm-*-app: a webpack build each, about half a minute */
  localApps: string;
  /** openmrs-config.json: instant */
  siteConfig: string;
  /** the loading message in index.html: instant */
  loadingScreen: string;
  /** the service worker, named after index.html and the import map: redone after any of the above but the config */
  serviceWorker: string;
  /** every runtime's chunk timeout (chunk-timeout.ts): a second */
  chunkTimeout: string;
}

function readStamp(file: string): Stamp | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Stamp;
  } catch {
    return undefined;
  }
}

/**
 * Assembles the O3 apps pinned in distro/frontend (downloaded from the npm registry), builds the app
 * shell with the same settings as the production frontend image, adds our own apps (packages/esm-*-app)
 * and precompresses it all. A second run with unchanged inputs does nothing; otherwise only the parts
 * whose inputs changed are redone: a change in our apps rebuilds just them, one in the site
 * configuration just rewrites openmrs-config.json.
 */
export function buildSpa(
  target = DEFAULT_SPA_DIR,
  log: (line: string) => void = console.log,
): { built: boolean; dir: string } {
  const { apps, siteConfigs } = inputs();
  for (const f of apps) if (!fs.existsSync(f)) throw new Error(`Missing ${path.relative(repoRoot, f)}`);
  const cliVersion = JSON.parse(fs.readFileSync(path.join(CLI_DIR, 'package.json'), 'utf8')).version as string;
  const ours = localApps();
  const stamp: Stamp = {
    apps: fingerprint(apps, cliVersion),
    localApps: fingerprint([...localAppInputs(ours), path.join(__dirname, 'local-apps.ts')]),
    siteConfig: fingerprint(siteConfigs),
    loadingScreen: fingerprint([
      LOADING_SCRIPT,
      ...['loading-screen.ts', 'shell-page.ts'].map((f) => path.join(__dirname, f)),
    ]),
    serviceWorker: fingerprint([
      ...SERVICE_WORKER_SOURCES,
      ...['service-worker.ts', 'shell-page.ts'].map((f) => path.join(__dirname, f)),
    ]),
    chunkTimeout: fingerprint([path.join(__dirname, 'chunk-timeout.ts')]),
  };
  const stampFile = path.join(target, STAMP);
  const previous = readStamp(stampFile);
  if (previous?.apps === stamp.apps) {
    const changed = (k: keyof Stamp) => previous[k] !== stamp[k];
    const pageChanged = changed('localApps') || changed('loadingScreen') || changed('serviceWorker');
    if (!pageChanged && !changed('siteConfig') && !changed('chunkTimeout')) return { built: false, dir: target };
    if (changed('localApps')) addLocalApps(target, ours, { log });
    if (changed('siteConfig')) {
      writeSiteConfig(target, siteConfigs);
      log('Site configuration updated');
    }
    if (changed('loadingScreen')) addLoadingScreen(target);
    // Our apps' own runtimes too, when rebuilt.
    if (changed('localApps') || changed('chunkTimeout')) logChunkTimeouts(target, log);
    if (pageChanged) addServiceWorker(target);
    fs.writeFileSync(stampFile, JSON.stringify(stamp));
    return { built: true, dir: target };
  }

  const openmrs = path.join(CLI_DIR, 'dist', 'cli.js');
  const run = (args: string[]) =>
    execFileSync(process.execPath, [openmrs, ...args], { stdio: 'inherit', cwd: repoRoot });
  fs.rmSync(target, { recursive: true, force: true });
  log('Assembling the O3 apps pinned in distro/frontend/spa-assemble-config.json…');
  run(['assemble', '--mode', 'config', '--config', apps[0], '--target', target, '--manifest']);
  log('Building the app shell…');
  run(['build', '--target', target, '--build-config', apps[1]]);
  writeSiteConfig(target, siteConfigs);
  addLoadingScreen(target);
  const sizes = precompress(target);
  log(`Precompressed ${sizes.files} files: ${mb(sizes.raw)} raw, ${mb(sizes.gzip)} gzip, ${mb(sizes.brotli)} brotli`);
  // Should one of our apps fail to build, the next run redoes only them.
  fs.writeFileSync(stampFile, JSON.stringify({ ...stamp, localApps: '', serviceWorker: '' }));
  addLocalApps(target, ours, { log });
  logChunkTimeouts(target, log);
  addServiceWorker(target);
  fs.writeFileSync(stampFile, JSON.stringify(stamp));
  return { built: true, dir: target };
}

function logChunkTimeouts(target: string, log: (line: string) => void): void {
  const changed = lengthenChunkTimeouts(target);
  log(`Chunk timeout ${CHUNK_LOAD_TIMEOUT_MS / 1000} s in ${changed.length} runtimes`);
}

/**
 * openmrs-config.json, the file spa-build-config.json's configUrls points at: the site configuration
 * files deep-merged in name order, as `openmrs assemble --config-file` would, but a malformed file is an
 * error rather than a warning.
 */
export function writeSiteConfig(target: string, files: string[]): void {
  const merged = files.reduce<Record<string, unknown>>((config, file) => {
    try {
      return mergeConfig(config, JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>);
    } catch (error) {
      throw new Error(`${path.relative(repoRoot, file)}: ${(error as Error).message}`);
    }
  }, {});
  const file = path.join(target, 'openmrs-config.json');
  fs.writeFileSync(file, JSON.stringify(merged));
  precompressFile(file);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeConfig(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    merged[key] = isObject(current) && isObject(value) ? mergeConfig(current, value) : value;
  }
  return merged;
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}
