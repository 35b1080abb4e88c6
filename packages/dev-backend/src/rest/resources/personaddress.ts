import { addressProperties, ADDRESS_FIELDS } from '../address';
import type { Resource } from '../resource';
import { PERSON_PART } from './person';

// PersonAddressResource 2.0; reached as person/<uuid>/address. Mozambique fills address1–6.

const LIST = `uuid,display,preferred,${ADDRESS_FIELDS.join(',')},startDate,endDate,voided`;

export const personaddress: Resource = {
  name: 'personaddress',
  parent: { resource: 'person', path: 'address', column: 'person_id' },
  version: '2.0',
  kind: 'data',
  table: { name: 'person_address', key: 'person_address_id' },
  properties: {
    ...addressProperties,
    preferred: { column: 'preferred', type: 'boolean' },
    startDate: { column: 'start_date', type: 'date' },
    endDate: { column: 'end_date', type: 'date' },
  },
  representations: { default: LIST, full: `${LIST},auditInfo` },
  display: (row) => row.address1 ?? null,
  privileges: PERSON_PART,
  creatable: [...ADDRESS_FIELDS, 'preferred', 'startDate', 'endDate'],
};
