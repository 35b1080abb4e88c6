import { SaxesParser } from 'saxes';
import type { AddressEntry, AddressHierarchy } from '../address-configuration';
import { cell, type Row } from '../configuration';
import type { GlobalProperty } from '../global-properties';
import type { ValidationIssue } from '../issues';
import type { LoadContext } from '../load-context';
import { childUuid } from '../values';

// Checks and loads the addresshierarchy domain (read by address-configuration.ts). Unlike the module,
// which quietly creates a level or a branch for whatever a line holds, the checks insist that every
// line names a known level and an entry declared above it, so that a typo cannot start a new branch.

const DOMAIN = 'addresshierarchy';
const NAME_SIZE = 160; // address_hierarchy_entry.name

/** Comparison as the module's lookups do it under a MySQL *_ci collation: no case, no accents. */
const fold = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
const keyOf = (path: string[]) => path.map(fold).join('|');
const show = (path: string[]) => path.join(' > ');

export function checkAddressHierarchy(
  hierarchy: AddressHierarchy,
  locations: Row[],
  globalProperties: GlobalProperty[],
): ValidationIssue[] {
  return [
    ...checkEntries(hierarchy),
    ...checkLocations(hierarchy, locations),
    ...checkTemplate(hierarchy, globalProperties),
  ];
}

function checkEntries(h: AddressHierarchy): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const declared = new Map<string, AddressEntry>();
  for (const entry of h.entries) {
    const { path } = entry;
    const fail = (message: string) => issues.push({ file: h.entriesFile, line: entry.line, message });
    const empty = path.findIndex((name) => name === '');
    const parent = path.slice(0, -1);
    const above = declared.get(keyOf(parent));
    const twin = declared.get(keyOf(path));
    if (path.length > h.levels.length) {
      fail(`Unknown level: ${path.length} names, but ${h.file} has ${h.levels.length} levels`);
    } else if (empty >= 0) {
      fail(`No name at level ${empty + 1} (${h.levels[empty].name})`);
    } else if (path.some((name) => name.length > NAME_SIZE)) {
      fail(`A name is longer than ${NAME_SIZE} characters`);
    } else if (parent.length > 0 && !above) {
      fail(`The parent ${show(parent)} is not on an earlier line`);
    } else if (above && show(above.path) !== show(parent)) {
      fail(`The parent ${show(parent)} is spelled ${show(above.path)} on line ${above.line}`);
    } else if (twin) {
      fail(
        show(twin.path) === show(path)
          ? `Duplicate entry ${show(path)}: also on line ${twin.line}`
          : `${show(path)} differs only in case or accents from ${show(twin.path)} on line ${twin.line}`,
      );
    } else declared.set(keyOf(path), entry);
  }
  return issues;
}

/** PersonAddress property → Initializer's location header. */
const LOCATION_HEADERS: Record<string, string> = {
  country: 'Country',
  stateProvince: 'State/Province',
  countyDistrict: 'County/District',
  cityVillage: 'City/Village',
  postalCode: 'Postal Code',
  ...Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`address${i + 1}`, `Address ${i + 1}`])),
};

/** A location's address, read level by level, is a path of the hierarchy, spelled the same. */
function checkLocations(h: AddressHierarchy, locations: Row[]): ValidationIssue[] {
  const paths = new Set(h.entries.map((e) => show(e.path)));
  return locations.flatMap((row) => {
    const path: string[] = [];
    for (const level of h.levels) {
      const value = cell(row, LOCATION_HEADERS[level.field] ?? '');
      if (value === null) break;
      path.push(value);
      if (!paths.has(show(path))) {
        const parent = path.length > 1 ? ` in ${show(path.slice(0, -1))}` : '';
        const message = `"${value}" is not a ${level.name}${parent} of ${h.entriesFile}`;
        return [{ file: row.file, line: row.line, field: LOCATION_HEADERS[level.field], message }];
      }
    }
    return [];
  });
}

interface TemplateParts {
  nameMappings: Record<string, string>;
  sizeMappings: Record<string, string>;
  elementDefaults: Record<string, string>;
  lineByLineFormat: string[];
}

/**
 * The module writes layout.address.format from addressConfiguration.xml; when globalproperties sets
 * it too, both must describe the same template (the GP may add what the module leaves out, such as
 * requiredElements).
 */
function checkTemplate(h: AddressHierarchy, globalProperties: GlobalProperty[]): ValidationIssue[] {
  const gp = globalProperties.find((g) => g.property === 'layout.address.format');
  if (!gp?.value) return [];
  const actual = readTemplate(gp.value);
  const expected: TemplateParts = {
    nameMappings: Object.fromEntries(h.levels.map((l) => [l.field, l.name])),
    sizeMappings: Object.fromEntries(h.levels.map((l) => [l.field, l.size])),
    elementDefaults: Object.fromEntries(
      h.levels.flatMap((l) => (l.elementDefault ? [[l.field, l.elementDefault]] : [])),
    ),
    lineByLineFormat: h.lineByLineFormat,
  };
  return (Object.keys(expected) as Array<keyof TemplateParts>).flatMap((part) => {
    const [here, there] = [actual[part], expected[part]];
    const difference = Array.isArray(here)
      ? show(here) === show(there as string[])
        ? undefined
        : `${show(here)} here, ${show(there as string[])} there`
      : [...new Set([...Object.keys(here), ...Object.keys(there)])]
          .filter((k) => here[k] !== (there as Record<string, string>)[k])
          .map((k) => `${k} is "${here[k] ?? ''}" here, "${(there as Record<string, string>)[k] ?? ''}" there`)[0];
    const message = `${part} differ from ${h.file}: ${difference}`;
    return difference ? [{ file: gp.file, line: gp.line, field: gp.property, message }] : [];
  });
}

/** The parts of an XStream AddressTemplate that addressConfiguration.xml determines. */
function readTemplate(xml: string): TemplateParts {
  const parts: TemplateParts = { nameMappings: {}, sizeMappings: {}, elementDefaults: {}, lineByLineFormat: [] };
  const parser = new SaxesParser();
  const stack: string[] = [];
  let text = '';
  parser.on('error', () => undefined); // a malformed template then simply differs
  parser.on('opentag', (tag) => {
    const map = stack.at(-1) as keyof TemplateParts;
    const { name, value } = tag.attributes as Record<string, string>;
    if (tag.name === 'property' && map !== 'lineByLineFormat' && map in parts) parts[map][name] = value;
    stack.push(tag.name);
    text = '';
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('closetag', (tag) => {
    stack.pop();
    if (tag.name === 'string' && stack.at(-1) === 'lineByLineFormat') parts.lineByLineFormat.push(text);
  });
  parser.write(xml).close();
  return parts;
}

/**
 * Levels top-down, each naming the one above; then entries level by level, each naming its parent.
 * Uuids derive from the address field and from the entry's path, so a reload finds the same rows;
 * entries no longer configured are deleted (their descendants with them).
 */
export async function loadAddressHierarchy(ctx: LoadContext, h: AddressHierarchy): Promise<void> {
  const levelIds: number[] = [];
  for (const [depth, level] of h.levels.entries()) {
    const uuid = childUuid('address_hierarchy_level', level.field);
    const ids = await ctx.sync(
      DOMAIN,
      { table: 'address_hierarchy_level', key: ['uuid'], pk: 'address_hierarchy_level_id' },
      [
        {
          values: {
            uuid,
            name: level.name,
            address_field: level.field,
            required: level.required,
            parent_level_id: levelIds[depth - 1] ?? null,
          },
          origin: `${h.file}:${level.line}`,
        },
      ],
    );
    levelIds.push(ids.get(uuid)!);
  }
  const uuidOf = (path: string[]) => childUuid('address_hierarchy_entry', show(path));
  const entryIds = new Map<string, number>();
  for (const [depth, levelId] of levelIds.entries()) {
    const entries = h.entries.filter((e) => e.path.length === depth + 1);
    const ids = await ctx.sync(
      DOMAIN,
      {
        table: 'address_hierarchy_entry',
        key: ['uuid'],
        pk: 'address_hierarchy_entry_id',
        stale: { column: 'level_id', values: [levelId], action: 'delete' },
      },
      entries.map((e) => ({
        values: {
          uuid: uuidOf(e.path),
          name: e.path[depth],
          level_id: levelId,
          parent_id: depth === 0 ? null : entryIds.get(show(e.path.slice(0, -1)))!,
        },
        origin: `${h.entriesFile}:${e.line}`,
      })),
    );
    for (const e of entries) entryIds.set(show(e.path), ids.get(uuidOf(e.path))!);
  }
}
