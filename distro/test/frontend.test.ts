import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ampathFormUuid, cell, readConfiguration, rowsOf } from '@poc-emr/metadata';
import { type ComposeFile, DISTRO, EXACT_VERSION, read } from './lib';

interface AssembleConfig {
  frontendModules: Record<string, string>;
}

const assemble = JSON.parse(read('frontend/spa-assemble-config.json')) as AssembleConfig;
const build = JSON.parse(read('frontend/spa-build-config.json')) as Record<string, unknown>;
type SiteConfig = Record<string, Record<string, unknown>>;
const site = JSON.parse(read('frontend/config/poc-emr-config.json')) as SiteConfig;
/** Every site configuration file; the build merges them in name order. */
const siteFiles = fs
  .readdirSync(path.join(DISTRO, 'frontend', 'config'))
  .map((f) => ({ file: f, config: JSON.parse(read(`frontend/config/${f}`)) as SiteConfig }));

interface Routes {
  extensions?: { slot?: string; meta?: { name?: string } }[];
}

/** Our microfrontends (packages/esm-*-app), which the SPA build adds to the assembled O3 apps. */
const PACKAGES = path.join(DISTRO, '..', 'packages');
const localApps = fs
  .readdirSync(PACKAGES)
  .filter((d) => /^esm-.+-app$/.test(d))
  .map((d) => ({
    name: (JSON.parse(fs.readFileSync(path.join(PACKAGES, d, 'package.json'), 'utf8')) as { name: string }).name,
    routes: JSON.parse(fs.readFileSync(path.join(PACKAGES, d, 'src', 'routes.json'), 'utf8')) as Routes,
  }));

const APPS: Record<string, string> = {
  '@openmrs/esm-login-app': '10.0.0',
  '@openmrs/esm-primary-navigation-app': '10.0.0',
  '@openmrs/esm-home-app': '11.1.0',
  '@openmrs/esm-patient-search-app': '11.1.0',
  '@openmrs/esm-patient-registration-app': '11.1.0',
  '@openmrs/esm-patient-chart-app': '12.3.4',
  '@openmrs/esm-patient-banner-app': '12.3.4',
  '@openmrs/esm-patient-programs-app': '12.3.4',
  '@openmrs/esm-patient-vitals-app': '12.3.4',
  '@openmrs/esm-patient-allergies-app': '12.3.4',
  '@openmrs/esm-patient-conditions-app': '12.3.4',
  '@openmrs/esm-patient-notes-app': '12.3.4',
  '@openmrs/esm-patient-medications-app': '12.3.4',
  '@openmrs/esm-patient-orders-app': '12.3.4',
};

const inexact = (config: AssembleConfig) =>
  Object.entries(config.frontendModules)
    .filter(([, version]) => !EXACT_VERSION.test(version))
    .map(([name, version]) => `${name}@${version}`);

/** Every uuid in a JSON value, found anywhere in its strings: RFC 4122 ones and CIEL's (`5089AAAA…`). */
const uuidsIn = (value: unknown): string[] =>
  JSON.stringify(value).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b\d+A{20,}\b/gi) ?? [];

function configurationText(dir = path.join(DISTRO, 'configuration')): string {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .map((e) =>
      e.isDirectory() ? configurationText(path.join(dir, e.name)) : fs.readFileSync(path.join(dir, e.name), 'utf8'),
    )
    .join('\n');
}

describe('frontend', () => {
  it('pins every app to an exact version', () => {
    expect(inexact(assemble)).toEqual([]);
    expect(inexact({ frontendModules: { a: 'next', b: '^1.0.0', c: 'latest', d: '1.0.0-pre.1', e: '1.0.0' } })).toEqual(
      ['a@next', 'b@^1.0.0', 'c@latest', 'd@1.0.0-pre.1'],
    );
  });

  it('includes the apps of the verified generation, and the chart apps the distro ships', () => {
    expect(assemble.frontendModules).toMatchObject(APPS);
  });

  it('builds for /openmrs/spa/ against /openmrs/, in Portuguese, online only, with the site configuration', () => {
    expect(build).toMatchObject({
      spaPath: '/openmrs/spa/',
      apiUrl: '/openmrs/',
      defaultLocale: 'pt',
      supportOffline: false,
    });
    // openmrs assemble --config-file writes the merged site configuration as openmrs-config.json
    expect(build.configUrls).toEqual(['/openmrs/spa/openmrs-config.json']);
    expect(read('frontend/Dockerfile')).toContain('--config-file');
  });

  it('configures only modules that the build contains (or the framework)', () => {
    const known = [
      ...Object.keys(assemble.frontendModules),
      ...localApps.map((a) => a.name),
      '@openmrs/esm-styleguide',
      '@openmrs/esm-api',
      // the framework's own strings ("Translation overrides" only)
      'core',
    ];
    const modules = siteFiles.flatMap(({ file, config }) => Object.keys(config).map((m) => `${file}: ${m}`));
    expect(modules.length).toBeGreaterThan(Object.keys(site).length);
    expect(modules.filter((m) => !known.includes(m.split(': ')[1]))).toEqual([]);
  });

  it('overrides translations in Portuguese only, in poc-emr-pt.json', () => {
    const overrides = siteFiles.flatMap(({ file, config }) =>
      Object.entries(config)
        .filter(([, options]) => 'Translation overrides' in options)
        .map(([module, options]) => [file, module, Object.keys(options['Translation overrides'] as object)]),
    );
    expect(overrides.length).toBeGreaterThan(5);
    expect(overrides.filter(([file, , languages]) => file !== 'poc-emr-pt.json' || String(languages) !== 'pt')).toEqual(
      [],
    );
  });

  it("corrects the programs app's own Portuguese ('Programas actiivos')", () => {
    const pt = JSON.parse(read('frontend/config/poc-emr-pt.json')) as SiteConfig;
    const programs = pt['@openmrs/esm-patient-programs-app']['Translation overrides'] as Record<string, object>;
    expect(programs.pt).toMatchObject({ activePrograms: 'Programas activos' });
  });

  it('registers patients with the NID by default and the phone attribute of distro/configuration', () => {
    const registration = site['@openmrs/esm-patient-registration-app'] as {
      defaultPatientIdentifierTypes: string[];
      fieldConfigurations: { phone: { personAttributeUuid: string } };
    };
    expect(registration.defaultPatientIdentifierTypes).toEqual(['e2b966d0-1d5f-11e0-b929-000c29ad1d07']);
    expect(registration.fieldConfigurations.phone.personAttributeUuid).toBe('e2e3fd64-1d5f-11e0-b929-000c29ad1d07');
  });

  it('refers only to metadata that distro/configuration defines', () => {
    // Forms of the ampathforms domain get their uuid from Initializer, derived from name and version.
    const forms = fs
      .readdirSync(path.join(DISTRO, 'configuration', 'ampathforms'))
      .map((f) => JSON.parse(read(`configuration/ampathforms/${f}`)) as { name: string; version: string })
      .map((f) => ampathFormUuid(f.name, f.version));
    const text = [configurationText(), ...forms].join('\n').toLowerCase();
    const missing = (value: unknown) => uuidsIn(value).filter((u) => !text.includes(u.toLowerCase()));
    expect(missing(site)).toEqual([]);
    expect(
      missing({ x: '14d4f066-15f5-102d-96e4-000c29c2a5d7', y: '5090AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }),
    ).toHaveLength(2);
  });

  it('adds our microfrontends to the image after building the app shell, then precompresses them too', () => {
    expect(localApps.map((a) => a.name)).toContain('@poc-emr/esm-registration-app');
    const dockerfile = read('frontend/Dockerfile');
    const step = (text: string) => dockerfile.indexOf(text);
    expect(step('openmrs build')).toBeGreaterThan(step('openmrs assemble'));
    expect(step('packages/gateway/src/cli.ts apps --spa spa')).toBeGreaterThan(step('openmrs build'));
    expect(step('packages/gateway/src/cli.ts loading-screen --spa spa')).toBeGreaterThan(step('openmrs build'));
    expect(step('gzip -9')).toBeGreaterThan(step('cli.ts loading-screen'));
    expect(step('gzip -9')).toBeGreaterThan(step('cli.ts apps'));
    expect(step('cli.ts chunk-timeout --spa spa')).toBeGreaterThan(step('cli.ts apps'));
    expect(step('gzip -9')).toBeGreaterThan(step('cli.ts chunk-timeout'));
    // The worker's cache is named after the final page and import map: after the loading message and our apps.
    expect(step('cli.ts service-worker --spa spa')).toBeGreaterThan(
      Math.max(step('cli.ts apps'), step('loading-screen')),
    );
    expect(step('gzip -9')).toBeGreaterThan(step('cli.ts service-worker'));
    expect(Math.min(step('openmrs assemble'), step('cli.ts apps'), step('gzip -9'))).toBeGreaterThan(0);
  });

  it('builds the image from the repository root, sending every workspace manifest but no local output', () => {
    const compose = parse(read('docker-compose.yml')) as ComposeFile;
    expect(compose.services?.frontend?.build).toEqual({ context: '..', dockerfile: 'distro/frontend/Dockerfile' });
    const ignore = read('frontend/Dockerfile.dockerignore')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(ignore[0]).toBe('*');
    const { workspaces } = JSON.parse(fs.readFileSync(path.join(DISTRO, '..', 'package.json'), 'utf8')) as {
      workspaces: string[];
    };
    const included = (manifest: string) => ignore.some((l) => l.startsWith('!') && manifest.startsWith(l.slice(1)));
    const manifests = workspaces.map((w) => `${w.replace('/*', '/esm-x-app')}/package.json`);
    expect(manifests.filter((m) => !included(m))).toEqual([]);
    for (const f of [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'distro/frontend/spa-assemble-config.json',
    ]) {
      expect([f, included(f)]).toEqual([f, true]);
    }
    expect(ignore.slice(-4)).toEqual(['**/node_modules', '**/dist', '**/coverage', '**/.data']);
  });

  it('opens the home page, per role of distro/configuration, on a dashboard of ours the role may see', () => {
    const home = site['@openmrs/esm-home-app'] as { defaultDashboardPerRole: Record<string, string> };
    const roles = new Map(
      rowsOf(readConfiguration(path.join(DISTRO, 'configuration'), ['roles']), 'roles').map((row) => [
        cell(row, 'Role name'),
        (cell(row, 'Privileges') ?? '').split(';').map((p) => p.trim()),
      ]),
    );
    const dashboards = new Map(
      localApps.flatMap((a) =>
        (a.routes.extensions ?? [])
          .filter((e) => e.slot === 'homepage-dashboard-slot')
          .map((e) => [e.meta?.name, (e as { privileges?: string[] }).privileges ?? []] as const),
      ),
    );
    expect(home.defaultDashboardPerRole).toEqual({
      Administrator: 'estado-do-sistema',
      Clinician: 'seguimento',
      'Data Clerk': 'registo',
      'M&E Officer': 'relatorios',
      Pharmacist: 'farmacia',
      'System Developer': 'estado-do-sistema',
    });
    // System Developer (the demo's admin) is OpenMRS's superuser, from core's data: every privilege.
    const privileges = [...dashboards.values()].flat();
    for (const [role, dashboard] of Object.entries(home.defaultDashboardPerRole)) {
      const held = role === 'System Developer' ? privileges : roles.get(role);
      const needed = dashboards.get(dashboard);
      expect([role, dashboard, Boolean(held), Boolean(needed)]).toEqual([role, dashboard, true, true]);
      expect([role, needed?.filter((p) => !held?.includes(p))]).toEqual([role, []]);
    }
  });
});
