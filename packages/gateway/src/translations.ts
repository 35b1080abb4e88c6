import fs from 'node:fs';
import path from 'node:path';
import { FRONTEND_DIR } from './build-spa';
import { DEFAULT_PACKAGE_CACHE, publishedPackage } from './published';

const repoRoot = path.resolve(FRONTEND_DIR, '..', '..');

export type Strings = Record<string, string>;

/** One translation namespace of the SPA: an app (or the framework's `core`), its English and Portuguese. */
export interface Namespace {
  /** the module name, as the site configuration's keys spell it (`core` for the framework's own strings) */
  name: string;
  en: Strings;
  /** the app's own pt.json (empty when it has none) */
  pt: Strings;
}

/**
 * Values that are the same word in Portuguese as in English, reviewed one by one: acronyms and
 * names used as such in Mozambique's health system. A value here may be left untranslated.
 */
export const SAME_IN_PORTUGUESE: ReadonlySet<string> = new Set([
  '{{pageItemsCount}} / {{count}} item',
  'DHIS2 (dataValueSets)',
  'Dose',
  'HIV / TARV',
  'N/A',
  'NID',
  'NID {{nid}}',
  'Resumo Mensal B13',
  'SpO2',
  'Total',
  'TPT',
]);

export function readJson<T>(file: string, fallback: T): T {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : fallback;
}

/** The O3 apps the SPA assembles, with their pinned versions. */
export function pinnedApps(): Record<string, string> {
  const file = path.join(FRONTEND_DIR, 'spa-assemble-config.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { frontendModules: Record<string, string> }).frontendModules;
}

/** The translations/ folder of a published app, as its npm package ships it (see publishedPackage). */
export function publishedTranslations(name: string, version: string, cache = DEFAULT_PACKAGE_CACHE): Namespace {
  const dir = path.join(publishedPackage(name, version, cache), 'translations');
  if (!fs.existsSync(path.join(dir, 'en.json'))) throw new Error(`${name}@${version} ships no translations/en.json`);
  return { name, en: readJson(path.join(dir, 'en.json'), {}), pt: readJson(path.join(dir, 'pt.json'), {}) };
}

/** The framework's own strings (`getCoreTranslation`), from the esm-translations the app shell is built with. */
export function coreTranslations(): Namespace {
  const dir = path.join(path.dirname(require.resolve('@openmrs/esm-translations/package.json')), 'translations');
  return { name: 'core', en: readJson(path.join(dir, 'en.json'), {}), pt: readJson(path.join(dir, 'pt.json'), {}) };
}

/** Our apps (packages/esm-*-app) and their translations/. */
export function ourTranslations(): Namespace[] {
  const packages = path.join(repoRoot, 'packages');
  return fs
    .readdirSync(packages)
    .filter((d) => /^esm-.+-app$/.test(d))
    .map((d) => {
      const dir = path.join(packages, d);
      const { name } = readJson(path.join(dir, 'package.json'), { name: d });
      return {
        name,
        en: readJson(path.join(dir, 'translations', 'en.json'), {}),
        pt: readJson(path.join(dir, 'translations', 'pt.json'), {}),
      };
    });
}

/** Every namespace the SPA loads: the framework's, the pinned O3 apps' and ours. */
export function shippedTranslations(cache = DEFAULT_PACKAGE_CACHE): Namespace[] {
  return [
    coreTranslations(),
    ...Object.entries(pinnedApps()).map(([name, version]) => publishedTranslations(name, version, cache)),
    ...ourTranslations(),
  ];
}

/** The site configuration's "Translation overrides" for one language, per module (distro/frontend/config). */
export function translationOverrides(language: string): Record<string, Strings> {
  const dir = path.join(FRONTEND_DIR, 'config');
  const overrides: Record<string, Strings> = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const config = readJson<Record<string, { 'Translation overrides'?: Record<string, Strings> }>>(
      path.join(dir, file),
      {},
    );
    for (const [module, options] of Object.entries(config)) {
      const strings = options['Translation overrides']?.[language];
      if (strings) overrides[module] = { ...overrides[module], ...strings };
    }
  }
  return overrides;
}

export interface Gap {
  namespace: string;
  key: string;
  en: string;
  /** the Portuguese the user would see, if any */
  pt?: string;
}

/**
 * The strings a Portuguese session would show in English: keys with no Portuguese value (in the
 * app's pt.json or the site's overrides) or whose Portuguese is the English, unless the English is
 * the same in Portuguese (English is then what i18next falls back to, and right).
 */
export function untranslated(namespaces: Namespace[], overrides: Record<string, Strings>): Gap[] {
  return namespaces.flatMap(({ name, en, pt }) =>
    Object.entries(en)
      .map(([key, english]) => ({ namespace: name, key, en: english, pt: overrides[name]?.[key] ?? pt[key] }))
      .filter((gap) => (!gap.pt?.trim() || gap.pt === gap.en) && !SAME_IN_PORTUGUESE.has(gap.en)),
  );
}

/**
 * Words of Brazil's Portuguese that a Mozambican health worker reads as foreign, with the word used here
 * (several pinned O3 apps ship Brazilian pt.json). Matched at the start of a word, in any case.
 */
export const BRAZILIAN_WORDS: readonly { word: string; mozambican: string }[] = [
  { word: 'você', mozambican: '(no pronoun: "pode…", "deseja…")' },
  { word: 'prontuário', mozambican: 'processo clínico' },
  { word: 'paciente', mozambican: 'utente' },
  { word: 'salvar', mozambican: 'gravar' },
  { word: 'excluir', mozambican: 'apagar' },
  { word: 'deletar', mozambican: 'apagar' },
  { word: 'cadastr', mozambican: 'registar, registo' },
  { word: 'registrar', mozambican: 'registar' },
  { word: 'usuário', mozambican: 'utilizador' },
  { word: 'celular', mozambican: 'telemóvel' },
  { word: 'arquivo', mozambican: 'ficheiro' },
  { word: 'tela', mozambican: 'ecrã' },
];

/** The Portuguese strings a session would show with a word of BRAZILIAN_WORDS in them. */
export function brazilianPortuguese(
  namespaces: Namespace[],
  overrides: Record<string, Strings>,
): (Gap & { word: string })[] {
  const words = BRAZILIAN_WORDS.map(({ word }) => ({ word, pattern: new RegExp(`(?<!\\p{L})${word}`, 'iu') }));
  return namespaces.flatMap(({ name, en, pt }) =>
    Object.entries(en).flatMap(([key, english]) => {
      const portuguese = overrides[name]?.[key] ?? pt[key];
      const found = portuguese ? words.find(({ pattern }) => pattern.test(portuguese)) : undefined;
      return found ? [{ namespace: name, key, en: english, pt: portuguese, word: found.word }] : [];
    }),
  );
}

/** Overrides of keys the namespace does not have: typos, or strings a newer version renamed. */
export function staleOverrides(namespaces: Namespace[], overrides: Record<string, Strings>): string[] {
  return Object.entries(overrides).flatMap(([module, strings]) => {
    const namespace = namespaces.find((n) => n.name === module);
    if (!namespace) return [`${module} (not shipped)`];
    return Object.keys(strings)
      .filter((key) => !(key in namespace.en))
      .map((key) => `${module}: ${key}`);
  });
}
