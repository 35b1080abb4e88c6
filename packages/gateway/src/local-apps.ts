import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { precompress, precompressFile } from './compression';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const PACKAGES_DIR = path.join(repoRoot, 'packages');

/** Our own microfrontends are the packages/esm-*-app folders; their npm scope marks them in the SPA. */
const APP_DIR = /^esm-.+-app$/;
const SCOPE = '@poc-emr/';

export interface LocalApp {
  /** packages/<dir> */
  dir: string;
  name: string;
  version: string;
  /** package.json#browser: the module federation entry webpack writes, e.g. dist/poc-emr-esm-x-app.js */
  browser: string;
}

interface Manifest {
  name: string;
  version: string;
  browser?: string;
}

export function localApps(packagesDir = PACKAGES_DIR): LocalApp[] {
  if (!fs.existsSync(packagesDir)) return [];
  return fs
    .readdirSync(packagesDir)
    .filter((d) => APP_DIR.test(d))
    .sort()
    .map((d) => {
      const dir = path.join(packagesDir, d);
      const { name, version, browser } = JSON.parse(
        fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
      ) as Manifest;
      if (!name.startsWith(SCOPE)) throw new Error(`packages/${d}: ${name} is not in the ${SCOPE} scope`);
      if (!browser) throw new Error(`packages/${d}: package.json has no "browser" entry`);
      return { dir, name, version, browser };
    });
}

/**
 * What a build of the apps depends on: every file of each app and shared library except output, tests and docs, the
 * TypeScript settings its webpack type check extends and the lock file (dependency versions).
 */
export function localAppInputs(apps: LocalApp[]): string[] {
  // The libraries the apps bundle from source (packages/esm-*-lib) count as theirs.
  const libs = fs.existsSync(PACKAGES_DIR)
    ? fs
        .readdirSync(PACKAGES_DIR)
        .filter((d) => /^esm-.+-lib$/.test(d))
        .map((d) => path.join(PACKAGES_DIR, d))
    : [];
  const sources = [...apps.map((app) => app.dir), ...(apps.length ? libs : [])].flatMap((dir) =>
    fs
      .readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => !/(^|\/)(node_modules|dist)(\/|$)/.test(f) && !/(\.test\.tsx?|\.md)$/.test(f))
      .sort()
      .map((f) => path.join(dir, f))
      .filter((f) => fs.statSync(f).isFile()),
  );
  const shared = ['package-lock.json', 'tsconfig.json', 'tsconfig.base.json'].map((f) => path.join(repoRoot, f));
  return apps.length ? [...sources, ...shared] : [];
}

/**
 * Folder of an app in the SPA, next to the assembled ones (openmrs-esm-home-app-11.1.0): esm-x-app-0.1.0-<hash>.
 * The gateway caches a versioned folder as immutable for a year; a published app gets a new version with every
 * change, ours change at the same version, so the folder also names its content: an upgraded server never
 * leaves a browser running yesterday's entry file against today's chunks.
 */
export function spaFolder(app: LocalApp, dist: string): string {
  const hash = crypto.createHash('sha256');
  for (const file of fs.readdirSync(dist, { recursive: true, encoding: 'utf8' }).sort()) {
    const full = path.join(dist, file);
    if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
  }
  return `${path.basename(app.dir)}-${app.version}-${hash.digest('hex').slice(0, 12)}`;
}

/** The production bundle of an app with the O3 webpack configuration, in its dist/. */
export function buildLocalApp(app: LocalApp): void {
  const webpackCli = path.join(
    path.dirname(require.resolve('webpack-cli/package.json', { paths: [app.dir] })),
    'bin',
    'cli.js',
  );
  execFileSync(process.execPath, [webpackCli, '--mode', 'production', '--stats', 'errors-warnings'], {
    cwd: app.dir,
    stdio: 'inherit',
  });
}

/**
 * Builds our apps and puts them into an assembled SPA as `openmrs assemble` puts a published app: its
 * dist/ as <folder>-<version>-<content hash>/, an import map entry, and its routes.json (with version) in the routes
 * registry. Apps of our scope already there (an earlier build) are replaced, so a removed or renamed
 * app leaves nothing behind. The new files are precompressed.
 */
export function addLocalApps(
  target: string,
  apps = localApps(),
  { log = console.log, build = buildLocalApp }: { log?: (line: string) => void; build?: (app: LocalApp) => void } = {},
): void {
  const importmapFile = path.join(target, 'importmap.json');
  const registryFile = path.join(target, 'routes.registry.json');
  const importmap = JSON.parse(fs.readFileSync(importmapFile, 'utf8')) as { imports: Record<string, string> };
  const registry = JSON.parse(fs.readFileSync(registryFile, 'utf8')) as Record<string, unknown>;

  for (const [name, url] of Object.entries(importmap.imports)) {
    if (!name.startsWith(SCOPE)) continue;
    fs.rmSync(path.join(target, path.dirname(url)), { recursive: true, force: true });
    delete importmap.imports[name];
    delete registry[name];
  }
  for (const app of apps) {
    log(`Building ${app.name} ${app.version}…`);
    build(app);
    const dist = path.join(app.dir, path.dirname(app.browser));
    const name = spaFolder(app, dist);
    const folder = path.join(target, name);
    fs.cpSync(dist, folder, { recursive: true });
    importmap.imports[app.name] = `./${name}/${path.basename(app.browser)}`;
    // webpack writes routes.json with the package version, as assemble expects it
    registry[app.name] = JSON.parse(fs.readFileSync(path.join(folder, 'routes.json'), 'utf8'));
    precompress(folder);
  }
  fs.writeFileSync(importmapFile, JSON.stringify(importmap));
  fs.writeFileSync(registryFile, JSON.stringify(registry));
  precompressFile(importmapFile);
  precompressFile(registryFile);
}
