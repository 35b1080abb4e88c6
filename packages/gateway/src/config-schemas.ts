import fs from 'node:fs';
import path from 'node:path';
import { FRONTEND_DIR } from './build-spa';
import { localApps } from './local-apps';
import { DEFAULT_PACKAGE_CACHE, publishedPackage } from './published';
import { pinnedApps } from './translations';

// The config schema of every module the site configuration configures, read from the code that runs:
// the published package of each pinned O3 app (its src/, as npm has it), the framework the app shell
// is built with (node_modules), our apps. The site configuration is then checked as the framework's
// config system checks it at run time (esm-config's validateStructure, checkType and validators), so a
// key that a new version renamed fails here, not silently in a browser console.

const repoRoot = path.resolve(FRONTEND_DIR, '..', '..');
const FRAMEWORK = path.join(repoRoot, 'node_modules', '@openmrs');

/** A config schema node as esm-config defines it: `_type`, `_default`, `_elements`, `_validators`, or nested keys. */
export interface Schema {
  [key: string]: unknown;
  _type?: string;
  _elements?: Schema;
  _validators?: ((value: unknown) => string | undefined)[];
}

type Exports = Record<string, unknown>;

function resolveTs(file: string): string {
  const found = [file, `${file}.ts`, `${file}.tsx`, path.join(file, 'index.ts')].find(
    (f) => fs.existsSync(f) && fs.statSync(f).isFile(),
  );
  if (!found) throw new Error(`No TypeScript module ${file}`);
  return found;
}

/**
 * Runs a TypeScript module as CommonJS. Relative imports run the same way; the framework's `Type`,
 * `validator` and `validators` are esm-config's own; any other package is left out (schemas import
 * only types from them).
 */
function runTs(file: string, loaded: Map<string, Exports>): Exports {
  const known = loaded.get(file);
  if (known) return known;
  // loaded here, not by every user of the gateway package
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: file,
  });
  const module = { exports: {} as Exports };
  loaded.set(file, module.exports);
  const load = (specifier: string): Exports => {
    if (specifier === '@openmrs/esm-framework' || specifier === '@openmrs/esm-config') return framework(loaded);
    if (specifier.startsWith('.')) return runTs(resolveTs(path.resolve(path.dirname(file), specifier)), loaded);
    return {};
  };
  // the module's own code, transpiled
  new Function('exports', 'require', 'module', outputText)(module.exports, load, module);
  return module.exports;
}

function framework(loaded: Map<string, Exports>): Exports {
  const src = path.join(FRAMEWORK, 'esm-config', 'src');
  return {
    ...runTs(path.join(src, 'types.ts'), loaded),
    ...runTs(path.join(src, 'validators', 'validator.ts'), loaded),
    validators: runTs(path.join(src, 'validators', 'validators.ts'), loaded),
  };
}

/** The schema a module's src/index.ts passes to `defineConfigSchema`, from the file it imports it from. */
export function schemaOf(srcDir: string): Schema {
  const index = fs.readFileSync(path.join(srcDir, 'index.ts'), 'utf8');
  const name = /defineConfigSchema\(\s*[^,]+,\s*(\w+)\s*\)/.exec(index)?.[1];
  const from = name && new RegExp(`import\\s*{[^}]*\\b${name}\\b[^}]*}\\s*from\\s*'([^']+)'`).exec(index)?.[1];
  if (!name || !from) throw new Error(`${srcDir}/index.ts defines no config schema imported from a file`);
  const exported = runTs(resolveTs(path.resolve(srcDir, from)), new Map())[name];
  if (!exported || typeof exported !== 'object') throw new Error(`${srcDir}: ${from} exports no ${name}`);
  return exported as Schema;
}

/** The framework's keys of every module (esm-config's implicit schema). */
const IMPLICIT: Schema = {
  'Display conditions': { privileges: { _type: 'Array' }, expression: { _type: 'String' } },
  'Translation overrides': { _type: 'Object' },
};

/** Every module the site configuration may configure, with its schema as the SPA runs it. */
export function moduleSchemas(cache = DEFAULT_PACKAGE_CACHE): Record<string, Schema> {
  const schemas: Record<string, Schema> = {
    core: {},
    '@openmrs/esm-styleguide': schemaOf(path.join(FRAMEWORK, 'esm-styleguide', 'src')),
  };
  for (const [name, version] of Object.entries(pinnedApps())) {
    schemas[name] = schemaOf(path.join(publishedPackage(name, version, cache), 'src'));
  }
  for (const app of localApps()) schemas[app.name] = schemaOf(path.join(app.dir, 'src'));
  return schemas;
}

type Validator = (value: unknown) => string | undefined;

/** esm-config's type checks per `_type` (its checkType), with its own messages. */
function typeChecks(): Record<string, Validator> {
  const checks = runTs(path.join(FRAMEWORK, 'esm-config', 'src', 'validators', 'type-validators.ts'), new Map());
  const { isArray, isBoolean, isNumber, isObject, isString, isUuid } = checks as Record<string, Validator>;
  return {
    ...{ Array: isArray, Boolean: isBoolean, Number: isNumber, Object: isObject, String: isString },
    ...{ ConceptUuid: isUuid, UUID: isUuid, PersonAttributeTypeUuid: isUuid, PatientIdentifierTypeUuid: isUuid },
  };
}
let TYPE_CHECKS: Record<string, Validator> | undefined;
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** esm-config's messages for a value of the wrong type, or one the schema's validators refuse. */
function valueProblems(schema: Schema, value: unknown, keyPath: string): string[] {
  TYPE_CHECKS ??= typeChecks();
  const checks = [...(schema._type ? [TYPE_CHECKS[schema._type]] : []), ...(schema._validators ?? [])];
  return checks.flatMap((check) => {
    const refused = check(value);
    if (typeof refused !== 'string') return [];
    return typeof value === 'object'
      ? [`Invalid configuration for ${keyPath}: ${refused}`]
      : [`Invalid configuration value ${String(value)} for ${keyPath}: ${refused}`];
  });
}

function branchProblems(schema: Schema, value: unknown, keyPath: string): string[] {
  const problems = valueProblems(schema, value, keyPath);
  if (isPlainObject(value)) {
    if (schema._type === 'Object') {
      const elements = schema._elements;
      if (elements)
        problems.push(...Object.entries(value).flatMap(([k, v]) => branchProblems(elements, v, `${keyPath}.${k}`)));
    } else if (!('_default' in schema || '_type' in schema)) {
      problems.push(...structureProblems(schema, value, keyPath));
    }
  } else if (schema._type === 'Array' && Array.isArray(value) && schema._elements) {
    const elements = schema._elements;
    problems.push(...value.flatMap((v, i) => branchProblems(elements, v, `${keyPath}[${i}]`)));
  }
  return problems;
}

function structureProblems(schema: Schema, config: Record<string, unknown>, keyPath: string): string[] {
  return Object.entries(config).flatMap(([key, value]) => {
    const thisKeyPath = `${keyPath}.${key}`;
    if (!Object.hasOwn(schema, key)) {
      return key === 'extensionSlots' ? [] : [`Unknown config key '${thisKeyPath}' provided. Ignoring.`];
    }
    return branchProblems(schema[key] as Schema, value, thisKeyPath);
  });
}

/**
 * What the framework's config system would log for a site configuration: keys no schema has,
 * values of the wrong type (a uuid where the schema says so), values a schema's validators refuse,
 * modules the SPA does not have.
 */
export function siteConfigProblems(site: Record<string, unknown>, schemas: Record<string, Schema>): string[] {
  return Object.entries(site).flatMap(([module, config]) => {
    const schema = schemas[module];
    if (!schema) return [`${module}: no such module in the SPA`];
    if (!isPlainObject(config)) return [`${module}: not an object`];
    return structureProblems({ ...schema, ...IMPLICIT }, config, module);
  });
}

/**
 * Problems the framework logs for a setting that does apply as we mean it, each with why it stays.
 */
export const ACCEPTED_CONFIG_PROBLEMS: { problem: string; why: string }[] = [
  {
    problem:
      'Invalid configuration for @openmrs/esm-styleguide.patientPhotoConceptUuid: must be a valid UUID or a 36-character hexadecimal string',
    why:
      'esm-styleguide 10.0.0 documents null as the way to turn the patient photo off (usePatientPhoto then asks ' +
      'for no obs), but its ConceptUuid type check still logs it; any uuid instead would cost an /obs request on ' +
      'every chart open for photos no EPTS facility records',
  },
];

/**
 * Whether a key path as the framework logs it (`@openmrs/esm-login-app.chooseLocation`) is a key of its
 * module's schema. esm-config 10.0.0 logs "Unknown config key" for keys a module does have when one of
 * its extensions mounts before the module's startupApp has defined its schema (the extension's config is
 * then checked against the framework's implicit keys only); the setting applies once the schema is there.
 */
export function schemaHasKey(schemas: Record<string, Schema>, keyPath: string): boolean {
  const match = /^(@[^/]+\/[^.]+|[^.]+)\.(.+)$/.exec(keyPath);
  let node: Schema | undefined = match ? { ...schemas[match[1]], ...IMPLICIT } : undefined;
  for (const key of match?.[2].split('.') ?? []) {
    node = node && Object.hasOwn(node, key) ? (node[key] as Schema) : undefined;
  }
  return Boolean(match && schemas[match[1]] && node);
}
