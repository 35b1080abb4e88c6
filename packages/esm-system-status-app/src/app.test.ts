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

testCatalogue(SRC, { en, pt, same: [] }, routes);

test('the home dashboard fills the slot its meta names, its link leads to its name, both behind the status privilege', () => {
  const [link, ...others] = routes.extensions.filter((e) => e.slot === 'homepage-dashboard-slot');
  expect(others).toEqual([]);
  expect(link.meta).toEqual({
    name: 'estado-do-sistema',
    slot: 'poc-system-status-dashboard-slot',
    title: 'Estado do sistema',
  });
  const dashboard = routes.extensions.find((e) => e.slot === link.meta?.slot)!;
  expect(dashboard.privileges).toEqual(['Task: poc.view system status']);
  expect(link.privileges).toEqual(dashboard.privileges);
  expect(code.join('\n')).toContain(`<DashboardExtension path="${link.meta?.name}"`);
  const privileges = fs.readFileSync(path.join(SRC, '../../../distro/configuration/privileges/privileges.csv'), 'utf8');
  expect(privileges).toContain(',Task: poc.view system status,');
});

test('the configuration has a default for every key', () => {
  expect(getDefaultsFromConfigSchema(configSchema)).toEqual({ serviceUrl: '/ws/poc-emr', refreshSeconds: 60 });
});
