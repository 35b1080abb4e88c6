import fs from 'node:fs';
import path from 'node:path';
import en from '../translations/en.json';
import pt from '../translations/pt.json';
import { getDefaultsFromConfigSchema } from '@openmrs/esm-framework';
import { appSources, testCatalogue } from '../../../config/jest.app-catalogue';
import { configSchema, type HivCareConfig } from './config-schema';
import routes from './routes.json';

const SRC = __dirname;
const DISTRO = path.join(SRC, '../../../distro/configuration');
const code = appSources(SRC);

testCatalogue(SRC, { en, pt, same: ['hivTarv', 'tpt', 'resumoMensalB13'] }, routes);

test('the HIV / TARV dashboard: its link leads to its path, its slot is filled, all behind the summary privilege', () => {
  const links = routes.extensions.filter((e) => e.slot === 'patient-chart-dashboard-slot');
  const link = links.find((e) => e.name === 'hiv-care-dashboard-link')!;
  expect(link.meta).toEqual({ slot: 'patient-chart-hiv-care-dashboard-slot', path: 'hiv-tarv', title: 'HIV / TARV' });
  expect(routes.extensions.some((e) => e.slot === link.meta?.slot)).toBe(true);
  for (const { meta } of links) expect(code.join('\n')).toContain(`dashboardLink('${meta?.path}'`);
  const ours = routes.extensions.filter((e) => !links.includes(e) || e === link);
  for (const e of ours) expect([e.name, e.privileges]).toEqual([e.name, ['Task: poc.view HIV summary']]);
  expect(ours.map((e) => e.slot).sort()).toEqual([
    'patient-chart-dashboard-slot',
    'patient-chart-hiv-care-dashboard-slot',
    'patient-chart-summary-dashboard-slot',
    'top-of-all-patient-dashboards-slot',
  ]);
});

test("the published apps' dashboards it links to keep their paths and slots; the site configuration removes their own links", () => {
  const site = JSON.parse(
    fs.readFileSync(path.join(SRC, '../../../distro/frontend/config/poc-emr-config.json'), 'utf8'),
  );
  const removed = site['@openmrs/esm-patient-chart-app'].extensionSlots['patient-chart-dashboard-slot'].remove;
  const links = routes.extensions.filter((e) => e.slot === 'patient-chart-dashboard-slot' && !e.privileges);
  expect(links.map((e) => [e.meta?.path, e.meta?.slot])).toEqual([
    ['allergies', 'patient-chart-allergies-dashboard-slot'],
    ['programs', 'patient-chart-programs-dashboard-slot'],
  ]);
  expect(removed).toEqual(['allergies-summary-dashboard', 'programs-summary-dashboard']);
});

test("the form-entry workspace answers to the name and props the chart's encounter list opens forms with", () => {
  expect(routes.workspaces2.map((w) => w.name)).toEqual([
    'patient-form-entry-workspace',
    'hiv-tarv-programme-workspace',
  ]);
  for (const w of routes.workspaces2) expect(routes.workspaceWindows2.map((x) => x.name)).toContain(w.window);
});

test('every privilege the app relies on is defined in distro/configuration and given to the clinical roles', () => {
  const privileges = fs.readFileSync(path.join(DISTRO, 'privileges/privileges.csv'), 'utf8');
  const roles = fs.readFileSync(path.join(DISTRO, 'roles/roles.csv'), 'utf8').split('\n');
  expect(privileges).toContain(',Task: poc.view HIV summary,');
  for (const role of ['Clinician', 'Data Clerk']) {
    expect(roles.find((r) => r.includes(`,${role},`))).toContain('Task: poc.view HIV summary');
  }
});

test('the configuration has a default for every key; its uuids are the TARV programme and states of distro/configuration', () => {
  const defaults = getDefaultsFromConfigSchema(configSchema) as HivCareConfig;
  expect(defaults.serviceUrl).toBe('/ws/poc-emr');
  const read = (file: string) => fs.readFileSync(path.join(DISTRO, file), 'utf8');
  const programme = read('programs/programs.csv')
    .split('\n')
    .find((l) => l.startsWith(defaults.tarvProgram.uuid))!;
  expect(programme).toContain('SERVICO TARV - TRATAMENTO');
  const workflow = read('programworkflows/programworkflows.csv')
    .split('\n')
    .find((l) => l.includes(`,${defaults.tarvProgram.uuid},`))!
    .split(',')[0];
  const states = read('programworkflowstates/programworkflowstates.csv').split('\n');
  const concepts = {
    active: '4a7bec6f',
    transferredIn: 'e1da7d3a',
    transferredOut: 'e1de1cf6',
    suspended: 'e1de1fee',
    abandoned: 'e1de1df0',
    died: 'e1da766e',
  };
  for (const [name, concept] of Object.entries(concepts)) {
    const row = states.find((l) => l.startsWith(defaults.tarvProgram.states[name as keyof typeof concepts]))!;
    expect([name, row.split(',')[2], row.split(',')[3].slice(0, 8)]).toEqual([name, workflow, concept]);
  }
});

test('every form the dashboard offers by default is an O3 form of distro/configuration/ampathforms', () => {
  const defaults = getDefaultsFromConfigSchema(configSchema) as HivCareConfig;
  const names = fs
    .readdirSync(path.join(DISTRO, 'ampathforms'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(DISTRO, 'ampathforms', f), 'utf8')).name);
  for (const form of defaults.forms) expect(names).toContain(form.name);
});
