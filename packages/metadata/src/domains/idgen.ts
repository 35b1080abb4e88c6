import { cell, int, uuidOf } from '../configuration';
import { nameDescription } from '../load-context';
import { DESCRIPTION, NAME, OPTIONAL_EPTS_ID, integer, ref, RETIRE, text, UUID, type DomainDef } from './types';

/**
 * Sequential identifier sources: idgen_identifier_source plus idgen_seq_id_gen (same id).
 * next_sequence_value is never written: new sources start at the column default (-1, "not
 * started"), and a reload keeps the identifiers already handed out.
 */
export const idgen: DomainDef = {
  folder: 'idgen',
  label: 'identifier source',
  table: 'idgen_identifier_source',
  columns: [
    UUID,
    RETIRE,
    NAME,
    DESCRIPTION,
    { header: 'Identifier type', cell: ref('patientidentifiertypes'), headerRequired: true, required: true },
    { header: 'Base character set', cell: text, headerRequired: true, required: true },
    { header: 'First identifier base', cell: text, headerRequired: true, required: true },
    { header: 'Prefix', cell: text },
    { header: 'Suffix', cell: text },
    { header: 'Min length', cell: integer },
    { header: 'Max length', cell: integer },
    OPTIONAL_EPTS_ID,
  ],
  async load(ctx, rows) {
    await ctx.syncWithIds('idgen', { table: 'idgen_identifier_source', key: ['uuid'], pk: 'id' }, rows, async (r) => ({
      ...nameDescription(r),
      identifier_type: await ctx.id('patient_identifier_type', cell(r, 'Identifier type')!),
    }));
    const sourceIds = await Promise.all(rows.map((r) => ctx.id('idgen_identifier_source', uuidOf(r), 'id')));
    await ctx.sync(
      'idgen',
      { table: 'idgen_seq_id_gen', key: ['id'] },
      rows.map((r, i) => ({
        values: {
          id: sourceIds[i],
          base_character_set: cell(r, 'Base character set'),
          first_identifier_base: cell(r, 'First identifier base'),
          prefix: cell(r, 'Prefix'),
          suffix: cell(r, 'Suffix'),
          min_length: int(r, 'Min length'),
          max_length: int(r, 'Max length'),
        },
      })),
    );
  },
};
