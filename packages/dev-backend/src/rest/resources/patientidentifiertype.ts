import { metadataResource, metadataPrivileges } from '../metadata';

const FIELDS = [
  'format',
  'formatDescription',
  'required',
  'checkDigit',
  'validator',
  'locationBehavior',
  'uniquenessBehavior',
];

export const patientidentifiertype = metadataResource({
  name: 'patientidentifiertype',
  version: '2.0',
  table: 'patient_identifier_type',
  key: 'patient_identifier_type_id',
  privileges: metadataPrivileges('Get Identifier Types', 'Manage Identifier Types', 'Purge Identifier Types'),
  properties: {
    format: { column: 'format' },
    formatDescription: { column: 'format_description' },
    required: { column: 'required', type: 'boolean' },
    checkDigit: { column: 'check_digit', type: 'boolean' },
    validator: { column: 'validator' },
    locationBehavior: { column: 'location_behavior' },
    uniquenessBehavior: { column: 'uniqueness_behavior' },
  },
  fields: FIELDS.join(','),
  creatable: FIELDS,
  required: ['name', 'description'],
});
