import { metadataResource, metadataPrivileges } from '../metadata';

// EncounterRoleResource 1.9.
export const encounterrole = metadataResource({
  name: 'encounterrole',
  version: '1.9',
  table: 'encounter_role',
  key: 'encounter_role_id',
  privileges: metadataPrivileges('Get Encounter Roles', 'Manage Encounter Roles', 'Purge Encounter Roles'),
});
