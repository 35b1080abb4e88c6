import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { addLocalApps, localApps, type LocalApp } from '../src';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-apps-'));
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(file: string, content: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

function app(name: string, manifest: Record<string, unknown>): string {
  const appDir = path.join(dir, 'packages', name);
  write(path.join(appDir, 'package.json'), manifest);
  return appDir;
}

/** What webpack leaves in dist/: the entry, a chunk and routes.json with the version stamped in. */
function fakeBuild(a: LocalApp): void {
  const dist = path.join(a.dir, 'dist');
  write(path.join(dist, path.basename(a.browser)), 'var x = 1;\n'.repeat(200));
  write(path.join(dist, '11.js'), 'chunk');
  write(path.join(dist, 'routes.json'), {
    extensions: [{ name: 'x', slot: 'homepage-dashboard-slot' }],
    version: a.version,
  });
}

test('finds the packages/esm-*-app folders of our scope, and only those', () => {
  app('esm-registration-app', {
    name: '@poc-emr/esm-registration-app',
    version: '0.1.0',
    browser: 'dist/poc-emr-esm-registration-app.js',
  });
  app('gateway', { name: '@poc-emr/gateway', version: '0.1.0' });

  expect(localApps(path.join(dir, 'packages'))).toEqual([
    {
      dir: path.join(dir, 'packages', 'esm-registration-app'),
      name: '@poc-emr/esm-registration-app',
      version: '0.1.0',
      browser: 'dist/poc-emr-esm-registration-app.js',
    },
  ]);

  app('esm-other-app', { name: '@someone/esm-other-app', version: '1.0.0', browser: 'dist/x.js' });
  expect(() => localApps(path.join(dir, 'packages'))).toThrow(/@someone\/esm-other-app is not in the @poc-emr\/ scope/);
});

test('adds each app to an assembled SPA as openmrs assemble adds a published one, replacing earlier builds', () => {
  const spa = path.join(dir, 'spa');
  const home = './openmrs-esm-home-app-11.1.0/openmrs-esm-home-app.js';
  write(path.join(spa, 'importmap.json'), {
    imports: { '@openmrs/esm-home-app': home, '@poc-emr/esm-old-app': './esm-old-app-0.0.1/old.js' },
  });
  write(path.join(spa, 'routes.registry.json'), {
    '@openmrs/esm-home-app': { version: '11.1.0' },
    '@poc-emr/esm-old-app': {},
  });
  write(path.join(spa, 'esm-old-app-0.0.1', 'old.js'), 'old');
  write(path.join(spa, 'openmrs-esm-home-app-11.1.0', 'openmrs-esm-home-app.js'), 'home');
  const appDir = app('esm-registration-app', {
    name: '@poc-emr/esm-registration-app',
    version: '0.2.0',
    browser: 'dist/poc-emr-esm-registration-app.js',
  });
  const built: string[] = [];

  addLocalApps(spa, localApps(path.join(dir, 'packages')), {
    log: () => undefined,
    build: (a) => {
      built.push(a.name);
      fakeBuild(a);
    },
  });

  expect(built).toEqual(['@poc-emr/esm-registration-app']);
  // the folder names the version and the content: a rebuild that changed the code gets a new folder
  const folder = fs.readdirSync(spa).find((f) => f.startsWith('esm-registration-app-'))!;
  expect(folder).toMatch(/^esm-registration-app-0\.2\.0-[0-9a-f]{12}$/);
  expect(readJson(path.join(spa, 'importmap.json')).imports).toEqual({
    '@openmrs/esm-home-app': home,
    '@poc-emr/esm-registration-app': `./${folder}/poc-emr-esm-registration-app.js`,
  });
  const registry = readJson(path.join(spa, 'routes.registry.json'));
  expect(Object.keys(registry)).toEqual(['@openmrs/esm-home-app', '@poc-emr/esm-registration-app']);
  expect(registry['@poc-emr/esm-registration-app']).toEqual(readJson(path.join(appDir, 'dist', 'routes.json')));
  expect(registry['@poc-emr/esm-registration-app'].version).toBe('0.2.0');
  // the earlier build of our scope is gone; the assembled app is untouched
  expect(fs.readdirSync(spa).sort()).toEqual([
    folder,
    'importmap.json',
    'openmrs-esm-home-app-11.1.0',
    'routes.registry.json',
  ]);
  const entry = path.join(spa, folder, 'poc-emr-esm-registration-app.js');
  expect(zlib.brotliDecompressSync(fs.readFileSync(`${entry}.br`)).toString()).toBe(fs.readFileSync(entry, 'utf8'));
  expect(fs.existsSync(path.join(spa, folder, '11.js'))).toBe(true);

  // The same version rebuilt with other code: a new folder (browsers cache the old one as immutable).
  addLocalApps(spa, localApps(path.join(dir, 'packages')), {
    log: () => undefined,
    build: (a) => {
      fakeBuild(a);
      write(path.join(a.dir, 'dist', '11.js'), 'chunk, fixed');
    },
  });
  const rebuilt = fs.readdirSync(spa).filter((f) => f.startsWith('esm-registration-app-'));
  expect(rebuilt).toHaveLength(1);
  expect(rebuilt[0]).toMatch(/^esm-registration-app-0\.2\.0-[0-9a-f]{12}$/);
  expect(rebuilt[0]).not.toBe(folder);
  expect(readJson(path.join(spa, 'importmap.json')).imports['@poc-emr/esm-registration-app']).toBe(
    `./${rebuilt[0]}/poc-emr-esm-registration-app.js`,
  );
});
