import type { Resource } from '../resource';
import { NOBODY_CHECKED } from '../resource';

// EncounterProviderResource 1.9; reached as encounter/<uuid>/encounterprovider.
export const encounterprovider: Resource = {
  name: 'encounterprovider',
  parent: { resource: 'encounter', path: 'encounterprovider', column: 'encounter_id' },
  version: '1.9',
  kind: 'data',
  table: { name: 'encounter_provider', key: 'encounter_provider_id' },
  properties: {
    provider: { column: 'provider_id', resource: 'provider' },
    encounterRole: { column: 'encounter_role_id', resource: 'encounterrole' },
  },
  representations: {
    default: 'uuid,display,provider:ref,encounterRole:ref,voided',
    full: 'uuid,display,provider,encounterRole,voided,auditInfo',
  },
  display: async (row, ctx) => {
    const provider = ctx.resource('provider');
    const providerRow = await ctx.row('provider', row.provider_id);
    const role = await ctx.row('encounterrole', row.encounter_role_id);
    const name = providerRow ? await provider.display(providerRow, ctx) : '';
    return `${String(name)}: ${String(role?.name ?? '')}`;
  },
  // RestHelperService.getObjectByUuid has no @Authorized; every change saves the encounter.
  privileges: { get: NOBODY_CHECKED, create: 'Edit Encounters', update: 'Edit Encounters', delete: 'Edit Encounters' },
  creatable: ['provider', 'encounterRole'],
  required: ['provider', 'encounterRole'],
};
