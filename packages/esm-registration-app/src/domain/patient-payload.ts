import { normaliseNid } from './nid';
import { ADDRESS_FIELDS, ageOn, birthOf, emptyValues, SEXES, type RegistrationValues, type Sex } from './registration';

// Form values ↔ the OpenMRS REST patient: one POST for a new patient (person, names, address, attributes
// and identifiers nested, the uuid chosen here so that a retried save is recognised), and for an edit
// the sub-resource calls that turn what the server holds into what the form shows.

/** The form fields kept as person attributes, each mapped to its attribute type uuid by configuration. */
export const ATTRIBUTE_FIELDS = [
  'phone',
  'phone2',
  'referencePoint',
  'confidantName',
  'confidantRelationship',
  'confidantPhone',
  'hivTestDate',
  'hivTestType',
] as const;
export type AttributeField = (typeof ATTRIBUTE_FIELDS)[number];
export type AttributeTypes = Record<AttributeField, string>;

export interface PatientMapping {
  nidTypeUuid: string;
  otherIdentifierTypeUuids: string[];
  attributeTypes: AttributeTypes;
  hivTestEnabled: boolean;
  /** The session location: where identifiers are recorded */
  locationUuid: string;
  /** yyyy-mm-dd */
  today: string;
}

/** The patient as GET /patient/{uuid}?v=PATIENT_REPRESENTATION gives it. */
export interface SavedPatient {
  uuid: string;
  voided?: boolean;
  identifiers: { uuid: string; identifier: string; preferred?: boolean; identifierType: { uuid: string } }[];
  person: {
    uuid: string;
    gender: string;
    birthdate?: string | null;
    birthdateEstimated?: boolean;
    dead?: boolean;
    deathDate?: string | null;
    preferredName?: { uuid: string; givenName?: string | null; middleName?: string | null; familyName?: string | null };
    preferredAddress?: ({ uuid: string } & Partial<Record<(typeof ADDRESS_FIELDS)[number], string | null>>) | null;
    attributes: { uuid: string; value: unknown; attributeType: { uuid: string } }[];
  };
}

export const PATIENT_REPRESENTATION = `custom:(uuid,voided,identifiers:(uuid,identifier,preferred,identifierType:(uuid)),person:(uuid,gender,birthdate,birthdateEstimated,dead,deathDate,preferredName:(uuid,givenName,middleName,familyName),preferredAddress:(uuid,${ADDRESS_FIELDS.join(',')}),attributes:(uuid,value,attributeType:(uuid))))`;

export interface Operation {
  method: 'POST' | 'DELETE';
  /** relative to /ws/rest/v1 */
  path: string;
  body?: Record<string, unknown>;
}

const trim = (s: string) => s.trim();
const optional = (s: string) => (s.trim() ? s.trim() : undefined);

function attributeValues(values: RegistrationValues, mapping: PatientMapping): [string, string][] {
  return ATTRIBUTE_FIELDS.filter((f) => mapping.hivTestEnabled || !f.startsWith('hivTest'))
    .map(
      (f) =>
        [
          mapping.attributeTypes[f],
          f.toLowerCase().includes('phone') ? values[f].replace(/\s+/g, '') : trim(values[f]),
        ] as [string, string],
    )
    .filter(([type]) => !!type);
}

function personFields(values: RegistrationValues, today: string) {
  const birth = birthOf(values, today);
  return { gender: values.sex, birthdate: birth?.birthdate, birthdateEstimated: birth?.estimated ?? false };
}

function nameFields(values: RegistrationValues) {
  return {
    givenName: trim(values.givenName),
    middleName: optional(values.middleName) ?? '',
    familyName: trim(values.familyName),
  };
}

function addressFields(values: RegistrationValues) {
  return Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, trim(values.address[f])]));
}

/** The NID the patient is saved with: the generated one, or the typed one normalised. */
export function nidOf(values: RegistrationValues, generated?: string): string {
  return values.nidMode === 'generate' ? (generated ?? '') : normaliseNid(values.nid);
}

/** The body of POST /patient. */
export function newPatientPayload(uuid: string, values: RegistrationValues, nid: string, mapping: PatientMapping) {
  const address = addressFields(values);
  const identifiers = [
    { identifier: nid, identifierType: mapping.nidTypeUuid, location: mapping.locationUuid, preferred: true },
    ...mapping.otherIdentifierTypeUuids
      .map((type) => ({ type, value: trim(values.otherIdentifiers[type] ?? '') }))
      .filter((i) => i.value)
      .map((i) => ({ identifier: i.value, identifierType: i.type, location: mapping.locationUuid, preferred: false })),
  ];
  return {
    uuid,
    person: {
      uuid,
      ...personFields(values, mapping.today),
      names: [{ ...nameFields(values), preferred: true }],
      addresses: Object.values(address).some(Boolean) ? [{ ...address, preferred: true }] : [],
      attributes: attributeValues(values, mapping)
        .filter(([, value]) => value)
        .map(([attributeType, value]) => ({ attributeType, value })),
    },
    identifiers,
  };
}

/** The form's values for a saved patient (identifiers other than the configured ones are left alone). */
export function valuesOf(patient: SavedPatient, mapping: PatientMapping): RegistrationValues {
  const values = emptyValues();
  const { person } = patient;
  values.givenName = person.preferredName?.givenName ?? '';
  values.middleName = person.preferredName?.middleName ?? '';
  values.familyName = person.preferredName?.familyName ?? '';
  values.sex = SEXES.includes(person.gender as Sex) ? (person.gender as Sex) : '';
  values.birthdate = person.birthdate?.slice(0, 10) ?? '';
  if (person.birthdateEstimated && values.birthdate) {
    const age = ageOn(values.birthdate, mapping.today);
    Object.assign(values, { birthdateKnown: false, ageYears: String(age.years), ageMonths: String(age.months) });
  }
  values.nidMode = 'manual';
  values.nid = patient.identifiers.find((i) => i.identifierType.uuid === mapping.nidTypeUuid)?.identifier ?? '';
  for (const type of mapping.otherIdentifierTypeUuids)
    values.otherIdentifiers[type] = patient.identifiers.find((i) => i.identifierType.uuid === type)?.identifier ?? '';
  for (const field of ADDRESS_FIELDS) values.address[field] = person.preferredAddress?.[field] ?? '';
  for (const field of ATTRIBUTE_FIELDS) {
    const attribute = person.attributes.find((a) => a.attributeType.uuid === mapping.attributeTypes[field]);
    values[field] = attribute ? String(attribute.value ?? '') : '';
  }
  return values;
}

function changed(current: Record<string, unknown>, wanted: Record<string, unknown>): boolean {
  return Object.entries(wanted).some(([k, v]) => (current[k] ?? '') !== (v ?? ''));
}

/**
 * The calls that bring `patient` (as just read from the server) to `values`. Computed from a fresh read
 * each time, so a save interrupted half-way is finished, not repeated, by the next attempt.
 */
export function editOperations(
  patient: SavedPatient,
  values: RegistrationValues,
  mapping: PatientMapping,
): Operation[] {
  const { person } = patient;
  const ops: Operation[] = [];
  const p = `/person/${person.uuid}`;
  const fields = personFields(values, mapping.today);
  const current = { ...person, birthdate: person.birthdate?.slice(0, 10) };
  // An estimated birthdate is kept while the age it gives today is the age in the form.
  if (!values.birthdateKnown && person.birthdateEstimated && current.birthdate) {
    const age = ageOn(current.birthdate, mapping.today);
    if (String(age.years) === values.ageYears && String(age.months) === (values.ageMonths || '0'))
      fields.birthdate = current.birthdate;
  }
  if (changed(current, fields)) ops.push({ method: 'POST', path: p, body: fields });

  const name = nameFields(values);
  if (!person.preferredName) ops.push({ method: 'POST', path: `${p}/name`, body: { ...name, preferred: true } });
  else if (changed(person.preferredName, name))
    ops.push({ method: 'POST', path: `${p}/name/${person.preferredName.uuid}`, body: name });

  const address = addressFields(values);
  if (person.preferredAddress) {
    if (changed(person.preferredAddress, address))
      ops.push({ method: 'POST', path: `${p}/address/${person.preferredAddress.uuid}`, body: address });
  } else if (Object.values(address).some(Boolean)) {
    ops.push({ method: 'POST', path: `${p}/address`, body: { ...address, preferred: true } });
  }

  for (const [attributeType, value] of attributeValues(values, mapping)) {
    const existing = person.attributes.find((a) => a.attributeType.uuid === attributeType);
    if (existing && !value) ops.push({ method: 'DELETE', path: `${p}/attribute/${existing.uuid}` });
    else if (existing && String(existing.value) !== value)
      ops.push({ method: 'POST', path: `${p}/attribute/${existing.uuid}`, body: { value } });
    else if (!existing && value) ops.push({ method: 'POST', path: `${p}/attribute`, body: { attributeType, value } });
  }

  const wanted: [string, string][] = [
    [mapping.nidTypeUuid, normaliseNid(values.nid)],
    ...mapping.otherIdentifierTypeUuids.map((t) => [t, trim(values.otherIdentifiers[t] ?? '')] as [string, string]),
  ];
  const i = `/patient/${patient.uuid}/identifier`;
  for (const [identifierType, identifier] of wanted) {
    const existing = patient.identifiers.find((x) => x.identifierType.uuid === identifierType);
    if (existing && !identifier) ops.push({ method: 'DELETE', path: `${i}/${existing.uuid}` });
    else if (existing && existing.identifier !== identifier)
      ops.push({ method: 'POST', path: `${i}/${existing.uuid}`, body: { identifier } });
    else if (!existing && identifier)
      ops.push({ method: 'POST', path: i, body: { identifier, identifierType, location: mapping.locationUuid } });
  }
  return ops;
}
