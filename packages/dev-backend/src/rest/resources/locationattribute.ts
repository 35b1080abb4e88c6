import type { Resource } from '../resource';

// A location's attribute; reached as location/<uuid>/attribute. The value is shown as stored
// (value_reference): the facility code attribute is free text.

export const locationattribute: Resource = {
  name: 'locationattribute',
  parent: { resource: 'location', path: 'attribute', column: 'location_id' },
  version: '1.9',
  kind: 'data',
  table: { name: 'location_attribute', key: 'location_attribute_id' },
  properties: {
    attributeType: { column: 'attribute_type_id', resource: 'locationattributetype' },
    value: { column: 'value_reference' },
  },
  representations: {
    default: 'uuid,display,attributeType:ref,value,voided',
    full: 'uuid,display,attributeType:ref,value,voided,auditInfo',
  },
  display: async (row, ctx) => {
    const type = await ctx.row('locationattributetype', row.attribute_type_id);
    return `${String(type?.name ?? '')}: ${String(row.value_reference)}`;
  },
  privileges: { read: 'Get Locations', write: 'Manage Locations' },
  creatable: ['attributeType', 'value'],
  required: ['attributeType', 'value'],
};
