import { metadataResource } from '../metadata';

// FormResource 1.9: the encounter type it records, version, build and published.
const form_ = metadataResource({
  name: 'form',
  version: '1.9',
  table: 'form',
  key: 'form_id',
  privileges: { read: 'Get Forms', write: 'Manage Forms' },
  properties: {
    encounterType: { column: 'encounter_type', resource: 'encountertype' },
    version: { column: 'version' },
    build: { column: 'build', type: 'number' },
    published: { column: 'published', type: 'boolean' },
  },
  creatable: ['version', 'encounterType', 'build', 'published'],
  required: ['name', 'version'],
});

export const form = {
  ...form_,
  representations: {
    default: 'uuid,display,name,description,encounterType:ref,version,build,published,retired',
    full: 'uuid,display,name,description,encounterType,version,build,published,retired,auditInfo',
  },
};
