import { cell, int, type Row } from '../configuration';
import { nameDescription } from '../load-context';
import { DESCRIPTION, NAME, EPTS_ID, integer, RETIRE, text, UUID, type DomainDef, type NameSet } from './types';

/** Entity name → its attribute type table. */
const TABLES: Record<string, string> = {
  Location: 'location_attribute_type',
  Visit: 'visit_attribute_type',
  Provider: 'provider_attribute_type',
  Concept: 'concept_attribute_type',
  Program: 'program_attribute_type',
};

export const LOCATION_ATTRIBUTE_TYPES: NameSet = {
  label: 'location attribute type',
  domain: 'attributetypes',
  column: 'Name',
  where: (row) => cell(row, 'Entity name') === 'Location',
  orUuid: true,
};

export const attributeTypes: DomainDef = {
  folder: 'attributetypes',
  label: 'attribute type',
  table: 'location_attribute_type',
  columns: [
    UUID,
    RETIRE,
    {
      header: 'Entity name',
      cell: { type: 'enum', values: Object.keys(TABLES) },
      headerRequired: true,
      required: true,
    },
    NAME,
    DESCRIPTION,
    { header: 'Min occurs', cell: integer },
    { header: 'Max occurs', cell: integer },
    { header: 'Datatype classname', cell: text, headerRequired: true, required: true },
    { header: 'Datatype config', cell: text },
    { header: 'Preferred handler classname', cell: text },
    { header: 'Handler config', cell: text },
    EPTS_ID,
  ],
  async load(ctx, rows) {
    for (const [entity, table] of Object.entries(TABLES)) {
      const ofEntity = rows.filter((r: Row) => cell(r, 'Entity name') === entity);
      if (ofEntity.length === 0) continue;
      await ctx.syncMetadata('attributetypes', table, ofEntity, (r) => ({
        ...nameDescription(r),
        min_occurs: int(r, 'Min occurs') ?? 0,
        max_occurs: int(r, 'Max occurs'),
        datatype: cell(r, 'Datatype classname'),
        datatype_config: cell(r, 'Datatype config'),
        preferred_handler: cell(r, 'Preferred handler classname'),
        handler_config: cell(r, 'Handler config'),
      }));
    }
  },
};
