import type { Resource } from '../resource';
import { PERSON_PART } from './person';

// PersonAttributeResource 1.8; reached as person/<uuid>/attribute. The value is shown as stored:
// the attribute types O3 registration uses (phone numbers) are strings.

export const personattribute: Resource = {
  name: 'personattribute',
  parent: { resource: 'person', path: 'attribute', column: 'person_id' },
  version: '1.8',
  kind: 'data',
  table: { name: 'person_attribute', key: 'person_attribute_id' },
  properties: {
    attributeType: { column: 'person_attribute_type_id', resource: 'personattributetype' },
    value: { column: 'value' },
  },
  representations: {
    default: 'uuid,display,value,attributeType:ref,voided',
    full: 'uuid,display,value,attributeType:ref,voided,auditInfo',
  },
  display: async (row, ctx) => {
    const type = await ctx.row('personattributetype', row.person_attribute_type_id);
    return `${String(type?.name ?? '')} = ${String(row.value)}`;
  },
  privileges: PERSON_PART,
  creatable: ['attributeType', 'value'],
  required: ['attributeType', 'value'],
};
