import { checkFormConcepts } from './ampath-form-concepts';
import { checkAmpathForms } from './ampath-forms';
import { readConfiguration, rowsOf, type Configuration, type Row } from './configuration';
import { coreRows } from './core-data';
import { DOMAINS, type DomainDef } from './domains';
import { checkAddressHierarchy } from './domains/addresshierarchy';
import type { Cell, CheckContext, NameSet } from './domains/types';
import type { ValidationIssue } from './issues';
import { isUuid, parseBoolean, parseInteger, parseNumber, splitList } from './values';

export const DOMAIN_FOLDERS = DOMAINS.map((d) => d.folder);

/** Reads and checks a configuration directory; an empty list means it can be loaded. */
export function validateConfiguration(dir: string): ValidationIssue[] {
  return checkConfiguration(readConfiguration(dir, DOMAIN_FOLDERS));
}

interface Located {
  domain: DomainDef;
  row: Row;
}

const where = (row: Row) => `${row.file}:${row.line}`;
const byFolder = new Map(DOMAINS.map((d) => [d.folder, d]));

export function checkConfiguration(config: Configuration): ValidationIssue[] {
  const issues: ValidationIssue[] = [...config.issues];
  const rows = new Map(DOMAINS.map((d) => [d.folder, rowsOf(config, d.folder)]));
  const uuids = indexUuids(rows, issues);
  const nameCache = new Map<NameSet, Set<string>>();
  const names = (set: NameSet) => {
    let found = nameCache.get(set);
    if (!found) {
      found = namesOf(set, rows);
      nameCache.set(set, found);
    }
    return found;
  };

  const reference: CheckContext['reference'] = (row, field, uuid, folder) => {
    const issue = (message: string) => ({ file: row.file, line: row.line, field, message });
    if (!isUuid(uuid)) return issue(`Malformed uuid "${uuid}"`);
    const target = byFolder.get(folder)!;
    const hits = uuids.get(uuid.toLowerCase()) ?? [];
    if (hits.some((h) => h.domain === target)) return undefined;
    if (target.table && coreUuids(target.table).has(uuid.toLowerCase())) return undefined;
    if (hits.length > 0) {
      return issue(`${uuid} is ${article(hits[0].domain.label)} (${where(hits[0].row)}), not ${article(target.label)}`);
    }
    return issue(`No ${target.label} with uuid ${uuid} (expected in ${folder}/)`);
  };

  for (const domain of DOMAINS) {
    for (const file of config.csv.get(domain.folder) ?? []) {
      issues.push(...checkHeaders(domain, file.file, file.headers, names));
      for (const row of file.rows) {
        for (const [header, value] of row.cells) {
          const cell = cellOf(domain, header);
          if (!cell) continue;
          if (value === null) {
            if (domain.columns.find((c) => c.header === header)?.required) {
              issues.push({ file: row.file, line: row.line, field: header, message: 'A value is required' });
            }
            continue;
          }
          const message = checkValue(cell.cell, value, names);
          if (message) issues.push({ file: row.file, line: row.line, field: header, message });
          if (cell.cell.type === 'ref' || cell.cell.type === 'refs') {
            for (const uuid of cell.cell.type === 'ref' ? [value] : splitList(value)) {
              const issue = reference(row, header, uuid, cell.cell.domain);
              if (issue) issues.push(issue);
            }
          }
        }
      }
    }
    issues.push(...duplicateEptsIds(rows.get(domain.folder)!));
    if (domain.check) issues.push(...domain.check(rows.get(domain.folder)!, { rows, reference }));
  }
  issues.push(...duplicateGlobalProperties(config));
  issues.push(...checkAmpathForms(config.ampathForms, rows.get('encountertypes')!));
  issues.push(...checkFormConcepts(config.ampathForms, rows.get('concepts')!));
  if (config.addressHierarchy) {
    issues.push(...checkAddressHierarchy(config.addressHierarchy, rows.get('locations')!, config.globalProperties));
  }
  return issues;
}

function cellOf(domain: DomainDef, header: string): { cell: Cell } | undefined {
  return domain.columns.find((c) => c.header === header) ?? domain.patterns?.find((p) => p.pattern.test(header));
}

function checkHeaders(
  domain: DomainDef,
  file: string,
  headers: string[],
  names: (set: NameSet) => Set<string>,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const column of domain.columns) {
    if (column.headerRequired && !headers.includes(column.header)) {
      issues.push({ file, line: 1, field: column.header, message: 'Missing required header' });
    }
  }
  for (const pattern of domain.patterns ?? []) {
    if (pattern.headerRequired && !headers.some((h) => pattern.pattern.test(h))) {
      issues.push({ file, line: 1, field: pattern.headerRequired, message: 'Missing required header' });
    }
  }
  for (const header of headers) {
    if (header.startsWith('_') || domain.columns.some((c) => c.header === header)) continue; // _order:N…
    const pattern = domain.patterns?.find((p) => p.pattern.test(header));
    if (!pattern) {
      issues.push({ file, line: 1, field: header, message: `Unknown header for ${domain.folder}` });
    } else if (pattern.names) {
      const name = pattern.pattern.exec(header)![1];
      if (!names(pattern.names).has(name))
        issues.push({ file, line: 1, field: header, message: unknownName(pattern.names, name) });
    }
  }
  return issues;
}

function checkValue(cell: Cell, value: string, names: (set: NameSet) => Set<string>): string | undefined {
  switch (cell.type) {
    case 'uuid':
      return isUuid(value) ? undefined : `Malformed uuid "${value}"`;
    case 'boolean':
      return parseBoolean(value) === undefined ? `Not a boolean: "${value}" (use true or false)` : undefined;
    case 'integer':
      return parseInteger(value) === undefined ? `Not an integer: "${value}"` : undefined;
    case 'number':
      return parseNumber(value) === undefined ? `Not a number: "${value}"` : undefined;
    case 'enum':
      return cell.values.includes(value) ? undefined : `"${value}" is not one of ${cell.values.join(', ')}`;
    case 'name':
      return names(cell.of).has(value) ? undefined : unknownName(cell.of, value);
    case 'names': {
      const unknown = splitList(value).filter((v) => !names(cell.of).has(v));
      return unknown.length ? unknown.map((v) => unknownName(cell.of, v)).join('; ') : undefined;
    }
    default:
      return undefined;
  }
}

function unknownName(set: NameSet, name: string): string {
  const places = [set.domain && `${set.domain}/`, set.core && 'OpenMRS core'].filter(Boolean);
  return `Unknown ${set.label} "${name}": not in ${places.join(' nor in ')}`;
}

function namesOf(set: NameSet, rows: ReadonlyMap<string, Row[]>): Set<string> {
  const names = new Set<string>();
  if (set.domain) {
    for (const row of rows.get(set.domain) ?? []) {
      if (set.where && !set.where(row)) continue;
      const name = row.cells.get(set.column!);
      if (name) names.add(name);
      const uuid = row.cells.get('Uuid');
      if (set.orUuid && uuid) names.add(uuid);
    }
  }
  if (set.core) for (const r of coreRows(set.core.table)) names.add(String(r[set.core.column]));
  return names;
}

const coreUuidCache = new Map<string, Set<string>>();

function coreUuids(table: string): Set<string> {
  let uuids = coreUuidCache.get(table);
  if (!uuids) {
    uuids = new Set(coreRows(table).map((r) => String(r.uuid).toLowerCase()));
    coreUuidCache.set(table, uuids);
  }
  return uuids;
}

const article = (label: string) => `${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}`;

/** Every uuid names one row across all domains; the rows of a reused uuid, in load order. */
function indexUuids(rows: ReadonlyMap<string, Row[]>, issues: ValidationIssue[]): Map<string, Located[]> {
  const index = new Map<string, Located[]>();
  for (const domain of DOMAINS) {
    for (const row of rows.get(domain.folder) ?? []) {
      const uuid = row.cells.get('Uuid');
      if (!uuid || !isUuid(uuid)) continue;
      const located = index.get(uuid.toLowerCase()) ?? [];
      index.set(uuid.toLowerCase(), [...located, { domain, row }]);
      const first = located[0];
      if (!first) continue;
      const message =
        first.domain === domain
          ? `Duplicate uuid ${uuid}: also at ${where(first.row)}`
          : `Uuid ${uuid} is already used by ${article(first.domain.label)} at ${where(first.row)}`;
      issues.push({ file: row.file, line: row.line, field: 'Uuid', message });
    }
  }
  return index;
}

function duplicateEptsIds(rows: Row[]): ValidationIssue[] {
  const seen = new Map<number, Row>();
  const issues: ValidationIssue[] = [];
  for (const row of rows) {
    const id = parseInteger(row.cells.get('EPTS id') ?? '');
    if (id === undefined) continue;
    const first = seen.get(id);
    if (first)
      issues.push({
        file: row.file,
        line: row.line,
        field: 'EPTS id',
        message: `Duplicate EPTS id ${id}: also at ${where(first)}`,
      });
    else seen.set(id, row);
  }
  return issues;
}

function duplicateGlobalProperties(config: Configuration): ValidationIssue[] {
  const seen = new Map<string, { file: string; line: number }>();
  const issues: ValidationIssue[] = [];
  for (const gp of config.globalProperties) {
    const first = seen.get(gp.property);
    if (first) {
      issues.push({
        file: gp.file,
        line: gp.line,
        field: gp.property,
        message: `Global property set twice: also at ${first.file}:${first.line}`,
      });
    } else seen.set(gp.property, gp);
  }
  return issues;
}
