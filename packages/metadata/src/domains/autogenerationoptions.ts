import { cell, flag } from '../configuration';
import { bool, ref, UUID, type DomainDef } from './types';

/** idgen_auto_generation_option has no retire columns (Initializer ignores Void/Retire here too). */
export const autoGenerationOptions: DomainDef = {
  folder: 'autogenerationoptions',
  label: 'auto-generation option',
  table: 'idgen_auto_generation_option',
  columns: [
    UUID,
    { header: 'Void/Retire', cell: bool },
    { header: 'Identifier type', cell: ref('patientidentifiertypes'), headerRequired: true, required: true },
    { header: 'Location', cell: ref('locations') },
    { header: 'Identifier source', cell: ref('idgen'), headerRequired: true, required: true },
    { header: 'Manual entry enabled', cell: bool },
    { header: 'Auto generation enabled', cell: bool },
  ],
  load: (ctx, rows) =>
    ctx.syncWithIds(
      'autogenerationoptions',
      { table: 'idgen_auto_generation_option', key: ['uuid'], pk: 'id' },
      rows,
      async (r) => ({
        identifier_type: await ctx.id('patient_identifier_type', cell(r, 'Identifier type')!),
        location: await ctx.optionalId('location', cell(r, 'Location')),
        source: await ctx.id('idgen_identifier_source', cell(r, 'Identifier source')!, 'id'),
        manual_entry_enabled: cell(r, 'Manual entry enabled') === null || flag(r, 'Manual entry enabled'),
        automatic_generation_enabled: cell(r, 'Auto generation enabled') === null || flag(r, 'Auto generation enabled'),
      }),
    ),
};
