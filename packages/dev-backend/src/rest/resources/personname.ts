import type { Resource } from '../resource';
import { nameErrors } from '../validators/person';
import { fullName, PERSON_PART } from './person';

// PersonNameResource 1.8; reached as person/<uuid>/name.

const FIELDS: Record<string, string> = {
  givenName: 'given_name',
  middleName: 'middle_name',
  familyName: 'family_name',
  familyName2: 'family_name2',
  prefix: 'prefix',
  familyNamePrefix: 'family_name_prefix',
  familyNameSuffix: 'family_name_suffix',
  degree: 'degree',
};

export const personname: Resource = {
  name: 'personname',
  parent: { resource: 'person', path: 'name', column: 'person_id' },
  version: '1.8',
  kind: 'data',
  table: { name: 'person_name', key: 'person_name_id' },
  properties: {
    ...Object.fromEntries(Object.entries(FIELDS).map(([field, column]) => [field, { column }])),
    preferred: { column: 'preferred', type: 'boolean' },
  },
  representations: {
    default: 'uuid,display,givenName,middleName,familyName,familyName2,voided',
    full: 'uuid,display,givenName,middleName,familyName,familyName2,preferred,prefix,familyNamePrefix,familyNameSuffix,degree,voided,auditInfo',
  },
  display: (row) => fullName(row),
  privileges: PERSON_PART,
  creatable: [...Object.keys(FIELDS), 'preferred'],
  required: ['givenName', 'familyName'],
  validate: async (change) => nameErrors(change),
};
