import { metadataResource, metadataPrivileges } from '../metadata';

// FormResource 1.9: the encounter type it records, version, build, published and its resources.
const form_ = metadataResource({
  name: 'form',
  version: '1.9',
  table: 'form',
  key: 'form_id',
  privileges: metadataPrivileges('Get Forms', 'Manage Forms', 'Manage Forms'),
  properties: {
    encounterType: { column: 'encounter_type', resource: 'encountertype' },
    version: { column: 'version' },
    build: { column: 'build', type: 'number' },
    published: { column: 'published', type: 'boolean' },
    resources: {
      resource: 'formresource',
      get: (row, ctx) =>
        ctx.sql.rows('SELECT * FROM form_resource WHERE form_id = ? ORDER BY form_resource_id', [row.form_id]),
    },
  },
  creatable: ['version', 'encounterType', 'build', 'published'],
  required: ['name', 'version'],
});

export const form = {
  ...form_,
  representations: {
    default: 'uuid,display,name,description,encounterType:ref,version,build,published,retired,resources:ref',
    full: 'uuid,display,name,description,encounterType,version,build,published,retired,auditInfo,resources',
  },
};
