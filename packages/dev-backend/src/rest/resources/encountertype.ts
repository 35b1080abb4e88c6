import { metadataResource } from '../metadata';

export const encountertype = metadataResource({
  name: 'encountertype',
  version: '1.8',
  table: 'encounter_type',
  key: 'encounter_type_id',
  privileges: { read: 'Get Encounter Types', write: 'Manage Encounter Types' },
  required: ['name', 'description'],
});
