import { likePrefix, type Row } from '../database';
import { fhirInstant } from '../dates';
import type { RequestContext } from '../rest/context';
import { truthy } from '../rest/represent';
import { globalProperty } from '../settings';
import { prune, SearchFilter, type FhirType, type SearchSql } from './types';

// fhir2's PatientTranslator: identifiers with their type as text, names, gender, birthDate,
// deceased, addresses with the OpenMRS address extension, telecom from phone attributes.

const ADDRESS_EXTENSION = 'http://fhir.openmrs.org/ext/address';
const GENDERS: Record<string, string> = { M: 'male', F: 'female', O: 'other', U: 'unknown' };

/** fhir2 takes the contact attribute type from a global property; unset, the phone types are used. */
async function phones(personId: unknown, ctx: RequestContext): Promise<Row[]> {
  const configured = await globalProperty(ctx.sql, 'fhir2.personContactPointAttributeTypeUuid', '');
  return ctx.sql.rows(
    `SELECT a.* FROM person_attribute a JOIN person_attribute_type t ON t.person_attribute_type_id = a.person_attribute_type_id
     WHERE a.person_id = ? AND a.voided = 0 AND ${configured ? 't.uuid = ?' : "(t.name LIKE '%Telefone%' OR t.name LIKE '%Phone%')"}
     ORDER BY a.person_attribute_id`,
    configured ? [personId, configured] : [personId],
  );
}

const dateOnly = (value: unknown) => (value ? String(value).slice(0, 10) : undefined);

async function toFhir(row: Row, ctx: RequestContext): Promise<Record<string, unknown>> {
  const identifiers = await ctx.sql.rows(
    `SELECT i.*, t.name AS type_name, t.uuid AS type_uuid, l.uuid AS location_uuid, l.name AS location_name FROM patient_identifier i
     JOIN patient_identifier_type t ON t.patient_identifier_type_id = i.identifier_type
     LEFT JOIN location l ON l.location_id = i.location_id
     WHERE i.patient_id = ? AND i.voided = 0 ORDER BY i.preferred DESC, i.patient_identifier_id`,
    [row.person_id],
  );
  const names = await ctx.sql.rows(
    'SELECT * FROM person_name WHERE person_id = ? AND voided = 0 ORDER BY preferred DESC, person_name_id',
    [row.person_id],
  );
  const addresses = await ctx.sql.rows(
    'SELECT * FROM person_address WHERE person_id = ? AND voided = 0 ORDER BY preferred DESC, person_address_id',
    [row.person_id],
  );
  const dead = truthy(row.dead);
  return prune({
    resourceType: 'Patient',
    id: row.uuid,
    meta: { lastUpdated: fhirInstant(row.date_changed ?? row.date_created) },
    identifier: identifiers.map((i) =>
      prune({
        id: i.uuid,
        extension: i.location_uuid
          ? [
              {
                url: 'http://fhir.openmrs.org/ext/patient/identifier#location',
                valueReference: {
                  reference: `Location/${String(i.location_uuid)}`,
                  type: 'Location',
                  display: i.location_name,
                },
              },
            ]
          : undefined,
        use: truthy(i.preferred) ? 'official' : 'usual',
        // fhir2's identifier type: the OpenMRS type's uuid as a code (the O3 banner filters and ranks by it)
        type: { coding: [{ code: i.type_uuid }], text: i.type_name },
        value: i.identifier,
      }),
    ),
    active: !truthy(row.voided),
    name: names.map((n) =>
      prune({
        id: n.uuid,
        text: [n.given_name, n.middle_name, n.family_name].filter((p) => p).join(' '),
        family: n.family_name,
        given: [n.given_name, n.middle_name].filter((p) => p),
      }),
    ),
    telecom: (await phones(row.person_id, ctx)).map((a) => ({ id: a.uuid, value: a.value })),
    gender: GENDERS[String(row.gender)] ?? 'unknown',
    birthDate: dateOnly(row.birthdate),
    deceasedBoolean: dead && !row.death_date ? true : dead ? undefined : false,
    deceasedDateTime: dead && row.death_date ? fhirInstant(row.death_date) : undefined,
    address: addresses.map((a) => {
      const extension = Array.from({ length: 15 }, (_, i) => `address${i + 1}`)
        .filter((field) => a[field])
        .map((field) => ({ url: `${ADDRESS_EXTENSION}#${field}`, valueString: a[field] }));
      return prune({
        id: a.uuid,
        extension: extension.length > 0 ? [{ url: ADDRESS_EXTENSION, extension }] : undefined,
        use: 'home',
        city: a.city_village,
        district: a.county_district,
        state: a.state_province,
        postalCode: a.postal_code,
        country: a.country,
      });
    }),
  });
}

const PATIENT = 'EXISTS (SELECT 1 FROM patient pa WHERE pa.patient_id = t.person_id AND pa.voided = 0)';

function search(params: URLSearchParams): SearchSql {
  const nameIn = (fields: string[]) =>
    `EXISTS (SELECT 1 FROM person_name n WHERE n.person_id = t.person_id AND n.voided = 0 AND (${fields
      .map((f) => `n.${f} LIKE ?`)
      .join(' OR ')}))`;
  return new SearchFilter(params, 't.voided = 0', PATIENT)
    .anyOf('_id', 't.uuid = ?')
    .anyOf(
      'identifier',
      'EXISTS (SELECT 1 FROM patient_identifier i WHERE i.patient_id = t.person_id AND i.voided = 0 AND i.identifier = ?)',
    )
    .anyOf('name', nameIn(['given_name', 'middle_name', 'family_name']), likePrefix)
    .anyOf('given', nameIn(['given_name']), likePrefix)
    .anyOf('family', nameIn(['family_name']), likePrefix)
    .anyOf('gender', 't.gender = ?', (g) => Object.entries(GENDERS).find(([, name]) => name === g)?.[0] ?? g)
    .sql('t.person_id');
}

export const Patient: FhirType = {
  table: 'person',
  scope: PATIENT,
  privilege: 'Get Patients',
  toFhir,
  search,
};
