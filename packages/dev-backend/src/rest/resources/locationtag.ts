import { metadataResource, metadataPrivileges } from '../metadata';

export const locationtag = metadataResource({
  name: 'locationtag',
  version: '1.8',
  table: 'location_tag',
  key: 'location_tag_id',
  privileges: metadataPrivileges('Get Locations', 'Manage Location Tags', 'Purge Location Tags'),
});
