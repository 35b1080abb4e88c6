import { cell, flag } from '../configuration';
import { nameDescription } from '../load-context';
import { DESCRIPTION, NAME, bool, EPTS_ID, ref, RETIRE, text, UUID, type DomainDef } from './types';

/** Not an Initializer domain: the legacy EPTS forms that encounters point at (FILA = 130…). */
export const forms: DomainDef = {
  folder: 'forms',
  label: 'form',
  table: 'form',
  columns: [
    UUID,
    RETIRE,
    NAME,
    DESCRIPTION,
    { header: 'Version', cell: text, headerRequired: true, required: true },
    { header: 'Encounter type', cell: ref('encountertypes') },
    { header: 'Published', cell: bool },
    EPTS_ID,
  ],
  load: (ctx, rows) =>
    ctx.syncMetadata('forms', 'form', rows, async (r) => ({
      ...nameDescription(r),
      version: cell(r, 'Version'),
      encounter_type: await ctx.optionalId('encounter_type', cell(r, 'Encounter type')),
      published: flag(r, 'Published'),
    })),
};
