import type { Resource } from '../resource';

// ConceptNameResource 1.9; reached as concept/<uuid>/name. Read-only here.
export const conceptname: Resource = {
  name: 'conceptname',
  parent: { resource: 'concept', path: 'name', column: 'concept_id' },
  version: '1.9',
  kind: 'data',
  table: { name: 'concept_name', key: 'concept_name_id' },
  properties: {
    name: { column: 'name' },
    locale: { column: 'locale' },
    localePreferred: { column: 'locale_preferred', type: 'boolean' },
    conceptNameType: { column: 'concept_name_type' },
  },
  representations: {
    ref: 'uuid,display',
    default: 'display,uuid,name,locale,localePreferred,conceptNameType',
    full: 'display,uuid,name,locale,localePreferred,conceptNameType,auditInfo',
  },
  display: (row) => row.name,
  privileges: {
    get: 'Get Concepts',
    create: 'Manage Concepts',
    update: 'Manage Concepts',
    delete: 'Manage Concepts',
    purge: 'Manage Concepts',
  },
};
