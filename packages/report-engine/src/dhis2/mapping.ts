import fs from 'node:fs';
import type { ReportDefinition } from '../report';
import { cellKey, expectedCells } from '../output/cells';

/** Where one cell of a report goes in DHIS2 (SIS-MA). */
export interface MappedElement {
  indicator: string;
  options: Record<string, string>;
  dataElement: string;
  categoryOptionCombo: string;
}

export interface Dhis2Mapping {
  report: string;
  dataSet: string;
  attributeOptionCombo?: string;
  /** Health Facility Code → organisation unit uid. */
  orgUnits: Record<string, string>;
  elements: MappedElement[];
}

const UID = /^[A-Za-z][A-Za-z0-9]{10}$/;
const TOP_KEYS = ['report', 'dataSet', 'attributeOptionCombo', 'orgUnits', 'elements', '$comment'];
const ELEMENT_KEYS = ['indicator', 'options', 'dataElement', 'categoryOptionCombo'];

/**
 * Reads and checks a mapping file for `report`; every problem is listed with its JSON path, and one
 * problem is enough to refuse the file.
 */
export function readMapping(file: string, report: ReportDefinition): Dhis2Mapping {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Mapping ${file}: ${(error as Error).message}`);
  }
  const problems = mappingProblems(json, report);
  if (problems.length) throw new Error(`Mapping ${file} is invalid:\n  ${problems.join('\n  ')}`);
  return json as Dhis2Mapping;
}

export function mappingProblems(json: unknown, report: ReportDefinition): string[] {
  const problems: string[] = [];
  const uid = (value: unknown, path: string) => {
    if (typeof value !== 'string' || !UID.test(value))
      problems.push(`${path}: not a DHIS2 uid (11 letters/digits, a letter first)`);
  };
  if (!isObject(json)) return ['the file is not a JSON object'];
  for (const key of Object.keys(json)) if (!TOP_KEYS.includes(key)) problems.push(`${key}: unknown key`);
  if (json.report !== report.id) problems.push(`report: ${JSON.stringify(json.report)} is not "${report.id}"`);
  uid(json.dataSet, 'dataSet');
  if (json.attributeOptionCombo !== undefined) uid(json.attributeOptionCombo, 'attributeOptionCombo');
  if (!isObject(json.orgUnits)) problems.push('orgUnits: missing (Health Facility Code → organisation unit uid)');
  else
    for (const [code, value] of Object.entries(json.orgUnits)) {
      if (!/^\d{7}$/.test(code)) problems.push(`orgUnits.${code}: not a 7-digit Health Facility Code`);
      uid(value, `orgUnits.${code}`);
    }
  if (!Array.isArray(json.elements)) return [...problems, 'elements: missing (a list)'];
  const cells = new Set(expectedCells(report).map((c) => cellKey(c.indicator, c.options)));
  const seenCells = new Map<string, number>();
  const seenTargets = new Map<string, number>();
  json.elements.forEach((element: unknown, i: number) => {
    const path = `elements[${i}]`;
    if (!isObject(element)) return problems.push(`${path}: not an object`);
    for (const key of Object.keys(element))
      if (!ELEMENT_KEYS.includes(key)) problems.push(`${path}.${key}: unknown key`);
    uid(element.dataElement, `${path}.dataElement`);
    uid(element.categoryOptionCombo, `${path}.categoryOptionCombo`);
    if (!isObject(element.options)) return problems.push(`${path}.options: missing ({} for the total)`);
    const key = cellKey(String(element.indicator), element.options as Record<string, string>);
    if (!report.indicators.some((ind) => ind.code === element.indicator)) {
      problems.push(`${path}.indicator: ${JSON.stringify(element.indicator)} is not an indicator of ${report.id}`);
    } else if (!cells.has(key)) {
      problems.push(`${path}.options: ${JSON.stringify(element.options)} is not a cell of ${element.indicator}`);
    }
    const target = `${element.dataElement}/${element.categoryOptionCombo}`;
    if (seenCells.has(key)) problems.push(`${path}: the same cell as elements[${seenCells.get(key)}]`);
    if (seenTargets.has(target))
      problems.push(`${path}: the same dataElement and categoryOptionCombo as elements[${seenTargets.get(target)}]`);
    if (!seenCells.has(key)) seenCells.set(key, i);
    if (!seenTargets.has(target)) seenTargets.set(target, i);
  });
  return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
