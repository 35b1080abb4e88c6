import { cell, retired } from '../configuration';
import { DESCRIPTION, NAME, EPTS_ID, ref, RETIRE, text, UUID, type DomainDef } from './types';

/** The drug table has no description column: `Description` is accepted and not stored. */
export const drugs: DomainDef = {
  folder: 'drugs',
  label: 'drug',
  table: 'drug',
  columns: [
    UUID,
    RETIRE,
    NAME,
    DESCRIPTION,
    { header: 'Concept Drug', cell: ref('concepts'), headerRequired: true, required: true },
    { header: 'Concept Dosage Form', cell: ref('concepts') },
    { header: 'Strength', cell: text },
    EPTS_ID,
  ],
  load: (ctx, rows) =>
    ctx.syncMetadata('drugs', 'drug', rows, async (r) => ({
      name: cell(r, 'Name'),
      concept_id: await ctx.id('concept', cell(r, 'Concept Drug')!),
      dosage_form: await ctx.optionalId('concept', cell(r, 'Concept Dosage Form')),
      strength: cell(r, 'Strength'),
      retired: retired(r),
    })),
};
