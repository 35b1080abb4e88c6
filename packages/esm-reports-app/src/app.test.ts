import fs from 'node:fs';
import path from 'node:path';
import en from '../translations/en.json';
import pt from '../translations/pt.json';
import { getDefaultsFromConfigSchema } from '@openmrs/esm-framework';
import { configSchema } from './config-schema';
import routes from './routes.json';

const SRC = __dirname;

function sources(dir = SRC): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
}

const code = sources().map((f) => fs.readFileSync(f, 'utf8'));

/** t('key', 'English default'[, values]) calls; DashboardExtension translates its title with t(title) itself. */
const used = new Map<string, string | undefined>([
  ...code.flatMap((text) =>
    [...text.matchAll(/\bt\(\s*'(\w+)'(?:,\s*'([^']*)')?\s*[,)]/g)].map((m) => [m[1], m[2]] as const),
  ),
  ...code.flatMap((text) =>
    [...text.matchAll(/<DashboardExtension[^>]*\btitle="(\w+)"/g)].map((m) => [m[1], undefined] as const),
  ),
]);

test('en.json has exactly the keys the code uses, with the defaults written there', () => {
  expect(Object.keys(en).sort()).toEqual([...used.keys()].sort());
  for (const [key, fallback] of used)
    if (fallback !== undefined) expect([key, en[key as keyof typeof en]]).toEqual([key, fallback]);
});

/** Written the same in both languages. */
const SAME_IN_PORTUGUESE = ['nid', 'downloadDhis2', 'total'];

test('pt.json translates every key of en.json', () => {
  expect(Object.keys(pt).sort()).toEqual(Object.keys(en).sort());
  for (const key of Object.keys(en) as (keyof typeof en)[])
    if (!SAME_IN_PORTUGUESE.includes(key)) expect([key, pt[key]]).not.toEqual([key, en[key]]);
});

test('routes.json names only components that index.ts exports', () => {
  const index = fs.readFileSync(path.join(SRC, 'index.ts'), 'utf8');
  const exported = [...index.matchAll(/export const (\w+) = get(?:Sync|Async)Lifecycle/g)].map((m) => m[1]);
  const components = [...routes.extensions, ...routes.pages].map((e) => e.component);
  expect(components.sort()).toEqual(exported.sort());
});

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
