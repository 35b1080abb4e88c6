import { metadataResource, metadataPrivileges } from '../metadata';

const FIELDS = ['format', 'foreignKey', 'sortWeight', 'searchable', 'editPrivilege'];

export const personattributetype = metadataResource({
  name: 'personattributetype',
  version: '1.8',
  table: 'person_attribute_type',
  key: 'person_attribute_type_id',
  privileges: metadataPrivileges(
    'Get Person Attribute Types',
    'Manage Person Attribute Types',
    'Purge Person Attribute Types',
  ),
  properties: {
    format: { column: 'format' },
    foreignKey: { column: 'foreign_key', type: 'number' },
    sortWeight: { column: 'sort_weight', type: 'number' },
    searchable: { column: 'searchable', type: 'boolean' },
    editPrivilege: { column: 'edit_privilege', resource: 'privilege' },
  },
  fields: 'format,foreignKey,sortWeight,searchable,editPrivilege:ref',
  creatable: FIELDS,
  required: ['name', 'description'],
});
