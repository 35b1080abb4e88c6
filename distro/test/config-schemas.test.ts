import fs from 'node:fs';
import path from 'node:path';
import {
  ACCEPTED_CONFIG_PROBLEMS,
  moduleSchemas,
  schemaHasKey,
  siteConfigProblems,
  type Schema,
} from '@poc-emr/gateway';
import { DISTRO, read } from './lib';

// The site configuration against the config schema of each module as the SPA runs it: the pinned O3
// apps' published src/ (npm pack), the framework the app shell is built with, ours. A key a new version
// renamed, a value of the wrong type or a malformed uuid fails here, not in a browser console where the
// setting would silently not apply.

let schemas: Record<string, Schema>;

beforeAll(() => {
  schemas = moduleSchemas();
}, 300_000);

const siteFiles = fs
  .readdirSync(path.join(DISTRO, 'frontend', 'config'))
  .map((file) => ({ file, config: JSON.parse(read(`frontend/config/${file}`)) as Record<string, unknown> }));

test('every module of the SPA has its schema: the framework, each pinned O3 app, each of ours', () => {
  expect(Object.keys(schemas)).toEqual(
    expect.arrayContaining([
      '@openmrs/esm-styleguide',
      '@openmrs/esm-login-app',
      '@openmrs/esm-patient-chart-app',
      '@poc-emr/esm-registration-app',
    ]),
  );
  // read from the code, not an empty stand-in
  expect(Object.keys(schemas['@openmrs/esm-login-app'])).toEqual(expect.arrayContaining(['chooseLocation', 'links']));
});

test('the site configuration sets only keys the modules have, with values of their types', () => {
  const accepted = ACCEPTED_CONFIG_PROBLEMS.map((a) => a.problem);
  const problems = siteFiles.flatMap(({ file, config }) =>
    siteConfigProblems(config, schemas)
      .filter((p) => !accepted.includes(p))
      .map((p) => `${file}: ${p}`),
  );
  expect(problems).toEqual([]);
});

test('the check finds a renamed key, a wrong type, a malformed uuid, a refused value and an unknown module', () => {
  const broken = {
    '@openmrs/esm-login-app': {
      chooseLocation: { enabld: true, numberToShow: 0, enabled: 'yes' },
      provider: { type: 'saml' },
    },
    '@openmrs/esm-patient-vitals-app': { concepts: { pulseUuid: 'not-a-uuid' } },
    '@openmrs/esm-patient-search-app': { extensionSlots: { x: { remove: ['y'] } }, 'Display conditions': {} },
    '@openmrs/esm-nope-app': {},
  };
  expect(siteConfigProblems(broken, schemas)).toEqual([
    "Unknown config key '@openmrs/esm-login-app.chooseLocation.enabld' provided. Ignoring.",
    'Invalid configuration value 0 for @openmrs/esm-login-app.chooseLocation.numberToShow: Must be greater than zero',
    'Invalid configuration value yes for @openmrs/esm-login-app.chooseLocation.enabled: must be a boolean',
    expect.stringMatching(
      /^Invalid configuration value saml for @openmrs\/esm-login-app\.provider\.type: Must be one of/,
    ),
    'Invalid configuration value not-a-uuid for @openmrs/esm-patient-vitals-app.concepts.pulseUuid: must be a valid UUID or a 36-character hexadecimal string',
    '@openmrs/esm-nope-app: no such module in the SPA',
  ]);
});

test("a key path the framework logs is found in its module's schema, or not", () => {
  expect(schemaHasKey(schemas, '@openmrs/esm-login-app.chooseLocation')).toBe(true);
  expect(schemaHasKey(schemas, '@openmrs/esm-login-app.chooseLocation.useLoginLocationTag')).toBe(true);
  expect(schemaHasKey(schemas, '@poc-emr/esm-registration-app.hivTest')).toBe(true);
  expect(schemaHasKey(schemas, '@openmrs/esm-patient-search-app.Translation overrides')).toBe(true);
  expect(schemaHasKey(schemas, '@openmrs/esm-login-app.chooseLocations')).toBe(false);
  expect(schemaHasKey(schemas, '@openmrs/esm-nope-app.x')).toBe(false);
  expect(schemaHasKey(schemas, 'nonsense')).toBe(false);
});
