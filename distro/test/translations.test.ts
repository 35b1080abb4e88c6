import path from 'node:path';
import {
  brazilianPortuguese,
  coreTranslations,
  pinnedApps,
  SAME_IN_PORTUGUESE,
  shippedTranslations,
  staleOverrides,
  translationOverrides,
  untranslated,
  type Namespace,
} from '@poc-emr/gateway';
import { readConfiguration } from '@poc-emr/metadata';
import { DISTRO } from './lib';

// Portuguese 100 %: every string of every namespace the SPA loads — the framework's, the pinned O3
// apps' (their published translations/, fetched with npm pack) and ours — reaches a Portuguese session
// in Portuguese, from the app's own pt.json or the site's "Translation overrides".

let shipped: Namespace[];
const overrides = translationOverrides('pt');

beforeAll(() => {
  shipped = shippedTranslations();
}, 180_000);

test('every namespace the SPA loads is checked: the framework, each pinned O3 app, each of ours', () => {
  const names = shipped.map((n) => n.name);
  expect(names).toEqual(
    expect.arrayContaining(['core', ...Object.keys(pinnedApps()), '@poc-emr/esm-registration-app']),
  );
  expect(shipped.every((n) => Object.keys(n.en).length > 0)).toBe(true);
  expect(shipped.reduce((sum, n) => sum + Object.keys(n.en).length, 0)).toBeGreaterThan(1000);
});

test('every English string has a Portuguese value that is not the English', () => {
  expect(untranslated(shipped, overrides).map((g) => `${g.namespace}: ${g.key} = ${g.en}`)).toEqual([]);
});

test('the check finds a missing value, an English one and a blank one, and spares identical words', () => {
  const app: Namespace = {
    name: 'x',
    en: { a: 'Add visit', b: 'Logout', c: 'Total', d: 'Delete', e: 'Edit' },
    pt: { b: 'Logout', c: 'Total', d: 'Apagar', e: ' ' },
  };
  expect(untranslated([app], { x: { d: 'Delete' } }).map((g) => g.key)).toEqual(['a', 'b', 'd', 'e']);
  expect(untranslated([app], { x: { a: 'Iniciar visita', b: 'Sair', d: 'Apagar', e: 'Editar' } })).toEqual([]);
});

test('the strings the field test found in English come out Portuguese', () => {
  const portuguese = (namespace: string, key: string) => {
    const n = shipped.find((s) => s.name === namespace) as Namespace;
    return overrides[namespace]?.[key] ?? n.pt[key];
  };
  const seen: Record<string, string[]> = {
    '@openmrs/esm-login-app': ['builtWith', 'learnMore', 'poweredBySubtext', 'logout'],
    core: ['searchForLocation', 'paginationOfPages', 'errorCopy', 'edit', 'delete'],
    '@openmrs/esm-patient-chart-app': [
      ...['addVisit', 'startVisitWorkspaceTitle', 'new', 'ongoing', 'inThePast', 'theVisitIs'],
      ...['completedForms', 'timeline', 'encounter', 'timeStarted'],
    ],
    '@openmrs/esm-patient-programs-app': ['edit', 'delete', 'activePrograms'],
  };
  for (const [namespace, keys] of Object.entries(seen)) {
    const { en } = shipped.find((s) => s.name === namespace) as Namespace;
    for (const key of keys) {
      expect([key, typeof en[key]]).toEqual([key, 'string']);
      expect([key, portuguese(namespace, key)]).not.toEqual([key, en[key]]);
    }
  }
  expect(portuguese('@openmrs/esm-patient-programs-app', 'activePrograms')).toBe('Programas activos');
});

test("the Portuguese is Mozambique's: no word of Brazil's (você, prontuário, paciente, salvar, excluir…)", () => {
  expect(brazilianPortuguese(shipped, overrides).map((g) => `${g.namespace}: ${g.key} = ${g.pt} (${g.word})`)).toEqual(
    [],
  );
  const app: Namespace = {
    name: 'x',
    en: { a: 'Save', b: 'Delete', c: 'Patient chart', d: 'Pacing' },
    pt: { a: 'Salvar', b: 'Excluir', c: 'Prontuário do paciente', d: 'Ritmo do paciente' },
  };
  const found = (o: Record<string, Record<string, string>>) => brazilianPortuguese([app], o).map((g) => g.key);
  expect(found({})).toEqual(['a', 'b', 'c', 'd']);
  expect(found({ x: { a: 'Gravar', b: 'Apagar', c: 'Processo clínico do utente', d: 'Ritmo' } })).toEqual([]);
  // A word that only contains one of them is spared ("hospitalar" is not "tela", "estela" neither).
  expect(found({ x: { a: 'Gravar', b: 'Apagar', c: 'Estela', d: 'Hospitalar' } })).toEqual([]);
});

test('every override names a key its namespace has (no typo, nothing a newer version renamed)', () => {
  expect(staleOverrides(shipped, overrides)).toEqual([]);
  expect(staleOverrides(shipped, { core: { notAKey: 'x' }, '@openmrs/nope': { a: 'b' } })).toEqual([
    'core: notAKey',
    '@openmrs/nope (not shipped)',
  ]);
});

test('the allow-list of words alike in both languages is short and each entry is still used', () => {
  const english = new Set(shipped.flatMap((n) => Object.values(n.en)));
  expect([...SAME_IN_PORTUGUESE].filter((word) => !english.has(word))).toEqual([]);
  expect(SAME_IN_PORTUGUESE.size).toBeLessThan(20);
});

// The banner labels each part of an address with the framework's strings (core), keyed by the FHIR
// names of the fields; the Mozambican level names are those of the address template the distro sets.
test("the banner's address labels are the levels of the distro's layout.address.format", () => {
  const { globalProperties } = readConfiguration(path.join(DISTRO, 'configuration'), []);
  const template = globalProperties.find((p) => p.property === 'layout.address.format')?.value ?? '';
  const names = template.match(/<nameMappings[^>]*>([\s\S]*?)<\/nameMappings>/)?.[1] ?? '';
  const levels = Object.fromEntries([...names.matchAll(/name="(\w+)" value="([^"]+)"/g)].map((m) => [m[1], m[2]]));
  expect(levels).toMatchObject({ stateProvince: 'Província', countyDistrict: 'Distrito', address5: 'Bairro' });
  const fhirName: Record<string, string> = { stateProvince: 'state', countyDistrict: 'district', cityVillage: 'city' };
  const core = coreTranslations();
  for (const [field, level] of Object.entries(levels)) {
    for (const key of [field, fhirName[field]].filter((k) => k && k in core.en)) {
      expect([key, overrides.core?.[key] ?? core.pt[key]]).toEqual([key, level]);
    }
  }
});
