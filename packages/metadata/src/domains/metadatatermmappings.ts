import { cell, type Row } from '../configuration';
import type { ValidationIssue } from '../issues';
import { METADATA_TABLES, TERMS_FOLDER } from '../terms';
import { RETIRE, text, UUID, type DomainDef } from './types';

/**
 * Metadata term mappings: the names code uses for metadata. Validated here so that every term
 * points at a configured (or core) row of its class; they are read from the configuration at run
 * time and not stored, since the metadatamapping module's tables are not part of the schema.
 */
export const metadataTermMappings: DomainDef = {
  folder: TERMS_FOLDER,
  label: 'metadata term mapping',
  columns: [
    UUID,
    RETIRE,
    { header: 'Mapping source', cell: text, headerRequired: true, required: true },
    { header: 'Mapping code', cell: text, headerRequired: true, required: true },
    {
      header: 'Metadata class name',
      cell: { type: 'enum', values: Object.keys(METADATA_TABLES) },
      headerRequired: true,
      required: true,
    },
    { header: 'Metadata uuid', cell: { type: 'uuid' }, headerRequired: true, required: true },
  ],
  check(rows, ctx) {
    const issues: ValidationIssue[] = [];
    const seen = new Map<string, Row>();
    for (const row of rows) {
      const key = `${cell(row, 'Mapping source')}:${cell(row, 'Mapping code')}`;
      const first = seen.get(key);
      if (first) {
        issues.push({
          file: row.file,
          line: row.line,
          field: 'Mapping code',
          message: `"${key}" is already mapped at ${first.file}:${first.line}`,
        });
      } else seen.set(key, row);
      const target = METADATA_TABLES[cell(row, 'Metadata class name') ?? ''];
      const uuid = cell(row, 'Metadata uuid');
      if (!target || !uuid) continue;
      const issue = ctx.reference(row, 'Metadata uuid', uuid, target.domain);
      if (issue) issues.push(issue);
    }
    return issues;
  },
  load: async () => undefined,
};
