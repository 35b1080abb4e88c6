import fs from 'node:fs';
import path from 'node:path';
import en from '../translations/en.json';
import pt from '../translations/pt.json';
import { getDefaultsFromConfigSchema } from '@openmrs/esm-framework';
import { appSources, testCatalogue } from '../../../config/jest.app-catalogue';
import { configSchema } from './config-schema';
import routes from './routes.json';

const SRC = __dirname;
const code = appSources(SRC);

// Translations and routes; `same`: keys written alike in both languages.
testCatalogue(SRC, { en, pt, same: ['nid', 'nidGenerated'] }, routes);

test('the home dashboard fills the slot its meta names, and its link leads to its name', () => {
  const [link, ...rest] = routes.extensions.filter((e) => e.slot === 'homepage-dashboard-slot');
  expect(rest).toEqual([]);
  expect(link.meta).toEqual({ name: 'registo', slot: 'poc-registration-dashboard-slot', title: 'Registo' });
  expect(routes.extensions.some((e) => e.slot === link.meta?.slot)).toBe(true);
  expect(code.join('\n')).toContain(`<DashboardExtension path="${link.meta?.name}"`);
});

test('fills the navigation bar and the action menus where the stock registration app would', () => {
  const slotsOf = (name: string) => {
    const extension = routes.extensions.find((e) => e.name === name) as { slot?: string; slots?: string[] };
    return extension.slots ?? [extension.slot];
  };
  expect(slotsOf('poc-add-patient-action')).toEqual(['top-nav-actions-slot']);
  expect(slotsOf('poc-edit-patient-action')).toEqual(['patient-actions-slot', 'patient-search-actions-slot']);
  expect(routes.pages).toEqual([expect.objectContaining({ component: 'registrationPage', route: 'registo' })]);
});

test('every uuid the configuration defaults to is metadata of distro/configuration', () => {
  const dir = path.join(SRC, '../../../distro/configuration');
  const csv = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.csv'))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
  const defaults = JSON.stringify(getDefaultsFromConfigSchema(configSchema));
  const uuids = defaults.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [];
  expect(uuids.length).toBeGreaterThanOrEqual(12);
  expect(uuids.filter((u) => !csv.includes(u))).toEqual([]);
});
