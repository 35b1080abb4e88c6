import fs from 'node:fs';
import path from 'node:path';
import en from '../translations/en.json';
import pt from '../translations/pt.json';
import { getDefaultsFromConfigSchema } from '@openmrs/esm-framework';
import { appSources, testCatalogue } from '../../../config/jest.app-catalogue';
import { configSchema, DEFAULT_REGIMENS } from './config-schema';
import routes from './routes.json';

const SRC = __dirname;
const CONFIGURATION = path.join(SRC, '../../../distro/configuration');
const code = appSources(SRC);

// Translations and routes; `same`: keys written alike in both languages.
testCatalogue(SRC, { en, pt, same: ['nid'] }, routes);

test('the home dashboard fills the slot its meta names, its link leads to its name, both behind App: poc.pharmacy', () => {
  const [link] = routes.extensions.filter((e) => e.slot === 'homepage-dashboard-slot');
  expect(link.meta).toEqual({ name: 'farmacia', slot: 'poc-pharmacy-dashboard-slot', title: 'Farmácia' });
  const dashboard = routes.extensions.find((e) => e.slot === link.meta?.slot)!;
  expect(dashboard.privileges).toEqual(['App: poc.pharmacy']);
  expect(link.privileges).toEqual(['App: poc.pharmacy']);
  expect(code.join('\n')).toContain('<DashboardExtension path="farmacia"');
  const privileges = fs.readFileSync(path.join(CONFIGURATION, 'privileges/privileges.csv'), 'utf8');
  expect(privileges).toContain(',App: poc.pharmacy,');
});

test('every default regimen is a concept of distro/configuration and its drugs are drugs there', () => {
  const concepts = fs
    .readdirSync(path.join(CONFIGURATION, 'concepts'))
    .map((f) => fs.readFileSync(path.join(CONFIGURATION, 'concepts', f), 'utf8'))
    .join('\n');
  const drugs = fs.readFileSync(path.join(CONFIGURATION, 'drugs/drugs.csv'), 'utf8');
  for (const regimen of DEFAULT_REGIMENS) {
    expect([regimen.name, concepts.includes(`\n${regimen.conceptUuid},`)]).toEqual([regimen.name, true]);
    for (const drug of regimen.drugs)
      expect([drug.name, drugs.includes(`\n${drug.drugUuid},`)]).toEqual([drug.name, true]);
  }
});

test('the configuration has a default for every key', () => {
  expect(getDefaultsFromConfigSchema(configSchema)).toEqual({
    regimens: DEFAULT_REGIMENS,
    holidays: [],
    idartBridgeUrl: '/ws/idart',
    reportServiceUrl: '/ws/poc-emr',
    listPageSize: 25,
    drugOrderTypeUuid: '131168f4-15f5-102d-96e4-000c29c2a5d7',
  });
});
