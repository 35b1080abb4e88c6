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
testCatalogue(SRC, { en, pt, same: ['nid', 'downloadDhis2', 'total'] }, routes);

test('each home dashboard fills the slot its meta names, its link leads to its name, both behind their privilege', () => {
  const links = routes.extensions.filter((e) => e.slot === 'homepage-dashboard-slot');
  expect(links.map((l) => l.meta)).toEqual([
    { name: 'relatorios', slot: 'poc-reports-dashboard-slot', title: 'Relatórios' },
    { name: 'seguimento', slot: 'poc-follow-up-dashboard-slot', title: 'Seguimento' },
  ]);
  for (const link of links) {
    const dashboard = routes.extensions.find((e) => e.slot === link.meta?.slot)!;
    expect(dashboard.privileges).toEqual(link.privileges);
    expect(code.join('\n')).toContain(`<DashboardExtension path="${link.meta?.name}"`);
  }
  expect(links.map((l) => l.privileges)).toEqual([['Task: poc.run reports'], ['Task: poc.view follow-up lists']]);
});

test('every privilege the app relies on is defined in distro/configuration', () => {
  const privileges = fs.readFileSync(path.join(SRC, '../../../distro/configuration/privileges/privileges.csv'), 'utf8');
  const named = new Set(
    code
      .join('\n')
      .match(/'(?:Task|App): poc\.[^']+'/g)
      ?.map((p) => p.slice(1, -1)),
  );
  for (const e of routes.extensions) for (const p of e.privileges ?? []) named.add(p);
  expect(named.size).toBeGreaterThanOrEqual(4);
  for (const p of named) expect(privileges).toContain(`,${p},`);
});

test('the configuration has a default for every key', () => {
  expect(getDefaultsFromConfigSchema(configSchema)).toEqual({
    serviceUrl: '/ws/poc-emr',
    links: { patientChart: '${openmrsSpaBase}/patient/${patientUuid}/chart' },
    pollSeconds: 1,
    pageSize: 25,
    completenessPeriods: 6,
  });
});
