import fs from 'node:fs';
import path from 'node:path';
import { moduleSchemas, siteConfigProblems, type Schema } from '@poc-emr/gateway';
import { DISTRO, read } from './lib';

// The site configuration against the config schema of each module as the SPA runs it: the pinned O3
// apps' published src/ (npm pack), the framework the app shell is built with, ours. A key a new version
// renamed, a value of the wrong type or a malformed uuid fails here, not in a browser console where the
// setting would silently not apply.

/**
 * Problems the framework logs for a setting that does apply as we mean it, each with why it stays.
 */
const ACCEPTED: { problem: string; why: string }[] = [
  {
    problem:
      'Invalid configuration for @openmrs/esm-styleguide.patientPhotoConceptUuid: must be a valid UUID or a 36-character hexadecimal string',
    why:
      'esm-styleguide 10.0.0 documents null as the way to turn the patient photo off (usePatientPhoto asks for no ' +
      'obs then), but its ConceptUuid type check still logs it; any uuid instead would cost an /obs request on ' +
      'every chart open for photos no EPTS facility records',
  },
];

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
  const accepted = ACCEPTED.map((a) => a.problem);
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
