import type { Resource } from '../resource';
import { NOBODY_CHECKED } from '../resource';

// FormResourceResource 1.9, reached as form/<uuid>/resource: what a form carries besides its fields
// (O3 form schemas are stored this way). Read-only here; form_resource has no void columns.
export const formresource: Resource = {
  name: 'formresource',
  parent: { resource: 'form', path: 'resource', column: 'form_id' },
  version: '1.9',
  kind: 'data',
  table: { name: 'form_resource', key: 'form_resource_id' },
  properties: {
    name: { column: 'name' },
    valueReference: { column: 'value_reference' },
    dataType: { column: 'datatype' },
    handler: { column: 'preferred_handler' },
    handlerConfig: { column: 'handler_config' },
  },
  representations: {
    ref: 'uuid,display',
    default: 'uuid,name,valueReference,display',
    full: 'uuid,name,valueReference,dataType,handler,handlerConfig,display',
  },
  display: (row) => row.name ?? '',
  // FormService's form resource methods have no @Authorized; DELETE purges.
  privileges: {
    get: NOBODY_CHECKED,
    create: NOBODY_CHECKED,
    update: NOBODY_CHECKED,
    delete: NOBODY_CHECKED,
    purge: NOBODY_CHECKED,
  },
};
