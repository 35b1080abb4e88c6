import { cell, flag, int, retired } from '../configuration';
import { bool, EPTS_ID, integer, RETIRE, text, UUID, type DomainDef } from './types';

/** relationship_type has no name column: Initializer's optional `Name` is not stored. */
export const relationshipTypes: DomainDef = {
  folder: 'relationshiptypes',
  label: 'relationship type',
  table: 'relationship_type',
  columns: [
    UUID,
    RETIRE,
    { header: 'Name', cell: text },
    { header: 'Description', cell: text, headerRequired: true, required: true },
    { header: 'A is to B', cell: text, headerRequired: true, required: true },
    { header: 'B is to A', cell: text, headerRequired: true, required: true },
    { header: 'Weight', cell: integer },
    { header: 'Preferred', cell: bool },
    EPTS_ID,
  ],
  load: (ctx, rows) =>
    ctx.syncMetadata('relationshiptypes', 'relationship_type', rows, (r) => ({
      description: cell(r, 'Description'),
      a_is_to_b: cell(r, 'A is to B'),
      b_is_to_a: cell(r, 'B is to A'),
      weight: int(r, 'Weight') ?? 0,
      preferred: flag(r, 'Preferred'),
      retired: retired(r),
    })),
};
