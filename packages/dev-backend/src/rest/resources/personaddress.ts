import type { Resource } from '../resource';

// PersonAddressResource 2.0; reached as person/<uuid>/address. Mozambique fills address1–6.

const FIELDS = [
  'address1',
  'address2',
  'cityVillage',
  'stateProvince',
  'country',
  'postalCode',
  'latitude',
  'longitude',
  'countyDistrict',
  ...Array.from({ length: 12 }, (_, i) => `address${i + 3}`),
];

const column = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const LIST = `uuid,display,preferred,${FIELDS.join(',')},startDate,endDate,voided`;

export const personaddress: Resource = {
  name: 'personaddress',
  parent: { resource: 'person', path: 'address', column: 'person_id' },
  version: '2.0',
  kind: 'data',
  table: { name: 'person_address', key: 'person_address_id' },
  properties: {
    ...Object.fromEntries(FIELDS.map((f) => [f, { column: column(f) }])),
    preferred: { column: 'preferred', type: 'boolean' },
    startDate: { column: 'start_date', type: 'date' },
    endDate: { column: 'end_date', type: 'date' },
  },
  representations: { default: LIST, full: `${LIST},auditInfo` },
  display: (row) => row.address1 ?? null,
  privileges: { read: 'Get People', write: 'Edit People' },
  creatable: [...FIELDS, 'preferred', 'startDate', 'endDate'],
};
