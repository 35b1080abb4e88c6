// Checks every microfrontend (packages/esm-*-app) makes of its own catalogue: the translation keys its
// code uses against translations/en.json and pt.json, and routes.json against what index.ts exports.
import fs from 'node:fs';
import path from 'node:path';

/** The app's sources (not its tests) under `src`. */
export function appSources(src: string): string[] {
  const files = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))
      .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
  return files(src).map((f) => fs.readFileSync(f, 'utf8'));
}

const COMMONS = path.join(__dirname, '..', 'packages', 'esm-commons-lib', 'src');
const names = (list: string) => list.split(',').map((n) => n.replace(/\btype\b/, '').trim());

/**
 * The shared components' texts are translated in the catalogue of each app that uses them: the sources of
 * the esm-commons-lib files whose exports the app imports (none of them imports another that has texts).
 */
function commonsSources(own: string[]): string[] {
  const index = fs.readFileSync(path.join(COMMONS, 'index.ts'), 'utf8');
  const fileOf = new Map(
    [...index.matchAll(/export \{([^}]*)\} from '\.\/([\w.-]+)'/g)].flatMap((m) => names(m[1]).map((n) => [n, m[2]])),
  );
  const imported = own.flatMap((text) =>
    [...text.matchAll(/import (?:type )?\{([^}]*)\} from '@poc-emr\/esm-commons-lib'/g)].flatMap((m) => names(m[1])),
  );
  const files = new Set(imported.map((n) => fileOf.get(n)).filter((f): f is string => f !== undefined));
  return [...files].map((f) => {
    const file = ['.ts', '.tsx'].map((ext) => path.join(COMMONS, f + ext)).find((p) => fs.existsSync(p));
    return fs.readFileSync(file!, 'utf8');
  });
}

interface Routes {
  pages: Array<{ component: string }>;
  extensions: Array<{ component: string }>;
  workspaces2?: Array<{ component: string }>;
}

/**
 * en.json has exactly the keys the code uses — t('key', 'English default') calls, and DashboardExtension
 * titles (or dashboardLink(path, title) ones), which it translates itself — with those defaults; pt.json translates each of them (but `same`).
 */
export function testCatalogue(
  src: string,
  catalogues: { en: Record<string, string>; pt: Record<string, string>; same: string[] },
  routes: Routes,
): void {
  const own = appSources(src);
  const code = [...own, ...commonsSources(own)];
  const used = new Map<string, string | undefined>([
    ...code.flatMap((text) =>
      [...text.matchAll(/\bt\(\s*'(\w+)'(?:,\s*'([^']*)')?\s*[,)]/g)].map((m) => [m[1], m[2]] as const),
    ),
    ...code.flatMap((text) =>
      [...text.matchAll(/<DashboardExtension[^>]*\btitle="(\w+)"|\bdashboardLink\(\s*'[\w-]+',\s*'(\w+)'\s*[,)]/g)].map(
        (m) => [m[1] ?? m[2], undefined] as const,
      ),
    ),
  ]);
  const { en, pt, same } = catalogues;

  test('en.json has exactly the keys the code uses, with the defaults written there', () => {
    expect(Object.keys(en).sort()).toEqual([...used.keys()].sort());
    for (const [key, fallback] of used) if (fallback !== undefined) expect([key, en[key]]).toEqual([key, fallback]);
  });

  test('pt.json translates every key of en.json', () => {
    expect(Object.keys(pt).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) if (!same.includes(key)) expect([key, pt[key]]).not.toEqual([key, en[key]]);
  });

  test('routes.json names only components (extensions, pages, workspaces) that index.ts exports', () => {
    const index = fs.readFileSync(path.join(src, 'index.ts'), 'utf8');
    const exported = [...index.matchAll(/export const (\w+) = get(?:Sync|Async)Lifecycle/g)].map((m) => m[1]);
    const components = [...routes.extensions, ...routes.pages, ...(routes.workspaces2 ?? [])].map((e) => e.component);
    expect(components.sort()).toEqual(exported.sort());
  });
}
