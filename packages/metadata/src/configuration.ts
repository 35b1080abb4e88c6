import fs from 'node:fs';
import path from 'node:path';
import { readAddressHierarchy, type AddressHierarchy } from './address-configuration';
import { readAmpathForms, type AmpathForm } from './ampath-forms';
import { CsvSyntaxError, parseCsv } from './csv';
import { NotUtf8Error, readUtf8 } from './text-file';
import { readGlobalProperties, type GlobalProperty } from './global-properties';
import type { ValidationIssue } from './issues';
import { parseBoolean, parseInteger } from './values';

/** One CSV record: trimmed cells by header, empty cells as null. */
export interface Row {
  file: string;
  line: number;
  cells: ReadonlyMap<string, string | null>;
}

export interface CsvFile {
  file: string;
  headers: string[];
  rows: Row[];
}

/** The configuration directory as read, before any semantic check. */
export interface Configuration {
  dir: string;
  /** CSV files by domain folder, in file-name order. */
  csv: Map<string, CsvFile[]>;
  globalProperties: GlobalProperty[];
  /** The addresshierarchy domain, when its folder exists and could be read. */
  addressHierarchy?: AddressHierarchy;
  /** O3 form schemas of the ampathforms domain. */
  ampathForms: AmpathForm[];
  fileCount: number;
  rowCount: number;
  /** Files that could not be read at all (syntax). */
  issues: ValidationIssue[];
}

export const GLOBAL_PROPERTIES_FOLDER = 'globalproperties';

export function readConfiguration(dir: string, folders: readonly string[]): Configuration {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`No configuration folder at ${dir}`);
  const config: Configuration = {
    dir,
    csv: new Map(),
    globalProperties: [],
    ampathForms: [],
    fileCount: 0,
    rowCount: 0,
    issues: [],
  };
  for (const folder of folders) {
    const files = listFiles(dir, folder, '.csv');
    config.csv.set(folder, []);
    for (const file of files) {
      config.fileCount++;
      try {
        const table = parseCsv(readUtf8(path.join(dir, file)));
        const rows = table.records.map((r) => ({
          file,
          line: r.line,
          cells: new Map(table.headers.map((h, i) => [h, r.cells[i].trim() || null])),
        }));
        config.csv.get(folder)!.push({ file, headers: table.headers, rows });
        config.rowCount += rows.length;
      } catch (error) {
        if (error instanceof NotUtf8Error) config.issues.push({ file, line: error.line, message: error.message });
        else if (error instanceof CsvSyntaxError)
          config.issues.push({ file, line: error.line, message: `Malformed CSV: ${error.message}` });
        else throw error;
      }
    }
  }
  for (const file of listFiles(dir, GLOBAL_PROPERTIES_FOLDER, '.xml')) {
    config.fileCount++;
    let text: string;
    try {
      text = readUtf8(path.join(dir, file));
    } catch (error) {
      if (!(error instanceof NotUtf8Error)) throw error;
      config.issues.push({ file, line: error.line, message: error.message });
      continue;
    }
    const { properties, issues } = readGlobalProperties(text, file);
    config.globalProperties.push(...properties);
    config.rowCount += properties.length;
    config.issues.push(...issues);
  }
  const { hierarchy, issues } = readAddressHierarchy(dir);
  config.issues.push(...issues);
  if (hierarchy) {
    config.addressHierarchy = hierarchy;
    config.fileCount += 2;
    config.rowCount += hierarchy.levels.length + hierarchy.entries.length;
  }
  const forms = readAmpathForms(dir);
  config.ampathForms = forms.forms;
  config.issues.push(...forms.issues);
  config.fileCount += forms.forms.length;
  config.rowCount += forms.forms.length;
  if (config.fileCount === 0) {
    throw new Error(`No configuration files in ${dir}: expected folders such as concepts/ and encountertypes/`);
  }
  return config;
}

function listFiles(dir: string, folder: string, extension: string): string[] {
  const full = path.join(dir, folder);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full)
    .filter((f) => f.toLowerCase().endsWith(extension))
    .sort()
    .map((f) => `${folder}/${f}`);
}

export function rowsOf(config: Configuration, folder: string): Row[] {
  return (config.csv.get(folder) ?? []).flatMap((f) => f.rows);
}

// Typed cell access for loaders; the validator has already checked the values.

export function cell(row: Row, header: string): string | null {
  return row.cells.get(header) ?? null;
}

export function flag(row: Row, header: string): boolean {
  const v = cell(row, header);
  return v === null ? false : parseBoolean(v) === true;
}

export function int(row: Row, header: string): number | null {
  const v = cell(row, header);
  return v === null ? null : (parseInteger(v) ?? null);
}

export function uuidOf(row: Row): string {
  return cell(row, 'Uuid')!;
}

export function retired(row: Row): boolean {
  return flag(row, 'Void/Retire');
}
