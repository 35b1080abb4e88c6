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
const SAME_IN_PORTUGUESE = ['nid', 'nidGenerated'];

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
