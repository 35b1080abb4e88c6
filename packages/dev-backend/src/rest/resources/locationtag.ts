import { metadataResource } from '../metadata';

export const locationtag = metadataResource({
  name: 'locationtag',
  version: '1.8',
  table: 'location_tag',
  key: 'location_tag_id',
  privileges: { read: 'Get Locations', write: 'Manage Location Tags', purge: 'Purge Location Tags' },
});
