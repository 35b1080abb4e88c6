import { metadataResource } from '../metadata';

export const visittype = metadataResource({
  name: 'visittype',
  version: '1.9',
  table: 'visit_type',
  key: 'visit_type_id',
  privileges: { read: 'Get Visit Types', write: 'Manage Visit Types' },
});
