import { cell, flag } from '../configuration';
import { nameDescription } from '../load-context';
import { DESCRIPTION, NAME, bool, EPTS_ID, RETIRE, text, UUID, type DomainDef } from './types';

/** Formats whose `Foreign uuid` names a row: the domain it lives in and that row's table. */
const FOREIGN: Record<string, { domain: string; table: string }> = {
  'org.openmrs.Concept': { domain: 'concepts', table: 'concept' },
  'org.openmrs.Location': { domain: 'locations', table: 'location' },
  'org.openmrs.ProgramWorkflow': { domain: 'programworkflows', table: 'program_workflow' },
};

/** `Foreign uuid` becomes person_attribute_type.foreign_key, the integer id of that row. */
export const personAttributeTypes: DomainDef = {
  folder: 'personattributetypes',
  label: 'person attribute type',
  table: 'person_attribute_type',
  columns: [
    UUID,
    RETIRE,
    NAME,
    DESCRIPTION,
    { header: 'Format', cell: text },
    { header: 'Foreign uuid', cell: { type: 'uuid' } },
    { header: 'Searchable', cell: bool },
    EPTS_ID,
  ],
  check: (rows, ctx) =>
    rows.flatMap((r) => {
      const foreign = cell(r, 'Foreign uuid');
      if (foreign === null) return [];
      const target = FOREIGN[cell(r, 'Format') ?? ''];
      if (!target) {
        return [
          {
            file: r.file,
            line: r.line,
            field: 'Format',
            message: `A Foreign uuid needs a Format among ${Object.keys(FOREIGN).join(', ')}`,
          },
        ];
      }
      const issue = ctx.reference(r, 'Foreign uuid', foreign, target.domain);
      return issue ? [issue] : [];
    }),
  load: (ctx, rows) =>
    ctx.syncMetadata('personattributetypes', 'person_attribute_type', rows, async (r) => {
      const foreign = cell(r, 'Foreign uuid');
      return {
        ...nameDescription(r),
        format: cell(r, 'Format'),
        foreign_key: foreign === null ? null : await ctx.id(FOREIGN[cell(r, 'Format')!].table, foreign),
        searchable: flag(r, 'Searchable'),
      };
    }),
};
