import { metadataResource, metadataPrivileges } from '../metadata';

export const visittype = metadataResource({
  name: 'visittype',
  version: '1.9',
  table: 'visit_type',
  key: 'visit_type_id',
  privileges: metadataPrivileges('Get Visit Types', 'Manage Visit Types', 'Manage Visit Types'),
});
