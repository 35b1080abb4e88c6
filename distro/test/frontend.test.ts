import fs from 'node:fs';
import path from 'node:path';
import { DISTRO, EXACT_VERSION, read } from './lib';

interface AssembleConfig {
  frontendModules: Record<string, string>;
}

const assemble = JSON.parse(read('frontend/spa-assemble-config.json')) as AssembleConfig;
const build = JSON.parse(read('frontend/spa-build-config.json')) as Record<string, unknown>;
const site = JSON.parse(read('frontend/config/poc-emr-config.json')) as Record<string, Record<string, unknown>>;

const APPS: Record<string, string> = {
  '@openmrs/esm-login-app': '10.0.0',
  '@openmrs/esm-primary-navigation-app': '10.0.0',
  '@openmrs/esm-home-app': '11.1.0',
  '@openmrs/esm-patient-search-app': '11.1.0',
  '@openmrs/esm-patient-registration-app': '11.1.0',
  '@openmrs/esm-patient-chart-app': '12.3.4',
  '@openmrs/esm-patient-banner-app': '12.3.4',
  '@openmrs/esm-patient-programs-app': '12.3.4',
};

const inexact = (config: AssembleConfig) =>
  Object.entries(config.frontendModules)
    .filter(([, version]) => !EXACT_VERSION.test(version))
    .map(([name, version]) => `${name}@${version}`);

/** Every uuid in a JSON value, found anywhere in its strings. */
const uuidsIn = (value: unknown): string[] =>
  JSON.stringify(value).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? [];

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

  it('includes the eight apps at the verified versions', () => {
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
    const known = [...Object.keys(assemble.frontendModules), '@openmrs/esm-styleguide', '@openmrs/esm-api'];
    expect(Object.keys(site).filter((m) => !known.includes(m))).toEqual([]);
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
    const text = configurationText().toLowerCase();
    const missing = (value: unknown) => uuidsIn(value).filter((u) => !text.includes(u.toLowerCase()));
    expect(missing(site)).toEqual([]);
    expect(missing({ x: '14d4f066-15f5-102d-96e4-000c29c2a5d7' })).toHaveLength(1);
  });
});
