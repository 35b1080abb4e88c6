import { metadataResource } from '../metadata';

export const locationattributetype = metadataResource({
  name: 'locationattributetype',
  version: '1.9',
  table: 'location_attribute_type',
  key: 'location_attribute_type_id',
  privileges: { read: 'Get Location Attribute Types', write: 'Manage Location Attribute Types' },
  properties: {
    minOccurs: { column: 'min_occurs', type: 'number' },
    maxOccurs: { column: 'max_occurs', type: 'number' },
    datatypeClassname: { column: 'datatype' },
    datatypeConfig: { column: 'datatype_config' },
    preferredHandlerClassname: { column: 'preferred_handler' },
    handlerConfig: { column: 'handler_config' },
  },
  fields: 'minOccurs,maxOccurs,datatypeClassname,datatypeConfig,preferredHandlerClassname,handlerConfig',
  creatable: [
    'minOccurs',
    'maxOccurs',
    'datatypeClassname',
    'datatypeConfig',
    'preferredHandlerClassname',
    'handlerConfig',
  ],
  required: ['name', 'datatypeClassname'],
});
