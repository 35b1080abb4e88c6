import fs from 'node:fs';
import { NotUtf8Error, readUtf8 } from './text-file';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import type { ValidationIssue } from './issues';

// The addresshierarchy domain as Initializer hands it to the module's AddressConfigurationLoader:
// addressConfiguration.xml (XStream form of AddressConfiguration) names the levels, top first, and
// the entries file, whose lines are paths of names (`Moçambique,Maputo Província,Manhiça`).

export const ADDRESS_HIERARCHY_FOLDER = 'addresshierarchy';
const CONFIGURATION_FILE = `${ADDRESS_HIERARCHY_FOLDER}/addressConfiguration.xml`;

/** The module's AddressField constants that are PersonAddress properties in OpenMRS 2.7. */
const FIELDS: Record<string, string> = {
  COUNTRY: 'country',
  STATE_PROVINCE: 'stateProvince',
  COUNTY_DISTRICT: 'countyDistrict',
  CITY_VILLAGE: 'cityVillage',
  POSTAL_CODE: 'postalCode',
  LATITUDE: 'latitude',
  LONGITUDE: 'longitude',
  ...Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`ADDRESS_${i + 1}`, `address${i + 1}`])),
};

export interface AddressLevel {
  line: number;
  /** PersonAddress property, e.g. stateProvince. */
  field: string;
  name: string;
  size: string;
  elementDefault: string | null;
  required: boolean;
}

export interface AddressEntry {
  line: number;
  /** Names from the top level down to this entry. */
  path: string[];
}

export interface AddressHierarchy {
  file: string;
  levels: AddressLevel[];
  lineByLineFormat: string[];
  entriesFile: string;
  entries: AddressEntry[];
}

/** Reads the domain if its folder exists; issues are those of syntax and structure only. */
export function readAddressHierarchy(dir: string): { hierarchy?: AddressHierarchy; issues: ValidationIssue[] } {
  if (!fs.existsSync(path.join(dir, ADDRESS_HIERARCHY_FOLDER))) return { issues: [] };
  if (!fs.existsSync(path.join(dir, CONFIGURATION_FILE))) {
    return { issues: [{ file: ADDRESS_HIERARCHY_FOLDER, line: 1, message: `Missing ${CONFIGURATION_FILE}` }] };
  }
  let xmlText: string;
  try {
    xmlText = readUtf8(path.join(dir, CONFIGURATION_FILE));
  } catch (error) {
    if (!(error instanceof NotUtf8Error)) throw error;
    return { issues: [{ file: CONFIGURATION_FILE, line: error.line, message: error.message }] };
  }
  const xml = readElements(xmlText);
  if ('issue' in xml) return { issues: [{ file: CONFIGURATION_FILE, ...xml.issue }] };
  const issues: ValidationIssue[] = [];
  const issue = (line: number, field: string, message: string) =>
    issues.push({ file: CONFIGURATION_FILE, line, field, message });

  const levels: AddressLevel[] = [];
  for (const component of xml.elements.filter((e) => e.path === 'addressComponents/addressComponent')) {
    const child = (name: string) => xml.elements.find((e) => e.parent === component && e.name === name);
    const constant = child('field')?.text.trim() ?? '';
    const field = FIELDS[constant];
    const name = child('nameMapping')?.text.trim() ?? '';
    if (!field) issue(component.line, 'field', `Unknown address field "${constant}" (use ${Object.keys(FIELDS)[0]}…)`);
    else if (levels.some((l) => l.field === field)) issue(component.line, 'field', `${constant} is already a level`);
    if (!name) issue(component.line, 'nameMapping', 'A level needs a name');
    levels.push({
      line: component.line,
      field: field ?? constant,
      name,
      size: child('sizeMapping')?.text.trim() ?? '0',
      elementDefault: child('elementDefault')?.text.trim() || null,
      required: child('requiredInHierarchy')?.text.trim() === 'true',
    });
  }
  const value = (elementPath: string) => xml.elements.find((e) => e.path === elementPath)?.text.trim() ?? '';
  const filename = value('addressHierarchyFile/filename');
  // The module splits with String.split, i.e. by a regular expression.
  const delimiter = value('addressHierarchyFile/entryDelimiter') || '|';
  if (levels.length === 0) issue(1, 'addressComponents', 'No address components');
  if (!filename) issue(1, 'addressHierarchyFile', 'No <addressHierarchyFile><filename>');
  if (delimiter.length !== 1 || '\\^$.|?*+()[]{}'.includes(delimiter)) {
    issue(
      1,
      'entryDelimiter',
      `Use a plain character such as ",": the module splits lines by the regex "${delimiter}"`,
    );
  }
  const entriesFile = `${ADDRESS_HIERARCHY_FOLDER}/${filename}`;
  if (filename && !fs.existsSync(path.join(dir, entriesFile))) issue(1, 'filename', `Missing ${entriesFile}`);
  if (issues.length > 0) return { issues };

  let text: string;
  try {
    text = readUtf8(path.join(dir, entriesFile)).replace(/^\uFEFF/, '');
  } catch (error) {
    if (!(error instanceof NotUtf8Error)) throw error;
    return { issues: [{ file: entriesFile, line: error.line, message: error.message }] };
  }
  const entries = text
    .split(/\r?\n/)
    .flatMap((line, i) =>
      line.trim() === '' ? [] : [{ line: i + 1, path: line.split(delimiter).map((name) => name.trim()) }],
    );
  const lineByLineFormat = xml.elements.filter((e) => e.path === 'lineByLineFormat/string').map((e) => e.text);
  return { hierarchy: { file: CONFIGURATION_FILE, levels, lineByLineFormat, entriesFile, entries }, issues };
}

interface Element {
  name: string;
  /** Path below the root, e.g. addressComponents/addressComponent/field. */
  path: string;
  parent?: Element;
  line: number;
  text: string;
}

/** Every element below <addressConfiguration>, with its text and line. */
function readElements(xml: string): { elements: Element[] } | { issue: { line: number; message: string } } {
  const parser = new SaxesParser({ position: true });
  const elements: Element[] = [];
  const stack: Element[] = [];
  let failure: { line: number; message: string } | undefined;
  parser.on('error', (error) => {
    failure ??= { line: parser.line, message: `Malformed XML: ${error.message.replace(/^\d+:\d+: /, '')}` };
  });
  parser.on('opentag', (tag) => {
    const parent = stack.at(-1);
    if (!parent && tag.name !== 'addressConfiguration') {
      failure ??= { line: parser.line, message: `Unexpected <${tag.name}>, expected <addressConfiguration>` };
    }
    const elementPath = parent ? [parent.path, tag.name].filter(Boolean).join('/') : '';
    const element = { name: tag.name, path: elementPath, parent, line: parser.line, text: '' };
    if (parent) elements.push(element);
    stack.push(element);
  });
  parser.on('text', (t) => {
    const current = stack.at(-1);
    if (current) current.text += t;
  });
  parser.on('closetag', () => stack.pop());
  parser.write(xml).close();
  return failure ? { issue: failure } : { elements };
}
