import { metadataResource, metadataPrivileges } from '../metadata';

// EncounterTypeResource 1.8. Its representations leave out the view and edit privileges, but a custom
// representation reaches them through the delegate's getters (the O3 chart asks for both).
export const encountertype = metadataResource({
  name: 'encountertype',
  version: '1.8',
  table: 'encounter_type',
  key: 'encounter_type_id',
  privileges: metadataPrivileges('Get Encounter Types', 'Manage Encounter Types', 'Purge Encounter Types'),
  properties: {
    viewPrivilege: { column: 'view_privilege', resource: 'privilege' },
    editPrivilege: { column: 'edit_privilege', resource: 'privilege' },
  },
  required: ['name', 'description'],
});
